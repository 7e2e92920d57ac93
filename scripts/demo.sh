#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make demo`: runs the main job on the shipped global baseline into out/baseline, prints its
# short summary (world end-of-life batteries and metal for 2030/2040/2050, recovered metal, the
# largest feedstock surpluses, findings) and the path of report.html to open in a browser.
set -euo pipefail
build=${1:-build}
bin="$build/urbanmine"
out=${URBANMINE_DEMO_OUT:-out/baseline}
echo "== urbanmine $("$bin" --version | cut -d' ' -f2-)"
echo "== Global baseline (examples/global.toml) -> $out"
"$bin" run examples/global.toml --out "$out"
echo "== Open the report: file://$(cd "$out" && pwd)/report.html"
