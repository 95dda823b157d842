#!/usr/bin/env bash
# Reference solution of step "conntrack" (only looking).
# Answers: .spec.nodeName of lab/client; the IP of any web pod.
# The learner curls from client and reads conntrack on client's node (a worker): in shared mode
# `knoten "$CLIENT_NODE" …` runs there. In local mode this script runs on the control-plane, where
# `knoten` is the command itself; so it also takes the web pod there as a client (step 2 put one
# web pod on every node): its connections to the ClusterIP are DNATed on the control-plane.
set -euo pipefail
kubectl -n lab get pod client -o wide
kubectl -n lab get service web
kubectl -n lab exec client -- curl -s -w '\n' http://web/hostname
CP_NODE=$(kubectl get nodes -l node-role.kubernetes.io/control-plane -o jsonpath='{.items[0].metadata.name}')
CP_WEB=$(kubectl -n lab get pods -l app=web --field-selector "spec.nodeName=$CP_NODE" -o jsonpath='{.items[0].metadata.name}')
kubectl -n lab exec "$CP_WEB" -- curl -s -w '\n' http://web/hostname
kubectl -n lab exec "$CP_WEB" -- curl -s -w '\n' http://web/hostname
CLIENT_NODE=$(kubectl -n lab get pod client -o jsonpath='{.spec.nodeName}')
CLUSTER_IP=$(kubectl -n lab get service web -o jsonpath='{.spec.clusterIP}')
knoten "$CLIENT_NODE" conntrack -L -d "$CLUSTER_IP"
