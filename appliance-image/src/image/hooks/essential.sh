#!/bin/sh
# mmdebstrap essential hook ($1: the root), before the packages are installed.
set -eu
r="$1"
# Files on /data outlive both slots: the service user's id must not depend on what a release installs.
echo "natterjack:x:901:901:Natterjack gateway:/data/natterjack:/usr/sbin/nologin" >> "$r/etc/passwd"
echo "natterjack:!*:$(( SOURCE_DATE_EPOCH / 86400 ))::::::" >> "$r/etc/shadow"
echo "natterjack:x:901:" >> "$r/etc/group"
echo "natterjack:!::" >> "$r/etc/gshadow"
# Man pages are left out, but openjdk's postinst links its own into man1 with update-alternatives.
mkdir -p "$r/usr/share/man/man1"
# Debian's initramfs has no squashfs driver by default, and the root is a squashfs.
mkdir -p "$r/usr/share/initramfs-tools/modules.d"
printf 'squashfs\n' > "$r/usr/share/initramfs-tools/modules.d/natterjack"
# Asterisk (in its own tree, src/asterisk) runs as asterisk 902, the id its tree gives it; the gateway writes
# Asterisk's configuration for group asterisk, so it is a member.
echo "asterisk:x:902:902:Asterisk PBX:/var/lib/asterisk:/usr/sbin/nologin" >> "$r/etc/passwd"
echo "asterisk:!*:$(( SOURCE_DATE_EPOCH / 86400 ))::::::" >> "$r/etc/shadow"
echo "asterisk:x:902:natterjack" >> "$r/etc/group"
echo "asterisk:!::natterjack" >> "$r/etc/gshadow"
