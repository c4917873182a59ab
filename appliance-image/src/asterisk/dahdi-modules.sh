#!/bin/sh
# mmdebstrap customize hook ($1: the image's root): the DAHDI kernel modules for the image's kernel, compiled
# from the pinned sid sources (dahdi-dkms, copied into /tmp) with their own Makefile, not with dkms (sid's
# dahdi-dkms wants a newer dkms than Debian 12's). The compiler and the kernel headers are installed for the
# build and purged after it. build.sh syncs its cache into /tmp/dahdi-built (a KERNEL-SOURCES directory each) and
# keeps a newly compiled set from the finished root file system, so the compile happens once per kernel and
# DAHDI version.
set -eu
r="$1"
kver="$(basename "$(ls -d "$r"/lib/modules/*-amd64 | head -n 1)")"
deb="$(ls "$r"/tmp/dahdi-dkms_*.deb)"
built="/tmp/dahdi-built/$kver-$(dpkg-deb --field "$deb" Version)"
if [ ! -d "$r$built" ]; then
  echo "dahdi-modules.sh: compiling DAHDI for $kver (once; cached)" >&2
  tools="linux-headers-$kver gcc make libc6-dev"
  # systemd-resolved made the root's resolv.conf a link to its stub, which does not run here.
  mv "$r/etc/resolv.conf" "$r/etc/resolv.conf.image"
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  # shellcheck disable=SC2086
  chroot "$r" apt-get install -y -q --no-install-recommends $tools >/dev/null
  rm -rf "$r/tmp/dahdi" && mkdir -p "$r/tmp/dahdi"
  dpkg-deb -x "$deb" "$r/tmp/dahdi"
  src="$(cd "$r/tmp/dahdi" && ls -d usr/src/dahdi-*)"
  # The Makefile passes $(PWD) to the kernel's build, so it runs from the source directory. sid's sources follow
  # sid's kernels: timer_container_of() is 6.16's name for 6.1's from_timer(). dahdi_dummy is left out (it
  # needs 6.13's hrtimer_setup(); the DAHDI core keeps time without a card).
  chroot "$r" sh -c "cd /tmp/dahdi/$src && make -s -j\"\$(nproc)\" modules KVERS=$kver \
      KCFLAGS=-Dtimer_container_of=from_timer && find drivers/dahdi -name '*.ko' -exec strip --strip-debug {} +" >&2
  mkdir -p "$r$built"
  (cd "$r/tmp/dahdi/$src/drivers/dahdi" && find . -name '*.ko' -exec cp --parents {} "$r$built/" \;)
  # shellcheck disable=SC2086
  chroot "$r" apt-get purge -y -q --autoremove $tools >/dev/null
  rm -rf "$r/tmp/dahdi"
  mv -f "$r/etc/resolv.conf.image" "$r/etc/resolv.conf"
fi
mkdir -p "$r/lib/modules/$kver/updates/dahdi"
cp -R "$r$built/." "$r/lib/modules/$kver/updates/dahdi/"
chroot "$r" depmod "$kver"
echo "dahdi-modules.sh: $(find "$r/lib/modules/$kver/updates/dahdi" -name '*.ko' | wc -l) DAHDI modules for $kver" >&2
