# SPDX-License-Identifier: Apache-2.0
"""A flodym-tutorial-style analysis with urbanmine (run by `make test`, CTest PythonExample).

1. A dynamic stock model of a vehicle fleet: a stock that saturates, a normal lifetime, and the
   inflow (sales) and outflow (retirements) it implies, as in flodym's first tutorials.
2. The same question on the real model: lithium leaving vehicles by region and year in the
   shipped baseline, as a named-dimension array, and what no second life does to recycling.

Usage: PYTHONPATH=build/python python3 examples/python/stock_and_run.py
"""

import numpy as np

import urbanmine

# 1. A stock-driven model: 1960-2050, a logistic stock of 100 million vehicles, lifetime 15 +- 4.
years = np.arange(1960, 2051)
stock = 100e6 / (1.0 + np.exp(-0.12 * (years - 2000)))
model = urbanmine.StockModel(years, urbanmine.Normal(mean=15, std=4), age_offset=0.5)
fleet = model.stock_driven(stock, negative_inflow_correction=True)
ds = fleet.to_xarray()
print("stock-driven fleet model (flodym-style):")
for year in (2000, 2025, 2050):
    print(f"  {year}: stock {ds.stock.sel(time=year).item() / 1e6:6.1f} M, "
          f"sales {ds.inflow.sel(time=year).item() / 1e6:5.2f} M, "
          f"retirements {ds.outflow.sel(time=year).item() / 1e6:5.2f} M")
# Retirements in 2050 by the year the vehicles were sold: the five largest cohorts.
by_cohort = ds.outflow_by_cohort.sel(time=2050)
top = by_cohort.sortby(by_cohort, ascending=False)[:5]
print("  2050 retirements by sales year:",
      ", ".join(f"{int(c)}: {v / 1e6:.2f} M" for c, v in zip(top.cohort.values, top.values)))
assert fleet.mass_balance["ok"]

# 2. The whole model: lithium in end-of-life batteries, by region.
base = urbanmine.run()
li = base["end_of_life_t"].sel(element="Li")
print(f"\nbaseline {base.meta['first_year']}-{base.meta['last_year']}, "
      f"{base.balance['checks']} balance checks, ok={base.balance['ok']}")
print("lithium in end-of-life batteries, 2040 (t):")
for region, value in li.sel(year=2040).to_series().sort_values(ascending=False)[:5].items():
    print(f"  {region:12s} {value:12,.0f}")

# A policy what-if: no second life (every pack leaving a vehicle goes to waste at once).
no_second = urbanmine.run({"second_life": {"share": 0.0}})
metal = "recycling_to_secondary_metal_t"
before = base[metal].sel(element="Li", year=2035).sum().item()
after = no_second[metal].sel(element="Li", year=2035).sum().item()
print(f"\nrecovered lithium in 2035: {before:,.0f} t with second life, {after:,.0f} t without "
      f"({after - before:+,.0f} t: second life delays packs on their way to recyclers)")
