#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Wall time of the whole main job as a user runs it: `urbanmine -q run --out DIR` on the shipped
# baseline (every country, 2010-2050; CSV tables, summary.json, sankey.json, report.html and the
# run stored in SQLite), process start included, into a fresh folder each time. Prints each
# run's wall and CPU seconds, then the best and the median, against the 0.5 s target (issue 12).
# Usage: bench/run.sh [BUILD_DIR]   (env: RUNS=7)
set -euo pipefail
build=${1:-build}
bin="$build/urbanmine"
runs=${RUNS:-7}
target_s=0.5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

walls=()
for i in $(seq "$runs"); do
  rm -rf "$tmp/out"
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$tmp/cpu" "$bin" -q run --out "$tmp/out" >/dev/null
  end=$(date +%s.%N)
  wall=$(python3 -c "print(f'{$end - $start:.3f}')")
  read -r user sys <"$tmp/cpu"
  echo "run $i: ${wall} s wall, $(python3 -c "print(f'{$user + $sys:.2f}')") s CPU"
  walls+=("$wall")
done
files=$(ls "$tmp/out" | wc -l)
db_bytes=$(stat -c %s "$tmp/out/urbanmine.db")
python3 - "$target_s" "$files" "$db_bytes" "${walls[@]}" <<'PY'
import statistics, sys
target, files, db = float(sys.argv[1]), sys.argv[2], int(sys.argv[3])
walls = sorted(float(w) for w in sys.argv[4:])
best, median = walls[0], statistics.median(walls)
print(f"urbanmine run (baseline, all outputs, {files} files, database {db / 1e6:.1f} MB): "
      f"best {best:.3f} s, median {median:.3f} s wall; target < {target:.1f} s: "
      f"{'met' if median < target else 'NOT met'}")
sys.exit(0 if median < target else 1)
PY
