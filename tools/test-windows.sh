#!/usr/bin/env bash
# `make test-windows`: Témoin's Windows build, tested as it will run, on
# this Debian machine, under Wine 10 in a Debian trixie chroot
# (tools/wine-chroot.sh; made once, cached outside the work tree).
#
#  1. builds dist/temoin-windows-amd64.exe and its installer (tools/windows.sh);
#  2. cross-compiles every package's tests (go test -c) for Windows;
#  3. runs the command-line scenario a teacher's journal goes through, on the
#     real program, in %LOCALAPPDATA%\Temoin, checking the results with the
#     stock tools of this machine (sha256sum, age, unzip, pdftotext);
#  4. opens the app's window under Xvfb (French) and takes screenshots;
#  5. runs each package's test binary from its package folder;
#  6. installs with the installer (/S), runs the installed program, checks the
#     Start-menu shortcut and the uninstall entry, uninstalls (/S) keeping the
#     journal, then again with /DELETEJOURNAL;
#  7. prints a summary, and always unmounts the chroot.
#
# Needs root (chroot, mount). Files: bin/windows/ (logs, test binaries,
# screenshots in bin/windows/screenshots/). SKIP_BUILD=1 reuses dist/;
# PKGS="./vault ./ui" runs some test binaries only; TESTS=0 skips them.
set -uo pipefail
cd "$(dirname "$0")/.."
t0=$SECONDS
out=bin/windows
logs=$out/logs
shots=$out/screenshots
mkdir -p "$logs" "$shots" "$out/tests"
rm -f "$logs"/*.log

# shellcheck source=tools/wine-chroot.sh
. tools/wine-chroot.sh
set +e # a failed step is recorded, not fatal

results=() # "status|section|what"
failed=0
record() { # STATUS SECTION WHAT
  results+=("$1|$2|$3")
  [ "$1" = FAIL ] && failed=$((failed + 1))
  printf '  %-4s %s\n' "$1" "$3"
}

trap end_windows EXIT
trap 'exit 130' INT TERM

# --- 1. Build -----------------------------------------------------------
tb=$SECONDS
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== Building for Windows"
  tools/windows.sh >"$logs/build.log" 2>&1 || { tail -30 "$logs/build.log"; echo "the Windows build failed"; exit 1; }
fi
version=${VERSION:-$(tools/version.sh)}
build_time=$((SECONDS - tb))

# --- 2. Test binaries -----------------------------------------------------
tc=$SECONDS
pkgs=()
if [ "${TESTS:-1}" != 0 ]; then
  echo "== Cross-compiling the test binaries"
  mapfile -t pkgs < <(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.Dir}}{{end}}' ${PKGS:-./...} | sed "s|^$PWD/||")
  for p in "${pkgs[@]}"; do
    name=${p//\//-}
    if ! CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
        go test -c -trimpath -o "$out/tests/$name.test.exe" "./$p" >"$logs/build-test-$name.log" 2>&1; then
      record FAIL tests "$p: does not compile for Windows (see $logs/build-test-$name.log)"
    fi
  done
fi
# The stock age tools, for the interoperability tests (app/bundle), as Windows programs.
mkdir -p "$out/tools"
for t in age age-keygen; do
  if [ ! -f "$out/tools/$t.exe" ]; then
    env -u GOBIN GOOS=windows GOARCH=amd64 CGO_ENABLED=0 GOFLAGS=-mod=mod go install "filippo.io/age/cmd/$t@v1.3.2" &&
      cp "$(go env GOPATH)/bin/windows_amd64/$t.exe" "$out/tools/$t.exe"
  fi
done
# minisign, for the signature's interoperability test: the Go port that
# go.mod already holds (aead.dev/minisign, the same command line).
if [ ! -f "$out/tools/minisign.exe" ]; then
  GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -o "$out/tools/minisign.exe" aead.dev/minisign/cmd/minisign
fi
compile_time=$((SECONDS - tc))

# --- The chroot, a fresh Wine prefix, Xvfb ------------------------------
fresh_windows "$PWD" /tmp/temoin-wineprefix :55
prefix=$root$WINEPREFIX_IN
user=$(ls "$prefix/drive_c/users" | grep -vx Public | head -1)
localappdata="$prefix/drive_c/users/$user/AppData/Local"
vaultdir="$localappdata/Temoin"

# --- 3. The command-line scenario ----------------------------------------
ts=$SECONDS
echo "== The command-line scenario (temoin.exe $version)"
work=$out/scenario
rm -rf "$work" && mkdir -p "$work"
win='Z:\w\bin\windows\scenario' # $work, as Windows sees it
pass='cheval agrafe batterie 42'
newpass='une autre phrase de passe, 7 mots'
exe=/w/dist/temoin-windows-amd64.exe
T() { # ARGS...: temoin.exe with the passphrase, output in $work/out, $work/err
  in_chroot TEMOIN_PASSPHRASE="$pass" TEMOIN_NEW_PASSPHRASE="${NEW:-$newpass}" wine "$exe" "$@" \
    >"$work/out" 2>"$work/err"
}
step() { # WHAT COMMAND...: a scenario step passes when COMMAND succeeds
  local what=$1
  shift
  if "$@" >>"$logs/scenario.log" 2>&1; then record PASS scenario "$what"
  else
    record FAIL scenario "$what"
    { echo "--- $what"; cat "$work/out" "$work/err"; } >>"$logs/scenario.log" 2>/dev/null
    tail -n 3 "$work/err" 2>/dev/null | sed 's/^/         stderr: /' # what CI shows of it
  fi
}
has() { grep -q -- "$1" "$work/${2:-out}"; }

step "version prints $version" eval 'T version && has "$version"'
step "init creates the vault in %LOCALAPPDATA%\\Temoin and prints the recovery code" \
  eval 'NEW=$pass T init && [ -f "$vaultdir/vault.json" ] && grep -Eq "([A-Z0-9]{5}-){4}[A-Z0-9]{5}" "$work/out"'
cat >"$work/incident.json" <<'EOF'
{"occurred_at": "2026-03-14T14:05:00+01:00", "kinds": ["insult", "threat"], "channels": ["phone"],
 "perpetrator": "parent", "perpetrator_ref": "Parent P1",
 "description": "Appel du parent au standard, très agressif ; il menace de « venir au lycée ».",
 "exact_words": "« vous allez voir »"}
EOF
step "add reads an incident (JSON, accents, « »)" eval 'in_chroot TEMOIN_PASSPHRASE="$pass" sh -c "wine $exe add < /w/$work/incident.json" >"$work/out" 2>"$work/err"'
step "list shows it, at 14:05 Paris time" eval 'T list && has "Appel du parent" && has "14:05"'
step "list --json" eval 'T list --json && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==1" "$work/out"'
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$work/out" 2>/dev/null)
head -c 50M /dev/urandom >"$work/video.mp4"
step "attach a 50 MB file" eval 'T attach "$id" "$win\\video.mp4"'
step "show lists the evidence with its SHA-256" eval 'T show "$id" --json && has "$(sha256sum "$work/video.mp4" | cut -c1-64)"'
evid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["evidence"][0]["id"])' "$work/out" 2>/dev/null)
step "evidence get gives back the same 50 MB" eval 'T evidence get "$evid" --out "$win\\copie.mp4" && cmp -s "$work/video.mp4" "$work/copie.mp4"'
step "keygen writes an age identity" eval 'T keygen --out "$win\\rep.key" && grep -q "^AGE-SECRET-KEY-1" "$work/rep.key"'
recipient=$(grep -o 'age1[0-9a-z]*' "$work/rep.key" | head -1)
step "export encrypts a bundle to the representative" eval 'T export --to "$recipient" --out "$win\\envoi.zip.age" && [ -s "$work/envoi.zip.age" ]'
step "the bundle opens with the stock age tool" eval '.tools/age -d -i "$work/rep.key" -o "$work/envoi.zip" "$work/envoi.zip.age" && unzip -l "$work/envoi.zip" >"$work/zip.txt" && grep -q rapport.pdf "$work/zip.txt"'
step "open checks and opens the bundle" eval 'T open "$win\\envoi.zip.age" --identity "$win\\rep.key" --out "$win\\ouvert" && [ -f "$work/ouvert/rapport.pdf" ]'
step "report writes a PDF with the version" eval 'T report --out "$win\\rapport.pdf" && pdftotext "$work/rapport.pdf" "$work/rapport.txt" && grep -q "Témoin $version" "$work/rapport.txt"'
step "backup writes an encrypted backup" eval 'T backup --out "$win\\sauvegarde.temoin-backup" && [ -s "$work/sauvegarde.temoin-backup" ]'
step "backup verify" eval 'T backup verify "$win\\sauvegarde.temoin-backup"'
step "restore into another folder, with the same incident" \
  eval 'T restore "$win\\sauvegarde.temoin-backup" --vault "$win\\restaure" && T list --vault "$win\\restaure" && has "Appel du parent"'
step "verify: the vault is intact" eval 'T verify'
step "passwd changes the passphrase" eval 'T passwd'
step "the old passphrase is refused, clearly" eval '! T list && [ -s "$work/err" ] && ! has "panic" err'
pass=$newpass
step "the new passphrase opens it" eval 'T list && has "Appel du parent"'
# A 100,000-row import, killed halfway; meanwhile a second instance is refused.
python3 - "$work/gros.csv" <<'EOF'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("date;heure;types;canaux;faits\n")
    for i in range(100_000):
        f.write(f"{1 + i % 28:02d}/03/2026;10:{i % 60:02d};insult;phone;Appel n° {i} du parent, très agressif\n")
EOF
in_chroot TEMOIN_PASSPHRASE="$pass" wine "$exe" import "$win\\gros.csv" >"$work/import.out" 2>&1 &
import_pid=$!
# Wait until the import holds the vault (Wine may take long to start on a
# busy machine). The import reads the table and says how it maps its
# columns before it opens the vault: a second instance started in that
# moment would take the vault first and the import would be the one
# refused. So wait for the mapping, then a few seconds for the key
# derivation; a second instance is then refused, at the latest within a
# minute; until then it opens normally.
for _ in $(seq 60); do
  sleep 1
  grep -q '^colonne E' "$work/import.out" 2>/dev/null && break
done
sleep 8
for _ in $(seq 30); do
  [ -n "$(chroot_pids '^(/w/|Z:.w.)dist.temoin-windows-amd64.exe import')" ] || { sleep 2; continue; }
  T list || break
  sleep 2
done
step "a second instance is refused while the import runs" eval '! T list && [ -s "$work/err" ]'
cp "$work/err" "$work/second-instance.txt"
pid=$(chroot_pids '^(/w/|Z:.w.)dist.temoin-windows-amd64.exe import' | head -1) # the Windows process itself
if [ -n "$pid" ]; then
  kill -9 "$pid"
  wait "$import_pid" 2>/dev/null
  record PASS scenario "the import is killed (kill -9) while it runs"
else
  wait "$import_pid" 2>/dev/null
  record FAIL scenario "the import ended before it could be killed (make it bigger)"
fi
in_chroot wineserver -w >/dev/null 2>&1 # Wine notices the death
step "after the kill: the vault opens and verifies" eval 'T verify'
n=$(T list --json && python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/out")
step "after the kill: nothing lost, nothing half-imported (${n:-?} incident(s) after: the import was all or nothing)" \
  eval '[ "$n" = 1 ] || [ "$n" = 100001 ]'
step "after the kill: the import can be done again, whole" \
  eval 'T import "$win\\gros.csv" && T list --json && python3 -c "import json,sys; assert len(json.load(open(sys.argv[1]))) in (100001, 200001)" "$work/out"'
# "introuvable" begins with an i, which no id has (Crockford's base32):
# "zzzz" was the start of one of the 100,000 imported incidents' ids about
# one run in eleven, and show then showed it.
step "an error is one French sentence, in UTF-8" eval '! T show introuvable && iconv -f UTF-8 -t UTF-8 "$work/err" >/dev/null && [ "$(wc -l <"$work/err")" -le 2 ] && ! has "\\\\x" err'
scenario_time=$((SECONDS - ts))

# --- 4. The window, under Xvfb --------------------------------------------
tg=$SECONDS
echo "== The window (French), under Xvfb"
X() { in_chroot "$@"; }
in_chroot TEMOIN_PASSPHRASE="" wine "$exe" >"$logs/gui.log" 2>&1 &
gui_pid=$!
opened=""
for _ in $(seq 1 120); do
  if X xdotool search --name "Témoin" >/dev/null 2>&1; then opened=1; break; fi
  sleep 0.5
done
if [ -n "$opened" ]; then
  sleep 4
  win_id=$(X xdotool search --name "Témoin" | head -1)
  X xdotool windowmove "$win_id" 0 0 windowsize "$win_id" 1080 740 >/dev/null 2>&1
  sleep 2
  X import -window root -crop 1080x740+0+0 +repage /w/$shots/wine-fr-unlock.png
  record PASS gui "the window opens under Wine, in French ($shots/wine-fr-unlock.png; tools/windows-screenshots.sh takes the others)"
else
  record FAIL gui "the window did not open (see $logs/gui.log)"
fi
in_chroot wineserver -k >/dev/null 2>&1 # ends the window (this prefix's processes only)
wait "$gui_pid" 2>/dev/null
in_chroot sh -c 'wineserver -p 2>/dev/null'
gui_time=$((SECONDS - tg))

# --- 5. The test binaries, each from its package folder ----------------------
tt=$SECONDS
if [ ${#pkgs[@]} -gt 0 ]; then
  echo "== The test binaries under Wine"
  for p in "${pkgs[@]}"; do
    name=${p//\//-}
    [ -f "$out/tests/$name.test.exe" ] || continue
    log=$logs/test-$name.log
    in_chroot sh -c "cd /w/$p && wine /w/$out/tests/$name.test.exe -test.v -test.timeout 25m" >"$log" 2>&1
    rc=$?
    npass=$(grep -c '^--- PASS' "$log")
    nskip=$(grep -c '^--- SKIP' "$log")
    mapfile -t failing < <(grep '^--- FAIL' "$log" | sed 's/--- FAIL: //; s/ (.*//')
    mapfile -t known < <(awk -v p="$p" '$1 == p { print $2 }' tools/windows-known-failures.txt)
    unknown=() seen=()
    for f in "${failing[@]}"; do
      if printf '%s\n' "${known[@]}" | grep -qx -- "$f"; then seen+=("$f"); else unknown+=("$f"); fi
    done
    for k in "${known[@]}"; do
      if grep -q "^--- PASS: $k " "$log"; then
        record NOTE tests "$p: $k passes now: delete its line in tools/windows-known-failures.txt"
      fi
    done
    [ ${#seen[@]} -gt 0 ] && record KNOWN tests "$p: ${seen[*]} (known Windows bugs, tools/windows-known-failures.txt)"
    if [ ${#unknown[@]} -gt 0 ]; then
      record FAIL tests "$p: ${#unknown[@]} failed, $npass passed, $nskip skipped: ${unknown[*]}"
    elif [ $rc -ne 0 ] && [ ${#seen[@]} -eq 0 ]; then
      record FAIL tests "$p: the test binary failed (exit status $rc) without a failing test: see $log"
    else
      record PASS tests "$p: $npass passed, $nskip skipped"
    fi
  done
fi
tests_time=$((SECONDS - tt))

# --- 6. The installer round trip ----------------------------------------
ti=$SECONDS
echo "== The installer"
installdir="$localappdata/Programs/Temoin"
startmenu="$prefix/drive_c/users/$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\fr.temoin.app'
installed='C:\users\'"$user"'\AppData\Local\Programs\Temoin'
wait_gone() { for _ in $(seq 1 120); do [ -e "$1" ] || return 0; sleep 0.5; done; return 1; }
I() { in_chroot wine "$@" >"$work/out" 2>"$work/err"; }
step_i() { local what=$1; shift; if "$@" >>"$logs/installer.log" 2>&1; then record PASS installer "$what"; else record FAIL installer "$what"; fi; }
step_i "the .exe carries its version information and icon" \
  python3 tools/check-exe-resources.py dist/temoin-windows-amd64.exe "$version"
step_i "silent install (/S) into %LOCALAPPDATA%\\Programs\\Temoin, without administrator rights" \
  eval 'I /w/dist/temoin-setup-windows-amd64.exe /S && [ -f "$installdir/temoin.exe" ] && [ -f "$installdir/uninstall.exe" ]'
step_i "a Start-menu shortcut \"Témoin\"" test -f "$startmenu/Témoin.lnk"
step_i "an entry in \"Add or remove programs\", with the version" eval 'I reg query "$key" && has "$version" && has "uninstall.exe"'
step_i "the installed program runs" eval 'T_exe="$installed\\temoin.exe"; I "$T_exe" version && has "$version"'
step_i "silent uninstall (/S): the program and shortcut go" \
  eval 'I "$installed\\uninstall.exe" /S; wait_gone "$installdir/temoin.exe" && wait_gone "$startmenu/Témoin.lnk" && ! I reg query "$key"'
step_i "... and the journal stays, and still opens" eval '[ -f "$vaultdir/vault.json" ] && T verify'
step_i "install again over it, uninstall with /DELETEJOURNAL: the journal is erased" \
  eval 'I /w/dist/temoin-setup-windows-amd64.exe /S && I "$installed\\uninstall.exe" /S /DELETEJOURNAL; wait_gone "$installdir/temoin.exe" && wait_gone "$vaultdir"'
installer_time=$((SECONDS - ti))

# --- 7. Summary -----------------------------------------------------------
echo
echo "== make test-windows: summary (Wine $(in_chroot wine --version 2>/dev/null), temoin $version)"
for section in scenario gui tests installer; do
  p=0 f=0
  for r in "${results[@]}"; do
    IFS='|' read -r st se _ <<<"$r"
    [ "$se" = "$section" ] || continue
    case $st in PASS) p=$((p + 1)) ;; FAIL) f=$((f + 1)) ;; esac
  done
  printf '%-10s %3d passed, %d failed\n' "$section" "$p" "$f"
  for r in "${results[@]}"; do
    IFS='|' read -r st se what <<<"$r"
    [ "$se" = "$section" ] && [ "$st" != PASS ] && echo "    $st $what"
  done
done
printf 'time: build %ds, test binaries %ds, scenario %ds, window %ds, tests under Wine %ds, installer %ds; total %ds\n' \
  "$build_time" "$compile_time" "$scenario_time" "$gui_time" "$tests_time" "$installer_time" $((SECONDS - t0))
echo "logs in $logs/, screenshots in $shots/"
total_pass=0
for r in "${results[@]}"; do [ "${r%%|*}" = PASS ] && total_pass=$((total_pass + 1)); done
echo "test-windows: $total_pass passed, $failed failed"
[ "$failed" -eq 0 ]
