#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make demo`: runs the main job on the shipped global baseline into out/baseline, prints its
# short summary (world end-of-life batteries and metal for 2030/2040/2050, recovered metal, the
# feedstock beyond home capacity and what trade leaves stranded, findings) and the path of
# report.html to open in a browser.
set -euo pipefail
build=${1:-build}
bin="$build/urbanmine"
out=${URBANMINE_DEMO_OUT:-out/baseline}
echo "== urbanmine $("$bin" --version | cut -d' ' -f2-)"
echo "== Global baseline (examples/global.toml) -> $out"
"$bin" run examples/global.toml --out "$out"
echo "== Open the report: file://$(cd "$out" && pwd)/report.html"
echo
echo "== Partnering event (examples/event): score profiles, schedule 1:1 meetings, write agendas"
bash examples/event/run.sh "$build" out/event
python3 - out/event/schedule.json <<'PY' || true
import json, sys
s = json.load(open(sys.argv[1]))
print(f"   {len(s['meetings'])} meetings, objective {s.get('objective')}, upper bound {s.get('upper_bound')}, gap {s.get('gap')}")
PY
echo "== Agendas (CSV and ICS per participant): $(cd out/event/agendas && pwd)"
