#!/usr/bin/env bash
# Checks the Flatpak manifest as far as this machine allows (the Flatpak
# runtimes cannot be downloaded here, so flatpak-builder itself is not run):
#  - the manifest parses, names the app id, the desktop file, the metainfo
#    and the icon that exist, and grants no network;
#  - the build it describes works offline: in a copy of the tree, `go mod
#    vendor`, then `go build` with GOFLAGS=-mod=vendor, GOPROXY=off and an
#    empty module cache, as flatpak-builder would run it;
#  - the desktop file and the metainfo validate.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=packaging/flatpak/fr.temoin.app.yml

python3 - "$manifest" <<'PY'
import sys, yaml
m = yaml.safe_load(open(sys.argv[1]))
assert m["app-id"] == "fr.temoin.app", "app-id"
assert m["command"] == "temoin", "command"
args = m["finish-args"]
assert not any(a.startswith("--share=network") for a in args), "the sandbox must not grant the network"
env = m["build-options"]["env"]
assert "-mod=vendor" in env["GOFLAGS"] and env["GOPROXY"] == "off", "the build must be offline"
cmds = " ".join(m["modules"][0]["build-commands"])
for f in ("assets/desktop/fr.temoin.app.desktop", "assets/desktop/fr.temoin.app.metainfo.xml", "assets/icon.png"):
    assert f in cmds, f
PY
desktop-file-validate assets/desktop/fr.temoin.app.desktop
appstreamcli validate --no-net assets/desktop/fr.temoin.app.metainfo.xml >/dev/null

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
git ls-files -z | xargs -0 cp --parents -t "$tmp" 2>/dev/null || true
(cd "$tmp" && go mod vendor)
(cd "$tmp" && GOFLAGS=-mod=vendor GOPROXY=off GOMODCACHE="$tmp/empty-modcache" GOTOOLCHAIN=local \
  go build -trimpath -o "$tmp/temoin" . && "$tmp/temoin" version >/dev/null)
echo "flatpak-check: the manifest is sound and its build works offline from vendor/ (flatpak-builder itself not run: no runtime here)"
