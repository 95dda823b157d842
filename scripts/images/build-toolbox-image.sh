#!/usr/bin/env bash
# Builds the toolbox image (kubelab/toolbox, the learner's terminal of the kind labs in shared
# mode) with `docker build` on top of the local lab 00 image, without a registry. kubectl comes
# out of the kind node image (KUBELAB_KIND_NODE_IMAGE, default from src/config/config.schema.ts);
# without that image the toolbox has no kubectl and says so in the label
# dev.kubelab.toolbox.kubectl (present|absent). Usage: scripts/images/build-toolbox-image.sh [image]
set -euo pipefail
image=${1:-kubelab/toolbox:1}
repo=$(cd "$(dirname "$0")/../.." && pwd)
toolbox="$repo/docker/toolbox"
base=${KUBELAB_TOOLBOX_BASE_IMAGE:-kubelab/netlab:2}
default_node_image=$(sed -n "s/^ *KUBELAB_KIND_NODE_IMAGE: z.string().default('\([^']*\)').*/\1/p" \
  "$repo/src/config/config.schema.ts")
node_image=${KUBELAB_KIND_NODE_IMAGE-$default_node_image}

docker image inspect "$base" >/dev/null 2>&1 ||
  { echo "base image $base is missing: build it with scripts/images/build-netlab-image.sh" >&2; exit 1; }
[ -f "$toolbox/knoten" ] || { echo "$toolbox/knoten is missing" >&2; exit 1; }

work=$(mktemp -d)
helper=""
cleanup() {
  [ -z "$helper" ] || docker rm -f "$helper" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/bin"
cp "$toolbox/Dockerfile" "$toolbox/finish-image" "$work/"
cp "$toolbox/knoten" "$work/bin/knoten"

kubectl=absent
if [ -n "$node_image" ] && docker image inspect "$node_image" >/dev/null 2>&1; then
  helper=$(docker create "$node_image")
  docker cp -L "$helper:/usr/bin/kubectl" "$work/bin/kubectl"
  kubectl=present
  echo "kubectl from $node_image" >&2
else
  echo "no kind node image ${node_image:-(none configured)} on this engine: building $image without kubectl" \
    "(label dev.kubelab.toolbox.kubectl=absent; kind labs are not available in shared mode)" >&2
fi

# The classic builder takes FROM images from the local engine and needs no buildx; its
# deprecation notice is shown only along with a failure.
if ! log=$(DOCKER_BUILDKIT=0 docker build --quiet --build-arg "BASE=$base" \
  --label "dev.kubelab.toolbox.kubectl=$kubectl" -t "$image" "$work" 2>&1); then
  echo "$log" >&2
  exit 1
fi
echo "$image"
