#!/usr/bin/env bash
# Makes development signing keys in DIR (once; an existing set is kept): an ECDSA P-256 root CA, a release
# certificate for code signing issued by it, the root's CRL, and keyring.pem (root + CRL) for the image.
# ECDSA and not Ed25519: OpenSSL 3.0's CMS cannot sign with Ed25519, so rauc bundle could not either.
set -euo pipefail
dir="$1"
[ -f "$dir/keyring.pem" ] && exit 0
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$dir/newcerts" && cd "$dir"
umask 077
: > index.txt && echo 1000 > serial && echo 1000 > crlnumber
cp "$here/ca.cnf" ca.cnf
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$1"; }
ec root-ca.key.pem
openssl req -new -x509 -config ca.cnf -extensions v3_root -key root-ca.key.pem -sha256 -days 7300 \
  -subj "/O=Natterjack/CN=Natterjack Development Root CA" -out root-ca.cert.pem
ec release.key.pem
openssl req -new -key release.key.pem -subj "/O=Natterjack/CN=Natterjack Development Release Signing" -out release.csr.pem
openssl ca -batch -config ca.cnf -extensions v3_codesign -days 1825 -notext -in release.csr.pem -out release.cert.pem 2>/dev/null
openssl ca -batch -config ca.cnf -gencrl -out root-ca.crl.pem 2>/dev/null
cat root-ca.cert.pem root-ca.crl.pem > keyring.pem
chmod 644 keyring.pem root-ca.cert.pem release.cert.pem
