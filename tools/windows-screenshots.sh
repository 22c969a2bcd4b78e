#!/usr/bin/env bash
# The pictures of docs/installer.fr.md, taken under Wine (French) in the
# chroot of tools/wine-chroot.sh, on a fresh Windows account: the
# installer's pages, the Start menu with Témoin, the question of the
# uninstaller, the first start. Writes bin/windows/screenshots/install-*.png;
# copy the ones the guide shows into docs/images/. Needs dist/ (make windows).
set -uo pipefail
cd "$(dirname "$0")/.."
shots=bin/windows/screenshots
mkdir -p "$shots"
. tools/wine-chroot.sh
set +e
trap end_windows EXIT
fresh_windows "$PWD" /tmp/temoin-shots :56
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
X xdotool mousemove 640 100 click 1 # closes the menu (it holds the pointer)
# A journal, so that the uninstaller asks about it.
installed='C:\users\root\AppData\Local\Programs\Temoin\temoin.exe'
X TEMOIN_NEW_PASSPHRASE="cheval agrafe batterie 42" wine "$installed" init >/dev/null 2>&1
X sh -c 'wine "C:\\users\\root\\AppData\\Local\\Programs\\Temoin\\uninstall.exe" >/dev/null 2>&1 &'
wait_window "Désinstall"
shot 6-uninstall 3
X xdotool mousemove 771 570 click 1 # Désinstaller
sleep 4
shot 7-uninstall-journal 4
kill_in_chroot 'Au_.exe' # no answer: the journal stays
sleep 3
# Installed again, without a journal: the first start. The program is
# opened last.
X wine /w/dist/temoin-setup-windows-amd64.exe /S >/dev/null 2>&1
rm -rf "$root$WINEPREFIX_IN/drive_c/users/root/AppData/Local/Temoin"
# The first start, from the installed program.
X sh -c "wine '$installed' >/dev/null 2>&1 &"
sleep 15
shot 4-first-start 1
kill_in_chroot 'Temoin.temoin.exe' 
sleep 3
# (Keys typed with xdotool do not reach Fyne's window under Wine here, so
# the unlocked screens are not taken: make screenshots shows them on Linux.)
