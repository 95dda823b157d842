#!/usr/bin/env bash
# Debian root file systems made by debootstrap from the host's apt mirror, kept as tarballs:
#   node.tar      what kind's base image carries (systemd 252 still boots on cgroup v1)
#   iptables.tar  a small root for the kube-proxy and kindnetd images
#   agnhost.tar   the tools of the e2e test image agnhost (its Dockerfile adds them to Alpine)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
. "$here/versions.sh"
work="$1"; out="$work/rootfs"; mkdir -p "$out"
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}

make_root() {
  local name="$1" packages="$2" dir="$out/$1.d"
  [ -f "$out/$name.tar" ] && return 0
  echo "  debootstrap $name"
  rm -rf "$dir"
  debootstrap --variant=minbase --include="$packages" "$DEBIAN_SUITE" "$dir" "$mirror" >"$out/$name.log" 2>&1 ||
    { tail -20 "$out/$name.log"; exit 1; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -cf "$out/$name.tar.tmp" . && mv "$out/$name.tar.tmp" "$out/$name.tar"
  rm -rf "$dir"
}

# The package list of kind's images/base/Dockerfile, without the rootless and storage extras
# (fuse-overlayfs, nfs-common, open-iscsi); runc is built (components stage).
make_root node systemd,systemd-sysv,dbus,conntrack,iptables,nftables,iproute2,ethtool,util-linux,mount,kmod,libseccomp2,pigz,bash,ca-certificates,curl,jq,procps,e2fsprogs,iputils-ping
make_root iptables iptables,nftables,conntrack,iproute2,kmod,ipset
make_root agnhost bash,bind9-dnsutils,curl,netcat-openbsd,iproute2,iperf,util-linux,socat,iputils-ping,procps,ca-certificates
