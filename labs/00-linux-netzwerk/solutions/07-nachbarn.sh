#!/usr/bin/env bash
# Reference solution of step "nachbarn".
set -euo pipefail
ip netns exec pod1 ping -c 1 -W 2 10.244.1.1
ip -n pod1 neigh
