#!/usr/bin/env bash
# Reference solution of step "dns", after 06-dns.yaml: how the API understood the peers, and the
# name resolves again. Answer: the IP of a CoreDNS pod.
set -euo pipefail
kubectl -n shop describe networkpolicy allow-dns
kubectl -n kube-system get pods -l k8s-app=kube-dns -o wide
