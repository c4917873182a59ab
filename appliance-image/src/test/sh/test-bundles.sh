#!/usr/bin/env bash
# The bundles ApplianceImageIT installs, made from the image build's root file system (target/image) with
# build.sh's bundle command, signed with the same keys:
#   newer.raucb    VERSION+upgrade1  the release again under a newer version
#   broken.raucb   VERSION+upgrade2  a release whose gateway never starts (its JVM rejects an option)
#   older.raucb    VERSION~older     older than the image (to be refused)
#   small.raucb    VERSION+upgrade3  newer, but its slot image is one file: the tests flip a byte of it (refused)
# Usage: test-bundles.sh OUT_DIR VERSION
set -euo pipefail
out="$1" version="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
image="$here/target/image"
stage="$out/stage"

# variant NAME VERSION [FILE CONTENT]...: the image's tree with VERSION (and each FILE) replaced.
variant() {
  local name="$1" v="$2"; shift 2
  "$here/src/test/sh/replace-in-tar.py" "$image/rootfs.tar" "$out/$name.tar" ./usr/share/natterjack/VERSION "$v" "$@"
  "$here/build.sh" bundle "$out/$name.tar" "$v" "$out/$name.raucb"
  rm -f "$out/$name.tar"
}

variant newer "$version+upgrade1"
variant broken "$version+upgrade2" ./etc/default/natterjack \
  "NATTERJACK_DATA_DIR=/data/natterjack
NATTERJACK_JAVA_OPTS=-XX:+NoSuchOptionInThisRelease"
# Refused before anything is written, so their slot image may be anything: one file keeps them small, and
# their upload through qemu's user network short.
rm -rf "$stage" && mkdir -p "$stage"
echo "not a root file system" > "$stage/README"
tar -cf "$out/small.tar" --owner=0 --group=0 -C "$stage" README
"$here/build.sh" bundle "$out/small.tar" "$version~older" "$out/older.raucb"
"$here/build.sh" bundle "$out/small.tar" "$version+upgrade3" "$out/small.raucb"
rm -rf "$stage" "$out/small.tar"
