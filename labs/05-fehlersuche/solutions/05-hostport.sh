#!/usr/bin/env bash
# Schritt 5: Der Agent antwortet auf den Knoten nicht unter 9100. Sein DaemonSet bildet hostPort
# 9010 auf den containerPort 9100 ab; der hostPort wird auf 9100 korrigiert.
set -euo pipefail
# Erst den Fehler sehen (curl scheitert mit Absicht, deshalb `|| true`), dann nachsehen.
node_ip=$(kubectl get nodes -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')
kubectl -n monitoring exec scraper -- curl -sS --max-time 3 "http://$node_ip:9100/hostname" || true
kubectl -n monitoring get pods -o wide
kubectl -n monitoring get daemonset agent -o yaml
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: monitoring
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      tolerations:
        - key: node-role.kubernetes.io/control-plane
          operator: Exists
          effect: NoSchedule
      containers:
        - name: agent
          image: registry.k8s.io/e2e-test-images/agnhost:2.53
          args: ['netexec', '--http-port=9100']
          ports:
            - name: metrics
              containerPort: 9100
              hostPort: 9100
          readinessProbe:
            httpGet:
              path: /hostname
              port: 9100
            periodSeconds: 2
YAML
kubectl -n monitoring rollout status daemonset agent --timeout=180s
