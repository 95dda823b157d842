#!/usr/bin/env bash
# Reference solution of step "namespaces".
set -euo pipefail
ip netns add pod1
ip netns add pod2
ip netns list
ip netns exec pod1 ip addr
