#!/usr/bin/env bash
# Builds the image of lab 00's container environment (kubelab/netlab) without a registry:
# a Debian root filesystem made by debootstrap from the host's apt mirror, then `docker import`.
# Same tools as docker/netlab/Dockerfile. Usage: scripts/images/build-netlab-image.sh [image]
set -euo pipefail
image=${1:-kubelab/netlab:1}
packages=bash,iproute2,iptables,conntrack,tcpdump,iputils-ping,dnsutils,curl,netcat-openbsd,procps,net-tools,less,nano,ca-certificates,locales
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}

command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase --include="$packages" bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }
rootfs="$work/rootfs"
# German UTF-8 locale so umlauts display in the terminal.
echo 'de_DE.UTF-8 UTF-8' >"$rootfs/etc/locale.gen"
chroot "$rootfs" locale-gen >/dev/null
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | docker import \
  -c 'CMD ["sleep", "infinity"]' \
  -c 'ENV LANG=de_DE.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'WORKDIR /root' \
  - "$image" >/dev/null
echo "$image"
