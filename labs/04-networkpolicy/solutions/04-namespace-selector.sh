#!/usr/bin/env bash
# Der namespaceSelector der Policy (04-namespace-selector.yaml) braucht dieses Label.
set -euo pipefail
kubectl label namespace monitoring team=monitoring --overwrite
