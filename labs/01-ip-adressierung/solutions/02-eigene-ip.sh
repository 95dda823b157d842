#!/usr/bin/env bash
# Reference solution of step "eigene-ip": start mein-pod and look at its address from inside.
# Answers: .status.podIP and .spec.nodeName of lab/mein-pod.
set -euo pipefail
kubectl -n lab run mein-pod --image=registry.k8s.io/e2e-test-images/agnhost:2.53 -- pause
kubectl -n lab wait --for=condition=Ready pod/mein-pod --timeout=120s
kubectl -n lab get pods -o wide
kubectl -n lab exec mein-pod -- ip -4 addr show eth0
kubectl -n lab exec mein-pod -- ip route
