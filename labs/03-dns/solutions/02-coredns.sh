#!/usr/bin/env bash
# Reference solution of step "coredns": who is behind 10.96.0.10, the Corefile, and what the
# kubelet writes into every pod. Answers: the IP of a CoreDNS pod, cluster.local.
set -euo pipefail
kubectl -n kube-system get service kube-dns
kubectl -n kube-system get endpointslices -l kubernetes.io/service-name=kube-dns
kubectl -n kube-system get pods -l k8s-app=kube-dns -o wide
kubectl -n kube-system get configmap coredns -o yaml
knoten control-plane cat /var/lib/kubelet/config.yaml | grep -A1 -E '^clusterD'
