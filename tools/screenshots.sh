#!/usr/bin/env bash
# Runs the real application under Xvfb on demo vaults and writes a PNG of
# every screen and dialog, in French and in English, at 1366×768 and at
# 1024×600, to screenshots/LANG-WxH/NN-name.png (not committed); the
# headless pictures of ui's TestShots to screenshots/docsui/ and the pages
# of the demo report and letter to screenshots/report/. Look at them after
# changing the interface. Needs Xvfb, xdotool, xclip, imagemagick and
# tesseract (`tools/deps.sh screenshots` installs them). A full run takes
# about 50 minutes on a busy 2-core machine (one language at one size, 10
# to 13 minutes; the headless pictures and the report's pages, 3 to 5):
# narrow it while you work.
#
#   tools/screenshots.sh                        # everything (make screenshots)
#   LANGS=en SIZES=1024x600 tools/screenshots.sh  # one language, one size
#   ONLY="proof quick" tools/screenshots.sh     # some groups only
#   SCREENSHOT_DISPLAY=:91 OUT=/tmp/shots tools/screenshots.sh
#
# The groups (ONLY=, separated by spaces): first (first start, recovery
# code), empty (an empty journal), journal (the demo journal: editor,
# evidence, history, deadlines, guide, report, send, settings, lock),
# archive (issue 12: the archive filter, the list beside the detail),
# drafts, rep (the representative's side), colleagues (issue 12: the
# representative names and annotates colleagues, a second bundle, the
# synthesis), backups, quick (issue 12:
# capture in one breath, drafts, dismissed deadlines, a second window),
# dark, proof (signers, time-stamps, key renewal, header), evidence
# (issue 14: capture, burst, e-mail, paste, spreadsheet), docs (headless:
# report, documents, send, backup; and the report's pages).
#
# Every step is checked: a shot identical to the one before it means a
# click or a key missed. The script names each such shot and exits with
# status 1 at the end (MISSES=warn only warns). Steps go by keyboard
# (shortcuts, Tab) where they can; clicks are computed from the window's
# size (W, H) where they cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${OUT:-screenshots}
langs=${LANGS:-fr en}
sizes=${SIZES:-1366x768 1024x600}
groups=${ONLY:-first empty journal archive drafts rep colleagues backups quick dark proof evidence docs}
display=${SCREENSHOT_DISPLAY:-:97}
bin=bin/temoin
began=$(date +%s)

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
PASS="un chat gris dort sur le toit 42"
DEMO=demo-temoin-2026

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
export OMP_THREAD_LIMIT=1 # tesseract: one thread is faster on a busy machine
export FYNE_THEME=light
# The app's preferences (language, theme, auto-lock) go to a throwaway home.
export HOME=$work/home
export XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME"
sleep 1

# ---- Steps -------------------------------------------------------------

# start VAULT: opens the app in $lang and waits for its window, sized W×H.
start() {
  "$bin" --vault "$1" --lang "$lang" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 300); do # up to 30 s on a busy machine
    if xdotool search --name "Témoin" >/dev/null 2>&1; then
      sleep 1.5
      win=$(xdotool search --name "Témoin" | head -1)
      xdotool windowmove "$win" 0 0 windowsize "$win" "$W" "$H" 2>/dev/null || true
      sleep 0.5
      prev="" # a new window: nothing to compare the first shot with
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

# unlock VAULT PASSPHRASE [SECONDS]: starts the app and unlocks (waits
# for the navigation, or SECONDS); Escape closes the drafts offered back,
# if any.
unlock() {
  start "$1"
  typ "$2"
  key Return
  if [ -n "${3:-}" ]; then sleep "$3"; else wait_unlocked; fi
  key Escape
}

# wait_unlocked: waits until the journal is open (the navigation shows),
# a large journal on a busy machine takes seconds.
wait_unlocked() {
  local settings
  settings=$(tr gui.nav.settings)
  for _ in $(seq 1 8); do
    [ -n "$(find_text "$settings" plain)" ] && { sleep 0.5; return; }
    sleep 1
  done
  echo "  !! the journal did not open after ${prev:-the start}" >&2
  misses+=("$dir: the journal did not open after ${prev:-the start}")
}

# shot NAME [DELAY]: waits DELAY seconds, then writes $dir/NAME.png, and
# says so when it is the same picture as the previous shot (a click or a
# key that missed). A caret that blinks changes a few pixels: fewer than
# 120 count as the same picture.
misses=()
prev=""
shot() {
  sleep "${2:-0.8}"
  local f="$dir/$1.png"
  import -window root -crop "${W}x${H}+0+0" +repage "$f"
  if [ -n "$prev" ]; then
    local ae
    ae=$(compare -metric AE "$prev" "$f" null: 2>&1 || true)
    ae=${ae%% *}
    if [[ "$ae" =~ ^[0-9]+$ ]] && [ "$ae" -lt 120 ]; then
      echo "  $f  !! same as $(basename "$prev"): the step before it missed" >&2
      misses+=("$f")
      prev=$f
      return
    fi
  fi
  echo "  $f"
  prev=$f
}

key() { xdotool key --clearmodifiers "$@"; }
typ() { xdotool type --delay 15 "$1"; }
click() { xdotool mousemove "$1" "$2" click 1; }
# scroll N [X Y]: the mouse wheel, N notches down, over X,Y (the middle of
# the screen's content by default).
scroll() {
  xdotool mousemove "${2:-$(( (W + 220) / 2 ))}" "${3:-$(( H / 2 ))}"
  xdotool click --repeat "$1" --delay 8 5
}
# tr KEY [N]: the text of KEY in $lang (assets/translation), to find on
# the screen: a plural's form for N (2 by default), cut before « ( ».
tr() {
  python3 - "assets/translation/$lang.json" "$1" "${2:-2}" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))[sys.argv[2]]
if isinstance(v, dict):
    v = v["one"] if sys.argv[3] == "1" else v["other"]
print(v.replace("{{.N}}", sys.argv[3]).split("(")[0].strip())
PY
}

# find_text TEXT [STYLE]: "X Y", the middle of TEXT read on the screen
# (OCR, tesseract); nothing when it is not there. STYLE: plain (dark text
# on a light ground), teal (a main button's white text), or both (the
# default: plain, then teal).
find_text() {
  sleep 0.7 # the screen of the step before is drawn
  import -window root -crop "${W}x${H}+0+0" +repage "$work/ocr.png"
  local at="" style=${2:-both} psm
  # The page read as blocks (3), then as scattered words (11): each
  # misses what the other reads, now and then.
  for psm in 3 11; do
    [ -n "$at" ] || [ "$style" = teal ] || at=$(OCR_PSM=$psm ocr_at "$1")
    [ -n "$at" ] || [ "$style" = plain ] ||
      at=$(OCR_PSM=$psm ocr_at "$1" -fuzz 2% -fill black -opaque white -fuzz 25% -fill '#f7f6f3' -opaque 'srgb(47,111,115)')
  done
  echo "$at"
}
# ocr_at TEXT [CONVERT OPTIONS]: reads the screen twice its size.
ocr_at() {
  local text=$1
  shift
  convert "$work/ocr.png" "$@" -resize 200% "$work/ocr2.png"
  tesseract "$work/ocr2.png" - -l eng+fra --psm "${OCR_PSM:-3}" tsv 2>/dev/null | python3 -c '
import difflib, re, sys, unicodedata
def norm(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in s if not unicodedata.combining(c)))
want, rows = norm(sys.argv[1]), []
for line in sys.stdin:
    f = line.rstrip("\n").split("\t")
    if len(f) >= 12 and f[0] != "level" and norm(f[11]):
        rows.append((norm(f[11]),) + tuple(int(x) for x in f[6:10]))
# Words read run together or apart, a letter misread in a long text
# (« un·e » read « unre »): the closest run of words on one line.
best, at = 0.0, None
for i in range(len(rows)):
    acc = ""
    for j in range(i, min(i + 8, len(rows))):
        acc += rows[j][0]
        run = rows[i:j + 1]
        if max(r[2] for r in run) - min(r[2] for r in run) > 16:  # one line
            break
        r = 1.0 if acc == want else difflib.SequenceMatcher(None, acc, want).ratio()
        last = sys.argv[2] == "last" and r == 1.0 == best  # the lowest of several
        if (r > best or last) and (r == 1.0 or (len(want) >= 8 and r >= 0.85)):
            best = r
            x0, x1 = min(r[1] for r in run), max(r[1] + r[3] for r in run)
            y0, y1 = min(r[2] for r in run), max(r[2] + r[4] for r in run)
            at = ((x0 + x1) // 4, (y0 + y1) // 4)
        if len(acc) > len(want) + 4:
            break
    if best == 1.0 and sys.argv[2] != "last":
        break
if at:
    print(*at)
' "$text" "${OCR_PICK:-first}"
}

# click_text TEXT [STYLE]: clicks TEXT where it is read on the screen (the
# first place, or with OCR_PICK=last the lowest); a text not found is a
# miss, said and counted.
click_text() {
  local at
  for _ in 1 2; do
    at=$(find_text "$1" "${2:-}")
    if [ -n "$at" ]; then
      # shellcheck disable=SC2086
      click $at
      return
    fi
  done
  echo "  !! « $1 » is not on the screen: the click after ${prev:-the start} missed" >&2
  misses+=("$dir: « $1 » not found after ${prev:-the start}")
}

# scroll_to_text TEXT [STYLE]: the wheel down until TEXT shows; found_at
# is then where it is, for click_found.
found_at=""
scroll_to_text() {
  found_at=""
  for _ in $(seq 1 10); do
    found_at=$(find_text "$1" "${2:-}")
    [ -n "$found_at" ] && return
    scroll 8
  done
  echo "  !! « $1 » never showed while scrolling after ${prev:-the start}" >&2
  misses+=("$dir: « $1 » not found after ${prev:-the start}")
}
# shellcheck disable=SC2086
click_found() { if [ -n "$found_at" ]; then click $found_at; fi; }

# Fyne's file dialog (no zenity under Xvfb) is 800×560, centred in the
# window (ui/files.go): file_first clicks the first file of its list,
# file_open its "Open" button.
file_first() { click $(( W / 2 - 100 )) $(( H / 2 - 130 )); sleep 1; }
file_open() { click $(( W / 2 + 357 )) $(( H / 2 + 256 )); }

# ---- Groups: one function per group, one block of steps per screen ------
# Each runs in $lang at W×H and writes to $dir. To add screens, add a
# function here and its name to the groups at the top.

# first: the first start on an empty folder, the recovery code.
group_first() {
  start "$work/empty-$lang-$W"
  shot 01-first-start
  typ "$PASS"
  key Return
  typ "$PASS"
  shot 01b-first-start-filled 0.3
  key Return
  shot 02-recovery-code 1.5
  key Tab Tab Tab space
  shot 02b-recovery-code-check
  stop
}

# empty: an empty journal, as after the first start.
group_empty() {
  TEMOIN_PASSPHRASE="$PASS" "$bin" init --vault "$work/fresh-$lang-$W" --lang "$lang" >/dev/null
  start "$work/fresh-$lang-$W"
  typ "$PASS"
  key Return
  wait_unlocked
  shot 02c-journal-empty 0.5
  key alt+4
  shot 17c-send-empty 1
  key alt+7
  shot 18-representative-intro 1
  stop
}

# demo_vault NAME: a demo journal with a representative to send to.
demo_vault() {
  local v="$work/$1-$lang-$W"
  [ -d "$v" ] && return
  "$bin" demo --vault "$v" --lang "$lang" >/dev/null
  TEMOIN_PASSPHRASE=$DEMO "$bin" reps add "Camille Bernard" --org "SNES-FSU" \
    --key age1fxcwn6eap5v9y048t2jeegl7dga0uppq7evenhaklrpcdy4gge2sgcrjcy --vault "$v" --lang "$lang" >/dev/null 2>&1
}

# journal: the demo journal, every screen of the navigation.
group_journal() {
  demo_vault demo
  start "$work/demo-$lang-$W"
  shot 03-unlock
  typ "not the passphrase"
  key Return
  shot 03b-unlock-wrong 1
  typ "$DEMO"
  key Return
  wait_unlocked
  shot 04-journal 0.5
  journal_editor
  journal_evidence
  key ctrl+7
  shot 08-history
  key alt+2
  shot 09-deadlines 1
  key alt+5
  shot 10-guide
  journal_report
  journal_send
  key alt+6
  shot 12-settings
  key ctrl+l
  shot 13-locked
  key Tab Tab space
  shot 14-forgot-passphrase
  stop
}

journal_editor() {
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
  key ctrl+2
  scroll 25 # down to the linked incidents, at the end of "What happened"
  shot 06a-editor-linked 0.8
  click_text "$(tr gui.editor.linked_choose)" plain
  shot 06a2-editor-linked-picker 1
  key Escape
  sleep 0.5
  key ctrl+3
  shot 06b-editor-who
  key ctrl+4
  shot 06c-editor-consequences
  key ctrl+5
  shot 06d-editor-followup
  click_text "$(tr gui.editor.add_action)" plain
  shot 06e-editor-followup-step
}

journal_evidence() {
  key ctrl+6
  shot 07-evidence 1.5
  scroll 10 # down to the actions
  shot 07d-evidence-actions 0.8
  click_text "$(tr gui.evidence.add_link)" plain
  shot 07b-add-link 1
  key Escape
  click_text "$(tr gui.evidence.add_file)" teal
  shot 07c-file-dialog 1.5
  key Escape
  sleep 0.5
}

journal_report() {
  key alt+3
  shot 11-report 1
  click_text "$(tr gui.share.report.generate)" teal
  shot 11b-report-generated 6
  click_text "$(tr gui.share.documents.tab)" plain
  shot 11c-report-letter
  click_text "$(tr gui.share.profile.tab)" plain
  shot 11d-report-profile
}

journal_send() {
  key alt+4
  shot 17-send 1
  click_text "$(tr gui.share.reps.tab)" plain
  shot 17b-send-reps
  click_text "$(tr gui.share.reps.add)" teal
  sleep 0.8
  typ "Dominique Petit"
  key Tab
  typ "SUD Education"
  key Tab
  typ "age1fxcwn6eap5v9y048t2jeegl7dga0uppq7evenhaklrpcdy4gge2sgcrjcy"
  shot 17d-send-add-rep 0.8
  key Escape
}

# drafts: drafts are offered back after a lock (runs after journal).
group_drafts() {
  demo_vault demo
  start "$work/demo-$lang-$W"
  typ "$DEMO"
  key Return
  sleep 3 # the drafts' dialog hides the navigation: nothing to wait for
  shot 15-drafts-offered 1
  stop
}

# rep: the representative's side: a key, two bundles of the demo journal
# received (the second continues the first).
group_rep() {
  demo_vault demo
  local v="$work/rep-$lang-$W" repkey
  TEMOIN_PASSPHRASE="$PASS" "$bin" init --vault "$v" --lang "$lang" >/dev/null
  repkey=$(TEMOIN_PASSPHRASE="$PASS" "$bin" keygen --in-vault --vault "$v" --lang "$lang" 2>/dev/null)
  for n in 1 2; do
    TEMOIN_PASSPHRASE=$DEMO "$bin" export --to "$repkey" --out "$work/bundle-$lang-$W-$n.zip.age" \
      --vault "$work/demo-$lang-$W" --lang "$lang" >/dev/null 2>&1
    TEMOIN_PASSPHRASE="$PASS" "$bin" open "$work/bundle-$lang-$W-$n.zip.age" --keep \
      --out "$work/opened-$lang-$W-$n" --vault "$v" --lang "$lang" >/dev/null 2>&1
  done
  start "$v"
  typ "$PASS"
  key Return
  wait_unlocked
  key alt+7
  shot 18b-representative 1
  scroll 25
  shot 18c-representative-cases 0.8
  stop
}

# backups: the reminder (a last backup 41 days ago), Settings with the
# backup section, the warning for a folder synchronised with a work
# OneDrive, and restoring a backup at the first start.
group_backups() {
  local cloud="$HOME/OneDrive - Académie de Lyon/Sauvegardes" v="$work/backup-$lang-$W"
  mkdir -p "$cloud"
  "$bin" demo --vault "$v" --lang "$lang" >/dev/null
  TEMOIN_PASSPHRASE=$DEMO "$bin" backup --out "$cloud/ancienne-$lang$BACKUP_EXT" \
    --vault "$v" --lang "$lang" >/dev/null 2>&1
  cp "$cloud/ancienne-$lang$BACKUP_EXT" "$HOME/ma-sauvegarde$BACKUP_EXT"
  bin/shotprep "$v" $DEMO 41 # the last backup, 41 days ago
  unlock "$v" $DEMO
  shot 19-backup-reminder 1
  key alt+6
  sleep 1 # not the reminder's button: the one of Settings
  scroll_to_text "$(tr gui.backup.now)" teal # down to Backups
  shot 20-settings-backups 0.3
  click_found
  shot 20b-folder-dialog 1.5
  file_open # the folder synchronised with OneDrive
  shot 21-cloud-warning 1
  key Escape
  stop
  # Restoring a backup at the first start.
  start "$work/restored-$lang-$W"
  shot 22-first-start-restore-offer 0.5
  click_text "$(tr gui.restore.button)" plain
  shot 22b-restore-file-dialog 1.5
  file_first # the backup file
  file_open
  shot 22c-restore 1
  typ "$DEMO"
  key Return
  shot 22d-restored 8
  stop
  rm -rf "$HOME/OneDrive - Académie de Lyon" "$HOME/ma-sauvegarde$BACKUP_EXT"
}

# quick: issue 12's screens: writing an incident in one breath, a date
# that cannot be read, the journal with a draft and an incident « à
# compléter », a dismissed deadline offered back, a second window on an
# open journal.
group_quick() {
  local v="$work/quick-$lang-$W"
  "$bin" demo --vault "$v" --lang "$lang" >/dev/null
  bin/shotprep "$v" $DEMO dismiss
  start "$v"
  typ "$DEMO"
  key Return
  wait_unlocked
  key Escape
  key ctrl+n
  sleep 0.5
  typ "Intrusion dans la classe virtuelle de 4e B : insultes au micro, puis une image projetée."
  shot 30-quick-capture
  key Tab Tab Tab Tab Tab # the day
  typ "31/11/2026"
  key Tab
  shot 30b-quick-date-error
  key ctrl+s
  shot 30c-quick-save-refused
  key Return # closes the information
  sleep 0.5
  key alt+1 # the journal: the draft is kept (Escape does nothing while
  # a button, here the calendar's, has the focus)
  shot 32-journal-draft 1
  key ctrl+n # the draft again
  key Tab Tab Tab Tab Tab
  typ "$( [ "$lang" = fr ] && echo hier || echo yesterday )"
  key ctrl+s
  shot 31-journal-to-complete 1
  key alt+2
  scroll 400 # down to the dismissed deadline
  shot 33-deadlines-dismissed 0.8
  click_text "$(tr gui.deadlines.show_dismissed 1)" plain
  scroll 400
  shot 33b-deadlines-dismissed-shown 0.8
  # A second window on the same journal.
  "$bin" --vault "$v" --lang "$lang" >"$work/app2.log" 2>&1 &
  local second=$! win2
  sleep 3
  win2=$(xdotool search --name "Témoin" | tail -1)
  xdotool windowraise "$win2" windowmove "$win2" 0 0 windowsize "$win2" "$W" "$H" 2>/dev/null || true
  shot 34-unlock-already-open 1
  kill "$second" 2>/dev/null || true
  wait "$second" 2>/dev/null || true
  stop
}

# dark: the dark theme.
group_dark() {
  demo_vault demo
  FYNE_THEME=dark unlock "$work/demo-$lang-$W" $DEMO 3
  shot 16-journal-dark 1
  stop
}

# proof: who signed a bundle (a key to compare, recognised under a name,
# browsed), the settings of signature and time-stamps, the key renewal, a
# header altered outside Témoin.
group_proof() {
  local v="$work/pdemo-$lang-$W" rv="$work/prep-$lang-$W" repkey
  "$bin" demo --vault "$v" --lang "$lang" >/dev/null
  TEMOIN_PASSPHRASE="$PASS" "$bin" init --vault "$rv" --lang "$lang" >/dev/null
  repkey=$(TEMOIN_PASSPHRASE="$PASS" "$bin" keygen --in-vault --vault "$rv" --lang "$lang" 2>/dev/null)
  TEMOIN_PASSPHRASE=$DEMO "$bin" export --to "$repkey" --out "$work/pbundle-$lang-$W.zip.age" \
    --vault "$v" --lang "$lang" >/dev/null 2>&1
  TEMOIN_PASSPHRASE="$PASS" "$bin" open "$work/pbundle-$lang-$W.zip.age" --keep \
    --out "$work/popened-$lang-$W" --vault "$rv" --lang "$lang" >/dev/null 2>&1
  proof_signer "$rv"
  proof_settings "$v"
  proof_integrity "$v"
}

proof_signer() {
  unlock "$1" "$PASS"
  key alt+7
  sleep 1
  scroll 25 # down to the cases
  shot 40-case-new-key 1
  click_text "$(tr gui.share.rep.trust)" teal
  sleep 0.8
  typ "Mme Martin"
  shot 41-trust-key 1
  key Return
  sleep 0.8
  key Escape
  key Escape
  shot 42-case-recognised 1
  click_text "$(tr gui.share.rep.browse)" plain
  shot 43-browse-case 1
  key Escape
  stop
}

# proof_settings: the colleague's side: the signature and the time-stamps
# in Settings, the key renewal.
proof_settings() {
  unlock "$1" $DEMO
  key alt+6
  scroll 5
  shot 44-settings-signature 0.8
  scroll 12
  shot 45-settings-timestamps 0.8
  stop
  unlock "$1" $DEMO
  key alt+6
  sleep 0.8
  scroll_to_text "$(tr gui.settings.change_passphrase)" plain
  click_found
  shot 46-passphrase-renew 1
  scroll 10 $(( W / 2 + 110 )) $(( H / 2 )) # down to the renewal
  shot 46b-passphrase-renew-check 0.8
  stop
}

# proof_integrity: the vault folder put back to an older copy (this
# computer saw more), then a header altered outside Témoin.
proof_integrity() {
  local v=$1
  cp -r "$v" "$v.old"
  echo '{"occurred_at": "2026-03-03T14:05:00+01:00", "kinds": ["threat"], "description": "x"}' |
    TEMOIN_PASSPHRASE=$DEMO "$bin" add --vault "$v" >/dev/null
  rm -rf "$v"
  mv "$v.old" "$v"
  start "$v"
  typ $DEMO
  key Return
  shot 48-integrity 5
  stop
  TEMOIN_PASSPHRASE=$DEMO "$bin" repair accept --yes --vault "$v" >/dev/null 2>&1
  bin/shotprep header "$v"
  start "$v"
  typ $DEMO
  key Return
  shot 47-header-changed 6
  stop
}

# archive: the journal's archive and, in a wide window, the list beside
# the selected incident (issue 12): the detail moving with the arrows,
# the archive filter, an archived incident's editor, "Archiver" said with
# "Annuler".
group_archive() {
  local v="$work/jdemo-$lang-$W" id wide=0 ww
  "$bin" demo --vault "$v" --lang "$lang" >/dev/null
  id=$(TEMOIN_PASSPHRASE=$DEMO "$bin" list --vault "$v" --lang "$lang" 2>/dev/null | awk 'NR == 2 { print $1 }')
  TEMOIN_PASSPHRASE=$DEMO "$bin" archive "$id" --vault "$v" --lang "$lang" >/dev/null
  [ $(( W - 220 )) -ge 980 ] && wide=1 # ui/journal_detail.go's wideJournal
  unlock "$v" $DEMO
  shot 60-journal-archive-filter 1
  if [ "$wide" = 1 ]; then
    click 480 280 # the second row, shown beside the list
    key Down      # the third
    shot 60b-journal-detail 1
  fi
  click $(( W - 345 )) 82  # the archive drop-down
  sleep 0.5
  click $(( W - 345 )) 159 # "Archived"
  shot 61-journal-archived 1
  click 480 190 # the archived incident: beside the list, or in the editor
  if [ "$wide" = 1 ]; then
    shot 61b-journal-archived-detail 1
    click $(( W - 55 )) 171 # "Edit"
  fi
  shot 62-editor-archived 1.2
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
  shot 63-journal-archived-notice 1
  stop
}

# colleagues: the representative's side as a union representative meets
# it (issue 12): two bundles of a colleague and one of another (a key to
# compare), the key recognised under a name, the colleague named and
# annotated ("Nom et notes…"), what the second bundle brings since the
# first, a case browsed, the synthesis. The buttons are reached with Tab
# (their order does not change with the language or the window's size).
group_colleagues() {
  local rv="$work/rrep-$lang-$W" demo="$work/rdemo-$lang-$W" other="$work/rother-$lang-$W" repkey first
  "$bin" demo --vault "$demo" --lang "$lang" >/dev/null
  TEMOIN_PASSPHRASE="$PASS" "$bin" init --vault "$rv" --lang "$lang" >/dev/null
  TEMOIN_PASSPHRASE="$PASS" "$bin" init --vault "$other" --lang "$lang" >/dev/null
  repkey=$(TEMOIN_PASSPHRASE="$PASS" "$bin" keygen --in-vault --vault "$rv" --lang "$lang" 2>/dev/null)
  rep_bundle() { # JOURNAL PASSPHRASE N: a bundle of JOURNAL kept as a case
    TEMOIN_PASSPHRASE="$2" "$bin" export --to "$repkey" --out "$work/rb-$lang-$W-$3.zip.age" \
      --vault "$1" --lang "$lang" >/dev/null 2>&1
    TEMOIN_PASSPHRASE="$PASS" "$bin" open "$work/rb-$lang-$W-$3.zip.age" --keep \
      --out "$work/ro-$lang-$W-$3" --vault "$rv" --lang "$lang" 2>/dev/null | sed -n 's/.* \([0-9a-z]\{8\}\)\.$/\1/p' | head -1
  }
  first=$(rep_bundle "$demo" $DEMO 1)
  echo '{"occurred_at": "2026-11-27T10:05:00+01:00", "kinds": ["threat"], "channels": ["in_person"], "description": "Menaces à la sortie du cours."}' |
    TEMOIN_PASSPHRASE="$PASS" "$bin" add --vault "$other" >/dev/null
  rep_bundle "$other" "$PASS" 2 >/dev/null
  echo '{"occurred_at": "2026-11-30T16:40:00+01:00", "kinds": ["threat"], "channels": ["school_messaging"], "description": "Nouveau message menaçant sur la messagerie de l’établissement."}' |
    TEMOIN_PASSPHRASE=$DEMO "$bin" add --vault "$demo" >/dev/null
  rep_bundle "$demo" $DEMO 3 >/dev/null
  if [ "$lang" = fr ]; then
    TEMOIN_PASSPHRASE="$PASS" "$bin" cases note "$first" "Appel le 3/12 : veut saisir la F3SCT. Lui envoyer le modèle de fiche RSST." --vault "$rv" >/dev/null
  else
    TEMOIN_PASSPHRASE="$PASS" "$bin" cases note "$first" "Called on 3/12: wants to refer it to the F3SCT. Send her the RSST form." --vault "$rv" >/dev/null
  fi
  unlock "$rv" "$PASS"
  key alt+7
  sleep 1.5
  scroll 8 # down to the cases
  shot 50-rep-cases 1
  for _ in 1 2 3 4; do key Tab; done # the newest case's "Recognise this key…"
  key space
  sleep 0.8
  typ "Mme Martin"
  shot 51-rep-trust 1
  key Return
  shot 52-rep-recognised 1
  key Return
  sleep 0.5
  for _ in 1 2 3 4 5 6; do key Tab; done # its "Name and notes…"
  key space
  sleep 0.8
  typ "RDV le 10/12, 17 h, local syndical"
  shot 53-rep-colleague 0.5
  key ctrl+Return
  shot 54-rep-colleague-notes 1
  key Tab Tab space # the newest note's "Change"
  shot 54b-rep-note-edit 0.8
  key Escape
  click 100 $(( H - 200 )) # nothing focused
  shot 55-rep-cases-named 1
  for _ in 1 2 3 4 5; do key Tab; done # its "Browse"
  key space
  shot 56-rep-browse 1.5
  key Escape
  scroll 40 # the other colleague, the synthesis
  shot 57-rep-synthesis 1
  stop
}

# evidence: evidence as it arrives (issue 14): the capture dialog, the
# capture bar, a burst and its grid, a message pasted, an e-mail with its
# headers, the spreadsheet import's preview.
group_evidence() {
  local v="$work/ev-$lang-$W" id msg bar
  "$bin" demo --vault "$v" --lang "$lang" >/dev/null
  id=$(TEMOIN_PASSPHRASE=$DEMO "$bin" list --vault "$v" --lang "$lang" 2>/dev/null | awk 'NR == 1 { print $1 }')
  printf '%s\r\n' "From: =?utf-8?q?Pierre_Durand?= <p.durand@exemple.fr>" "To: lea.martin@ac-exemple.fr" \
    "Date: Fri, 13 Mar 2026 21:46:58 +0100" "Subject: Votre comportement inadmissible" "MIME-Version: 1.0" \
    "Content-Type: multipart/mixed; boundary=b" "" "--b" "Content-Type: text/plain; charset=utf-8" "" \
    "Vous allez le regretter." "--b" "Content-Type: application/pdf; name=convocation.pdf" \
    "Content-Disposition: attachment; filename=convocation.pdf" "" "%PDF-1.4" "--b--" >"$work/message.eml"
  TEMOIN_PASSPHRASE=$DEMO "$bin" attach "$id" "$work/message.eml" --vault "$v" --lang "$lang" >/dev/null 2>&1
  printf 'Date;Heure;Types;Canaux;Faits;Référence auteur\r\n12/03/2026 14:05;;Insultes;En personne;Appel très agressif.;Parent P1\r\n13/03/2026;14:05:00;Menaces;Pronote;Message de menace.;Élève E2\r\n' \
    | iconv -f utf-8 -t windows-1252 >"$HOME/journal.csv"
  unlock "$v" $DEMO
  key ctrl+shift+e
  shot 24-capture-dialog 1.5
  click_text "$(tr gui.capture.open_bar)" plain
  bar=""
  for _ in $(seq 1 50); do
    bar=$(xdotool search --name "Témoin" 2>/dev/null | grep -vx "$win" | head -1 || true)
    [ -n "$bar" ] && break
    sleep 0.1
  done
  # the bar in the bottom right corner, whole (its buttons: 28 points
  # down; Burst 163 points right, Stop 130)
  local bx=$(( W - 520 )) by=$(( H - 250 )) WIDTH=520 HEIGHT=250
  if [ -n "$bar" ]; then
    eval "$(xdotool getwindowgeometry --shell "$bar" | grep -E '^(WIDTH|HEIGHT)=')"
    bx=$(( W > WIDTH ? W - WIDTH : 0 )) by=$(( H > HEIGHT ? H - HEIGHT : 0 ))
    xdotool windowmove "$bar" $bx $by
  fi
  shot 24b-capture-bar 1
  click $(( bx + 163 )) $(( by + 28 )) # "Burst"
  shot 24c-burst-running 11.5
  click $(( bx + 130 )) $(( by + 28 )) # "Stop the burst"
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
  click_text "$(head -1 assets/guide/"$lang"/06-*.md | sed 's/^# //')" plain # "Keeping evidence"
  shot 27-guide-evidence 1
  scroll 60 # down to the buttons
  shot 27b-guide-evidence-end 0.8
  OCR_PICK=last click_text "$(tr gui.sheet.button)" # the button, under the text naming it
  shot 28-sheet-file-dialog 2
  file_first # journal.csv
  sleep 0.3
  file_open
  shot 28b-sheet-preview 2.5
  click_text "$(tr gui.sheet.import 2)"
  shot 28c-sheet-imported 3
  stop
  rm -f "$HOME/journal.csv"
}

# docs (headless, once for every language and size): the report and
# documents screens, the send screen's key check and the dialogs after a
# backup, in the states a headless run reaches surely (ui's TestShots),
# and the report's and the letter's pages (app/report's TestLook).
group_docs() {
  echo "documents screens (headless):"
  mkdir -p "$out/docsui"
  TEMOIN_SCREENSHOTS="$PWD/$out/docsui" go test -count=1 -run '^TestShots$' ./ui/ >/dev/null
  ls "$out"/docsui/*.png | sed 's/^/  /'
  echo "report pages:"
  TEMOIN_REPORT_PAGES="$PWD/$out/report" go test -count=1 -run '^TestLook$' ./app/report/ >/dev/null
  ls "$out/report"/*.png | sed 's/^/  /'
}

# ---- Run ---------------------------------------------------------------

for size in $sizes; do
  W=${size%x*} H=${size#*x}
  for lang in $langs; do
    dir="$out/$lang-$size"
    mkdir -p "$dir"
    for g in $groups; do
      [ "$g" = docs ] && continue
      echo "$lang $size $g:"
      "group_$g"
    done
  done
done
case " $groups " in *" docs "*) group_docs ;; esac

echo "$(( $(date +%s) - began )) s. Look at every picture in $out/."
if [ ${#misses[@]} -gt 0 ]; then
  echo "${#misses[@]} shots are the same as the one before them (a click or key missed):" >&2
  printf '  %s\n' "${misses[@]}" >&2
  [ "${MISSES:-fail}" = warn ] || exit 1
fi
