#!/usr/bin/env bash
# Reference solution of step "pod-netze" (only looking).
# Answers: podCIDR of the control-plane node (usually 10.244.0.0/24), the node with 10.244.2.0/24.
set -euo pipefail
kubectl get nodes -o wide
kubectl get nodes -o custom-columns=NAME:.metadata.name,PODCIDR:.spec.podCIDR
