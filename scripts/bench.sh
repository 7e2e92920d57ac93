#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make bench`: runs every Google Benchmark program and every bench/*.sh script, printing figures.
# Usage: scripts/bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
for b in "$build"/bench/urbanmine_*_bench; do
  [ -x "$b" ] || continue
  echo "== $b"
  "$b" --benchmark_min_time=0.2
done
for s in bench/*.sh; do
  [ -f "$s" ] || continue
  echo "== $s"
  bash "$s" "$build"
done
