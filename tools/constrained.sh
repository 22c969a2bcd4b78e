#!/usr/bin/env bash
# Runs a command as on a teacher's old laptop: one core (taskset -c 0) and
# a memory limit for it and everything it starts (BENCH_MEM, default 1G:
# what a 4 GB laptop has left with the system, a browser and a mail
# program open). The limit is a cgroup (v1 or v2) when this machine lets
# us make one (root), else `systemd-run --scope -p MemoryMax=`, else only
# GOMEMLIMIT (a soft limit of the Go runtime: said on standard error).
#
#   tools/constrained.sh COMMAND [ARGS...]
set -euo pipefail
mem=${BENCH_MEM:-1G}
bytes=$(numfmt --from=iec "$mem")
cpu=(taskset -c 0)

cg=""
cleanup() { [ -n "$cg" ] && rmdir "$cg" 2>/dev/null || true; }
trap cleanup EXIT
if [ -w /sys/fs/cgroup/memory ]; then # cgroup v1
  cg=/sys/fs/cgroup/memory/temoin-bench-$$
  mkdir "$cg"
  echo "$bytes" >"$cg/memory.limit_in_bytes"
  echo 0 >"$cg/memory.swappiness" 2>/dev/null || true
elif [ -w /sys/fs/cgroup/cgroup.subtree_control ] && grep -q memory /sys/fs/cgroup/cgroup.controllers; then # v2
  cg=/sys/fs/cgroup/temoin-bench-$$
  mkdir "$cg"
  echo "$bytes" >"$cg/memory.max"
fi
echo "constrained: one core (taskset -c 0), memory $mem$([ -n "$cg" ] && echo " (cgroup $cg)")" >&2
if [ -n "$cg" ]; then
  # The child joins the group before it runs the command.
  bash -c 'echo $$ >"$1/cgroup.procs"; shift; exec "$@"' - "$cg" "${cpu[@]}" "$@"
elif systemd-run --scope -p MemoryMax="$mem" true >/dev/null 2>&1; then
  systemd-run --scope -q -p MemoryMax="$mem" "${cpu[@]}" "$@"
else
  echo "constrained: no cgroup and no systemd here: GOMEMLIMIT=$mem only (soft)" >&2
  GOMEMLIMIT=$bytes "${cpu[@]}" "$@"
fi
