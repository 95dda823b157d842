#!/usr/bin/env bash
# Reference solution of step "routen" (only looking). The learner reads the table of client's node
# (`knoten <node> ip route`; in local mode its terminal tab). In local mode this script runs on the
# control-plane, where `knoten` is the command itself: its table has the same kind of
# `<podCIDR> via <InternalIP>` routes to both workers.
# Answer: the InternalIP of server's node (.status.hostIP of lab/server).
set -euo pipefail
kubectl -n lab get pods client server -o wide
kubectl get nodes -o wide
CLIENT_NODE=$(kubectl -n lab get pod client -o jsonpath='{.spec.nodeName}')
knoten "$CLIENT_NODE" ip route
SERVER_IP=$(kubectl -n lab get pod server -o jsonpath='{.status.podIP}')
knoten "$CLIENT_NODE" ip route get "$SERVER_IP"
