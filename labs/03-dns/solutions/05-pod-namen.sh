#!/usr/bin/env bash
# Reference solution of step "pod-namen", after 05-pod-namen.yaml: wait for web-0, then resolve a
# name made from an IP and the fixed name. Answer: .status.podIP of lab/web-0.
set -euo pipefail
kubectl -n lab wait --for=condition=Ready pod/web-0 --timeout=120s
kubectl -n lab get pod web-0 -o wide
kubectl -n lab exec probe -- dig +short 10-244-99-99.lab.pod.cluster.local
kubectl -n lab exec probe -- dig +short +search 10-244-99-99.lab.pod
kubectl -n lab exec probe -- dig +short +search web-0.web-headless
