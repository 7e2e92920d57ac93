#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Rebuilds data/battery_demand_steps.csv: IEA's Stated Policies Scenario EV battery demand in
2030 by IEA projection region and vehicle mode (Global EV Outlook 2025 data explorer, copied with
its source in ../shared/data/v2/battery_demand_2024.csv). The run scales each segment's pack size
so that its 2030 new-vehicle demand at IEA's STEPS sales meets these figures
(docs/model.md, "Pack sizes"). World rows and derived sums are left out (they are totals).

Usage: tools/build_battery_demand_steps.py [--source ../shared/data/v2/battery_demand_2024.csv]
"""
import argparse
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PREFIX = "EV battery demand, "
DATASET = " [dataset Projection-STEPS]"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=os.path.join(ROOT, "..", "shared", "data", "v2",
                                                     "battery_demand_2024.csv"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "battery_demand_steps.csv"))
    args = ap.parse_args()
    with open(os.path.join(ROOT, "data", "projection_regions.csv"), newline="") as f:
        regions = {r["projection_region"] for r in csv.DictReader(f)}
    rows = []
    with open(args.source, newline="") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            item = r["item"]
            if not (item.startswith(PREFIX) and item.endswith(DATASET)):
                continue
            mode = item[len(PREFIX):-len(DATASET)]
            if "derived" in mode or r["region"] not in regions:
                continue
            if r["unit"] != "GWh":
                sys.exit(f"unexpected unit {r['unit']!r} in {item}")
            rows.append([r["region"], mode, r["year"], r["value"], r["source"],
                         r["quote_paraphrase"] + "; IEA Stated Policies Scenario projection"])
    rows.sort(key=lambda x: (x[0], x[1], x[2]))
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region", "vehicle_mode", "year", "battery_demand_gwh", "source", "notes"])
        w.writerows(rows)
    print(f"wrote {args.out}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
