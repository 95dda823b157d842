#!/usr/bin/env bash
# Reference solution of step "routen".
set -euo pipefail
ip -n pod1 route add default via 10.244.1.1
ip -n pod2 route add default via 10.244.1.1
ip netns exec pod1 ping -c 1 -W 2 192.168.100.1
