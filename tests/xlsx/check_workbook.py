#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Reads the workbook of `urbanmine run --xlsx` back with openpyxl and compares it with the run's
# CSV files: every CSV has its sheet(s) (named on the cover), the same header, the same rows in
# the same order, and every cell equal (text exactly, numbers to 1e-11 relative: the CSV keeps 12
# significant digits). Checks the chart sheet against sums of the CSVs and that the file holds
# native charts. Usage: check_workbook.py RUN.xlsx OUT_DIR
import csv
import math
import re
import sys
import zipfile
from collections import defaultdict

import openpyxl


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def same(csv_text, value, where):
    if value is None:
        if csv_text != "":
            fail(f"{where}: empty cell, CSV has {csv_text!r}")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            expected = float(csv_text)
        except ValueError:
            fail(f"{where}: number {value!r}, CSV has text {csv_text!r}")
        if not math.isclose(value, expected, rel_tol=1e-11, abs_tol=1e-300):
            fail(f"{where}: {value!r} != CSV {csv_text}")
    elif str(value) != csv_text:
        fail(f"{where}: {value!r} != CSV {csv_text!r}")


def main(xlsx_path, out_dir):
    import os
    wb = openpyxl.load_workbook(xlsx_path, read_only=True)
    cover = list(wb["cover"].iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(cover) if r[0] == "sheet" and r[1] == "table")
    sheets_of = {}
    for row in cover[header_at + 1:]:
        if row[0] is None:
            break
        sheets_of[row[1]] = [s.strip() for s in str(row[0]).split(",")]
    csv_files = sorted(f for f in os.listdir(out_dir) if f.endswith(".csv"))
    if not csv_files:
        fail("no CSV files in " + out_dir)
    cells = 0
    for name in csv_files:
        table = name[:-4]
        if table not in sheets_of:
            fail(f"{name}: no sheet on the cover")
        with open(os.path.join(out_dir, name), newline="", encoding="utf-8") as f:
            expected = list(csv.reader(f))
        rows = []
        for i, sheet in enumerate(sheets_of[table]):
            part = list(wb[sheet].iter_rows(values_only=True))
            if [("" if v is None else str(v)) for v in part[0]] != expected[0]:
                fail(f"{sheet}: header {part[0]} != CSV {expected[0]}")
            rows.extend(part[1:])
        if len(rows) != len(expected) - 1:
            fail(f"{table}: {len(rows)} rows in the workbook, {len(expected) - 1} in the CSV")
        for r, (got, want) in enumerate(zip(rows, expected[1:])):
            for c, text in enumerate(want):
                same(text, got[c] if c < len(got) else None, f"{table} row {r + 2} col {c + 1}")
                cells += 1
    # Chart data: world sums of the CSVs by element and year.
    chart_rows = list(wb["charts"].iter_rows(values_only=True))
    header = chart_rows[0]
    for table, label in (("end_of_life_t", "end of life t"),
                         ("recycling_to_secondary_metal_t", "recovered t")):
        sums = defaultdict(float)
        with open(os.path.join(out_dir, table + ".csv"), newline="") as f:
            for row in csv.DictReader(f):
                sums[(row["element"], int(row["year"]))] += float(row["mass_tonnes"])
        for c, name in enumerate(header):
            if not name or not name.endswith(" " + label):
                continue
            element = name[: -len(label) - 1]
            for row in chart_rows[1:]:
                got = row[c] or 0.0
                if not math.isclose(got, sums[(element, int(row[0]))], rel_tol=1e-9, abs_tol=1e-9):
                    fail(f"charts {name} {row[0]}: {got} != sum of {table}.csv")
    with zipfile.ZipFile(xlsx_path) as z:
        charts = [n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)]
        if len(charts) < 2:
            fail(f"expected 2 native charts, found {charts}")
        for n in charts:
            xml = z.read(n).decode("utf-8")
            if "<c:lineChart>" not in xml or xml.count("<c:ser>") < 2:
                fail(f"{n} is not a line chart with series")
    print(f"ok: {len(csv_files)} CSV files, {cells} cells equal, {len(charts)} charts")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
