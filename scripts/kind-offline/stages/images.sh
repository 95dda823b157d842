#!/usr/bin/env bash
# The images kubeadm and kind ask the node's containerd for, made locally under exactly the
# names they look up (`kubeadm config images list`, kind's CNI manifest), with no registry:
# static binaries FROM scratch, or the small Debian root where iptables is needed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
. "$here/versions.sh"
work="$1"; kbin="$work/kubernetes/bin"; cbin="$work/components/bin"; root="$work/rootfs"
stage="$work/images"; mkdir -p "$stage"

present() { docker image inspect "$1" >/dev/null 2>&1; }

# scratch_image <image> <entrypoint json> <file>…: a FROM scratch image holding the files.
scratch_image() {
  local image="$1" entry="$2"; shift 2
  present "$image" && return 0
  echo "  image $image"
  local dir; dir=$(mktemp -d "$stage/ctx.XXXX")
  mkdir -p "$dir/usr/local/bin" "$dir/tmp" "$dir/etc"
  for f in "$@"; do cp "$f" "$dir/usr/local/bin/"; done
  echo 'nobody:x:65534:65534:nobody:/:/sbin/nologin' >"$dir/etc/passwd"
  tar -C "$dir" -c . | docker import \
    -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' -c "ENTRYPOINT $entry" - "$image" >/dev/null
  rm -rf "$dir"
}

# iptables_image <image> <entrypoint json> <file>…: the Debian iptables root plus the files,
# with iptables-wrapper choosing the legacy or nft backend the way the node already uses.
iptables_image() {
  local image="$1" entry="$2"; shift 2
  present "$image" && return 0
  echo "  image $image"
  local dir; dir=$(mktemp -d "$stage/ctx.XXXX")
  tar -C "$dir" -xf "$root/iptables.tar"
  for f in "$@"; do cp "$f" "$dir/usr/local/bin/"; done
  install -m 0755 "$here/files/iptables-wrapper" "$dir/usr/sbin/iptables-wrapper"
  for t in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
    ln -sf /usr/sbin/iptables-wrapper "$dir/usr/sbin/$t"
  done
  tar -C "$dir" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c "ENTRYPOINT $entry" - "$image" >/dev/null
  rm -rf "$dir"
}

reg=registry.k8s.io
for b in kube-apiserver kube-controller-manager kube-scheduler; do
  scratch_image "$reg/$b:${K8S_VERSION}" "[\"/usr/local/bin/$b\"]" "$kbin/$b"
done
iptables_image "$reg/kube-proxy:${K8S_VERSION}" '["/usr/local/bin/kube-proxy"]' "$kbin/kube-proxy"
scratch_image "$reg/etcd:${ETCD_VERSION#v}-0" '["/usr/local/bin/etcd"]' "$cbin/etcd"
scratch_image "$reg/coredns/coredns:${COREDNS_VERSION}" '["/usr/local/bin/coredns"]' "$cbin/coredns"

# pause: Kubernetes' own build/pause/linux/pause.c from the k8s.io/kubernetes module.
pause_src="$(go env GOMODCACHE)/k8s.io/kubernetes@${K8S_VERSION}/build/pause/linux/pause.c"
if ! present "$reg/pause:${PAUSE_VERSION}"; then
  gcc -Os -Wall -static -DVERSION="${PAUSE_VERSION}" -o "$stage/pause" "$pause_src"
  scratch_image "$reg/pause:${PAUSE_VERSION}" '["/usr/local/bin/pause"]' "$stage/pause"
fi
# kind's containerd config names its own sandbox image tag.
present "$reg/pause:${KIND_SANDBOX_PAUSE}" || docker tag "$reg/pause:${PAUSE_VERSION}" "$reg/pause:${KIND_SANDBOX_PAUSE}"

# agnhost, built from the same k8s.io/kubernetes module (test/images/agnhost), under the tag the labs pin.
if ! present "$AGNHOST_IMAGE"; then
  echo "  image $AGNHOST_IMAGE"
  dir=$(mktemp -d "$stage/ctx.XXXX")
  tar -C "$dir" -xf "$root/agnhost.tar"
  install -m 0755 "$kbin/agnhost" "$dir/agnhost"
  ln -s agnhost "$dir/agnhost-2"
  mkdir -p "$dir/uploads"
  tar -C "$dir" -c . | docker import -c 'ENTRYPOINT ["/agnhost"]' -c 'CMD ["pause"]' \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$AGNHOST_IMAGE" >/dev/null
  rm -rf "$dir"
fi

iptables_image "$KINDNETD_IMAGE" '["/usr/local/bin/kindnetd"]' "$cbin/kindnetd" "$cbin/kube-network-policies"
