#!/usr/bin/env bash
# Schritt 2, nach 02-default-deny.yaml: die Sperre ausprobieren. curl läuft in eine
# Zeitüberschreitung, deshalb `|| true`.
set -euo pipefail
# kindnet braucht einen Moment für neue Policies.
sleep 3
db_ip=$(kubectl -n shop get pod db -o jsonpath='{.status.podIP}')
kubectl -n monitoring exec prometheus -- curl -sS --max-time 3 "http://${db_ip}:8080/hostname" || true
