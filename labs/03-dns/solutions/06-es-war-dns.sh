#!/usr/bin/env bash
# Reference solution of step "es-war-dns", after 06-es-war-dns.yaml: the policies are in force and
# the name no longer resolves (nslookup times out; the ClusterIP itself still answers, which the
# connectivity check measures).
set -euo pipefail
kubectl -n lab get networkpolicies
# kindnet needs a moment to pick up the new policies.
sleep 3
kubectl -n lab exec probe -- nslookup -timeout=2 web || true
