#!/usr/bin/env bash
# Reference solution of step "veth".
set -euo pipefail
ip link add veth-pod1 type veth peer name eth0 netns pod1
ip link add veth-pod2 type veth peer name eth0 netns pod2
ip -n pod1 addr add 10.244.1.2/24 dev eth0
ip -n pod2 addr add 10.244.1.3/24 dev eth0
ip -n pod1 link set eth0 up
ip -n pod1 link set lo up
ip link set veth-pod1 up
ip -n pod2 link set eth0 up
ip -n pod2 link set lo up
ip link set veth-pod2 up
