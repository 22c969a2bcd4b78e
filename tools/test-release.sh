#!/usr/bin/env bash
# `make test-release`: the release's checksums are signed, the signature
# verifies with the stock minisign tool and the public key, and a changed
# SHA256SUMS or a changed download is caught. Signs with a throwaway key
# (the maintainer's stays with the maintainer); uses what dist/ holds
# (make windows linux first), plus the source archive.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
minisign -G -W -p "$tmp/test.pub" -s "$tmp/test.key" >/dev/null
version=$(tools/version.sh)
for f in temoin-windows-amd64.exe temoin-setup-windows-amd64.exe temoin-linux-amd64.tar.xz; do
  [ -f "dist/$f" ] || { echo "dist/$f is missing: make windows linux first"; exit 1; }
done
rm -f dist/temoin-*-source.tar.gz
git archive --format=tar.gz --prefix="temoin-$version/" -o "dist/temoin-$version-source.tar.gz" HEAD
MINISIGN_KEY=$tmp/test.key MINISIGN_PUB=$tmp/test.pub SKIP_BUILD=1 tools/release.sh >/dev/null 2>&1
minisign -V -q -p "$tmp/test.pub" -m dist/SHA256SUMS
(cd dist && sha256sum --quiet -c SHA256SUMS)
grep -q "temoin-setup-windows-amd64.exe" dist/SHA256SUMS
cp -r dist "$tmp/dist"
sed -i '1s/^./0/' "$tmp/dist/SHA256SUMS"
if minisign -V -q -p "$tmp/test.pub" -m "$tmp/dist/SHA256SUMS" 2>/dev/null; then
  echo "a changed SHA256SUMS still verifies"; exit 1
fi
cp dist/SHA256SUMS "$tmp/dist/SHA256SUMS"
printf 'x' >>"$tmp/dist/temoin-linux-amd64.tar.xz"
if (cd "$tmp/dist" && sha256sum --quiet -c SHA256SUMS >/dev/null 2>&1); then
  echo "a changed download still matches SHA256SUMS"; exit 1
fi
grep -q "$(tail -1 packaging/minisign.pub)" README.md || { echo "README.md does not show packaging/minisign.pub"; exit 1; }
echo "test-release: everything passed (SHA256SUMS signed and verified; a changed file or list is caught)"
