#!/usr/bin/env bash
# Reference solution of step "egress-sperre", after 05-egress-sperre.yaml: the ClusterIP works,
# the name does not (the DNS trap). curl fails on purpose, hence `|| true`.
set -euo pipefail
# kindnet needs a moment to pick up the new policies.
sleep 3
kubectl -n shop get networkpolicies
kubectl -n shop exec frontend -- curl -sS --max-time 5 http://backend:8080/hostname || true
kubectl -n shop exec frontend -- dig +time=2 +tries=1 backend.shop.svc.cluster.local || true
