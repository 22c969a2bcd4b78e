#!/usr/bin/env bash
# `make release`: everything a person downloads, in dist/, with SHA256SUMS
# and its minisign signature (SHA256SUMS.minisig):
#   temoin-setup-windows-amd64.exe   the Windows installer
#   temoin-windows-amd64.exe         the Windows program alone
#   temoin-linux-amd64.tar.xz        Linux: program, menu entry, icon, metainfo
#   temoin-VERSION-source.tar.gz     the source of this version (git archive)
# The version is the git tag (tools/version.sh): tag first (git tag v1.2.0).
# The signature uses the secret key in $MINISIGN_KEY (default
# ~/.minisign/temoin.key); its public key is packaging/minisign.pub, printed
# in the README. A person checks a download with
#   minisign -Vm SHA256SUMS -p minisign.pub && sha256sum -c --ignore-missing SHA256SUMS
# SKIP_BUILD=1 signs what dist/ holds (tests).
set -euo pipefail
cd "$(dirname "$0")/.."

version=${VERSION:-$(tools/version.sh)}
key=${MINISIGN_KEY:-$HOME/.minisign/temoin.key}
pub=${MINISIGN_PUB:-packaging/minisign.pub}
if [ ! -f "$key" ]; then
  cat >&2 <<MSG
No minisign secret key at $key. The maintainer who signs releases keeps it;
to make a new pair (and publish the new public key in packaging/minisign.pub
and README.md): minisign -G -p packaging/minisign.pub -s $key
MSG
  exit 1
fi
case $version in
  *-dev-*|*-dirty) echo "warning: $version is not a tagged, clean version: fine for a test, not for a release" >&2 ;;
esac

if [ "${SKIP_BUILD:-}" != 1 ]; then
  rm -rf dist && mkdir -p dist
  VERSION=$version tools/windows.sh
  VERSION=$version tools/linux.sh
  git archive --format=tar.gz --prefix="temoin-$version/" -o "dist/temoin-$version-source.tar.gz" HEAD
fi
rm -f dist/SHA256SUMS dist/SHA256SUMS.minisig
(cd dist && sha256sum -- * >SHA256SUMS)
minisign -S -s "$key" -m dist/SHA256SUMS -t "Témoin $version: SHA256SUMS" >/dev/null </dev/null
minisign -V -q -p "$pub" -m dist/SHA256SUMS
(cd dist && sha256sum --quiet -c SHA256SUMS)
echo "dist/ (Témoin $version), signed with the key of $pub:"
ls -l dist
