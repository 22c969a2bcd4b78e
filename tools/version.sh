#!/usr/bin/env bash
# Prints Témoin's version, from the git tag: "1.2.0" on the commit tagged
# v1.2.0, "1.2.0-3-gabc1234" three commits later, with "-dirty" when the
# work tree has changes; "0.1.0-dev-gabc1234" before the first tag (the
# version of FyneApp.toml). `tools/version.sh numeric` prints the four
# numbers Windows wants in a file's version information ("1.2.0.3").
set -euo pipefail
cd "$(dirname "$0")/.."

base=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
if v=$(git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null); then
  v=${v#v}
elif c=$(git describe --always --dirty 2>/dev/null); then
  v="$base-dev-g$c"
else
  v="$base-dev"
fi

if [ "${1:-}" = numeric ]; then
  IFS=. read -r major minor patch <<<"${v%%-*}"
  n=0
  [[ $v =~ ^[0-9.]+-([0-9]+)-g ]] && n=${BASH_REMATCH[1]}
  echo "${major:-0}.${minor:-0}.${patch:-0}.$n"
else
  echo "$v"
fi
