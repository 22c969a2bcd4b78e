#!/usr/bin/env bash
# make fuzz: runs every Fuzz* target of the module for the given time
# each (default 1m). make test runs them on their seed corpus only.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-1m}
failed=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -hoE '^func (Fuzz[A-Za-z0-9_]+)\(' "$dir"/*_test.go 2>/dev/null | sed -E 's/^func (Fuzz[A-Za-z0-9_]+)\(/\1/' | sort -u); do
    echo "== $pkg $target ($time)"
    if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$time" "$pkg"; then
      failed=1
      echo "FAILED: $pkg $target (the failing input is in $dir/testdata/fuzz/$target)"
    fi
  done
done
exit $failed
