#!/usr/bin/env bash
# Reference solution of step "dnat-ketten": scale web to three endpoints and read kube-proxy's chains.
set -euo pipefail
kubectl -n lab scale deployment web --replicas=3
kubectl -n lab rollout status deployment web --timeout=120s
kubectl -n lab get endpointslices -l kubernetes.io/service-name=web
knoten worker iptables-save -t nat | grep 'lab/web' || true
