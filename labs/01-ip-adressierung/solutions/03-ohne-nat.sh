#!/usr/bin/env bash
# Reference solution of step "ohne-nat" (only looking).
# Answers: .spec.nodeName of lab/server; the pod IP of lab/client (what /clientip reports).
set -euo pipefail
kubectl -n lab get pods client server -o wide
SERVER_IP=$(kubectl -n lab get pod server -o jsonpath='{.status.podIP}')
kubectl -n lab exec client -- curl -s "http://$SERVER_IP:8080/clientip"
