#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer harnesses of tests/fuzz with clang under ASan+UBSan (in FUZZ_DIR, default
# build-fuzz) and runs each for SECONDS (default 20) on its seed corpus tests/fuzz/corpus/<name>.
# New inputs go to a scratch copy, so the repository's corpus is never changed. A crash, leak,
# timeout or out-of-memory stops with exit 1 and leaves the input in FUZZ_DIR/artifacts/; to turn
# it into a regression case, copy it into tests/fuzz/corpus/<name>/ and fix the bug. After adding
# or renaming a data file, tools/fuzz_data_seeds.py rewrites the data_folder seeds.
# Every run starts with the whole seed corpus (so each regression input found earlier is replayed)
# and then mutates with a fixed seed (FUZZ_SEED, default 1): the same binary explores the same
# inputs in the same order, so a finding in CI can be reproduced locally. Set FUZZ_SEED=0 for a
# fresh random seed (make fuzz, the long run, does).
# Reproduce one input: FUZZ_DIR/tests/fuzz/urbanmine_fuzz_<name> FILE
# Usage: scripts/fuzz.sh [SECONDS] [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
shift || true
fuzz_dir="${FUZZ_DIR:-build-fuzz}"
jobs="${JOBS:-$(nproc)}"
seed="${FUZZ_SEED:-1}"

cmake -S . -B "$fuzz_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-14 -DURBANMINE_FUZZ=ON -DURBANMINE_SANITIZE=address,undefined \
  -DURBANMINE_BUILD_TESTS=OFF -DURBANMINE_BUILD_EXAMPLES=OFF -DURBANMINE_BUILD_BENCHMARKS=OFF \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  $(command -v ccache >/dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache) >/dev/null
cmake --build "$fuzz_dir" -j "$jobs" --target urbanmine_fuzz_all

names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  for dir in tests/fuzz/corpus/*/; do names+=("$(basename "$dir")"); done
fi
mkdir -p "$fuzz_dir/artifacts"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="detect_leaks=1"
status=0
for name in "${names[@]}"; do
  binary="$fuzz_dir/tests/fuzz/urbanmine_fuzz_$name"
  scratch="$(mktemp -d)"
  cp -r "tests/fuzz/corpus/$name/." "$scratch/"
  echo "fuzz: $name for ${seconds}s"
  if ! "$binary" -seed="$seed" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$fuzz_dir/artifacts/$name-" "$scratch" \
      >"$fuzz_dir/artifacts/$name.log" 2>&1; then
    echo "fuzz: $name FOUND A PROBLEM (input and log in $fuzz_dir/artifacts/):"
    grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$fuzz_dir/artifacts/$name.log" | head -20
    status=1
  else
    grep -E "stat::number_of_executed_units" "$fuzz_dir/artifacts/$name.log" | sed "s/^/fuzz: $name /"
  fi
  rm -rf "$scratch"
done
if [[ $status -eq 0 ]]; then echo "fuzz: ${#names[@]} passed, 0 failed"; fi
exit $status
