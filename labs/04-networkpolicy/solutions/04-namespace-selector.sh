#!/usr/bin/env bash
# Schritt 4, nach 04-namespace-selector.yaml: das Label, auf das der namespaceSelector wartet,
# dann die Metriken aus prometheus holen.
set -euo pipefail
kubectl label namespace monitoring team=monitoring --overwrite
sleep 3
kubectl -n monitoring exec prometheus -- curl -sS --max-time 3 http://backend.shop:9090/metrics
