#!/usr/bin/env bash
# Installs what Témoin needs to build, test and look at itself:
# - the C headers Fyne needs (OpenGL, X11, Wayland), poppler-utils (tests
#   read PDFs back), qpdf (tests check every PDF the app writes), Xvfb,
#   imagemagick, xdotool and xclip (screenshots), ffmpeg (the screen recording test);
# - with `screenshots`: tesseract and its French and English words (make
#   screenshots finds the buttons it clicks by reading the screen);
# - the real `age` command (interoperability tests), staticcheck, govulncheck and
#   deadcode (make check-release), into .tools/;
# - minisign and openssl, the stock tools a representative checks a bundle's
#   signature and time-stamps with (interoperability tests);
# - with `windows`: mingw-w64, NSIS and debootstrap (the Windows build and its
#   Wine chroot); with `release`: those and minisign.
# On Debian and Ubuntu it installs what is missing with apt-get (sudo when
# not root); elsewhere it prints what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(gcc pkg-config libgl1-mesa-dev libx11-dev libwayland-dev libxkbcommon-dev libxcursor-dev
      libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev poppler-utils xvfb imagemagick xdotool xclip
      x11-utils fonts-dejavu-core zip unzip ffmpeg desktop-file-utils appstream xz-utils minisign openssl qpdf)
# The Windows build and its test under Wine (`make windows`, `make test-windows`),
# and the release's signature (`make release`): only when asked.
for extra in "$@"; do
  case $extra in
    screenshots) debs+=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra) ;;
    windows) debs+=(gcc-mingw-w64-x86-64 nsis imagemagick debootstrap) ;;
    release) debs+=(gcc-mingw-w64-x86-64 nsis imagemagick minisign) ;;
  esac
done

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  cat <<'MSG'
This system is not Debian-based. Install the equivalent of:
  a C compiler, pkg-config, the OpenGL, X11 and Wayland development headers
  (Fedora: gcc libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel
  libXinerama-devel libXxf86vm-devel wayland-devel libxkbcommon-devel;
  macOS: Xcode command-line tools), and poppler-utils for the tests.
MSG
fi

if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed: see https://go.dev/doc/install" >&2
  exit 1
fi

tools="$PWD/.tools"
mkdir -p "$tools"
install_tool() { # name module@version
  if [ ! -x "$tools/$1" ]; then
    echo "Installing $2"
    GOBIN="$tools" GOFLAGS=-mod=mod go install "$2"
  fi
}
install_tool age filippo.io/age/cmd/age@v1.3.2
install_tool age-keygen filippo.io/age/cmd/age-keygen@v1.3.2
install_tool staticcheck honnef.co/go/tools/cmd/staticcheck@v0.8.2
install_tool govulncheck golang.org/x/vuln/cmd/govulncheck@v1.9.0
install_tool deadcode golang.org/x/tools/cmd/deadcode@v0.52.0
