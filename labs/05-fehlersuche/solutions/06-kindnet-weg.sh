#!/usr/bin/env bash
# Schritt 6: Die Control-Plane hat keine Routen in die Pod-Netze der Worker, weil kindnet dort
# nicht läuft: Eine nodeAffinity im DaemonSet schließt sie aus. Sie wird entfernt; kindnet legt
# die Routen danach selbst wieder an (binnen zehn Sekunden).
set -euo pipefail
# Dieses Skript läuft auf der Control-Plane: ihre Routen, dann die Pod-Netze der Knoten.
ip route
kubectl get nodes -o custom-columns=NAME:.metadata.name,PODCIDR:.spec.podCIDR
kubectl -n kube-system get pods -l app=kindnet -o wide
kubectl -n kube-system get daemonset kindnet -o yaml
kubectl -n kube-system patch daemonset kindnet -p '{"spec":{"template":{"spec":{"affinity":null}}}}'
kubectl -n kube-system rollout status daemonset kindnet --timeout=120s
