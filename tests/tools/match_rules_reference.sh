#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The organiser's-rules reference set stays reproducible: tools/match_rules_reference.py
# regenerates both committed instances byte for byte, CBC (the `cbc` program, Debian coinor-cbc)
# proves the committed small optimum again on the script's own model, and the engine's schedule
# of the small instance passes the script's independent rule check at that optimum.
# Usage: match_rules_reference.sh URBANMINE_BIN SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1
src=$2
work=$3
tool="$src/tools/match_rules_reference.py"
data="$src/tests/data/match"
rm -rf "$work"
mkdir -p "$work"
for size in small medium; do
  python3 "$tool" generate --size "$size" --seed 1 -o "$work/$size-rules-s1.json" >/dev/null
  cmp "$work/$size-rules-s1.json" "$data/$size-rules-s1.json"
done
optimum=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['objective']['objective'])" \
  "$data/small-rules-s1.opt.json")
[ "$optimum" = 18574 ] || { echo "committed small optimum is $optimum, README says 18574"; exit 1; }
command -v cbc >/dev/null || { echo "cbc not installed: run scripts/install-deps.sh"; exit 1; }
python3 "$tool" solve "$work/small-rules-s1.json" -o "$work/small.opt.json" >/dev/null
solved=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['objective']['objective'])" \
  "$work/small.opt.json")
[ "$solved" = "$optimum" ] || { echo "CBC now gives $solved, committed $optimum"; exit 1; }
"$bin" --quiet match schedule "$data/small-rules-s1.json" --time-limit 60 \
  --output "$work/small.engine.json"
python3 "$tool" eval "$data/small-rules-s1.json" "$work/small.engine.json" > "$work/eval.txt"
engine=$(tail -1 "$work/eval.txt" | python3 -c "import json,sys; print(json.load(sys.stdin)['objective'])")
[ "$engine" = "$optimum" ] || { echo "engine schedule scores $engine, optimum $optimum"; exit 1; }
# The script's checker is not blind: a hand-broken schedule (a vetoed pair) fails it.
python3 - "$data/small-rules-s1.json" "$work/small.engine.json" "$work/broken.json" <<'PY'
import json, sys
inst, sched = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
veto = inst["vetoes"][0]
k, f = (veto["from"], veto["to"]) if veto["from"].startswith("K") else (veto["to"], veto["from"])
sched["meetings"][0].update(k=k, f=f)
json.dump(sched, open(sys.argv[3], "w"))
PY
if python3 "$tool" eval "$data/small-rules-s1.json" "$work/broken.json" > "$work/broken.txt"; then
  echo "a vetoed meeting passed the script's check"
  exit 1
fi
grep -q "vetoed pair" "$work/broken.txt"
echo "rules reference set: regenerated, CBC optimum $solved, engine $engine"
