#!/usr/bin/env bash
# The appliance's Asterisk: a Debian sid tree with Asterisk, chan_dahdi and the DAHDI tools, which the image
# carries in /usr/lib/natterjack/asterisk-root and runs chrooted. Debian 12 has no Asterisk (nor do its
# backports or trixie), and sid's needs a newer glibc than bookworm's, so it cannot join the bookworm root.
#
# Pinned by sid.lock: every package of the tree as "SHA256  pool/path.deb", plus the DAHDI kernel module
# sources (dahdi-dkms) that dahdi-modules.sh compiles. The .debs are fetched once from the mirror's pool into
# the cache and checked against the lock; the tree is built from a local repository of exactly those files,
# so every build gives the same tree until the lock changes. sid drops superseded versions from the mirror:
# when a pinned .deb is neither cached nor on the mirror any more, `sid-tree.sh update` makes a new lock from
# today's sid (commit it after a test run; sid has no security support, so releases refresh it).
#
#   sid-tree.sh tree OUT.tar     the tree from the lock
#   sid-tree.sh deb PACKAGE      the path of a pinned .deb in the cache (fetched if needed)
#   sid-tree.sh update           a new sid.lock from today's sid
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lock="$here/sid.lock"
cache="${NATTERJACK_CACHE_DIR:-$HOME/.cache/natterjack}/debs-sid"
mirror="${NATTERJACK_MIRROR:-http://deb.debian.org/debian}"
work="$(mktemp -d "${TMPDIR:-/tmp}/natterjack-sid.XXXXXX")"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$cache"

# What the tree is made of; asterisk-dahdi's dependency on the module sources (a compiler and kernel headers)
# is met by an empty stand-in: the modules are built once, outside, by dahdi-modules.sh.
packages=asterisk,asterisk-modules,asterisk-dahdi,dahdi
repo="$work/repo"
mkdir -p "$repo"

stand_in() {
  mkdir -p "$work/stub/DEBIAN"
  cat > "$work/stub/DEBIAN/control" <<CONTROL
Package: dahdi-dkms
Version: 99:0-natterjack
Architecture: all
Maintainer: Natterjack <natterjack@natterjack.invalid>
Description: stand-in for the DAHDI module sources (the appliance carries the modules, built once)
CONTROL
  dpkg-deb --root-owner-group -Zgzip --build "$work/stub" "$repo/dahdi-dkms-stand-in.deb" >/dev/null
}

# The users the tree's packages create, with the ids the host image gives them (files on /data are shared).
users_hook='printf "asterisk:x:902:902:Asterisk PBX:/var/lib/asterisk:/usr/sbin/nologin\n" >> "$1/etc/passwd";
printf "asterisk:!*:0::::::\n" >> "$1/etc/shadow"; printf "asterisk:x:902:\n" >> "$1/etc/group";
printf "asterisk:!::\n" >> "$1/etc/gshadow"'

debstrap() {
  mmdebstrap --mode=unshare --variant=apt --include="$packages" \
    --aptopt='Acquire::Languages "none"' --aptopt='Acquire::Check-Valid-Until "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --essential-hook="$users_hook" \
    --customize-hook='mkdir -p "$1/data/asterisk" "$1/data/dahdi"' \
    "$@"
}

# Fetches (if not cached) and checks the pinned .deb of each lock line given on stdin.
fetch() {
  local sum path file
  while read -r sum path; do
    file="$cache/${path##*/}"
    if [ ! -f "$file" ]; then
      curl -fsS --retry 3 -o "$file.part" "$mirror/$path" || {
        rm -f "$file.part"
        echo "sid-tree.sh: $path is no longer on $mirror and not cached: run appliance-image/src/asterisk/sid-tree.sh update" >&2
        exit 1
      }
      mv "$file.part" "$file"
    fi
    echo "$sum  $file"
  done | sha256sum -c --quiet -
}

case "${1:-}" in
  tree)
    out="$(realpath -m "$2")"
    grep -v '/dahdi-dkms_' "$lock" | fetch
    grep -v '/dahdi-dkms_' "$lock" | while read -r _ path; do ln "$cache/${path##*/}" "$repo/" 2>/dev/null || cp "$cache/${path##*/}" "$repo/"; done
    stand_in
    (cd "$repo" && dpkg-scanpackages --multiversion . /dev/null > Packages 2>/dev/null)
    chmod -R a+rX "$repo"
    debstrap sid "$out" "deb [trusted=yes] copy://$repo ./"
    ;;
  deb)
    line="$(grep "/${2}_" "$lock")"
    echo "$line" | fetch
    echo "$cache/$(basename "${line##* }")"
    ;;
  update)
    stand_in
    (cd "$repo" && dpkg-scanpackages . /dev/null > Packages 2>/dev/null)
    chmod -R a+rX "$repo"
    # The lock: every installed package's pool file and checksum, and the real module sources.
    debstrap \
      --customize-hook='chroot "$1" sh -c "dpkg-query -W -f=\"\\\${Package}:\\\${Architecture}=\\\${Version}\\n\" | grep -v ^dahdi-dkms: | xargs apt-cache show --no-all-versions; apt-cache show dahdi-dkms" | awk "/^Filename:/ {f=\$2} /^SHA256:/ {s=\$2} /^\$/ {if (f ~ /^pool\\//) print s \"  \" f; f=\"\"}" | sort -k2 -u > "$1/tmp/sid.lock"' \
      --customize-hook="download /tmp/sid.lock $work/sid.lock" \
      sid /dev/null "deb $mirror sid main" "deb [trusted=yes] copy://$repo ./"
    grep -q '/asterisk_' "$work/sid.lock" && grep -q '/dahdi-dkms_' "$work/sid.lock"
    cp "$work/sid.lock" "$lock"
    echo "sid-tree.sh: $lock: $(wc -l < "$lock") packages; $(grep -o 'asterisk_[^ ]*' "$lock")" >&2
    ;;
  *) echo "usage: sid-tree.sh tree OUT.tar | deb PACKAGE | update" >&2; exit 2 ;;
esac
