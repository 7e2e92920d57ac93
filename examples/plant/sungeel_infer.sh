#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Which feed mix explains the output a Korean recycler reported for 2023 (recycling_capacity.csv:
# about 1,500 t cobalt, 2,900 t nickel and 1,700 t lithium a year, metal content)? The answer and
# how to read it are in docs/plant.md ("Example: the SungEel-like output").
# Usage: examples/plant/sungeel_infer.sh [path/to/urbanmine]
set -euo pipefail
bin="${1:-build/urbanmine}"
echo "== every chemistry with a cell BOM, hydrometallurgy"
"$bin" plant infer --output Co=1500,Ni=2900,Li=1700 --route hydrometallurgy
echo
echo "== NMC and LFP cells only"
"$bin" plant infer --output Co=1500,Ni=2900,Li=1700 --candidates NMC111,NMC622,NMC811,LFP
echo
echo "== pyrometallurgy (recovers no lithium in EverBatt's defaults)"
"$bin" plant infer --output Co=1500,Ni=2900,Li=1700 --route pyrometallurgy \
  --candidates NMC111,NMC622,NMC811,LFP
echo
echo "== the least-cost feed that reaches the cobalt and nickel output (cap raised above EverBatt's 50 kt)"
"$bin" plant infer --target Co=1500,Ni=2900 --candidates NMC111,NMC622,NMC811,NCA \
  --max-feed-tonnes 100000
