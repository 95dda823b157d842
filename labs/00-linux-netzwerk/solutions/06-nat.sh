#!/usr/bin/env bash
# Reference solution of step "nat" (answer: 192.168.100.1).
set -euo pipefail
echo 1 > /proc/sys/net/ipv4/ip_forward
iptables -t nat -A POSTROUTING -s 10.244.1.0/24 -o ext0 -j MASQUERADE
ip netns exec pod1 ping -c 1 -W 2 192.168.100.2
conntrack -L -p icmp
