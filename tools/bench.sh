#!/usr/bin/env bash
# `make bench`: the figures of issue 15 (and those the earlier issues
# named), measured on the real binary and the Go benchmarks, printed as
# ONE table, each beside its target and its anchor measured in the same
# run (age -e, age -d then unzip, zip -0 | age -e, sha256sum) as a ratio.
# The machine is shared and noisy: each figure is the median of a few
# runs, and ratios within one run are what to compare, not seconds
# across runs. About 10 minutes on a shared 2-core machine.
#
#   tools/bench.sh                    # the table (1 GiB cases)
#   BENCH_FULL=1 tools/bench.sh       # also the 4 GiB cases (attach, export, open): 25 GiB free needed
#   ONLY='journal|go' tools/bench.sh  # only the groups that match: journal gui bundle synthesis go
#   RUNS=5 tools/bench.sh             # runs per figure (default 3)
#   CONSTRAINED=1 tools/bench.sh      # one core and 1 GiB of memory (BENCH_MEM) for the commands
#                                     # (tools/constrained.sh; the Go benchmarks, which compile, are left out)
#   BENCH_TMP=/path tools/bench.sh    # where the work folder goes (default $TMPDIR)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools:$PATH"
mkdir -p bin
go build -o bin/temoin .
go build -o bin/benchtable ./tools/benchtable
args=(-bin bin/temoin -runs "${RUNS:-3}")
[ -n "${ONLY:-}" ] && args+=(-only "$ONLY")
if [ "${CONSTRAINED:-}" = 1 ]; then
  [ -z "${ONLY:-}" ] && args+=(-only 'journal|gui|bundle|synthesis')
  tools/constrained.sh bin/benchtable "${args[@]}"
else
  bin/benchtable "${args[@]}"
fi
