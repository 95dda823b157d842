#!/usr/bin/env bash
# Records what real kind clusters print, into test/fixtures/real-kind/ (see its README):
#   1. `kind create cluster` stderr of a 2-node cluster made the way kubelab makes clusters;
#   2. lab 02 after all its reference solutions (`npm run labs:test -- 02-nat --keep`):
#      iptables-save -t nat, ip route, conntrack on a worker; dig from the client pod; the lab's
#      objects as JSON; then a NetworkPolicy of lab 04 and `kubectl describe` of it.
# Needs kind and the node image (scripts/kind-offline/build.sh) and a built kubelab (npm install).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/kind-offline/versions.sh
out=test/fixtures/real-kind
mkdir -p "$out"
kind="${KUBELAB_KIND_BIN:-kind}"
export KUBELAB_KIND_NODE_IMAGE="${KUBELAB_KIND_NODE_IMAGE:-$NODE_IMAGE}"

# 1. kind's progress, as kubelab's driver reads it (stderr not a terminal, own Docker network).
name=kl-record-$RANDOM
config=$(node --input-type=module -e "
  import { kindConfig, kindConfigYaml } from './dist/clusters/kind/kind-config.js';
  import { clusterSchema } from './dist/labs/schema/lab.schema.js';
  process.stdout.write(kindConfigYaml(kindConfig(clusterSchema.parse({ workers: 1 }), process.env.KUBELAB_KIND_NODE_IMAGE)));")
KIND_EXPERIMENTAL_DOCKER_NETWORK=$name "$kind" create cluster --name "$name" --config - --wait 180s \
  --kubeconfig "/tmp/$name.kubeconfig" <<<"$config" 2>"$out/kind-create.stderr.txt"
"$kind" delete cluster --name "$name" --kubeconfig "/tmp/$name.kubeconfig" >/dev/null 2>&1
docker network rm "$name" >/dev/null 2>&1 || true
sed -i "s#$name#{name}#g; s#$KUBELAB_KIND_NODE_IMAGE#{image}#g; s#/tmp/{name}.kubeconfig#{kubeconfig}#g" "$out/kind-create.stderr.txt"

# 2. lab 02, solved.
cluster=$(npm run --silent labs:test -- 02-nat --keep | tee /dev/stderr | sed -n 's/^02-nat: creating cluster \(kl-labtest-[0-9a-f]*\) .*/\1/p')
[ -n "$cluster" ] || { echo "no cluster from labs:test" >&2; exit 1; }
cp_node="$cluster-control-plane"; worker="$cluster-worker"
k() { docker exec -i "$cp_node" kubectl --kubeconfig=/etc/kubernetes/admin.conf "$@"; }
mkdir -p "$out/iptables-save" "$out/ip-route" "$out/conntrack" "$out/dig" "$out/objects"
# A few connections through the ClusterIP, so that conntrack has entries to show.
for _ in 1 2 3; do k -n lab exec client -- /agnhost connect --timeout=3s web:80 >/dev/null 2>&1 || true; done
docker exec "$worker" iptables-save -t nat >"$out/iptables-save/nat.lab02-solved.txt"
docker exec "$worker" ip -j route >"$out/ip-route/worker.json"
docker exec "$worker" ip route >"$out/ip-route/worker.txt"
docker exec "$worker" conntrack -L -p tcp --dport 8080 >"$out/conntrack/worker-tcp-8080.txt" 2>/dev/null || true
k -n lab exec client -- dig +search +showsearch +time=2 +tries=2 web >"$out/dig/showsearch-web-a.txt" || true
k -n lab exec client -- dig +search +showsearch +time=2 +tries=2 nosuch >"$out/dig/showsearch-nosuch-a.txt" || true
k -n lab exec client -- dig +time=2 +tries=2 kube-dns.kube-system.svc.cluster.local >"$out/dig/kube-dns-a.txt" || true
k -n lab exec client -- cat /etc/resolv.conf >"$out/dig/client-resolv.conf"
k get nodes -o json >"$out/objects/nodes.json"
k get namespaces -o json >"$out/objects/namespaces.json"
k -n lab get pods,services,endpointslices -o json >"$out/objects/lab02-solved.json"
k -n kube-system get service kube-dns -o json >"$out/objects/kube-dns-service.json"
# Two policies as lab 04 writes them, in lab 02's namespace: default deny, then the client may in.
k apply -f - >/dev/null <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-ingress, namespace: lab }
spec: { podSelector: {}, policyTypes: [Ingress] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-client, namespace: lab }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app: client } } }]
      ports: [{ protocol: TCP, port: 8080 }]
YAML
k get networkpolicies -A -o json >"$out/objects/networkpolicies.json"
k describe networkpolicies -A >"$out/objects/networkpolicies.describe.txt"
"$kind" delete cluster --name "$cluster" >/dev/null 2>&1
docker network rm "$cluster" >/dev/null 2>&1 || true
date -u +%Y-%m-%dT%H:%M:%SZ >"$out/RECORDED_AT"
echo "recorded into $out"
