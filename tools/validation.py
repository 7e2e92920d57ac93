#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Regenerates docs/validation.md: the model against every published figure in the data.

Runs `urbanmine run` on the shipped scenarios (baseline examples/global.toml and
examples/busch2024.toml) and compares their new-battery demand (sales plus replacements, GWh)
by region, vehicle mode and year with IEA's Global EV Data Explorer 2025 historical battery
demand (data/validation_battery_demand.csv, copied with its source from
../shared/data/v2/battery_demand_2024.csv). Each row: figure, source, model, ratio (model /
published) and whether the figure is in-sample (the model was fitted to it).

Usage: tools/validation.py [--bin build/urbanmine] [--out docs/validation.md]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Model segments of each IEA vehicle mode (data/segments.csv).
MODE_SEGMENTS = {"Cars": {"car_bev", "car_phev"}, "Vans": {"van"}, "Buses": {"bus"},
                 "Trucks": {"truck"}, "2 and 3 wheelers": {"two_three_wheeler"}}
# IEA region names and the model region or aggregate (data/regions.csv) they correspond to.
REGION_CODES = {"World": "WORLD", "China": "CHN", "Europe": "EUROPE", "USA": "USA",
                "India": "IND", "Rest of the world": "REST_OF_WORLD"}
SCENARIOS = [("baseline", "examples/global.toml"), ("busch2024", "examples/busch2024.toml"),
             ("growth", "examples/growth.toml")]


def steps_groups(regions_csv):
    """IEA's STEPS regions as lists of model regions, by data/projection_regions.csv (the file the
    run reads: model regions or aggregates per IEA region, * for every model region in no other
    row), applied to a run's regions.csv (region, aggregates)."""
    with open(os.path.join(ROOT, "data", "projection_regions.csv"), newline="") as f:
        rows = [(r["projection_region"], [m.strip() for m in r["members"].split(";")])
                for r in csv.DictReader(f)]
    groups = {name: [] for name, _ in rows}
    with open(regions_csv, newline="") as f:
        for row in csv.DictReader(f):
            codes = {row["region"], *filter(None, row["aggregates"].split(";"))}
            group = next((name for name, members in rows if codes & set(members)), None)
            if group is None:
                group = next((name for name, members in rows if "*" in members), None)
            if group is not None:
                groups[group].append(row["region"])
    return groups


def in_sample(year):
    # Sales to 2024 are IEA's sales data (data/ev_sales.csv, GEVO 2025 edition) and pack sizes
    # EV Volumes' (pack_size.csv): nothing is fitted to IEA's battery demand. In 2030 the
    # baseline's sales are IEA's STEPS sales (targets) and its pack sizes are scaled so that
    # new-vehicle demand meets IEA's STEPS demand: only the replacement packs are out of sample.
    if year <= 2024:
        return "no"
    if year == 2030:
        return "new vehicles"
    return "n/a"


def run(binary, scenario, out_dir):
    subprocess.run([binary, "-q", "run", os.path.join(ROOT, scenario), "--out", out_dir],
                   check=True, stdout=subprocess.DEVNULL)


def model_gwh(out_dir):
    """GWh of new batteries by (region or aggregate, mode, year)."""
    members = defaultdict(set)
    with open(os.path.join(out_dir, "regions.csv"), newline="") as f:
        for row in csv.DictReader(f):
            members[row["region"]].add(row["region"])
            for agg in filter(None, row["aggregates"].split(";")):
                members[agg].add(row["region"])
    members["REST_OF_WORLD"] = set(
        steps_groups(os.path.join(out_dir, "regions.csv"))["Rest of the world"])
    by_region = defaultdict(float)
    with open(os.path.join(out_dir, "new_batteries_kwh.csv"), newline="") as f:
        for row in csv.DictReader(f):
            for mode, segments in MODE_SEGMENTS.items():
                if row["segment"] in segments:
                    by_region[(row["region"], mode, int(row["year"]))] += float(row["capacity_kwh"])
    out = {}
    for code, regions in members.items():
        for mode in MODE_SEGMENTS:
            for year in range(2010, 2051):
                kwh = sum(by_region.get((r, mode, year), 0.0) for r in regions)
                out[(code, mode, year)] = kwh / 1e6
    return out


def model_sales(out_dir, year):
    """EV sales (vehicles) in `year` by (IEA STEPS region, IEA mode); World is every region."""
    groups = {"World": None, **steps_groups(os.path.join(out_dir, "regions.csv"))}
    out = defaultdict(float)
    with open(os.path.join(out_dir, "sales_vehicles.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if int(row["year"]) != year:
                continue
            for mode, segments in MODE_SEGMENTS.items():
                if row["segment"] not in segments:
                    continue
                for group, members in groups.items():
                    if members is None or row["region"] in members:
                        out[(group, mode)] += float(row["vehicles"])
    return out


def model_scrap_t(out_dir):
    """World production scrap, tonnes of battery, by year: feedstock beyond capacity (surplus)
    plus capacity minus collected batteries, summed over regions (all three are tables)."""
    total = defaultdict(float)
    for name, sign in (("feedstock_surplus_t.csv", 1.0), ("recycling_capacity_t.csv", 1.0),
                       ("collected_battery_t.csv", -1.0)):
        with open(os.path.join(out_dir, name), newline="") as f:
            for row in csv.DictReader(f):
                total[int(row["year"])] += sign * float(row["mass_tonnes"])
    return total


TORNADO_OUTPUTS = [
    ("use_to_end_of_life_kwh total 2030", "End-of-life packs 2030 (GWh)", 1e-6),
    ("use_to_end_of_life_kwh total 2040", "End-of-life packs 2040 (GWh)", 1e-6),
    ("use_to_end_of_life_kwh total 2050", "End-of-life packs 2050 (GWh)", 1e-6),
    ("end_of_life_t total Li 2040", "Li in waste 2040 (kt)", 1e-3),
    ("end_of_life_t total Co 2040", "Co in waste 2040 (kt)", 1e-3),
    ("recycled_share_of_demand Li 2040", "Recycled share of Li demand 2040 (%)", 100.0),
]


def tornado_section(binary):
    """`urbanmine sensitivity --method tornado` on the baseline: each uncertain input of
    data/uncertainty_defaults.csv alone at its P5 and P95, the others at their median."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([binary, "-q", "sensitivity", "--method", "tornado", "--out", tmp],
                       check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(tmp, "sensitivity_tornado.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
    lines = [
        "",
        "## Sensitivity at a glance (tornado)",
        "",
        "Generated with `urbanmine sensitivity --method tornado` on the baseline: each uncertain",
        "input of `data/uncertainty_defaults.csv` alone at its P5 and its P95 (its documented",
        "range, with the source or the assumption stated in that file), the others at their",
        "median; the three inputs that move each output most. The central value is the run with",
        "every input at its median, which differs from the baseline where a distribution's",
        "median is not the baseline value (e.g. the replacement probability, mode 1, median",
        "below 1).",
        "",
        "| output | central | input | at P5 | at P95 |",
        "| --- | ---: | --- | ---: | ---: |",
    ]
    for key, label, scale in TORNADO_OUTPUTS:
        bars = [r for r in rows if r["output"] == key][:3]
        for i, r in enumerate(bars):
            central = f"{float(r['central']) * scale:,.1f}" if i == 0 else ""
            lines.append(
                f"| {label if i == 0 else ''} | {central} | `{r['input']}` | "
                f"{float(r['at_p5']) * scale:,.1f} | {float(r['at_p95']) * scale:,.1f} |")
    return lines


def backtest_section(binary):
    """`urbanmine backtest` on the baseline: each sales rule projected from 2019 and 2021, its
    error against IEA's sales to 2024 and the model's battery demand at actual sales."""
    out = subprocess.run([binary, "-q", "--format", "json", "backtest", "--freeze", "2019",
                          "--freeze", "2021"], check=True, capture_output=True, text=True).stdout
    rows = json.loads(out)["tables"][0]["rows"]

    def pct(v):
        return "" if v is None else f"{100 * v:+.0f} %" if v < 0 else f"{100 * v:.0f} %"

    lines = [
        "",
        "## Backtest: sales rules out of sample",
        "",
        "Generated with `urbanmine backtest --freeze 2019 --freeze 2021` on the baseline. Each",
        "rule projects every region x segment's EV sales from the data up to the freeze year to",
        "2024; errors against IEA's sales (`data/ev_sales.csv`) and against the fleet model's",
        "battery demand at actual sales (pack sizes and chemistry from data in both). MAPE over",
        "cells of at least 1,000 vehicles or 0.1 GWh, WAPE = sum |projected - actual| / sum actual,",
        "bias = sum (projected - actual) / sum actual. `scenario2030` draws a line from the freeze",
        "year to the baseline's 2030 sales, IEA's STEPS, published in 2025 with 2024 known: not",
        "out of sample, shown for comparison. Sales errors over all segments are dominated by",
        "two/three-wheelers (the most vehicles, the smallest packs); battery demand weighs each",
        "segment by its kWh, so the two can disagree in sign.",
        "",
        "| freeze | rule | sales MAPE | sales WAPE | sales bias | demand MAPE | demand WAPE | demand bias | out of sample |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    by_key = {(int(r["freeze_year"]), r["rule"], r["metric"], r["segment"]): r for r in rows}
    for (freeze, rule, metric, segment), r in by_key.items():
        if metric != "sales_vehicles" or segment != "all":
            continue
        d = by_key[(freeze, rule, "battery_demand_kwh", "all")]
        lines.append(
            f"| {freeze} | {rule} | {pct(r['mape_fraction'])} | {pct(r['wape_fraction'])} | "
            f"{pct(r['bias_fraction'])} | {pct(d['mape_fraction'])} | {pct(d['wape_fraction'])} | "
            f"{pct(d['bias_fraction'])} | {r['out_of_sample']} |")
    segments = sorted({k[3] for k in by_key if k[3] != "all"})
    lines += [
        "",
        "Sales WAPE by segment (freeze 2021):",
        "",
        "| rule | " + " | ".join(segments) + " |",
        "| --- | " + " | ".join("---:" for _ in segments) + " |",
    ]
    rules = []
    for k in by_key:
        if k[1] not in rules:
            rules.append(k[1])
    for rule in rules:
        cells = [pct(by_key[(2021, rule, "sales_vehicles", seg)]["wape_fraction"])
                 if (2021, rule, "sales_vehicles", seg) in by_key else "" for seg in segments]
        lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "urbanmine"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "validation.md"))
    args = ap.parse_args()

    with open(os.path.join(ROOT, "data", "validation_battery_demand.csv"), newline="") as f:
        figures = list(csv.DictReader(f))
    models = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, scenario in SCENARIOS:
            out_dir = os.path.join(tmp, name)
            run(args.bin, scenario, out_dir)
            models[name] = model_gwh(out_dir)
            models[name + "_scrap"] = model_scrap_t(out_dir)
            models[name + "_sales2030"] = model_sales(out_dir, 2030)
    with open(os.path.join(ROOT, "data", "validation_feedstock.csv"), newline="") as f:
        feedstock = list(csv.DictReader(f))

    lines = [
        "# Validation: the model against published figures",
        "",
        "Generated by `tools/validation.py` (do not edit by hand; rerun it after a model or data",
        "change). New-battery demand of the model (sales plus replacement packs, GWh, by region of",
        "sale) against IEA's Global EV Data Explorer 2025 EV battery demand by vehicle mode: history",
        "2022-2024 and the Stated Policies projection for 2030 (`data/validation_battery_demand.csv`;",
        "IEA rounds to two significant figures).",
        "Two/three-wheelers are the model's two_three_wheeler segment. Europe is the model's EUROPE",
        "aggregate (EU27, GBR and the rest of Europe in `data/regions.csv`). A figure is in-sample",
        "when the model was fitted to it.",
        "",
        "| figure | source | published GWh | baseline GWh | ratio | busch2024 GWh | ratio | in-sample |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    ratios = []
    for fig in sorted(figures, key=lambda r: (r["region"] != "World", r["region"],
                                               r["vehicle_mode"], r["year"])):
        code = REGION_CODES.get(fig["region"])
        if code is None:
            continue
        year = int(fig["year"])
        published = float(fig["battery_demand_gwh"])
        key = (code, fig["vehicle_mode"], year)
        if key not in models["baseline"]:
            continue
        base = models["baseline"][key]
        busch = models["busch2024"][key]
        ratio = base / published if published > 0 else float("nan")
        ratios.append((fig["vehicle_mode"], year, ratio))
        lines.append(
            f"| EV battery demand, {fig['vehicle_mode']}, {fig['region']} {year} | IEA GEVO 2025 "
            f"Data Explorer ({'Historical' if year <= 2024 else 'Projection-STEPS'}) | "
            f"{published:,.1f} | {base:,.1f} | {ratio:.2f} | "
            f"{busch:,.1f} | {busch / published if published > 0 else float('nan'):.2f} | "
            f"{in_sample(year)} |")
    cars = [r for m, y, r in ratios if m == "Cars" and y <= 2024]
    steps2030 = [(m, r) for m, y, r in ratios if y == 2030]
    lines += [
        "",
        f"Cars, 2022-2024, out of sample: {len(cars)} figures, ratio from {min(cars):.2f} to "
        f"{max(cars):.2f}." if cars else "",
        "",
        (f"2030 against IEA's STEPS battery demand (sales and pack sizes fitted to it, so "
         f"new-vehicle demand is in-sample; the ratio above 1 is the model's replacement packs, "
         f"which IEA does not count): {len(steps2030)} figures, ratio from "
         f"{min(r for _, r in steps2030):.2f} to {max(r for _, r in steps2030):.2f}; cars "
         + ", ".join(f"{r:.2f}" for m, r in steps2030 if m == "Cars") + "."
         if steps2030 else ""),
        "",
        "The model's demand includes replacement packs, IEA's is new vehicles only: where packs",
        "live shorter than vehicles (two/three-wheelers: 8 against 12 years, Busch et al.) the",
        "model is above IEA by about the replacement share.",
        "",
        "Not yet compared (no figure in the data, or the model does not produce it): IEA and other",
        "end-of-life estimates for 2030/2040, Xu et al. 2020, Busch et al. 2024's North-American",
        "end-of-life figures.",
        "",
    ]
    lines += [
        "Recycling feedstock: production scrap (tonnes of battery, world, from the run's tables:",
        "feedstock beyond capacity + capacity - collected batteries) against published forecasts",
        "(`data/validation_feedstock.csv`). The model's scrap is new pack kWh x the scrap rate",
        "(docs/model.md, \"Production scrap\").",
        "",
        "| figure | source | published t | baseline t | ratio | busch2024 t | ratio |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for fig in feedstock:
        year = int(fig["year"])
        published = float(fig["value"])
        base = models["baseline_scrap"].get(year, 0.0)
        busch = models["busch2024_scrap"].get(year, 0.0)
        lines.append(
            f"| Production scrap, {fig['region']} {year} | {fig['source']} | {published:,.0f} | "
            f"{base:,.0f} | {base / published:.2f} | {busch:,.0f} | {busch / published:.2f} |")
    steps = defaultdict(float)
    with open(os.path.join(ROOT, "data", "ev_sales_steps.csv"), newline="") as f:
        for r in csv.DictReader(f):
            steps[(r["region"], r["vehicle_mode"])] += float(r["sales_vehicles"])
    lines += [
        "",
        "EV sales in 2030 (BEV + PHEV, millions of vehicles) against IEA's Stated Policies",
        "Scenario (Global EV Outlook 2025, `data/ev_sales_steps.csv`): the baseline takes these",
        "figures as targets (in-sample by construction; Europe and Rest of the world are split",
        "among model regions by 2024 shares, so only their sums match; IEA's World is rounded,",
        "the model's is the sum of the regions), and `examples/growth.toml`, the earlier",
        "baseline's illustrative growth (+10 %/yr from 2024), out of sample.",
        "",
        "| figure | source | IEA STEPS | baseline | ratio | growth.toml | ratio |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for group in ("World", "China", "India", "USA", "Europe", "Rest of the world"):
        for mode in MODE_SEGMENTS:
            published = steps.get((group, mode), 0.0)
            if published <= 0:
                continue
            base = models["baseline_sales2030"].get((group, mode), 0.0)
            growth = models["growth_sales2030"].get((group, mode), 0.0)
            lines.append(
                f"| EV sales, {mode}, {group} 2030 | IEA GEVO 2025 Data Explorer (Projection-STEPS) | "
                f"{published / 1e6:,.2f} | {base / 1e6:,.2f} | {base / published:.2f} | "
                f"{growth / 1e6:,.2f} | {growth / published:.2f} |")
    lines += backtest_section(args.bin)
    lines += tornado_section(args.bin)
    lines.append("")
    with open(args.out, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {args.out} ({len(ratios)} figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
