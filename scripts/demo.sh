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

# The Python module of this build (issue 16), importable by Debian's python3 without PYTHONPATH:
# a .pth file naming <build>/python in python3's site directory for /usr/local (written when it
# is writable, e.g. as root on a fresh machine; `rm` it to undo). Then the same figure from the
# CLI's CSV and from Python.
if [ -f "$build/python/urbanmine/__init__.py" ] && [ -x /usr/bin/python3 ]; then
  echo
  echo "== Python: import urbanmine (docs/python.md)"
  site=$(/usr/bin/python3 -c 'import site; print(site.getsitepackages()[0])')
  pth="$site/urbanmine-build.pth"
  if mkdir -p "$site" 2>/dev/null && [ -w "$site" ]; then
    (cd "$build/python" && pwd) > "$pth"
    echo "   $pth names $(cat "$pth"): python3 -c 'import urbanmine' works from any folder"
    py=(/usr/bin/python3)
  else
    echo "   $site is not writable: use PYTHONPATH=$build/python"
    py=(env "PYTHONPATH=$build/python" /usr/bin/python3)
  fi
  csv=$(awk -F, '$1=="CHN" && $2=="Li" && $3=="2040" {print $4}' "$out/end_of_life_t.csv")
  echo "   end_of_life_t CHN Li 2040 in $out/end_of_life_t.csv: $csv t"
  "${py[@]}" -c "import urbanmine; r = urbanmine.run('examples/global.toml'); print('   the same from Python:', float(r.tables['end_of_life_t'].sel(region='CHN', element='Li', year=2040)), 't')"
fi
