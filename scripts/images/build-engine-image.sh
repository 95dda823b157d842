#!/usr/bin/env bash
# Builds the image of the tests' second Docker engine (kubelab/test-engine) without a registry:
# a Debian root filesystem with Debian's docker.io made by debootstrap from the host's apt
# mirror, then `docker import`. Run privileged, with certificates at /certs and a volume at
# /var/lib/docker (see docker/test-engine/README.md and test/support/second-engine.ts).
# Usage: scripts/images/build-engine-image.sh [image]
set -euo pipefail
image=${1:-kubelab/test-engine:1}
repo=$(cd "$(dirname "$0")/../.." && pwd)
engine="$repo/docker/test-engine"
packages=$(paste -sd, "$engine/packages.txt")
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}

command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }
install -o 0 -g 0 -m 0755 "$engine/engine-start" "$rootfs/usr/local/bin/engine-start"
# The runc wrapper of hosts that lack capabilities (scripts/kind-offline/host): a nested
# engine inherits the host's bounding set, and kind's nodes are --privileged.
install -o 0 -g 0 -m 0755 "$repo/scripts/kind-offline/host/runc-bounded" "$rootfs/usr/local/sbin/runc-bounded"
# No documentation, no package caches, no clients (the engine is used from outside, through
# TLS: the docker CLI with DOCKER_HOST/DOCKER_CERT_PATH) and none of the debugging tools shipped
# beside dockerd (docker, ctr, dnet, ovrouter: 95 MB).
rm -rf "$rootfs"/usr/share/{doc,man,info,locale} "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/usr/bin/{docker,ctr,dnet} "$rootfs"/usr/sbin/ovrouter
tar -C "$rootfs" -c . | docker import \
  -c 'ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/engine-start"]' \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'VOLUME /var/lib/docker' \
  -c 'EXPOSE 2376' \
  -c 'LABEL dev.kubelab.test-engine=1' \
  - "$image" >/dev/null
echo "$image"
