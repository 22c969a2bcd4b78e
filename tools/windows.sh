#!/usr/bin/env bash
# Cross-builds Témoin for Windows on this Debian machine (`make windows`):
#   dist/temoin-windows-amd64.exe        the program (GUI subsystem; with a
#                                        command, a CLI in the console it was run from)
#   dist/temoin-setup-windows-amd64.exe  its installer (NSIS, per user, no admin rights)
# Needs mingw-w64 and NSIS (tools/deps.sh windows installs them). The icon,
# the version information and the manifest are compiled into the .exe with
# mingw's windres (packaging/windows/temoin.rc); the version comes from the
# git tag (tools/version.sh). Cold, the cgo part of Fyne takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${VERSION:-$(tools/version.sh)}
numeric=$(VERSION=$version tools/version.sh numeric)
out=dist
build=bin/windows # intermediate files, not committed
mkdir -p "$out" "$build"

# The resources: an icon of several sizes made from the PNG, then the .syso
# that `go build` links into the program of this folder.
convert assets/icon.png -background none -define icon:auto-resize=256,128,64,48,32,16 "$build/temoin.ico"
# The installer's side picture (164×314, as NSIS wants): the icon on the app's green.
convert -size 164x314 xc:'#2e6e70' \( assets/icon.png -resize 112x112 \) -geometry +26+60 -composite \
  -type truecolor BMP3:"$build/sidebar.bmp"
cp packaging/windows/temoin.rc packaging/windows/temoin.exe.manifest "$build/"
x86_64-w64-mingw32-windres --codepage=65001 -I "$build" \
  -DVERSION_NUM="${numeric//./,}" -DVERSION_STR="\\\"$version\\\"" \
  -i "$build/temoin.rc" -O coff -o rsrc_windows_amd64.syso

echo "Building $out/temoin-windows-amd64.exe ($version)"
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -trimpath -ldflags "-H=windowsgui -s -w -X github.com/temoin-app/temoin/app.Version=$version" \
  -o "$out/temoin-windows-amd64.exe" .

echo "Building $out/temoin-setup-windows-amd64.exe"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DVERSION_NUM="$numeric" \
  -DEXE="$PWD/$out/temoin-windows-amd64.exe" -DICON="$PWD/$build/temoin.ico" -DSIDEBAR="$PWD/$build/sidebar.bmp" \
  -DOUTFILE="$PWD/$out/temoin-setup-windows-amd64.exe" packaging/windows/installer.nsi
ls -l "$out"/temoin-windows-amd64.exe "$out"/temoin-setup-windows-amd64.exe
