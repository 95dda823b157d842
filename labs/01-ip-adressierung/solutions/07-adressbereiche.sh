#!/usr/bin/env bash
# Reference solution of step "adressbereiche" (only looking).
# Answers: 10.96.0.0/16, 10.244.0.0/16, .spec.clusterIP of default/kubernetes (10.96.0.1).
set -euo pipefail
knoten control-plane ip route
knoten control-plane cat /etc/kubernetes/manifests/kube-apiserver.yaml | grep service-cluster-ip-range
knoten control-plane cat /etc/kubernetes/manifests/kube-controller-manager.yaml | grep -e cluster-cidr -e allocate-node-cidrs
kubectl get servicecidrs
kubectl -n default get service kubernetes
kubectl -n kube-system get service kube-dns
