#!/usr/bin/env bash
# Builds kind and a kind node image for Kubernetes without a container registry, from the Go
# module proxy and Debian's packages only (see README, "Kubernetes labs without a registry").
# Idempotent: every stage keeps its result under $KIND_OFFLINE_DIR and skips when it is there.
#   scripts/kind-offline/build.sh        → $KIND_OFFLINE_DIR/bin/kind and image $NODE_IMAGE
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/versions.sh"
work="${KIND_OFFLINE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kubelab/kind-offline}"
mkdir -p "$work/bin"
export PATH="$work/bin:$PATH"

need() { command -v "$1" >/dev/null || missing+=("$1 ($2)"); }
missing=()
need go "Go ≥ 1.26"
need docker "apt-get install docker.io, dockerd running"
need debootstrap "apt-get install debootstrap"
need gcc "apt-get install gcc libc6-dev"
need jq "apt-get install jq"
need pkg-config "apt-get install pkg-config libseccomp-dev (runc's seccomp support)"
if [ ${#missing[@]} -gt 0 ]; then printf 'missing: %s\n' "${missing[@]}" >&2; exit 2; fi
docker info >/dev/null 2>&1 || { echo "the Docker engine does not answer (start dockerd)" >&2; exit 2; }
# kind's nodes are privileged containers; some sandboxed hosts cannot start one.
privileged_ok() {
  local probe="kubelab/privileged-probe:1"
  if ! docker image inspect "$probe" >/dev/null 2>&1; then
    mkdir -p "$work/probe" && printf 'int main(void) { return 0; }\n' | gcc -static -x c -o "$work/probe/true" -
    tar -C "$work/probe" -c true | docker import -c 'ENTRYPOINT ["/true"]' - "$probe" >/dev/null
  fi
  docker run --rm --privileged "$probe" >/dev/null 2>"$work/privileged.err"
}
if ! privileged_ok; then
  cat "$work/privileged.err" >&2
  echo "This Docker engine cannot start privileged containers, which kind's nodes are." >&2
  grep -q 'unable to apply caps' "$work/privileged.err" &&
    echo "The host lacks capabilities Docker asks for: run scripts/kind-offline/host/install-runtime.sh (as root) once." >&2
  exit 2
fi

stage() {
  local name="$1"; shift
  local start=$SECONDS
  echo "== $name"
  "$@"
  echo "   $name: $((SECONDS - start)) s"
}
kind_cli() { [ -x "$work/bin/kind" ] || GOBIN="$work/bin" go install "sigs.k8s.io/kind@${KIND_VERSION}"; }

total=$SECONDS
stage "kind CLI ${KIND_VERSION}" kind_cli
if docker image inspect "$NODE_IMAGE" >/dev/null 2>&1; then
  echo "== node image $NODE_IMAGE is present"
else
  stage "Kubernetes ${K8S_VERSION} binaries" "$here/stages/kubernetes.sh" "$work"
  stage "runtime and add-ons" "$here/stages/components.sh" "$work"
  stage "Debian ${DEBIAN_SUITE} roots" "$here/stages/rootfs.sh" "$work"
  stage "images" "$here/stages/images.sh" "$work"
  stage "node image ${NODE_IMAGE}" "$here/stages/node-image.sh" "$work"
fi
echo "== done in $((SECONDS - total)) s"
echo "kind:       $work/bin/kind"
echo "node image: $NODE_IMAGE   (export KUBELAB_KIND_NODE_IMAGE=$NODE_IMAGE KUBELAB_KIND_BIN=$work/bin/kind)"
