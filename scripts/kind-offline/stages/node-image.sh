#!/usr/bin/env bash
# The kind node image, assembled the way kind's images/base Dockerfile and its node-image
# builder (pkg/build/nodeimage) do it, from the pieces the other stages made: Debian root +
# kind's base files, containerd/runc/CNI, the Kubernetes binaries, /kind/version, the CNI and
# storage manifests, and every image preloaded into the node's containerd (ctr import).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
. "$here/versions.sh"
work="$1"; kbin="$work/kubernetes/bin"; cbin="$work/components/bin"
docker image inspect "$NODE_IMAGE" >/dev/null 2>&1 && exit 0

kind_src=$(go mod download -json "sigs.k8s.io/kind@${KIND_VERSION}" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
files="$kind_src/images/base/files"
ctx="$work/node-image/rootfs"
rm -rf "$ctx"; mkdir -p "$ctx"
tar -C "$ctx" -xf "$work/rootfs/node.tar"

# COPY steps of kind's base Dockerfile
install -m 0755 "$files"/usr/local/bin/* "$ctx/usr/local/bin/"
mkdir -p "$ctx/kind/bin" "$ctx/LICENSES" "$ctx/etc/containerd" "$ctx/etc/systemd/system/kubelet.service.d"
install -m 0644 "$files"/kind/README.txt "$ctx/kind/"
install -m 0755 "$files"/kind/bin/* "$ctx/kind/bin/"
install -m 0644 "$files"/LICENSES/* "$ctx/LICENSES/"
install -m 0644 "$files"/etc/crictl.yaml "$ctx/etc/"
install -m 0644 "$files"/etc/containerd/* "$ctx/etc/containerd/"
install -m 0644 "$files"/etc/default/* "$ctx/etc/default/"
install -m 0644 "$files"/etc/sysctl.d/* "$ctx/etc/sysctl.d/"
install -m 0644 "$files"/etc/systemd/system/*.service "$files"/etc/systemd/system/*.slice "$ctx/etc/systemd/system/"
install -m 0644 "$files"/etc/systemd/system/kubelet.service.d/* "$ctx/etc/systemd/system/kubelet.service.d/"

# RUN steps of kind's base Dockerfile
find "$ctx/lib/systemd/system/sysinit.target.wants/" -name "systemd-tmpfiles-setup.service" -delete
rm -f "$ctx"/lib/systemd/system/multi-user.target.wants/* "$ctx"/etc/systemd/system/*.wants/* \
  "$ctx"/lib/systemd/system/local-fs.target.wants/* "$ctx"/lib/systemd/system/sockets.target.wants/*udev* \
  "$ctx"/lib/systemd/system/sockets.target.wants/*initctl* "$ctx"/lib/systemd/system/basic.target.wants/*
echo "ReadKMsg=no" >>"$ctx/etc/systemd/journald.conf"
ln -sf /usr/lib/systemd/systemd "$ctx/sbin/init"
chroot "$ctx" systemctl enable kubelet.service containerd.service undo-mount-hacks.service >/dev/null 2>&1
chroot "$ctx" systemctl mask systemd-binfmt.service >/dev/null 2>&1
mkdir -p "$ctx/etc/kubernetes/manifests"

# runtime: containerd, runc, CNI plugins, crictl
install -m 0755 "$cbin"/containerd "$cbin"/containerd-shim-runc-v2 "$cbin"/ctr "$cbin"/crictl "$ctx/usr/local/bin/"
install -m 0755 "$cbin"/runc "$ctx/usr/local/sbin/runc"
# containerd may not set a pod's oom_score_adj below its own, as kind's entrypoint arranges for
# rootless nodes: lowering it needs CAP_SYS_RESOURCE, which some hosts cannot hand to a node
# (runc init: "failed to update /proc/self/oom_score_adj: Permission denied").
sed -i 's/restrict_oom_score_adj = false/restrict_oom_score_adj = true/' "$ctx/etc/containerd/config.toml"
grep -q 'restrict_oom_score_adj = true' "$ctx/etc/containerd/config.toml"
mkdir -p "$ctx/opt/cni/bin"
install -m 0755 "$cbin"/ptp "$cbin"/loopback "$cbin"/host-local "$cbin"/portmap "$ctx/opt/cni/bin/"
"$cbin/ctr" oci spec |
  jq '.hooks.createContainer[.hooks.createContainer| length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' |
  jq 'del(.process.rlimits)' >"$ctx/etc/containerd/cri-base.json"

# what kind's node-image builder adds
install -m 0755 "$kbin"/kubeadm "$kbin"/kubelet "$kbin"/kubectl "$ctx/usr/bin/"
printf '%s' "$K8S_VERSION" >"$ctx/kind/version"
mkdir -p "$ctx/kind/manifests"
# The CNI manifest template kind writes (pkg/build/nodeimage/const_cni.go), with kubelab's kindnetd.
awk '/^const defaultCNIManifest = `/{on=1; next} on && /^`$/{exit} on' "$kind_src/pkg/build/nodeimage/const_cni.go" |
  sed "s#\` + kindnetdImage + \`#${KINDNETD_IMAGE}#" >"$ctx/kind/manifests/default-cni.yaml"
grep -q "image: ${KINDNETD_IMAGE}" "$ctx/kind/manifests/default-cni.yaml" || { echo "CNI manifest not extracted" >&2; exit 1; }
# No local-path-provisioner: a StorageClass without pods (kind's legacy default) instead.
cat >"$ctx/kind/manifests/default-storage.yaml" <<'YAML'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/host-path
YAML

stage_image="kubelab/kind-node-stage:${K8S_VERSION}"
tar -C "$ctx" -c . | docker import - "$stage_image" >/dev/null
rm -rf "$ctx"

# Preload the images into the node's containerd, as kind's builder does.
cid=$(docker run -d --privileged --entrypoint sleep "$stage_image" infinity)
cleanup() { docker rm -f -v "$cid" >/dev/null 2>&1 || true; docker rmi "$stage_image" >/dev/null 2>&1 || true; }
trap cleanup EXIT
docker exec "$cid" bash -c 'nohup containerd >/tmp/containerd.log 2>&1 &'
docker exec "$cid" bash -c 'for i in $(seq 1 30); do [ -S /run/containerd/containerd.sock ] && ctr version >/dev/null 2>&1 && exit 0; sleep 1; done; cat /tmp/containerd.log; exit 1'
reg=registry.k8s.io
images=("$reg/kube-apiserver:${K8S_VERSION}" "$reg/kube-controller-manager:${K8S_VERSION}"
  "$reg/kube-scheduler:${K8S_VERSION}" "$reg/kube-proxy:${K8S_VERSION}" "$reg/etcd:${ETCD_VERSION#v}-0"
  "$reg/coredns/coredns:${COREDNS_VERSION}" "$reg/pause:${PAUSE_VERSION}" "$reg/pause:${KIND_SANDBOX_PAUSE}"
  "$KINDNETD_IMAGE" "$AGNHOST_IMAGE")
for image in "${images[@]}"; do
  docker save "$image" | docker exec -i "$cid" ctr --namespace=k8s.io images import \
    --label=io.cri-containerd.pinned=pinned --all-platforms --no-unpack --digests - >/dev/null 2>&1
done
docker exec "$cid" ctr --namespace=k8s.io images list -q 2>/dev/null | grep -vE "^(sha256:|import-)" | sed "s/^/   preloaded /"
docker exec "$cid" pkill containerd
sleep 1
committed="kubelab/kind-node-committed:${K8S_VERSION}"
docker commit "$cid" "$committed" >/dev/null
# docker commit cannot set STOPSIGNAL (Docker 20.10); a one-line build on the local image can.
printf '%s\n' "FROM $committed" 'ENV container=docker' 'STOPSIGNAL SIGRTMIN+3' \
  'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' 'CMD []' |
  docker build -q -t "$NODE_IMAGE" - >/dev/null 2>&1
docker rmi "$committed" >/dev/null
