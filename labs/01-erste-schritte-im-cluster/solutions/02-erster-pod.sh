#!/usr/bin/env bash
# Reference solution of step "erster-pod": start pod web and wait until it is ready.
set -euo pipefail
kubectl -n lab run web --image=nginx:1.27 --port=80
kubectl -n lab wait --for=condition=Ready pod/web --timeout=120s
kubectl -n lab get pod web -o wide
