#!/usr/bin/env bash
# The node's runtime and the cluster add-ons, each from its Go module:
# containerd (+ shim, ctr), runc, CNI plugins, crictl, etcd, CoreDNS, and kubelab's kindnetd.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
. "$here/versions.sh"
work="$1"; out="$work/components/bin"; mods="$work/components/wrappers"
mkdir -p "$out" "$mods"
export CGO_ENABLED=0

# install <binary> <package@version> [go build flags…]: go install into $out unless present.
install() {
  local bin="$1" pkg="$2"; shift 2
  [ -x "$out/$bin" ] && return 0
  echo "  go install $pkg"
  GOBIN="$out" go install -trimpath "$@" "$pkg"
}

# wrapper <name> <module@version> <main.go body>: a one-file module whose main calls the
# project's own entry point, for projects whose root module carries replace directives.
wrapper() {
  local name="$1" req="$2" main="$3" dir="$mods/$1"
  [ -x "$out/$name" ] && return 0
  mkdir -p "$dir"
  printf 'module kubelab.local/kind-offline/%s\n\ngo 1.26.0\n\nrequire %s\n' "$name" "${req/@/ }" >"$dir/go.mod"
  printf '%s\n' "$main" >"$dir/main.go"
  echo "  go build $name (wrapper around $req)"
  (cd "$dir" && go mod tidy && go build -trimpath -ldflags '-s -w' -o "$out/$name" .)
}

install containerd "github.com/containerd/containerd/v2/cmd/containerd@${CONTAINERD_VERSION}" \
  -tags 'no_aufs no_zfs no_btrfs no_devmapper' -ldflags "-s -w -X github.com/containerd/containerd/v2/version.Version=${CONTAINERD_VERSION}"
install containerd-shim-runc-v2 "github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2@${CONTAINERD_VERSION}" -ldflags '-s -w'
install ctr "github.com/containerd/containerd/v2/cmd/ctr@${CONTAINERD_VERSION}" -ldflags '-s -w'
for p in plugins/main/ptp plugins/main/loopback plugins/ipam/host-local plugins/meta/portmap; do
  install "$(basename "$p")" "github.com/containernetworking/plugins/$p@${CNI_PLUGINS_VERSION}" -ldflags '-s -w'
done
install crictl "sigs.k8s.io/cri-tools/cmd/crictl@${CRI_TOOLS_VERSION}" -ldflags '-s -w'
# runc needs cgo for seccomp (libseccomp-dev); kind's base image builds it the same way.
CGO_ENABLED=1 install runc "github.com/opencontainers/runc@${RUNC_VERSION}" \
  -tags seccomp -ldflags "-s -w -X main.version=${RUNC_VERSION#v}"

wrapper etcd "go.etcd.io/etcd/server/v3@${ETCD_VERSION}" 'package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }'

wrapper coredns "github.com/coredns/coredns@${COREDNS_VERSION}" 'package main

import (
	_ "github.com/coredns/coredns/core/plugin"
	"github.com/coredns/coredns/coremain"
)

func main() { coremain.Run() }'

# kube-network-policies' command lives in the package ./cmd of its module.
if [ ! -x "$out/kube-network-policies" ]; then
  echo "  go install sigs.k8s.io/kube-network-policies/cmd@${KUBE_NETWORK_POLICIES_VERSION}"
  tmp=$(mktemp -d)
  GOBIN="$tmp" go install -trimpath -ldflags '-s -w' "sigs.k8s.io/kube-network-policies/cmd@${KUBE_NETWORK_POLICIES_VERSION}"
  mv "$tmp/cmd" "$out/kube-network-policies" && rmdir "$tmp"
fi
if [ ! -x "$out/kindnetd" ]; then
  echo "  go build kindnetd (kubelab's stand-in, scripts/kind-offline/kindnetd)"
  (cd "$here/kindnetd" && go build -trimpath -ldflags '-s -w' -o "$out/kindnetd" .)
fi
