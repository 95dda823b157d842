#!/usr/bin/env bash
# Reference solution of step "vergaenglich": delete the web pods, let the ReplicaSet replace them.
# Answer: any current .status.podIP of the pods with app=web (the new ones).
set -euo pipefail
kubectl -n lab get pods -l app=web -o wide
# kubectl delete waits until the old pods are gone; the replacements exist by then.
kubectl -n lab delete pod -l app=web
kubectl -n lab wait --for=condition=Ready pod -l app=web --timeout=120s
kubectl -n lab get pods -l app=web -o wide
