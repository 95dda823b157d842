#!/usr/bin/env bash
# Schritt 2: wer steht hinter web? Die Endpunkte zeigen den Pod wartung; der Selektor des Service
# wird auf app=web eingeengt.
set -euo pipefail
kubectl -n app get endpointslices -l kubernetes.io/service-name=web -o wide
kubectl -n app get pods --show-labels
kubectl -n app patch service web --type merge -p '{"spec":{"selector":{"app":"web"}}}'
