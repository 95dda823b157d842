#!/usr/bin/env bash
# Builds the image of lab 00's container environment (kubelab/netlab) without a registry:
# a Debian root filesystem made by debootstrap from the host's apt mirror, then `docker import`.
# Same packages and files as docker/netlab/Dockerfile. Usage: scripts/images/build-netlab-image.sh [image]
set -euo pipefail
image=${1:-kubelab/netlab:2}
netlab=$(cd "$(dirname "$0")/../../docker/netlab" && pwd)
packages=$(paste -sd, "$netlab/packages.txt")
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}

command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase --include="$packages" bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }
rootfs="$work/rootfs"
# Owned by root whoever owns the clone: the world (uid 1000 outside) must not own these.
tar -C "$netlab/rootfs" --owner=0 --group=0 -c . | tar -C "$rootfs" -x
chroot "$rootfs" /usr/local/lib/kubelab/finish-image
tar -C "$rootfs" -c . | docker import \
  -c 'CMD ["/usr/local/lib/kubelab/world-start"]' \
  -c 'ENV LANG=de_DE.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'USER 1000:1000' \
  -c 'WORKDIR /' \
  - "$image" >/dev/null
echo "$image"
