#!/usr/bin/env bash
# Schritt 3: api lehnt ab. Die Endpunkte nennen Port 8081, die Pods hören auf 8080; der
# targetPort des Service wird korrigiert.
set -euo pipefail
# Erst die Ablehnung sehen (curl scheitert mit Absicht, deshalb `|| true`), dann nachsehen.
kubectl -n app exec client -- curl -sS --max-time 3 http://api/hostname || true
kubectl -n app get endpointslices -l kubernetes.io/service-name=api
kubectl -n app get pods -l app=api -o jsonpath='{.items[0].spec.containers[0].ports}'
kubectl -n app patch service api --type merge -p '{"spec":{"ports":[{"name":"http","port":80,"targetPort":8080,"protocol":"TCP"}]}}'
