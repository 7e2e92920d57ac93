#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make demo`: runs urbanmine on the shipped examples and prints a short readable summary.
set -euo pipefail
build=${1:-build}
bin="$build/urbanmine"
echo "== urbanmine $("$bin" --version | cut -d' ' -f2-)"
echo "== Dynamic stock model: EV batteries in use with a Normal lifetime (14 +/- 4 years)"
"$bin" mfa dsm tests/data/dsm/s02_inflow_normal_const_T60.json --output /tmp/urbanmine-dsm.json
python3 - /tmp/urbanmine-dsm.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); o = r["output"]; t = r["time"]
print(f"   years {t[0]}-{t[-1]}; final stock {o['stock'][-1]:,.1f}; total outflow {sum(o['outflow']):,.1f}")
print(f"   mass balance residual {r['mass_balance']['max_abs_residual']:.2e} (ok={r['mass_balance']['ok']})")
PY
