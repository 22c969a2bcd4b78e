#!/usr/bin/env bash
# `make linux`: dist/temoin-linux-amd64.tar.xz, which a person unpacks and
# installs with `make install` (into ~/.local, no administrator rights):
# the program, the project's own menu entry, icon and AppStream metainfo
# (assets/desktop), the licence, and packaging/linux/Makefile. The version
# comes from the git tag (tools/version.sh). Nothing in the work tree
# changes (no `fyne package`, which rewrites FyneApp.toml).
set -euo pipefail
cd "$(dirname "$0")/.."

version=${VERSION:-$(tools/version.sh)}
name=temoin-linux-amd64
stage=bin/linux/$name
rm -rf "$stage" && mkdir -p "$stage" dist

echo "Building $stage/temoin ($version)"
CGO_ENABLED=1 GOOS=linux GOARCH=amd64 \
  go build -trimpath -ldflags "-s -w -X github.com/temoin-app/temoin/app.Version=$version" -o "$stage/temoin" .
cp assets/desktop/fr.temoin.app.desktop assets/desktop/fr.temoin.app.metainfo.xml "$stage/"
cp assets/icon.png "$stage/fr.temoin.app.png"
cp LICENSE packaging/linux/Makefile "$stage/"
cat >"$stage/LISEZ-MOI.txt" <<MSG
Témoin $version pour Linux

Pour l'installer pour votre compte (sans droits d'administrateur), ouvrez un
terminal dans ce dossier et tapez :

    make install

Témoin apparaît alors dans le menu des applications. Pour le désinstaller :
make uninstall (votre journal, dans ~/.local/share/temoin, est gardé).

Guide d'installation illustré : docs/installer.fr.md dans les sources.
MSG
tar -C bin/linux --owner=0 --group=0 --mtime="@$(git log -1 --format=%ct 2>/dev/null || date +%s)" \
  -cJf "dist/$name.tar.xz" "$name"
ls -l "dist/$name.tar.xz"
