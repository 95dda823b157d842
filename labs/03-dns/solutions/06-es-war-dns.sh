#!/usr/bin/env bash
# Reference solution of step "es-war-dns", second half: the policies are in force and the name
# no longer resolves (nslookup times out; the ClusterIP itself still answers).
set -euo pipefail
kubectl -n lab get networkpolicies
kubectl -n lab exec probe -- nslookup -timeout=2 web || true
