#!/usr/bin/env bash
# Reference solution of step "knoten": look at the nodes and their pod CIDRs.
set -euo pipefail
kubectl get nodes -o wide
kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.spec.podCIDR}{"\n"}{end}'
