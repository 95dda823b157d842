#!/usr/bin/env bash
# Reference solution of step "conntrack": connect through the ClusterIP, then read the conntrack
# entry on the node of the client pod (the learner does the last part in that node's terminal).
set -euo pipefail
kubectl -n lab get pod client -o wide
kubectl -n lab get service web
for _ in 1 2 3; do
  kubectl -n lab exec client -- curl -s http://web/hostname
  echo
done
# On the node shown in the NODE column: conntrack -L -d <ClusterIP>
