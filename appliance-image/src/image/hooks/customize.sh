#!/bin/sh
# mmdebstrap customize hook ($1: the root), after the packages and the rootfs overlay are in.
set -eu
r="$1"
echo natterjack > "$r/etc/hostname"
ln -sf ../run/systemd/resolve/stub-resolv.conf "$r/etc/resolv.conf"
mkdir -p "$r/boot/efi" "$r/data"
test -e "$r/vmlinuz" && test -e "$r/initrd.img"
# A read-only root needs /tmp as a tmpfs (PrivateTmp, JNA, sqlite-jdbc unpack there).
cp "$r/usr/share/systemd/tmp.mount" "$r/etc/systemd/system/tmp.mount"
echo "$IMAGE_VERSION" > "$r/usr/share/natterjack/VERSION"
chroot "$r" systemctl enable tmp.mount systemd-networkd systemd-resolved natterjack.service \
  natterjack-health-gate.service natterjack-reboot.path
# /var is a tmpfs at run time; the store lives on /data.
rm -rf "$r/var/lib/natterjack"
chroot "$r" systemctl enable natterjack-network.path natterjack-network-boot.service
chroot "$r" systemctl enable asterisk.service natterjack-dahdi.service natterjack-dahdi.path
