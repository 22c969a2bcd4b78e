#!/usr/bin/env bash
# go vet for Windows and macOS from this Linux machine, so that code kept
# behind build tags (console_windows.go, ui/capture_*.go, vault's files_*.go)
# compiles. Windows: every package, with mingw (cgo) when it is installed
# (`tools/deps.sh windows`), else the packages that build without cgo.
# macOS: the packages that build without cgo (Fyne needs cgo and a Mac's
# SDK: ui/ and main are checked on a Mac, docs/macos.md).
set -euo pipefail
cd "$(dirname "$0")/.."

without_cgo() { # GOOS [GOARCH]: the packages that, with their tests, build for GOOS with cgo off (no Fyne)
  local all
  all=$(GOOS=$1 GOARCH=${2:-amd64} CGO_ENABLED=0 go list -e -test \
    -f '{{if .ForTest}}{{.ForTest}}{{else}}{{.ImportPath}}{{end}}|{{if or .Error .DepsErrors}}error{{end}} {{join .Deps " "}}' ./...)
  comm -23 <(cut -d'|' -f1 <<<"$all" | grep -v '\.test$' | sort -u) \
           <(grep -E '\|error| fyne\.io/' <<<"$all" | cut -d'|' -f1 | sort -u)
}

if command -v x86_64-w64-mingw32-gcc >/dev/null; then
  echo "go vet: windows/amd64 (cgo with mingw), every package"
  CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc go vet ./...
else
  echo "go vet: windows/amd64 without cgo (install mingw-w64 for the rest)"
  GOOS=windows CGO_ENABLED=0 go vet $(without_cgo windows)
fi
echo "go vet: darwin/arm64 without cgo, the packages without Fyne"
GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 go vet $(without_cgo darwin arm64)
