#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Rebuilds data/mine_production.csv and data/reserves.csv from the sourced v2 file
/work/shared/data/v2/mine_production_mcs.csv (USGS MCS2024 data release CSVs and the USGS MCS2026
chapter tables; see data/README.md). Every row keeps its source; nothing is estimated.

Transformations (all stated in each row's notes):
- manganese kt Mn content -> t (x1000); the raw cell is kept in notes;
- USGS labels "Kazakhstan, concentrate" / "Ukraine, concentrate" -> the country, label in notes;
- a non-breaking space in "United States" is a plain space;
- reserves: `as_of` is the edition's publication year (USGS does not name a year in the field).
Copper refinery rows are not copied (copper is not a battery-risk element here).

Usage: python3 scripts/data/build_minerals.py /work/shared/data/v2/mine_production_mcs.csv data/
"""
import csv
import sys

MINE_COLUMNS = ["mineral", "country", "year", "value", "unit", "basis", "withheld", "estimated",
                "edition", "verification", "source", "notes"]
RESERVE_COLUMNS = ["mineral", "country", "as_of", "value", "unit", "basis", "qualifier", "edition",
                   "verification", "source", "notes"]
EDITION_YEAR = {"MCS2024": 2024, "MCS2026": 2026}
VERIFICATION = {"MCS2024": "publisher_data_release",
                "MCS2026": "publisher_pdf_third_party_parse"}


def convert(row):
    notes = [n for n in [row["notes"]] if n]
    country = row["country"].replace("\u00a0", " ")
    if country.endswith(", concentrate"):
        notes.append(f"USGS label '{country}'")
        country = country[: -len(", concentrate")]
    unit = row["unit"]
    value = row["value"]
    basis = unit
    if unit.startswith("kt "):
        if value:
            value = format(float(value) * 1000.0, "g") if float(value) * 1000 < 1e6 else \
                str(int(round(float(value) * 1000.0)))
        notes.append(f"converted from {row['value_raw']} {unit} (x1000)")
        basis = unit[3:]
    elif unit.startswith("t "):
        basis = unit[2:]
    if row["value_raw"] and not value and not row["withheld"]:
        notes.append(f"source cell '{row['value_raw']}'")
    return country, value, basis, "; ".join(notes)


def main():
    src, out_dir = sys.argv[1], sys.argv[2]
    rows = list(csv.DictReader(open(src, encoding="utf-8")))
    mine, reserves = [], []
    for r in rows:
        if r["mineral"] == "copper" and r["stage"] == "refinery":
            continue
        country, value, basis, notes = convert(r)
        if r["stage"] == "mine":
            mine.append({"mineral": r["mineral"], "country": country, "year": r["year"],
                         "value": value, "unit": "t", "basis": basis, "withheld": r["withheld"],
                         "estimated": r["estimated"], "edition": r["edition"],
                         "verification": VERIFICATION[r["edition"]], "source": r["source"],
                         "notes": notes})
        elif r["stage"] == "reserves":
            notes = "; ".join(n for n in [notes, "as_of = publication year of the edition "
                                          "(USGS does not name the year in this field)"] if n)
            reserves.append({"mineral": r["mineral"], "country": country,
                             "as_of": EDITION_YEAR[r["edition"]], "value": value, "unit": "t",
                             "basis": basis, "qualifier": r["qualifier"],
                             "edition": r["edition"],
                             "verification": VERIFICATION[r["edition"]], "source": r["source"],
                             "notes": notes})
    for name, cols, data in (("mine_production.csv", MINE_COLUMNS, mine),
                             ("reserves.csv", RESERVE_COLUMNS, reserves)):
        with open(f"{out_dir}/{name}", "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            w.writerows(data)
        print(name, len(data), "rows")


if __name__ == "__main__":
    main()
