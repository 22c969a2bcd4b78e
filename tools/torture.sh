#!/usr/bin/env bash
# make torture: the long proofs (package torture with TORTURE=full):
# hundreds of SIGKILLs, thousands of damaged copies, leaks, full disks,
# concurrency, secrets; then a summary. Counts can be changed with
# TORTURE_KILLS and TORTURE_TAMPER. make test runs the short versions.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
echo "Torture tests (this takes 10 to 20 minutes)…"
cfg=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$cfg"' EXIT
TORTURE=full XDG_CONFIG_HOME="$cfg" go test -tags testhooks -count=1 -timeout 80m -v ./torture/ 2>&1 | tee "$log" | grep -E '^(--- FAIL|TORTURE|FAIL|ok|panic)' 
status=${PIPESTATUS[0]}
echo
echo "================ summary ================"
grep '^TORTURE ' "$log" | sed 's/^TORTURE /  /'
grep -E '^\s+--- SKIP' "$log" -A1 | sed 's/^/  /'
if [ "$status" -ne 0 ]; then
  echo
  echo "FAILED — details:"
  grep -E '^\s+\S+_test\.go:[0-9]+:' "$log" | head -50
  exit "$status"
fi
echo "all proofs hold"
