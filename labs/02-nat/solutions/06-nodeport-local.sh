#!/usr/bin/env bash
# Reference solution of step "nodeport-local": keep the client address with externalTrafficPolicy Local.
# To see the effect, call http://<InternalIP of worker>:<NodePort>/clientip from the control-plane
# (shared mode: from extern, which runs in the control-plane's network).
set -euo pipefail
kubectl -n lab patch service web --type merge -p '{"spec":{"externalTrafficPolicy":"Local"}}'
kubectl -n lab get service web
