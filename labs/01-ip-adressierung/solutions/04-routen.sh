#!/usr/bin/env bash
# Reference solution of step "routen" (only looking). The learner runs `ip route` in the terminal
# tab of client's node; this script runs on the control-plane, whose table has the same kind of
# `<podCIDR> via <InternalIP>` routes to both workers.
# Answer: the InternalIP of server's node (.status.hostIP of lab/server).
set -euo pipefail
kubectl -n lab get pods client server -o wide
kubectl get nodes -o wide
ip route
SERVER_IP=$(kubectl -n lab get pod server -o jsonpath='{.status.podIP}')
ip route get "$SERVER_IP"
