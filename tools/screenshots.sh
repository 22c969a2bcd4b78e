#!/usr/bin/env bash
# Runs the real application under Xvfb on a demo vault and writes a PNG of
# every screen, in French and in English, to screenshots/ (not committed),
# and the pages of the demo report and letter to screenshots/report/.
# Look at them after changing the interface. Needs Xvfb, xdotool and
# imagemagick (tools/deps.sh installs them).
#
#   tools/screenshots.sh            # both languages
#   LANGS=fr tools/screenshots.sh   # French only
#   ONLY=evidence tools/screenshots.sh  # only the evidence screens (issue 14)
#   ONLY=journal tools/screenshots.sh   # only the journal's archive and detail (issue 12)
#   ONLY=proof W=1366 H=768 OUT=screenshots/1366 tools/screenshots.sh
#                                   # only the screens of proof (signers,
#                                   # time-stamps, key renewal, header), at
#                                   # another window size
set -euo pipefail
cd "$(dirname "$0")/.."

out=${OUT:-screenshots}
langs=${LANGS:-fr en}
display=${SCREENSHOT_DISPLAY:-:97}
bin=bin/temoin
W=${W:-1080}
H=${H:-740}

mkdir -p "$out" bin
go build -o "$bin" .
# The Go caches stay the developer's when HOME changes below.
GOPATH=$(go env GOPATH) GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE)
export GOPATH GOMODCACHE GOCACHE
# shotprep dates the last backup of a vault N days back, so that the
# backup reminder can be shown, dismisses a deadline, or alters a vault's
# header ("shotprep header DIR") (written here, in bin/: not part of
# Témoin).
mkdir -p bin/shotprep-src
cat > bin/shotprep-src/main.go <<'EOF'
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
)

func main() {
	if os.Args[1] == "header" { // alter vault.json's key derivation numbers
		h, err := vault.ReadHeader(os.Args[2])
		if err == nil {
			h.KDF.Time++
			var data []byte
			if data, err = h.Marshal(); err == nil {
				err = os.WriteFile(filepath.Join(os.Args[2], "vault.json"), data, 0o600)
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	j, err := app.Unlock(os.Args[1], []byte(os.Args[2]))
	if err == nil && os.Args[3] == "dismiss" { // dismiss the first deadline
		var dls []app.Deadline
		if dls, err = j.Deadlines.List(time.Now()); err == nil && len(dls) > 0 {
			err = j.Deadlines.Dismiss(dls[0].Key())
		}
		j.Lock()
	} else if err == nil {
		days, _ := strconv.Atoi(os.Args[3])
		err = j.Settings.Set("backup.last", time.Now().AddDate(0, 0, -days).Format(time.RFC3339))
		j.Lock()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
EOF
go build -o bin/shotprep ./bin/shotprep-src
rm -rf bin/shotprep-src
BACKUP_EXT=.temoin-backup

work=$(mktemp -d)
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1400x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
export LIBGL_ALWAYS_SOFTWARE=1
export FYNE_THEME=light
# The app's preferences (language, theme, auto-lock) go to a throwaway home.
export HOME=$work/home
export XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME"
sleep 1

# start VAULT LANG: opens the app and waits for its window.
start() {
  "$bin" --vault "$1" --lang "$2" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 300); do # up to 30 s on a busy machine
    if xdotool search --name "Témoin" >/dev/null 2>&1; then
      sleep 1.5
      win=$(xdotool search --name "Témoin" | head -1)
      xdotool windowmove "$win" 0 0 windowsize "$win" $W $H 2>/dev/null || true
      sleep 0.5
      return
    fi
    sleep 0.1
  done
  echo "the window did not open" >&2
  cat "$work/app.log" >&2
  exit 1
}

stop() {
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

shot() { # NAME
  sleep "${2:-0.8}"
  import -window root -crop ${W}x${H}+0+0 +repage "$out/$lang-$1.png"
  echo "  $out/$lang-$1.png"
}

key() { xdotool key --clearmodifiers "$@"; }
typ() { xdotool type --delay 15 "$1"; }
click() { xdotool mousemove "$1" "$2" click 1; }

# proof_screens: who signed a bundle (a key to compare, recognised under
# a name, browsed), the settings of signature and time-stamps, the key
# renewal, a header altered outside Témoin.
proof_screens() {
  local pass="un chat gris dort sur le toit 42"
  "$bin" demo --vault "$work/pdemo-$lang" --lang "$lang" >/dev/null
  TEMOIN_PASSPHRASE="$pass" "$bin" init --vault "$work/prep-$lang" --lang "$lang" >/dev/null
  local repkey
  repkey=$(TEMOIN_PASSPHRASE="$pass" "$bin" keygen --in-vault --vault "$work/prep-$lang" --lang "$lang" 2>/dev/null)
  TEMOIN_PASSPHRASE=demo-temoin-2026 "$bin" export --to "$repkey" --out "$work/pbundle-$lang.zip.age" \
    --vault "$work/pdemo-$lang" --lang "$lang" >/dev/null 2>&1
  TEMOIN_PASSPHRASE="$pass" "$bin" open "$work/pbundle-$lang.zip.age" --keep \
    --out "$work/popened-$lang" --vault "$work/prep-$lang" --lang "$lang" >/dev/null 2>&1
  start "$work/prep-$lang" "$lang"
  typ "$pass"
  key Return
  sleep 2.5
  click 97 339 # "Representative"
  sleep 1
  xdotool mousemove 640 500
  for _ in $(seq 1 25); do xdotool click 5; done # scroll down to the cases
  shot 40-case-new-key 1
  click "$PROOF_TRUST_X" "$PROOF_TRUST_Y" # "Recognise this key…"
  sleep 0.8
  typ "Mme Martin"
  shot 41-trust-key 1
  key Return
  sleep 0.8
  key Escape
  key Escape
  shot 42-case-recognised 1
  click "$PROOF_BROWSE_X" "$PROOF_BROWSE_Y" # "Browse"
  shot 43-browse-case 1
  key Escape
  stop

  # The colleague's side: the signature and the time-stamps in Settings,
  # the key renewal.
  start "$work/pdemo-$lang" "$lang"
  typ "demo-temoin-2026"
  key Return
  sleep 1.5
  key Escape
  key alt+6
  xdotool mousemove 640 500
  for _ in $(seq 1 5); do xdotool click 5; done
  shot 44-settings-signature 0.8
  for _ in $(seq 1 12); do xdotool click 5; done
  shot 45-settings-timestamps 0.8
  stop
  start "$work/pdemo-$lang" "$lang"
  typ "demo-temoin-2026"
  key Return
  sleep 1.5
  key Escape
  key alt+6
  sleep 0.8
  click "$PROOF_PASSBTN_X" "$PROOF_PASSBTN_Y" # "Change the passphrase…"
  shot 46-passphrase-renew 1
  xdotool mousemove $(( W / 2 + 110 )) $(( H / 2 ))
  for _ in $(seq 1 10); do xdotool click 5; done # down to the renewal
  shot 46b-passphrase-renew-check 0.8
  stop

  # The vault folder put back to an older copy (this computer saw more).
  cp -r "$work/pdemo-$lang" "$work/pold-$lang"
  echo '{"occurred_at": "2026-03-03T14:05:00+01:00", "kinds": ["threat"], "description": "x"}' |
    TEMOIN_PASSPHRASE=demo-temoin-2026 "$bin" add --vault "$work/pdemo-$lang" >/dev/null
  rm -rf "$work/pdemo-$lang"
  mv "$work/pold-$lang" "$work/pdemo-$lang"
  start "$work/pdemo-$lang" "$lang"
  typ "demo-temoin-2026"
  key Return
  shot 48-integrity 5
  stop
  TEMOIN_PASSPHRASE=demo-temoin-2026 "$bin" repair accept --yes --vault "$work/pdemo-$lang" >/dev/null 2>&1

  # A header altered outside Témoin.
  bin/shotprep header "$work/pdemo-$lang"
  start "$work/pdemo-$lang" "$lang"
  typ "demo-temoin-2026"
  key Return
  shot 47-header-changed 6
  stop
}

if [ -z "${ONLY:-}" ] || [ "${ONLY:-}" = proof ]; then
for lang in $langs; do
  echo "$lang:"
  # Where the proof screens' buttons are.
  # (the columns: the representative's 860 points wide, the settings'
  # 760, centred right of the 220 points of navigation).
  rep_left=$(( W - 220 > 860 ? 220 + (W - 220 - 860) / 2 : 220 ))
  settings_left=$(( W - 220 > 760 ? 220 + (W - 220 - 760) / 2 : 220 ))
  PROOF_TRUST_X=$(( rep_left + 114 )) PROOF_TRUST_Y=$(( H - 399 ))
  PROOF_BROWSE_X=$(( rep_left + 216 )) PROOF_BROWSE_Y=$(( H - 391 ))
  PROOF_PASSBTN_X=$(( settings_left + 127 )) PROOF_PASSBTN_Y=481
  if [ "${ONLY:-}" = proof ]; then proof_screens; continue; fi
  # Where the buttons are (they move with the length of the words).
  if [ "$lang" = fr ]; then REPORT_GENERATE_X=330 REPORT_TAB2_X=390 REPORT_TAB3_X=495
  else REPORT_GENERATE_X=330 REPORT_TAB2_X=380 REPORT_TAB3_X=470; fi
  # First start, on an empty folder.
  start "$work/empty-$lang" "$lang"
  shot 01-first-start
  typ "un chat gris dort sur le toit 42"
  key Return
  typ "un chat gris dort sur le toit 42"
  shot 01b-first-start-filled 0.3
  key Return
  shot 02-recovery-code 1.5
  key Tab Tab Tab space
  shot 02b-recovery-code-check
  stop

  # An empty journal, as after the first start.
  TEMOIN_PASSPHRASE="un chat gris dort sur le toit 42" "$bin" init --vault "$work/fresh-$lang" --lang "$lang" >/dev/null
  start "$work/fresh-$lang" "$lang"
  typ "un chat gris dort sur le toit 42"
  key Return
  shot 02c-journal-empty 1.5
  key alt+4
  shot 17c-send-empty 1
  key alt+7
  shot 18-representative-intro 1
  stop

  # The demo journal, with a representative to send to.
  "$bin" demo --vault "$work/demo-$lang" --lang "$lang" >/dev/null
  TEMOIN_PASSPHRASE=demo-temoin-2026 "$bin" reps add "Camille Bernard" --org "SNES-FSU" \
    --key age1fxcwn6eap5v9y048t2jeegl7dga0uppq7evenhaklrpcdy4gge2sgcrjcy --vault "$work/demo-$lang" --lang "$lang" >/dev/null
  start "$work/demo-$lang" "$lang"
  shot 03-unlock
  typ "not the passphrase"
  key Return
  shot 03b-unlock-wrong 1
  typ "demo-temoin-2026"
  key Return
  shot 04-journal 1.5
  key ctrl+f
  typ "parent p1"
  shot 04b-journal-search 0.8
  key ctrl+n
  shot 05-editor-new
  key ctrl+2
  typ "Appel du parent au standard, ton agressif."
  shot 05b-editor-what
  key Escape
  sleep 0.5
  key ctrl+f
  key ctrl+a
  typ "pronote"
  sleep 0.5
  key Return
  key space
  shot 06-editor-incident 1
  key ctrl+3
  shot 06b-editor-who
  key ctrl+4
  shot 06c-editor-consequences
  key ctrl+5
  shot 06d-editor-followup
  click 300 282 # "Add a step"
  shot 06e-editor-followup-step
  key ctrl+6
  shot 07-evidence 1.5
  xdotool mousemove 800 500
  for _ in $(seq 1 10); do xdotool click 5; done # scroll down to the actions
  shot 07d-evidence-actions 0.8
  if [ "$lang" = fr ]; then click 795 137; else click 887 137; fi # "Add a link…"
  shot 07b-add-link 1
  key Escape
  if [ "$lang" = fr ]; then click 975 137; else click 1012 137; fi # "Add files…"
  shot 07c-file-dialog 1.5
  key Escape
  sleep 0.5
  key ctrl+7
  shot 08-history
  key alt+2
  shot 09-deadlines 1
  key alt+5
  shot 10-guide
  key alt+3
  shot 11-report 1
  click "$REPORT_GENERATE_X" 712 # "Generate the report"
  shot 11b-report-generated 6
  click "$REPORT_TAB2_X" 138 # "Letter and RSST"
  shot 11c-report-letter
  click "$REPORT_TAB3_X" 138 # "You"
  shot 11d-report-profile
  key alt+4
  shot 17-send 1
  click 300 138 # "Representatives"
  shot 17b-send-reps
  click 350 241 # "Add a representative…"
  sleep 0.8
  typ "Dominique Petit"
  key Tab
  typ "SUD Education"
  key Tab
  typ "age1fxcwn6eap5v9y048t2jeegl7dga0uppq7evenhaklrpcdy4gge2sgcrjcy"
  shot 17d-send-add-rep 0.8
  key Escape
  key alt+6
  shot 12-settings
  key ctrl+l
  shot 13-locked
  key Tab Tab space
  shot 14-forgot-passphrase
  stop

  # Drafts are offered back after a lock.
  start "$work/demo-$lang" "$lang"
  typ "demo-temoin-2026"
  key Return
  shot 15-drafts-offered 1.5
  stop

  # The representative's side: a key, two bundles of the demo journal
  # received (the second continues the first).
  TEMOIN_PASSPHRASE="un chat gris dort sur le toit 42" "$bin" init --vault "$work/rep-$lang" --lang "$lang" >/dev/null
  repkey=$(TEMOIN_PASSPHRASE="un chat gris dort sur le toit 42" "$bin" keygen --in-vault --vault "$work/rep-$lang" --lang "$lang" 2>/dev/null)
  for n in 1 2; do
    TEMOIN_PASSPHRASE=demo-temoin-2026 "$bin" export --to "$repkey" --out "$work/bundle-$lang-$n.zip.age" \
      --vault "$work/demo-$lang" --lang "$lang" >/dev/null 2>&1
    TEMOIN_PASSPHRASE="un chat gris dort sur le toit 42" "$bin" open "$work/bundle-$lang-$n.zip.age" --keep \
      --out "$work/opened-$lang-$n" --vault "$work/rep-$lang" --lang "$lang" >/dev/null
  done
  start "$work/rep-$lang" "$lang"
  typ "un chat gris dort sur le toit 42"
  key Return
  sleep 1.5
  key alt+7
  shot 18b-representative 1
  xdotool mousemove 640 500
  for _ in $(seq 1 25); do xdotool click 5; done # scroll down
  shot 18c-representative-cases 0.8
  stop

  if [ "$lang" = fr ]; then RESTORE_X=668; else RESTORE_X=650; fi
  # Backups: the reminder (a last backup 41 days ago), Settings with the
  # backup section, the warning for a folder synchronised with a work
  # OneDrive, and restoring a backup at the first start.
  cloud="$HOME/OneDrive - Académie de Lyon/Sauvegardes"
  mkdir -p "$cloud"
  "$bin" demo --vault "$work/backup-$lang" --lang "$lang" >/dev/null
  TEMOIN_PASSPHRASE=demo-temoin-2026 "$bin" backup --out "$cloud/ancienne-$lang$BACKUP_EXT" \
    --vault "$work/backup-$lang" --lang "$lang" >/dev/null 2>&1
  cp "$cloud/ancienne-$lang$BACKUP_EXT" "$HOME/ma-sauvegarde$BACKUP_EXT"
  bin/shotprep "$work/backup-$lang" demo-temoin-2026 41 # the last backup, 41 days ago
  start "$work/backup-$lang" "$lang"
  typ "demo-temoin-2026"
  key Return
  sleep 1.5
  key Escape # the drafts, if any
  shot 19-backup-reminder 1
  key alt+6
  xdotool mousemove 640 500
  for _ in $(seq 1 8); do xdotool click 5; done # scroll down to Backups
  shot 20-settings-backups 0.8
  click 330 447 # "Back up now"
  shot 20b-folder-dialog 1.5
  click 897 626 # "Open": the folder synchronised with OneDrive
  shot 21-cloud-warning 1
  key Escape
  stop
  # Restoring a backup at the first start.
  start "$work/restored-$lang" "$lang"
  shot 22-first-start-restore-offer 0.5
  click "$RESTORE_X" 628 # "Restore a backup…"
  shot 22b-restore-file-dialog 1.5
  click 440 240 # the backup file
  click 897 626 # "Open"
  shot 22c-restore 1
  typ "demo-temoin-2026"
  key Return
  shot 22d-restored 4
  stop
  rm -rf "$HOME/OneDrive - Académie de Lyon" "$HOME/ma-sauvegarde$BACKUP_EXT"

  # Issue 12's screens, at the sizes of a usual laptop and of a small
  # one: writing an incident in one breath, a date that cannot be read,
  # the journal with a draft and an incident « à compléter », a dismissed
  # deadline offered back, a second window on an open journal.
  for size in 1366x768 1024x600; do
    W=${size%x*} H=${size#*x}
    "$bin" demo --vault "$work/quick-$lang-$size" --lang "$lang" >/dev/null
    bin/shotprep "$work/quick-$lang-$size" demo-temoin-2026 dismiss
    start "$work/quick-$lang-$size" "$lang"
    typ "demo-temoin-2026"
    key Return
    sleep 4 # a large journal
    key ctrl+n
    sleep 0.5
    typ "Intrusion dans la classe virtuelle de 4e B : insultes au micro, puis une image projetée."
    shot 30-quick-capture-$size
    key Tab Tab Tab Tab Tab # the day
    typ "31/11/2026"
    key Tab
    shot 30b-quick-date-error-$size
    key ctrl+s
    shot 30c-quick-save-refused-$size
    key Return # closes the information
    click 272 33 # « ← Journal »: the draft is kept
    shot 32-journal-draft-$size 1
    key ctrl+n # the draft again
    key Tab Tab Tab Tab Tab
    typ "$( [ "$lang" = fr ] && echo hier || echo yesterday )"
    key ctrl+s
    shot 31-journal-to-complete-$size 1
    key alt+2
    xdotool mousemove $((W / 2)) $((H / 2))
    xdotool click --repeat 400 --delay 5 5 # down to the dismissed deadline
    shot 33-deadlines-dismissed-$size 0.8
    click $(( W > 1200 ? 470 : 330 )) $((H - 35)) # « Voir l’échéance écartée »
    xdotool click --repeat 400 --delay 5 5
    shot 33b-deadlines-dismissed-shown-$size 0.8
    # A second window on the same journal.
    "$bin" --vault "$work/quick-$lang-$size" --lang "$lang" >"$work/app2.log" 2>&1 &
    second=$!
    sleep 3
    win2=$(xdotool search --name "Témoin" | tail -1)
    xdotool windowraise "$win2" windowmove "$win2" 0 0 windowsize "$win2" $W $H 2>/dev/null || true
    shot 34-unlock-already-open-$size 1
    kill "$second" 2>/dev/null || true
    wait "$second" 2>/dev/null || true
    stop
  done
  W=1080 H=740

  # The dark theme.
  FYNE_THEME=dark start "$work/demo-$lang" "$lang"
  typ "demo-temoin-2026"
  key Return
  sleep 1
  key Escape
  shot 16-journal-dark 1
  stop

  proof_screens
done
fi
[ "${ONLY:-}" = proof ] && { echo "Look at every picture in $out/."; exit 0; }

# The journal's archive and, in a wide window, the list beside the
# selected incident (issue 12): the detail moving with the arrows, the
# archive filter, an archived incident's editor, "Archiver" said with
# "Annuler". ONLY=journal runs only these.
journal_screens() {
  "$bin" demo --vault "$work/jdemo-$lang" --lang "$lang" >/dev/null
  local id wide=0 ww
  id=$(TEMOIN_PASSPHRASE=demo-temoin-2026 "$bin" list --vault "$work/jdemo-$lang" --lang "$lang" 2>/dev/null | awk 'NR == 2 { print $1 }')
  TEMOIN_PASSPHRASE=demo-temoin-2026 "$bin" archive "$id" --vault "$work/jdemo-$lang" --lang "$lang" >/dev/null
  [ $(( W - 220 )) -ge 980 ] && wide=1 # ui/journal_detail.go's wideJournal
  start "$work/jdemo-$lang" "$lang"
  typ "demo-temoin-2026"
  key Return
  sleep 2
  key Escape # the drafts, if any
  shot 50-journal-archive-filter 1
  if [ "$wide" = 1 ]; then
    click 480 280 # the second row, shown beside the list
    key Down      # the third
    shot 50b-journal-detail 1
  fi
  click $(( W - 345 )) 82  # the archive drop-down
  sleep 0.5
  click $(( W - 345 )) 159 # "Archived"
  shot 51-journal-archived 1
  click 480 190 # the archived incident: beside the list, or in the editor
  if [ "$wide" = 1 ]; then
    shot 51b-journal-archived-detail 1
    click $(( W - 55 )) 171 # "Edit"
  fi
  shot 52-editor-archived 1.2
  key Escape
  sleep 0.5
  click $(( W - 345 )) 82  # the archive drop-down
  sleep 0.5
  click $(( W - 345 )) 117 # "Not archived"
  sleep 0.5
  click 480 190 # the first incident
  [ "$wide" = 1 ] && { sleep 0.8; click $(( W - 55 )) 171; }
  sleep 1.2
  ww=$(xdotool getwindowgeometry "$win" | awk '/Geometry/ { split($2, a, "x"); print a[1] }')
  if [ "$lang" = fr ]; then click $(( ww - 250 )) $(( H - 25 )); else click $(( ww - 235 )) $(( H - 25 )); fi # "Archive"
  shot 53-journal-archived-notice 1
  stop
}

if [ -z "${ONLY:-}" ] || [ "${ONLY:-}" = journal ]; then
  for lang in $langs; do
    echo "$lang (journal):"
    journal_screens
  done
fi
[ "${ONLY:-}" = journal ] && { echo "Look at every picture in $out/."; exit 0; }

# Evidence as it arrives (issue 14): the capture dialog, the capture bar,
# a burst and its grid, a message pasted, an e-mail with its headers, the
# spreadsheet import's preview.
for lang in $langs; do
  echo "$lang (evidence):"
  "$bin" demo --vault "$work/ev-$lang" --lang "$lang" >/dev/null
  id=$(TEMOIN_PASSPHRASE=demo-temoin-2026 "$bin" list --vault "$work/ev-$lang" --lang "$lang" | awk 'NR == 1 { print $1 }')
  printf '%s\r\n' "From: =?utf-8?q?Pierre_Durand?= <p.durand@exemple.fr>" "To: lea.martin@ac-exemple.fr" \
    "Date: Fri, 13 Mar 2026 21:46:58 +0100" "Subject: Votre comportement inadmissible" "MIME-Version: 1.0" \
    "Content-Type: multipart/mixed; boundary=b" "" "--b" "Content-Type: text/plain; charset=utf-8" "" \
    "Vous allez le regretter." "--b" "Content-Type: application/pdf; name=convocation.pdf" \
    "Content-Disposition: attachment; filename=convocation.pdf" "" "%PDF-1.4" "--b--" >"$work/message.eml"
  TEMOIN_PASSPHRASE=demo-temoin-2026 "$bin" attach "$id" "$work/message.eml" --vault "$work/ev-$lang" --lang "$lang" >/dev/null 2>&1
  printf 'Date;Heure;Types;Canaux;Faits;Référence auteur\r\n12/03/2026 14:05;;Insultes;En personne;Appel très agressif.;Parent P1\r\n13/03/2026;14:05:00;Menaces;Pronote;Message de menace.;Élève E2\r\n' \
    | iconv -f utf-8 -t windows-1252 >"$HOME/journal.csv"
  start "$work/ev-$lang" "$lang"
  typ "demo-temoin-2026"
  key Return
  sleep 1.5
  key Escape # the drafts, if any
  key ctrl+shift+e
  shot 24-capture-dialog 1.5
  click 470 443 # "Open the capture bar"
  bar=""
  for _ in $(seq 1 50); do
    bar=$(xdotool search --name "Témoin" 2>/dev/null | grep -vx "$win" | head -1 || true)
    [ -n "$bar" ] && break
    sleep 0.1
  done
  [ -n "$bar" ] && xdotool windowmove "$bar" 510 470
  shot 24b-capture-bar 1
  click 673 498 # "Burst"
  shot 24c-burst-running 11.5
  click 640 498 # "Stop the burst"
  shot 24d-burst-grid 2
  key Escape # discard them all
  key ctrl+f
  typ "filmée"
  key Return
  sleep 0.5
  key space
  sleep 1
  key ctrl+6
  shot 25-evidence-email 1
  if [ "$lang" = fr ]; then msg="Vous allez le regretter. Je sais où vous garez votre voiture."
  else msg="You will regret it. I know where you park your car."; fi
  printf '%s' "$msg" | xclip -selection clipboard
  click 400 400 # the evidence list: no text box has the focus
  key ctrl+v
  shot 26-paste-text 1
  key Escape
  key alt+5
  click 290 410 # "Keeping evidence"
  shot 27-guide-evidence 1
  xdotool mousemove 760 500
  for _ in $(seq 1 60); do xdotool click 5; done # down to the buttons
  shot 27b-guide-evidence-end 0.8
  click 560 710 # "Import a spreadsheet"
  shot 28-sheet-file-dialog 2
  click 440 240 # journal.csv
  sleep 0.3
  click 897 626 # "Open"
  shot 28b-sheet-preview 2.5
  click 636 674 # "Import 2 incidents"
  shot 28c-sheet-imported 3
  stop
  rm -f "$HOME/journal.csv"
done
[ -n "${ONLY:-}" ] && { echo "Look at every picture in $out/."; exit 0; }

# The report and documents screens, the send screen's key check and the
# dialogs after a backup, in the states a headless run reaches surely (a
# document out of date, the letter the steps call for, the procedures of
# an incident, a key with a character missing), French and English, at
# 1366×768 and 1024×600 (ui's TestShots, which does nothing without this
# variable).
echo "documents screens:"
TEMOIN_SCREENSHOTS="$PWD/$out" go test -count=1 -run '^TestShots$' ./ui/ >/dev/null
ls "$out"/docsui-*.png | sed 's/^/  /'

# The report's and the letter's pages, French and English, as PNG
# (app/report's TestLook, which does nothing without this variable).
echo "report pages:"
TEMOIN_REPORT_PAGES="$PWD/$out/report" go test -count=1 -run '^TestLook$' ./app/report/ >/dev/null
ls "$out/report"/*.png | sed 's/^/  /'
echo "Look at every picture in $out/."
