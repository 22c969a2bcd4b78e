#!/usr/bin/env bash
# The benchmarks the issues name, run one after the other, with the figures
# and ratios they ask for. Machines are shared and noisy: compare ratios
# measured in the same run, not seconds across runs.
#
#   EVIDENCE_MIB=4096 tools/bench.sh     # size of the evidence file (default 4096)
#   ONLY=search tools/bench.sh           # only the benchmarks whose name matches
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools:$PATH"
export TEMOIN_BENCH_EVIDENCE_MIB="${EVIDENCE_MIB:-4096}"

bench() { # package benchmark-regexp benchtime
  if [ -n "${ONLY:-}" ] && ! [[ "$2" =~ ${ONLY} ]]; then return; fi
  echo "== $1 $2"
  go test -run '^$' -bench "$2" -benchtime "$3" -timeout 2h "$1" | grep -E '^(Benchmark|ok|FAIL|---)' || true
}

bench ./vault 'BenchmarkImportEvidence$' 2x   # issue 2: 4 GiB evidence vs age -e, peak memory
bench ./app 'BenchmarkSearch10k'        20x   # issue 2: search over 10,000 incidents
bench ./app 'BenchmarkUnlock10k$'       5x    # issue 2: unlock with 10,000 incidents (KDF excluded)
bench ./vault 'BenchmarkUnlockKDF$'     5x    # issue 2: the KDF alone, for reference
bench ./vault 'BenchmarkOpenCheck10k$'  5x    # issue 10: the checks at every open, 10,000 incidents, beside the KDF alone (target: checks under 150 ms)
bench ./vault 'BenchmarkRotateKeys1GiB$' 2x   # issue 10: renewing the keys with 1 GiB of evidence, beside sha256sum of the same GiB
bench ./app/bundle 'BenchmarkExport1GiB$' 1x  # issue 5: export of 1 GiB of evidence vs zip -0 | age -e
bench ./app/report 'BenchmarkReport1000$' 1x    # issue 4: 1,000 incidents, 100 image evidence items, thumbnails
