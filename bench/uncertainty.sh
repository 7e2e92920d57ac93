#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Monte Carlo figures of docs/uncertainty.md on the shipped baseline: draws per second with 1
# and 2 threads and with 1 and 2 MPI ranks (1 thread each), CPU seconds per draw, peak memory.
# Usage: bench/uncertainty.sh [BUILD_DIR] [DRAWS]   (default build, 400)
set -euo pipefail
build=${1:-build}
draws=${2:-400}
bin=$build/urbanmine
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() {  # label, command...
  local label=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || {
    cat "$work/err"
    exit 1
  }
  read -r wall user sys rss < "$work/time"
  awk -v l="$label" -v d="$draws" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" 'BEGIN {
    printf "%-22s draws %6d  wall %7.1f s  draws/s %7.1f  cpu/draw %6.1f ms  peak %6.0f MiB\n",
           l, d, w, d / w, 1000 * (u + s) / d, m / 1024 }'
}
measure "threads 1" "$bin" mc --draws "$draws" --seed 1 --threads 1 --out "$work/t1"
measure "threads 2" "$bin" mc --draws "$draws" --seed 1 --threads 2 --out "$work/t2"
cmp "$work/t1/mc_summary.csv" "$work/t2/mc_summary.csv"
if command -v mpirun > /dev/null; then
  opts=(--allow-run-as-root --oversubscribe)
  measure "mpirun -np 1" mpirun "${opts[@]}" -np 1 "$bin" mc --draws "$draws" --seed 1 \
    --threads 1 --out "$work/r1"
  measure "mpirun -np 2" mpirun "${opts[@]}" -np 2 "$bin" mc --draws "$draws" --seed 1 \
    --threads 1 --out "$work/r2"
  cmp "$work/r1/mc_summary.csv" "$work/r2/mc_summary.csv"
  cmp "$work/t1/mc_summary.csv" "$work/r2/mc_summary.csv"
fi
echo "outputs identical across threads and ranks"
