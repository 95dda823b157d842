#!/usr/bin/env bash
# Schritt 3, nach 03-frontend-backend.yaml: das backend antwortet dem frontend auf 8080.
set -euo pipefail
sleep 3
kubectl -n shop exec frontend -- curl -sS --max-time 3 http://backend:8080/hostname
