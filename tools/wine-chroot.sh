#!/usr/bin/env bash
# A Debian trixie chroot with Wine 10, to run Témoin's Windows build on this
# Debian machine (bookworm's Wine 8 cannot run Go ≥ 1.22 programs). The
# chroot is cached outside the work tree, in $TEMOIN_WINE_CACHE (default
# ~/.cache/temoin-wine), and made only when missing (about 2 minutes and
# 1.8 GB). Needs root and debootstrap (tools/deps.sh windows installs it).
#
#   tools/wine-chroot.sh setup              # make the chroot if it is missing
#   tools/wine-chroot.sh run DIR CMD...     # run CMD in the chroot, DIR bind-mounted on /w
#   tools/wine-chroot.sh remove             # unmount everything, delete the chroot
#
# Sourced (tools/test-windows.sh, tools/windows-screenshots.sh), it gives
# fresh_windows / end_windows, in_chroot, chroot_pids and kill_in_chroot.
#
# `run` mounts /proc, /dev and DIR, and always unmounts them when CMD ends,
# whatever happens. Inside, Wine's prefix is /root/wine (made on first use),
# with LANG=fr_FR.UTF-8 (Wine needs a UTF-8 locale to write names with "é").
set -euo pipefail

cache=${TEMOIN_WINE_CACHE:-$HOME/.cache/temoin-wine}
root=$cache/trixie
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages=(wine wine64 libwine xvfb xauth xdotool imagemagick libgl1 libgl1-mesa-dri locales
          fonts-dejavu-core procps)

mounted=()
# unmount_all unmounts what enter and setup mounted, newest first.
unmount_all() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -l "${mounted[i]}" 2>/dev/null || true
  done
  mounted=()
}

mount_in() { # ROOT: /proc and /dev inside ROOT
  mount -t proc proc "$1/proc"
  mounted+=("$1/proc")
  mount --rbind /dev "$1/dev"
  mount --make-rslave "$1/dev"
  mounted+=("$1/dev")
}

setup() {
  [ -f "$root/.ready" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Making the Wine chroot needs root (debootstrap, chroot, mount)." >&2
    exit 1
  fi
  local t0=$SECONDS partial=$cache/trixie.partial
  echo "Making the Debian trixie chroot with Wine in $root (once; about 2 minutes, 1.8 GB)"
  mkdir -p "$cache"
  # A chroot left half-made by an interrupted run: unmount, then start over.
  if [ -d "$partial" ]; then
    umount -R "$partial/proc" "$partial/dev" 2>/dev/null || true
    if grep -q " $partial/" /proc/mounts; then
      echo "Something is still mounted under $partial: unmount it first." >&2
      exit 1
    fi
    rm -rf --one-file-system "$partial"
  fi
  debootstrap --variant=minbase trixie "$partial" "$mirror" >"$cache/debootstrap.log" 2>&1 || {
    tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  mount_in "$partial"
  cp /etc/resolv.conf "$partial/etc/resolv.conf" 2>/dev/null || true
  chroot "$partial" /bin/sh -c '
    set -e
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends '"${packages[*]}"' >/dev/null
    sed -i "s/^# *\(fr_FR.UTF-8\)/\1/; s/^# *\(en_US.UTF-8\)/\1/" /etc/locale.gen
    locale-gen >/dev/null
    apt-get clean
  ' >"$cache/apt.log" 2>&1 || { tail -20 "$cache/apt.log" >&2; exit 1; }
  unmount_all
  mv "$partial" "$root"
  touch "$root/.ready"
  echo "Wine chroot ready in $((SECONDS - t0)) s"
}

# enter DIR: mounts /proc, /dev and DIR (on /w) in the chroot.
enter() {
  setup
  mkdir -p "$root/w"
  mount_in "$root"
  mount --bind "$1" "$root/w"
  mounted+=("$root/w")
}

# in_chroot CMD...: runs CMD in the chroot (entered), with Wine's settings.
in_chroot() {
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/lib/wine \
    LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 WINEPREFIX="${WINEPREFIX_IN:-/root/wine}" WINEDEBUG=-all \
    WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d" TZ=Europe/Paris \
    DISPLAY="${DISPLAY_IN:-}" ${EXTRA_ENV:-} "$@"
}

# chroot_pids PATTERN: the processes of this chroot whose command line
# matches PATTERN (pgrep -f), never those of the machine or of another chroot.
chroot_pids() {
  local pid
  for pid in $(pgrep -f "$1"); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && echo "$pid"
  done
}

# kill_in_chroot PATTERN [SIGNAL]: kills those processes, by their ids.
kill_in_chroot() {
  local pids
  pids=$(chroot_pids "$1")
  [ -n "$pids" ] && kill "-${2:-TERM}" $pids 2>/dev/null
  return 0
}

# start_xvfb DISPLAY: an X server for Wine, inside the chroot; stop_xvfb
# ends that one (by its id), not the machine's other X servers.
xvfb_pid=""
start_xvfb() {
  in_chroot sh -c "Xvfb $1 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & echo \$! >/tmp/xvfb.pid"
  xvfb_pid=$(cat "$root/tmp/xvfb.pid")
}
stop_xvfb() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  xvfb_pid=""
  return 0
}

# fresh_windows DIR PREFIX DISPLAY: enters the chroot with DIR on /w, and
# starts a new Windows there: an empty Wine prefix PREFIX (inside the
# chroot), an X server on DISPLAY, and a Wine server kept running between
# commands. The caller's EXIT trap calls end_windows.
fresh_windows() {
  enter "$1"
  export WINEPREFIX_IN=$2 DISPLAY_IN=$3
  rm -rf "${root:?}$WINEPREFIX_IN"
  start_xvfb "$3"
  in_chroot wineboot -i >/dev/null 2>&1
  in_chroot sh -c 'wineserver -p 2>/dev/null'
}

# end_windows: stops that Windows's programs and X server, then unmounts.
end_windows() {
  if grep -q " $root/proc " /proc/mounts; then
    in_chroot wineserver -k >/dev/null 2>&1
    stop_xvfb
  fi
  unmount_all
}

run() { # DIR CMD...
  local dir=$1 rc=0
  shift
  enter "$dir"
  in_chroot "$@" || rc=$?
  unmount_all
  return $rc
}

remove() {
  unmount_all
  for m in proc dev w; do umount -R "$root/$m" 2>/dev/null || true; done
  if grep -q " $root/" /proc/mounts; then
    echo "Something is still mounted under $root: not deleting it." >&2
    exit 1
  fi
  rm -rf --one-file-system "$root" "$cache/trixie.partial"
}

# Sourced (by tools/test-windows.sh): the functions only; the caller
# calls unmount_all (its EXIT trap) when done.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  trap - EXIT INT TERM
  return 0
fi
trap unmount_all EXIT INT TERM

case "${1:-}" in
  setup) setup ;;
  run) shift; run "$@" ;;
  remove) remove ;;
  *) echo "usage: $0 setup | run DIR CMD... | remove" >&2; exit 2 ;;
esac
