#!/usr/bin/env bash
# Lab 00 start state: a "server outside the cluster" in its own network namespace `extern`,
# reached from the node over ext0 (192.168.100.1/24 <-> 192.168.100.2/24). It has no route
# back to the pod network on purpose: only NAT on the node makes the pods reach it.
set -euo pipefail
ip netns add extern
ip link add ext0 type veth peer name eth0 netns extern
ip addr add 192.168.100.1/24 dev ext0
ip link set ext0 up
ip -n extern addr add 192.168.100.2/24 dev eth0
ip -n extern link set eth0 up
ip -n extern link set lo up
