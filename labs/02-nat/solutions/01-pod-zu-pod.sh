#!/usr/bin/env bash
# Reference solution of step "pod-zu-pod": ask every web pod directly which source address it sees.
set -euo pipefail
kubectl -n lab wait --for=condition=Ready pod -l app=web --timeout=120s
kubectl -n lab get pods -o wide
kubectl -n lab get pods -l app=web -o jsonpath='{range .items[*]}{.status.podIP}{"\n"}{end}' | xargs -I{} kubectl -n lab exec client -- curl -s -w '\n' http://{}:8080/clientip
kubectl -n lab get pod client -o jsonpath='{.status.podIP}{"\n"}'
