#!/usr/bin/env bash
# `make test-linux`: the Linux release archive installs as a person would
# install it, and its menu entry and metainfo are valid.
#  - the project's .desktop and AppStream metainfo pass desktop-file-validate
#    and appstreamcli validate (--no-net: no network here);
#  - dist/temoin-linux-amd64.tar.xz unpacks, `make install` puts the program,
#    the menu entry (with the program's full path), the icon and the
#    metainfo into ~/.local of a throwaway home; the installed program runs;
#  - `make uninstall` removes them, and leaves the journal.
set -euo pipefail
cd "$(dirname "$0")/.."

desktop-file-validate assets/desktop/fr.temoin.app.desktop
appstreamcli validate --no-net --pedantic assets/desktop/fr.temoin.app.metainfo.xml
grep -q '<project_license>EUPL-1.2</project_license>' assets/desktop/fr.temoin.app.metainfo.xml

[ "${SKIP_BUILD:-}" = 1 ] || tools/linux.sh
version=${VERSION:-$(tools/version.sh)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
home=$tmp/home
mkdir -p "$home/.local/share/temoin"
echo "journal" >"$home/.local/share/temoin/keep-me"
tar -C "$tmp" -xJf dist/temoin-linux-amd64.tar.xz
HOME=$home make -s -C "$tmp/temoin-linux-amd64" install >/dev/null
local=$home/.local
for f in bin/temoin share/applications/fr.temoin.app.desktop share/metainfo/fr.temoin.app.metainfo.xml \
         share/icons/hicolor/512x512/apps/fr.temoin.app.png; do
  [ -f "$local/$f" ] || { echo "make install did not install $f"; exit 1; }
done
desktop-file-validate "$local/share/applications/fr.temoin.app.desktop"
grep -qx "Exec=$local/bin/temoin" "$local/share/applications/fr.temoin.app.desktop" ||
  { echo "the menu entry does not name the installed program"; exit 1; }
out=$("$local/bin/temoin" version)
[ "$out" = "temoin $version" ] || { echo "the installed program says \"$out\", not \"temoin $version\""; exit 1; }
HOME=$home make -s -C "$tmp/temoin-linux-amd64" uninstall >/dev/null
[ ! -e "$local/bin/temoin" ] && [ ! -e "$local/share/applications/fr.temoin.app.desktop" ] ||
  { echo "make uninstall left the program"; exit 1; }
[ -f "$home/.local/share/temoin/keep-me" ] || { echo "make uninstall touched the journal"; exit 1; }
if [ -n "$(git status --porcelain -- FyneApp.toml assets packaging)" ]; then
  echo "packaging changed the work tree:"; git status --short -- FyneApp.toml assets packaging; exit 1
fi
echo "test-linux: everything passed (archive, install into ~/.local, menu entry, metainfo, uninstall)"
