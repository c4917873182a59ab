#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then integration tests against real peers
# (sipp user agents, a NAT built from network namespaces and nftables, Asterisk in a Debian sid chroot
# that mmdebstrap builds once into .cache/asterisk-sid, the web admin in Debian's chromium driven by
# playwright-core from npm, Debian's softphones baresip, linphone and twinkle in the interop suite, and the
# appliance image booted in qemu).
# Installs the system packages the tests need (Debian/Ubuntu, via apt) when they are missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v sipp >/dev/null || missing+=(sip-tester)
command -v dnsmasq >/dev/null || missing+=(dnsmasq-base)
command -v nft >/dev/null || missing+=(nftables)
command -v ip >/dev/null || missing+=(iproute2)
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v baresip >/dev/null || missing+=(baresip)
command -v linphonec >/dev/null || missing+=(linphone-cli)
command -v twinkle >/dev/null || missing+=(twinkle)
command -v sox >/dev/null || missing+=(sox)
# An HTTP proxy (CONNECT) for the tunnel agent's --proxy.
command -v tinyproxy >/dev/null || missing+=(tinyproxy-bin)
command -v dumpcap >/dev/null || missing+=(wireshark-common)
command -v python3 >/dev/null || missing+=(python3)
# Prometheus's own parser and linter for the metrics exposition (promtool check metrics).
command -v promtool >/dev/null || missing+=(prometheus)
# Wireshark's reader for the SIP capture's pcap downloads.
command -v tshark >/dev/null || missing+=(tshark)
# An edge proxy in front of the gateway (RFC 3327 Path): Kamailio and its path module, started by the test itself.
command -v kamailio >/dev/null || missing+=(kamailio)
# The shared store's database, started by the tests themselves (initdb/pg_ctl as the postgres user).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# The appliance image: its build (appliance-image/build.sh) and qemu with UEFI firmware to boot it.
command -v tar2sqfs >/dev/null || missing+=(squashfs-tools-ng)
[ -d /usr/lib/grub/x86_64-efi ] || missing+=(grub-efi-amd64-bin)
command -v grub-editenv >/dev/null || missing+=(grub-common)
command -v mcopy >/dev/null || missing+=(mtools)
command -v mkfs.fat >/dev/null || missing+=(dosfstools)
command -v sfdisk >/dev/null || missing+=(fdisk)
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
[ -f /usr/share/OVMF/OVMF_CODE_4M.fd ] || missing+=(ovmf)
command -v qemu-img >/dev/null || missing+=(qemu-utils)
# Signed RAUC bundles: made by build.sh and by the upgrade module's tests (rauc bundle runs mksquashfs).
command -v rauc >/dev/null || missing+=(rauc)
command -v mksquashfs >/dev/null || missing+=(squashfs-tools)
command -v openssl >/dev/null || missing+=(openssl)
# The image's Asterisk tree (a local repository of the pinned sid packages) and the DAHDI modules' download.
command -v dpkg-scanpackages >/dev/null || missing+=(dpkg-dev)
command -v curl >/dev/null || missing+=(curl)
# Release signing with a key in a PKCS#11 token (SoftHSM standing in for an HSM).
command -v softhsm2-util >/dev/null || missing+=(softhsm2)
[ -f /usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so ] || missing+=(libengine-pkcs11-openssl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The package's own service would take port 5060 from the gateway's first run: the tests start their own.
  case " ${missing[*]} " in *" kamailio "*) $sudo systemctl disable --now kamailio >/dev/null 2>&1 || true ;; esac
fi

exec mvn -B -ntp verify "$@"
