#!/usr/bin/env bash
# Builds the appliance's disk image, target/natterjack.img: GPT with an EFI partition (GRUB with the A/B
# boot selection in src/grub/grub.cfg and its environment), two root slots (squashfs, slot A filled, B empty)
# and a data partition formatted on first boot. From Debian 12 packages and natterjack.deb, without loop
# devices or mounts (mmdebstrap in unshare mode, tar2sqfs, mtools, sfdisk on a plain file).
# Downloaded packages are cached in $NATTERJACK_CACHE_DIR (default ~/.cache/natterjack), outside the clone.
# Needs root or user namespaces; installs its tools with apt when missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
target="$here/target"
cache="${NATTERJACK_CACHE_DIR:-$HOME/.cache/natterjack}/apt-bookworm-image"
mirror="${NATTERJACK_MIRROR:-http://deb.debian.org/debian}"

missing=()
for tool in mmdebstrap:mmdebstrap tar2sqfs:squashfs-tools-ng grub-mkimage:grub-common mcopy:mtools \
            mkfs.fat:dosfstools sfdisk:fdisk grub-editenv:grub-common; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
[ -d /usr/lib/grub/x86_64-efi ] || missing+=(grub-efi-amd64-bin)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
[ -f "$target/natterjack.deb" ] || (cd .. && mvn -q -B -DskipTests package)
export IMAGE_VERSION
IMAGE_VERSION="$(dpkg-deb --field "$target/natterjack.deb" Version)"
mkdir -p "$cache" "$target/image"
work="$target/image"

echo "build.sh: root file system (mmdebstrap)" >&2
mmdebstrap --mode=unshare --variant=minbase \
  --aptopt='Acquire::Languages "none"' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --include=systemd-sysv,udev,dbus,kmod,iproute2,netbase,systemd-resolved \
  --include=linux-image-amd64,initramfs-tools,e2fsprogs,dosfstools,grub-common \
  --include=openjdk-17-jre-headless,ca-certificates,procps,less \
  --skip=essential/unlink \
  --setup-hook='mkdir -p "$1/var/cache/apt/archives"' \
  --setup-hook="sync-in $cache /var/cache/apt/archives/" \
  --essential-hook="$here/src/image/hooks/essential.sh" \
  --customize-hook="sync-out /var/cache/apt/archives $cache" \
  --customize-hook="copy-in $target/natterjack.deb /tmp" \
  --customize-hook='chroot "$1" apt-get install -y -q --no-install-recommends /tmp/natterjack.deb && rm "$1/tmp/natterjack.deb"' \
  --customize-hook="sync-in $here/src/image/rootfs /" \
  --customize-hook="$here/src/image/hooks/customize.sh" \
  bookworm "$work/rootfs.tar" "$mirror"

echo "build.sh: slot image (squashfs, gzip: GRUB 2.06 reads no zstd)" >&2
rm -f "$work/rootfs.squashfs"
tar2sqfs -q -f -c gzip "$work/rootfs.squashfs" < "$work/rootfs.tar"
slot_bytes=$((2097152 * 512))
[ "$(stat -c %s "$work/rootfs.squashfs")" -le "$slot_bytes" ] || { echo "build.sh: root file system larger than a slot" >&2; exit 1; }

echo "build.sh: EFI partition (GRUB with its configuration in a memdisk)" >&2
rm -rf "$work/memdisk" && mkdir -p "$work/memdisk/boot/grub"
cp src/grub/grub.cfg "$work/memdisk/boot/grub/grub.cfg"
tar --format=ustar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
    -C "$work/memdisk" -cf "$work/memdisk.tar" boot
grub-mkimage -O x86_64-efi -o "$work/BOOTX64.EFI" -m "$work/memdisk.tar" -p '(memdisk)/boot/grub' \
    memdisk tar normal configfile part_gpt fat squash4 gzio linux loadenv test echo regexp efi_gop reboot
rm -f "$work/grubenv" "$work/grubenv.good" "$work/esp.img"
grub-editenv "$work/grubenv" create
grub-editenv "$work/grubenv" set ORDER="A B" A_OK=1 A_TRY=0 B_OK=0 B_TRY=0
cp "$work/grubenv" "$work/grubenv.good"
grub-editenv "$work/grubenv.good" set LAST_GOOD=A
touch -d "@$SOURCE_DATE_EPOCH" "$work/BOOTX64.EFI" "$work/grubenv" "$work/grubenv.good"
truncate -s 64M "$work/esp.img"
mkfs.fat -F 32 -s 1 -S 512 -n NJ-ESP --invariant "$work/esp.img" >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$work/esp.img" ::/EFI ::/EFI/BOOT
for f in BOOTX64.EFI grubenv grubenv.good; do mcopy -m -i "$work/esp.img" "$work/$f" "::/EFI/BOOT/$f"; done

echo "build.sh: disk image" >&2
image="$target/natterjack.img"
rm -f "$image"
truncate -s 3G "$image"
sfdisk --quiet --no-reread --no-tell-kernel "$image" < src/image/layout.sfdisk
dd if="$work/esp.img" of="$image" bs=512 seek=2048 conv=notrunc,sparse status=none
dd if="$work/rootfs.squashfs" of="$image" bs=512 seek=133120 conv=notrunc,sparse status=none
echo "build.sh: $image (natterjack $IMAGE_VERSION)" >&2
