#!/usr/bin/env bash
# Schritt 4: wiki.firma.intern löst sich nicht auf (NXDOMAIN). Der Block für die Firma im Corefile
# heißt firma.intren:53 statt firma.intern:53 und passt so auf keinen Namen; beim Firmen-DNS kommt
# keine Frage an. Das Corefile wird repariert und CoreDNS neu gestartet, damit es sofort gilt
# (sonst lädt reload es binnen etwa zwei Minuten).
set -euo pipefail
# Erst den Fehler sehen (dig scheitert mit Absicht, deshalb `|| true`), dann nachsehen.
kubectl -n app exec client -- dig +search +time=2 +tries=1 wiki.firma.intern || true
kubectl -n kube-system get configmap coredns -o yaml
kubectl -n kube-system logs -l k8s-app=kube-dns --tail=20
kubectl -n infra get service firmen-dns
kubectl -n infra logs deploy/firmen-dns --tail=20
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: coredns
  namespace: kube-system
data:
  Corefile: |
    .:53 {
        errors
        health {
           lameduck 5s
        }
        ready
        kubernetes cluster.local in-addr.arpa ip6.arpa {
           pods insecure
           fallthrough in-addr.arpa ip6.arpa
           ttl 30
        }
        prometheus :9153
        forward . /etc/resolv.conf {
           max_concurrent 1000
        }
        cache 30 {
           disable success cluster.local
           disable denial cluster.local
        }
        loop
        reload
        loadbalance
    }
    firma.intern:53 {
        errors
        cache 30
        forward . 10.96.0.53
    }
YAML
kubectl -n kube-system rollout restart deployment coredns
kubectl -n kube-system rollout status deployment coredns --timeout=120s
