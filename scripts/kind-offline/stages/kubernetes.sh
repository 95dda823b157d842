#!/usr/bin/env bash
# Kubernetes node and control-plane binaries from the k8s.io/kubernetes module.
# `go install k8s.io/kubernetes/...@v` is refused (its go.mod replaces the staging modules with
# ./staging paths), so a small wrapper module requires it and pins each staging module to the
# published v0.<minor>.<patch>, as projects that import Kubernetes do.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
. "$here/versions.sh"
work="$1"; out="$work/kubernetes/bin"
mod="$work/kubernetes/wrapper"
# package per binary; agnhost is the e2e test image the labs run their pods from.
declare -A pkgs=(
  [kubeadm]=cmd/kubeadm [kubelet]=cmd/kubelet [kubectl]=cmd/kubectl
  [kube-apiserver]=cmd/kube-apiserver [kube-controller-manager]=cmd/kube-controller-manager
  [kube-scheduler]=cmd/kube-scheduler [kube-proxy]=cmd/kube-proxy [agnhost]=test/images/agnhost
)
bins=(kubeadm kubelet kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy agnhost)
mkdir -p "$mod" "$out"

tools=$(
  echo "//go:build tools"
  echo
  echo "package tools"
  echo
  echo "import ("
  for b in "${bins[@]}"; do echo "	_ \"k8s.io/kubernetes/${pkgs[$b]}\""; done
  echo ")"
)
if [ ! -f "$mod/go.sum" ] || [ "$(cat "$mod/tools.go" 2>/dev/null)" != "$tools" ]; then
  go mod download -json "k8s.io/kubernetes@${K8S_VERSION}" >/dev/null
  src="$(go env GOMODCACHE)/k8s.io/kubernetes@${K8S_VERSION}"
  {
    echo "module kubelab.local/kind-offline/kubernetes"
    echo
    echo "go 1.26.0"
    echo
    echo "require k8s.io/kubernetes ${K8S_VERSION}"
    echo
    echo "replace ("
    sed -n 's#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#\t\1 => \1 '"${K8S_STAGING_VERSION}"'#p' "$src/go.mod"
    echo ")"
  } >"$mod/go.mod"
  printf '%s\n' "$tools" >"$mod/tools.go"
  (cd "$mod" && go mod tidy)
fi

minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
ldflags="-s -w"
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  ldflags+=" -X '$pkg.gitVersion=${K8S_VERSION}' -X '$pkg.gitMajor=1' -X '$pkg.gitMinor=${minor}'"
  ldflags+=" -X '$pkg.gitTreeState=clean' -X '$pkg.buildDate=1970-01-01T00:00:00Z'"
done
for b in "${bins[@]}"; do
  [ -x "$out/$b" ] && continue
  echo "  go build $b"
  (cd "$mod" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$out/$b.tmp" "k8s.io/kubernetes/${pkgs[$b]}")
  mv "$out/$b.tmp" "$out/$b"
done
