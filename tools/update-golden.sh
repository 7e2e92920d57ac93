#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the expected outputs of the golden tests (tests/golden/*/expected) from the current
# build, then shows what changed. The only way golden files change: review the diff and commit
# it with a message that says why the numbers moved.
# Usage: tools/update-golden.sh [BUILD_DIR]   (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" -j2 --target urbanmine_golden_baseline_tests
URBANMINE_UPDATE_GOLDEN=1 "$build/tests/urbanmine_golden_baseline_tests" --gtest_brief=1
echo "== changes under tests/golden (review before committing):"
git --no-pager diff --stat -- tests/golden
