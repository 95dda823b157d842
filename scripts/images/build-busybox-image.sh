#!/usr/bin/env bash
# Builds a tiny local image from Debian's busybox-static package, for tests that need "any
# container": no registry is needed (`docker import` of a root filesystem).
# Usage: scripts/images/build-busybox-image.sh [image-name]
set -euo pipefail
image=${1:-kubelab/test-busybox:1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download busybox-static >/dev/null 2>&1
dpkg -x busybox-static_*.deb pkg
mkdir -p rootfs/bin rootfs/sbin rootfs/usr/bin rootfs/usr/sbin rootfs/tmp rootfs/root rootfs/etc rootfs/proc rootfs/sys rootfs/dev
cp pkg/bin/busybox rootfs/bin/busybox
for applet in $(pkg/bin/busybox --list-full); do
  [ -e "rootfs/$applet" ] || ln -s /bin/busybox "rootfs/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' > rootfs/etc/passwd
echo 'root:x:0:' > rootfs/etc/group
tar -C rootfs -c . | docker import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' - "$image" >/dev/null
echo "$image"
