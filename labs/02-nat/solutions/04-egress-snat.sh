#!/usr/bin/env bash
# Reference solution of step "egress-snat" (after 04-egress-snat.yaml in local mode, after the
# step's setup in shared mode): call the server from client.
set -euo pipefail
kubectl -n lab-host wait --for=condition=Ready pod/extern --timeout=120s
kubectl -n lab-host get pod extern -o wide
kubectl -n lab-host get pod extern -o jsonpath='{.status.podIP}' | xargs -I{} kubectl -n lab exec client -- curl -s -w '\n' http://{}:8080/clientip
kubectl -n lab get pod client -o jsonpath='{.status.hostIP}{"\n"}'
