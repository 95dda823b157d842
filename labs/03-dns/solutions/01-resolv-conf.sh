#!/usr/bin/env bash
# Reference solution of step "resolv-conf": read the probe pod's resolver configuration and the
# ClusterIP of kube-dns. Answers: nameserver 10.96.0.10, ndots 5, first search domain
# lab.svc.cluster.local.
set -euo pipefail
kubectl -n lab exec probe -- cat /etc/resolv.conf
kubectl -n kube-system get service kube-dns -o jsonpath='{.spec.clusterIP}{"\n"}'
