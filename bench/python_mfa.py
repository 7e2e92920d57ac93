#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""urbanmine.mfa.StockModel against a plain numpy cohort model on the same workload (issue 16:
flodym cannot be installed here, only Debian packages and npm are reachable, so the comparison
is with numpy, the issue's fallback). Prints, for each size, the best wall time of each over
REPEATS runs and the largest difference of their stocks and outflows.

Workload: an inflow-driven model over T years (1 series), normal lifetime mean 15, std 4,
age offset 0.5 (flodym's default); the numpy model is the textbook one: survival S[t, c] =
1 - CDF(t - c + 0.5), stock_by_cohort = inflow[c] x S[t, c], outflow = -diff over t.

Usage: PYTHONPATH=build/python /usr/bin/python3 bench/python_mfa.py   (env: REPEATS=5)
"""

import math
import os
import time

import numpy as np

import urbanmine


def numpy_inflow_driven(inflow, mean, std, age_offset):
    t = len(inflow)
    age = np.arange(t)[:, None] - np.arange(t)[None, :]
    z = (age + age_offset - mean) / (std * math.sqrt(2.0))
    erf = np.vectorize(math.erf)
    survival = np.where(age >= 0, 1.0 - 0.5 * (1.0 + erf(z)), 0.0)
    # A cohort is whole in its first year when the offset leaves it at age 0 (as ODYM/flodym).
    stock_by_cohort = survival * inflow[None, :]
    stock = stock_by_cohort.sum(axis=1)
    outflow_by_cohort = np.zeros_like(stock_by_cohort)
    outflow_by_cohort[1:] = stock_by_cohort[:-1] - stock_by_cohort[1:]
    outflow_by_cohort[np.arange(t), np.arange(t)] = inflow - np.diag(stock_by_cohort)
    return stock, outflow_by_cohort.sum(axis=1)


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main():
    repeats = int(os.environ.get("REPEATS", "5"))
    print(f"{'years':>6} {'urbanmine_s':>12} {'numpy_s':>10} {'max_stock_diff':>15} "
          f"{'max_outflow_diff':>17}")
    for years in (50, 100, 200, 400):
        rng = np.random.default_rng(years)
        inflow = rng.uniform(0.0, 1000.0, years)
        model = urbanmine.mfa.StockModel(range(2000, 2000 + years),
                                         urbanmine.mfa.Normal(mean=15, std=4), age_offset=0.5)
        um_s, um = best(lambda m=model, i=inflow: m.inflow_driven(i), repeats)
        np_s, (stock, outflow) = best(lambda i=inflow: numpy_inflow_driven(i, 15, 4, 0.5),
                                      repeats)
        scale = max(1.0, float(np.abs(um.stock).max()))
        print(f"{years:>6} {um_s:>12.5f} {np_s:>10.5f} "
              f"{float(np.abs(um.stock - stock).max()) / scale:>15.2e} "
              f"{float(np.abs(um.outflow - outflow).max()) / scale:>17.2e}")


if __name__ == "__main__":
    main()
