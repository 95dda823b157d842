#!/usr/bin/env bash
# Reference solution of step "nodeport-cluster": make web a NodePort service.
# To see the effect, call http://<InternalIP of worker>:<NodePort>/clientip from the control-plane
# (shared mode: from extern, which runs in the control-plane's network).
set -euo pipefail
kubectl -n lab patch service web --type merge -p '{"spec":{"type":"NodePort","externalTrafficPolicy":"Cluster"}}'
kubectl -n lab get service web
kubectl get nodes -o wide
