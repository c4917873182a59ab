#!/usr/bin/env bash
# Builds the appliance's disk image, target/natterjack.img: GPT with an EFI partition (GRUB with the A/B
# boot selection in src/grub/grub.cfg and its environment), two root slots (squashfs, slot A filled, B empty)
# and a data partition formatted on first boot. From Debian 12 packages and natterjack.deb, without loop
# devices or mounts (mmdebstrap in unshare mode, tar2sqfs, mtools, sfdisk on a plain file).
# The root file system carries Asterisk and the DAHDI tools in a Debian sid tree, pinned by
# src/asterisk/sid.lock (see src/asterisk/sid-tree.sh), and DAHDI kernel modules compiled for its kernel.
# Downloaded packages and the compiled modules are cached in $NATTERJACK_CACHE_DIR (default ~/.cache/natterjack),
# outside the clone.
# Also makes the signed RAUC bundle of the same root file system, target/natterjack-VERSION.raucb, with the
# signing keys in $NATTERJACK_SIGNING_DIR (default target/keys; development keys are made there when missing);
# NATTERJACK_SIGNING_CERT and NATTERJACK_SIGNING_KEY name the release certificate and key elsewhere, a key in an
# HSM by its pkcs11: URL (with RAUC_PKCS11_MODULE and RAUC_PKCS11_PIN).
# Needs root or user namespaces; installs its tools with apt when missing.
#
#   build.sh                            the image and its bundle
#   build.sh bundle ROOTFS.tar|SLOT.squashfs VERSION OUT.raucb
#                                       a bundle of another root file system (the tests' variants)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
target="$here/target"
cache="${NATTERJACK_CACHE_DIR:-$HOME/.cache/natterjack}/apt-bookworm-image"
modules="${NATTERJACK_CACHE_DIR:-$HOME/.cache/natterjack}/dahdi-modules"
mirror="${NATTERJACK_MIRROR:-http://deb.debian.org/debian}"
keys="${NATTERJACK_SIGNING_DIR:-$target/keys}"
signing_cert="${NATTERJACK_SIGNING_CERT:-$keys/release.cert.pem}"
signing_key="${NATTERJACK_SIGNING_KEY:-$keys/release.key.pem}"

missing=()
for tool in rauc:rauc curl:curl dpkg-scanpackages:dpkg-dev mksquashfs:squashfs-tools openssl:openssl mmdebstrap:mmdebstrap tar2sqfs:squashfs-tools-ng grub-mkimage:grub-common mcopy:mtools \
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
src/pki/pki.sh "$keys"

# A slot image (squashfs, gzip: GRUB 2.06 reads no zstd) and its RAUC bundle, signed with the release key.
bundle() {
  local rootfs="$1" version="$2" out="$3" dir
  dir="$(mktemp -d "$target/bundle.XXXXXX")"
  case "$rootfs" in
    *.squashfs) cp "$rootfs" "$dir/rootfs.squashfs" ;;
    *) tar2sqfs -q -f -c gzip -j "$(nproc)" "$dir/rootfs.squashfs" < "$rootfs" ;;
  esac
  [ "$(stat -c %s "$dir/rootfs.squashfs")" -le $((2097152 * 512)) ] || { echo "build.sh: root file system larger than a slot" >&2; exit 1; }
  sed -e "s|@VERSION@|$version|" -e "s|@BUILD@|$(date -u -d "@$SOURCE_DATE_EPOCH" +%FT%TZ)|" \
      src/rauc/manifest.raucm.in > "$dir/manifest.raucm"
  sed -e "s|@KEYRING@|$keys/keyring.pem|" src/rauc/sign.conf.in > "$target/sign.conf"
  rm -f "$out"
  # -noD -noF: the slot image inside is compressed already.
  rauc --conf="$target/sign.conf" bundle --cert="$signing_cert" --key="$signing_key" \
       --mksquashfs-args='-noD -noF' "$dir" "$out" >/dev/null
  mv "$dir/rootfs.squashfs" "${out%.raucb}.squashfs"
  rm -rf "$dir"
}
if [ "${1:-}" = bundle ]; then
  bundle "$2" "$3" "$4"
  rm -f "${4%.raucb}.squashfs"
  exit 0
fi

[ -f "$target/natterjack.deb" ] || (cd .. && mvn -q -B -DskipTests package)
export IMAGE_VERSION
IMAGE_VERSION="${NATTERJACK_IMAGE_VERSION:-$(dpkg-deb --field "$target/natterjack.deb" Version)}"
mkdir -p "$cache" "$modules" "$target/image"
work="$target/image"

echo "build.sh: Asterisk and DAHDI tools (Debian sid tree, pinned by src/asterisk/sid.lock)" >&2
src/asterisk/sid-tree.sh tree "$work/asterisk-root.tar"
dahdi_sources="$(src/asterisk/sid-tree.sh deb dahdi-dkms)"
rm -rf "$work/asterisk-static" && mkdir -p "$work/asterisk-static"
cp src/asterisk/asterisk.conf src/asterisk/logger.conf ../pstn/src/main/asterisk/modules.conf \
   ../pstn/src/main/asterisk/rtp.conf "$work/asterisk-static/"
asterisk_root=/usr/lib/natterjack/asterisk-root

echo "build.sh: root file system (mmdebstrap)" >&2
rootfs() {
  mmdebstrap --mode=unshare --variant=minbase \
    --aptopt='Acquire::Languages "none"' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --include=systemd-sysv,udev,dbus,kmod,iproute2,netbase,systemd-resolved \
    --include=linux-image-amd64,initramfs-tools,e2fsprogs,dosfstools,grub-common \
    --include=openjdk-17-jre-headless,ca-certificates,procps,less,rauc,rauc-service,curl \
    --skip=essential/unlink \
    --setup-hook='mkdir -p "$1/var/cache/apt/archives"' \
    --setup-hook="sync-in $cache /var/cache/apt/archives/" \
    --essential-hook="$here/src/image/hooks/essential.sh" \
    --customize-hook="copy-in $target/natterjack.deb /tmp" \
    --customize-hook='chroot "$1" apt-get install -y -q --no-install-recommends /tmp/natterjack.deb && rm "$1/tmp/natterjack.deb"' \
    --customize-hook="copy-in $dahdi_sources /tmp" \
    --customize-hook='mkdir -p "$1/tmp/dahdi-built"' \
    --customize-hook="sync-in $modules /tmp/dahdi-built" \
    --customize-hook="$here/src/asterisk/dahdi-modules.sh" \
    --customize-hook='rm -rf "$1/tmp/dahdi-built" "$1"/tmp/dahdi-dkms_*.deb' \
    --customize-hook="sync-out /var/cache/apt/archives $cache" \
    --customize-hook="mkdir -p \"\$1$asterisk_root\"" \
    --customize-hook="tar-in $work/asterisk-root.tar $asterisk_root" \
    --customize-hook="mkdir -p \"\$1$asterisk_root/usr/share/natterjack/asterisk\"" \
    --customize-hook="sync-in $work/asterisk-static $asterisk_root/usr/share/natterjack/asterisk" \
    --customize-hook="sync-in $here/src/image/rootfs /" \
    --customize-hook="copy-in $keys/keyring.pem /etc/rauc" \
    --customize-hook="$here/src/image/hooks/customize.sh" \
    bookworm "$work/rootfs.tar" "$mirror"
}
# mmdebstrap's special hooks (tar-in, sync-in, sync-out) now and then die of SIGPIPE ("special hook failed with exit
# code 13"), a fault of the helper's socket, not of what it copies: one more try before giving up.
rootfs || { echo "build.sh: mmdebstrap failed; trying once more" >&2; rootfs; }
# Newly compiled DAHDI modules go into the cache from the finished tree (mmdebstrap's sync-out of them failed
# now and then, exit code 13).
kernel="$(tar -tf "$work/rootfs.tar" | sed -n 's|^\./usr/lib/modules/\([^/]*\)/updates/dahdi/$|\1|p')"
compiled="$modules/$kernel-$(dpkg-deb --field "$dahdi_sources" Version)"
if [ ! -d "$compiled" ]; then
  rm -rf "$compiled.part" && mkdir -p "$compiled.part"
  tar -xf "$work/rootfs.tar" -C "$compiled.part" --strip-components=7 "./usr/lib/modules/$kernel/updates/dahdi"
  mv "$compiled.part" "$compiled"
fi

echo "build.sh: slot image and its bundle" >&2
bundle "$work/rootfs.tar" "$IMAGE_VERSION" "$target/natterjack-$IMAGE_VERSION.raucb"
mv "$target/natterjack-$IMAGE_VERSION.squashfs" "$work/rootfs.squashfs"

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
echo "$IMAGE_VERSION" > "$work/VERSION"
echo "build.sh: $image (natterjack $IMAGE_VERSION)" >&2
