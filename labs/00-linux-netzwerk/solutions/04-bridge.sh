#!/usr/bin/env bash
# Reference solution of step "bridge".
set -euo pipefail
ip link add cni0 type bridge
ip link set veth-pod1 master cni0
ip link set veth-pod2 master cni0
ip addr add 10.244.1.1/24 dev cni0
ip link set cni0 up
ip netns exec pod1 ping -c 1 -W 2 10.244.1.3
