#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Rebuilds data/ev_sales.csv from the IEA Global EV Outlook 2025 data explorer copy in
../shared/data/v2/ev_sales_2025ed.csv (history 2010-2024, every vehicle mode), and
data/ev_sales_steps.csv (IEA's Stated Policies Scenario sales in 2030, the only projection year
the 2025 edition publishes, for World, China, Europe, India, USA and Rest of the world).

Keeps the rows the model reads: parameter "EV sales", category Historical, powertrain BEV or PHEV
(FCEV is not a battery vehicle here), every IEA name that data/regions.csv uses (sales_source or
sales_minus), and the vehicle modes of data/segments.csv. Values and the source column are copied
as IEA gives them (rounded to two significant figures by IEA). Run it only to refresh the data;
the model never reads ../shared.

Usage: tools/build_ev_sales.py [--source ../shared/data/v2/ev_sales_2025ed.csv]
"""
import argparse
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source",
                    default=os.path.join(ROOT, "..", "shared", "data", "v2", "ev_sales_2025ed.csv"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "ev_sales.csv"))
    ap.add_argument("--steps-out", default=os.path.join(ROOT, "data", "ev_sales_steps.csv"))
    args = ap.parse_args()
    names = set()
    with open(os.path.join(ROOT, "data", "regions.csv"), newline="") as f:
        for r in csv.DictReader(f):
            for col in ("sales_source", "sales_minus"):
                names.update(n.strip() for n in (r[col] or "").split(";") if n.strip())
    with open(os.path.join(ROOT, "data", "segments.csv"), newline="") as f:
        modes = {r["vehicle_mode"] for r in csv.DictReader(f)}
    rows = []
    steps = []
    with open(args.source, newline="") as f:
        for r in csv.DictReader(f):
            if (r["parameter"] == "EV sales" and r["category"] == "Projection-STEPS"
                    and r["year"] == "2030" and r["powertrain"] in ("BEV", "PHEV")
                    and r["mode"] in modes):
                value = float(r["value"])
                steps.append((r["region"], 2030, r["mode"], r["powertrain"],
                              str(int(value)) if value == int(value) else r["value"],
                              r["source"] + '; parameter "EV sales", category Projection-STEPS'))
            if (r["parameter"] != "EV sales" or r["category"] != "Historical"
                    or r["powertrain"] not in ("BEV", "PHEV") or r["region"] not in names
                    or r["mode"] not in modes):
                continue
            value = float(r["value"])
            text = str(int(value)) if value == int(value) else r["value"]
            rows.append((r["region"], int(r["year"]), r["mode"], r["powertrain"], text,
                         r["source"] + '; parameter "EV sales", category Historical'))
    rows.sort(key=lambda x: (x[0], x[1], x[2], x[3]))
    missing = sorted(n for n in names if n not in {r[0] for r in rows})
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region", "year", "vehicle_mode", "powertrain", "sales_vehicles", "source"])
        w.writerows(rows)
    steps.sort(key=lambda x: (x[0], x[2], x[3]))
    with open(args.steps_out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region", "year", "vehicle_mode", "powertrain", "sales_vehicles", "source"])
        w.writerows(steps)
    print(f"wrote {args.steps_out}: {len(steps)} STEPS rows for 2030")
    print(f"wrote {args.out}: {len(rows)} rows, years {min(r[1] for r in rows)}-"
          f"{max(r[1] for r in rows)}; IEA names with no rows: {', '.join(missing) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
