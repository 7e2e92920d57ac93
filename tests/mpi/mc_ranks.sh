#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `urbanmine mc` under mpirun with 1 and 2 ranks, and as a plain process, must write the same
# bytes for the same seed. Usage: mc_ranks.sh URBANMINE MPIRUN WORKDIR
set -euo pipefail
bin=$1
mpirun=${2:-mpirun}
work=$3
rm -rf "$work"
mkdir -p "$work"
cat > "$work/s.toml" <<'TOML'
[scenario]
name = "mpi test"
first_year = 2015
last_year = 2040
regions = ["KOR", "DEU", "USA"]
TOML
args=("$work/s.toml" --draws 30 --seed 11 --threads 1)
opts=(--allow-run-as-root --oversubscribe)
"$mpirun" "${opts[@]}" -np 1 "$bin" mc "${args[@]}" --out "$work/np1"
"$mpirun" "${opts[@]}" -np 2 "$bin" mc "${args[@]}" --out "$work/np2"
"$bin" mc "${args[@]}" --out "$work/plain"
for f in mc_summary.csv mc_summary.json; do
  cmp "$work/np1/$f" "$work/np2/$f"
  cmp "$work/np1/$f" "$work/plain/$f"
done
test "$(wc -l < "$work/np2/mc_summary.csv")" -gt 100
echo "identical: np1, np2 and a plain process"
