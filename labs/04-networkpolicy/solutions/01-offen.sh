#!/usr/bin/env bash
# Schritt 1 ändert nichts: ansehen und ausprobieren. Ohne NetworkPolicy erreicht prometheus
# (Namespace monitoring) den Pod db (Namespace shop).
set -euo pipefail
kubectl -n shop get pods -o wide
kubectl -n monitoring get pods -o wide
kubectl get networkpolicies -A
db_ip=$(kubectl -n shop get pod db -o jsonpath='{.status.podIP}')
kubectl -n monitoring exec prometheus -- curl -sS --max-time 3 "http://${db_ip}:8080/hostname"
