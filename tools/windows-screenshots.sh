#!/usr/bin/env bash
# The pictures of docs/installer.fr.md, taken under Wine (French) in the
# chroot of tools/wine-chroot.sh, on a fresh Windows account: the
# installer's pages, the Start menu with Témoin, the first start, the
# question of the uninstaller. Writes bin/windows/screenshots/install-*.png;
# copy the ones the guide shows into docs/images/. Needs dist/ (make windows).
set -uo pipefail
cd "$(dirname "$0")/.."
shots=bin/windows/screenshots
mkdir -p "$shots"
. tools/wine-chroot.sh
set +e
cleanup() { in_chroot wineserver -k >/dev/null 2>&1; in_chroot pkill -x Xvfb >/dev/null 2>&1; unmount_all; }
trap cleanup EXIT
setup
enter "$PWD"
export WINEPREFIX_IN=/tmp/temoin-shots DISPLAY_IN=:56
rm -rf "${root:?}$WINEPREFIX_IN"
in_chroot sh -c 'Xvfb :56 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &'
in_chroot wineboot -i >/dev/null 2>&1
in_chroot sh -c 'wineserver -p 2>/dev/null'
X() { in_chroot "$@"; }
shot() { sleep "${2:-1.5}"; X import -window root /w/$shots/install-$1.png; echo "  $shots/install-$1.png"; }
wait_window() { for _ in $(seq 1 60); do X xdotool search --name "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; return 1; }

# A desktop with a taskbar and a Start menu, as on Windows.
X sh -c 'wine explorer /desktop=shell,1280x800 >/dev/null 2>&1 &'
sleep 4
X sh -c 'wine /w/dist/temoin-setup-windows-amd64.exe >/dev/null 2>&1 &'
wait_window "Installation de Témoin" || wait_window "Témoin"
shot 1-welcome 3
X xdotool key Return # Suivant: installs
shot 2-finished 6
X xdotool key space # untick "Lancer Témoin", then Fermer
X xdotool key Return
sleep 2
# The Start menu: the button at the bottom left of the desktop.
X xdotool mousemove 20 790 click 1
sleep 1.5
X xdotool mousemove 50 699
sleep 1.5
X xdotool mousemove 250 699
shot 3-start-menu 2
X xdotool key Escape
# The first start, from the installed program (inside the virtual desktop,
# where Wine gives the window the keyboard).
installed='C:\users\root\AppData\Local\Programs\Temoin\temoin.exe'
X sh -c "wine '$installed' >/dev/null 2>&1 &"
sleep 15
shot 4-first-start 1
X pkill -f 'temoin.exe' >/dev/null 2>&1
sleep 3
# A journal with the demo's invented incidents: unlock, the journal, the settings.
X wine "$installed" demo --vault 'C:\users\root\AppData\Local\Temoin' >/dev/null 2>&1
X sh -c "wine '$installed' >/dev/null 2>&1 &"
sleep 15
X xdotool mousemove 500 452 click 1 # the passphrase field
sleep 1
X xdotool type --delay 80 "demo-temoin-2026"
X xdotool key Return
sleep 12
X xdotool key Escape # the drafts, if offered
shot 5-journal 2
X xdotool key alt+6
shot 5b-settings 3
X pkill -f 'temoin.exe' >/dev/null 2>&1
sleep 3
X sh -c 'wine "C:\\users\\root\\AppData\\Local\\Programs\\Temoin\\uninstall.exe" >/dev/null 2>&1 &'
wait_window "Désinstall"
shot 6-uninstall 3
X xdotool key Return # Désinstaller
sleep 4
shot 7-uninstall-journal 4
X xdotool key Return # Non (the default): the journal stays
sleep 3
