#!/usr/bin/env bash
# `make check-third-party` (part of `make test`): each library Témoin
# keeps a changed copy of under third_party/ (a `replace` in go.mod) is
# compared, file by file, with the same version of the library as the Go
# module proxy serves it, checked against the checksum database
# (sum.golang.org). A file of the copy may differ from upstream only if
# the copy's README.md names it on its line "Files changed from upstream:";
# README.md and go.mod (the copy's own module file, without upstream's
# requirements) always may. A reviewer can thus trust that the copy is
# upstream's code but for the changes its README explains.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
while read -r _ mod _ dir; do
  dir=${dir#./}
  ver=$(awk -v m="$mod" '$1 == m && $2 ~ /^v/ {print $2; exit}' go.mod)
  if [ -z "$ver" ]; then
    echo "check-third-party: go.mod requires no version of $mod"; fail=1; continue
  fi
  up=$(cd / && GOFLAGS=-mod=mod go mod download -json "$mod@$ver" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [ -z "$up" ] || [ ! -d "$up" ]; then
    echo "check-third-party: could not download $mod@$ver to compare $dir with it"; fail=1; continue
  fi
  allowed=$(sed -n 's/^Files changed from upstream: *//p' "$dir/README.md" | grep -o '`[^`]*`' | tr -d '`' || true)
  changed=0
  while IFS= read -r f; do
    case "$f" in README.md | go.mod) continue ;; esac
    if [ ! -f "$up/$f" ]; then
      echo "check-third-party: $dir/$f is not in $mod@$ver"; fail=1
    elif ! cmp -s "$dir/$f" "$up/$f"; then
      changed=$((changed + 1))
      if ! grep -qxF "$f" <<<"$allowed"; then
        echo "check-third-party: $dir/$f differs from $mod@$ver, and $dir/README.md does not say so"; fail=1
      fi
    fi
  done < <(cd "$dir" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
  for f in $allowed; do
    if [ -f "$dir/$f" ] && [ -f "$up/$f" ] && cmp -s "$dir/$f" "$up/$f"; then
      echo "check-third-party: $dir/README.md says $f is changed, but it is upstream's"; fail=1
    fi
  done
  echo "check-third-party: $dir: $mod@$ver with $changed file(s) changed"
done < <(grep -E '^replace [^ ]+ => \./third_party/' go.mod)
exit $fail
