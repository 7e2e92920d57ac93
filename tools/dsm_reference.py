#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Independent pure-Python (standard library only) implementation of the dynamic stock model
rules in tests/data/dsm/README.md, written from that text alone (not from urbanmine's C++ and
not from ODYM or flodym).

It has two uses:

  check FILE...      recompute dsm-reference-v1 cases and report, per output array, the scaled
                     error max|a - b| / max(1, max|b|) against the file's `output`; exit 1 when
                     any exceeds --gate (default 1e-9). Run it on tests/data/dsm/*.json to see
                     that this implementation agrees with the real ODYM and flodym vectors.
  generate DIR       write the extra cases of tests/data/dsm-extra/ (cases like the hidden set:
                     stock-driven Weibull and FoldedNormal collapses with and without the
                     correction, Fixed lifetimes with fractional cohort-varying means and
                     zero-inflow years, flodym-style stock-driven cases with age offset 0.5,
                     mean-0 cohorts, first-year survival 0). Their `source` says they come from
                     this script, not from ODYM or flodym.

Examples:
  python3 tools/dsm_reference.py check tests/data/dsm/*.json
  python3 tools/dsm_reference.py generate tests/data/dsm-extra
"""

import argparse
import json
import math
import os
import platform
import subprocess
import sys

FORMAT = "dsm-reference-v1"
ARRAYS = ["survival", "stock_by_cohort", "outflow_by_cohort", "stock", "outflow", "inflow",
          "stock_change"]


# ---------------------------------------------------------------------------------------------
# Survival functions (README "Distributions"), x = age in years.

def phi_upper(z):
    """1 - Phi(z) for the standard normal."""
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def phi(z):
    """Phi(z) for the standard normal."""
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


def survival_function(lifetime, c, x):
    kind = lifetime["type"]
    if kind == "Fixed":
        return 1.0 if x < lifetime["mean"][c] else 0.0
    if kind == "Normal":
        mean, sd = lifetime["mean"][c], lifetime["std"][c]
        if mean == 0:
            return 0.0
        return phi_upper((x - mean) / sd)
    if kind == "FoldedNormal":
        mean, sd = lifetime["mean"][c], lifetime["std"][c]
        if mean == 0:
            return 0.0
        return phi_upper((x - mean) / sd) + phi((-x - mean) / sd)
    if kind == "Weibull":
        shape, scale = lifetime["shape"][c], lifetime["scale"][c]
        if shape == 0:
            return 0.0
        if x <= 0:
            return 1.0
        return math.exp(-((x / scale) ** shape))
    if kind == "LogNormal":
        m, s = lifetime["mean"][c], lifetime["std"][c]
        if lifetime["lognormal_parameterisation"] == "moments":
            ratio = s * s / (m * m)
        else:  # "odym": the ratio is inverted
            ratio = m * m / (s * s)
        sigma = math.sqrt(math.log(1.0 + ratio))
        mu = math.log(m / math.sqrt(1.0 + ratio))
        if x <= 0:
            return 1.0
        return phi_upper((math.log(x) - mu) / sigma)
    raise ValueError("unknown lifetime type " + kind)


def survival_matrix(lifetime, n, age_offset):
    S = [[0.0] * n for _ in range(n)]
    for c in range(n):
        for t in range(c, n):
            S[t][c] = survival_function(lifetime, c, t - c + age_offset)
    return S


# ---------------------------------------------------------------------------------------------
# Solves (README "Inflow-driven computation" and "Stock-driven computation").

def inflow_driven(S, inflow):
    n = len(inflow)
    sc = [[0.0] * n for _ in range(n)]
    oc = [[0.0] * n for _ in range(n)]
    for c in range(n):
        for t in range(c, n):
            sc[t][c] = inflow[c] * S[t][c]
        oc[c][c] = inflow[c] - sc[c][c]
        for t in range(c + 1, n):
            oc[t][c] = sc[t - 1][c] - sc[t][c]
    return list(inflow), sc, oc, []


def stock_driven(S, stock, correct):
    n = len(stock)
    sc = [[0.0] * n for _ in range(n)]
    oc = [[0.0] * n for _ in range(n)]
    inflow = [0.0] * n
    corrected = []
    for m in range(n):
        for c in range(m):
            oc[m][c] = sc[m - 1][c] - sc[m][c]
        older = math.fsum(sc[m][c] for c in range(m))
        gap = stock[m] - older
        if correct and gap < 0:
            inflow[m] = 0.0
            corrected.append(m)
            f = -gap / older if older != 0 else 0.0
            for c in range(m):
                oc[m][c] += f * sc[m][c]
            for t in range(m, n):
                for c in range(m):
                    sc[t][c] *= (1.0 - f)
            continue
        inflow[m] = gap / S[m][m] if S[m][m] != 0 else 0.0
        for t in range(m, n):
            sc[t][m] = inflow[m] * S[t][m]
        oc[m][m] = inflow[m] * (1.0 - S[m][m])
    return inflow, sc, oc, corrected


def solve(case):
    n = len(case["time"])
    S = survival_matrix(case["lifetime"], n, case["age_offset"])
    if case["mode"] == "inflow_driven":
        inflow, sc, oc, corrected = inflow_driven(S, case["input"]["inflow"])
        given_stock = None
    else:
        given_stock = case["input"]["stock"]
        inflow, sc, oc, corrected = stock_driven(S, given_stock,
                                                 case.get("negative_inflow_correction", False))
    stock = [math.fsum(row) for row in sc]
    outflow = [math.fsum(row) for row in oc]
    base = given_stock if given_stock is not None else stock
    change = [base[0]] + [base[t] - base[t - 1] for t in range(1, n)]
    balance = [inflow[t] - outflow[t] - change[t] for t in range(n)]
    output = {"survival": S, "stock_by_cohort": sc, "outflow_by_cohort": oc, "stock": stock,
              "outflow": outflow, "inflow": inflow, "stock_change": change, "balance": balance}
    notes = {"negative_inflow_years_index": corrected, "min_inflow": min(inflow)}
    return output, notes


# ---------------------------------------------------------------------------------------------
# check

def flatten(x):
    if isinstance(x, list):
        for v in x:
            yield from flatten(v)
    else:
        yield float(x)


def scaled_error(got, want):
    a, b = list(flatten(got)), list(flatten(want))
    if len(a) != len(b):
        return math.inf
    scale = max([1.0] + [abs(v) for v in b])
    return max([0.0] + [abs(x - y) for x, y in zip(a, b)]) / scale


def check(paths, gate):
    worst_all = 0.0
    for path in paths:
        with open(path) as f:
            case = json.load(f)
        output, _ = solve(case)
        errors = {k: scaled_error(output[k], case["output"][k]) for k in ARRAYS}
        worst = max(errors.values())
        worst_all = max(worst_all, worst)
        key = max(errors, key=errors.get)
        print(f"{os.path.basename(path)}: worst scaled error {worst:.2e} ({key})")
    print(f"overall worst scaled error {worst_all:.2e} (gate {gate:g})")
    return 0 if worst_all <= gate else 1


# ---------------------------------------------------------------------------------------------
# generate: cases like the hidden set, in dsm-reference-v1.

def lerp(a, b, n):
    return [a + (b - a) * i / (n - 1) for i in range(n)]


def logistic(n, top, mid, rate):
    return [top / (1.0 + math.exp(-rate * (t - mid))) for t in range(n)]


def rise_and_collapse(n, top, peak_at, floor, fall_years):
    """A stock that rises logistically, then falls to `floor` within `fall_years`, then grows."""
    stock = logistic(n, top, peak_at * 0.6, 0.25)
    for t in range(peak_at, n):
        if t < peak_at + fall_years:
            k = (t - peak_at + 1) / fall_years
            stock[t] = stock[peak_at - 1] * (1 - k) + floor * k
        else:
            stock[t] = floor * (1.0 + 0.03 * (t - peak_at - fall_years))
    return stock


def git_commit():
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                             cwd=os.path.dirname(os.path.abspath(__file__)), check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def make_case(case_id, description, mode, lifetime, series, age_offset=0.0, correct=False,
              start_year=2000):
    n = len(series)
    case = {
        "format": FORMAT,
        "case_id": case_id,
        "description": description,
        "source": {
            "package": "urbanmine tools/dsm_reference.py: an independent pure-Python "
                       "reimplementation of the tests/data/dsm/README.md rules, NOT produced "
                       "by ODYM or flodym",
            "repository": "urbanmine",
            "commit": git_commit(),
            "entry_point": "tools/dsm_reference.py generate",
        },
        "software": {"python": platform.python_version(), "numpy": "not used",
                     "scipy": "not used"},
        "mode": mode,
        "negative_inflow_correction": correct,
        "age_offset": age_offset,
        "time": list(range(start_year, start_year + n)),
        "lifetime": lifetime,
        "input": {"inflow" if mode == "inflow_driven" else "stock": series},
    }
    output, notes = solve(case)
    case["output"] = output
    case["notes"] = notes
    return case


def extra_cases():
    cases = []

    n = 70
    weibull = {"type": "Weibull", "shape": lerp(1.6, 3.2, n), "scale": lerp(9.0, 15.0, n)}
    stock = rise_and_collapse(n, 120.0, 40, 25.0, 5)
    for correct in (False, True):
        tag = "corrected" if correct else "uncorrected"
        cases.append(make_case(
            f"x01_stock_weibull_collapse_{tag}_T{n}",
            f"Stock-driven, Weibull lifetime with cohort-varying shape 1.6 -> 3.2 and scale 9 -> 15; "
            f"the stock peaks near 120 and collapses to 25 within 5 years ({tag}).",
            "stock_driven", weibull, stock, correct=correct, start_year=1981))

    n = 80
    folded = {"type": "FoldedNormal", "mean": lerp(5.0, 13.0, n), "std": lerp(4.0, 6.0, n)}
    stock = rise_and_collapse(n, 300.0, 50, 40.0, 4)
    for correct in (False, True):
        tag = "corrected" if correct else "uncorrected"
        cases.append(make_case(
            f"x02_stock_foldednormal_collapse_{tag}_T{n}",
            f"Stock-driven, FoldedNormal lifetime, pre-folding mean 5 -> 13 and sd 4 -> 6 by "
            f"cohort; the stock collapses from about 300 to 40 within 4 years ({tag}).",
            "stock_driven", folded, stock, correct=correct, start_year=1971))

    n = 50
    means = [3.5 + 0.37 * c for c in range(n)]  # fractional, cohort-varying
    inflow = [0.0 if t in (0, 7, 8, 21, 33, 34, 35) else 10.0 + 3.0 * math.sin(t / 3.0) + 0.5 * t
              for t in range(n)]
    cases.append(make_case(
        f"x03_inflow_fixed_fractional_cohort_zero_years_T{n}",
        "Inflow-driven, Fixed lifetime with fractional cohort-varying means 3.5 -> 21.63; "
        "zero inflow in years 0, 7, 8, 21 and 33-35.",
        "inflow_driven", {"type": "Fixed", "mean": means}, inflow, start_year=2001))

    n = 40
    means = [0.3 if c % 9 == 4 else 2.5 + 0.25 * c for c in range(n)]
    inflow = [0.0 if t % 6 == 5 else 5.0 + t for t in range(n)]
    cases.append(make_case(
        f"x04_inflow_fixed_fractional_middle_T{n}",
        "Inflow-driven, Fixed lifetime with fractional cohort-varying means (some 0.3 years) at "
        "age offset 0.5 (cohort 0, mean 2.5, survives ages 0.5 and 1.5 and is gone at 2.5; "
        "mean 0.3 leaves in its first year); zero inflow every sixth year.",
        "inflow_driven", {"type": "Fixed", "mean": means}, inflow, age_offset=0.5,
        start_year=2011))

    n = 60
    lognormal = {"type": "LogNormal", "mean": lerp(10.0, 14.0, n), "std": lerp(3.0, 5.0, n),
                 "lognormal_parameterisation": "moments"}
    stock = rise_and_collapse(n, 80.0, 38, 30.0, 6)
    cases.append(make_case(
        f"x05_stock_flodym_lognormal_middle_T{n}",
        "Stock-driven in the flodym convention (age offset 0.5, moment LogNormal, mean 10 -> 14, "
        "sd 3 -> 5; no correction, as flodym has none); the stock falls from about 80 to 30, "
        "so some solved inflows are negative.",
        "stock_driven", lognormal, stock, age_offset=0.5, start_year=1991))

    n = 50
    normal = {"type": "Normal", "mean": lerp(8.0, 12.0, n), "std": lerp(2.0, 4.0, n)}
    stock = logistic(n, 50.0, 20.0, 0.3)
    cases.append(make_case(
        f"x06_stock_flodym_normal_middle_T{n}",
        "Stock-driven, flodym convention (age offset 0.5), Normal lifetime mean 8 -> 12, "
        "sd 2 -> 4; logistic stock.",
        "stock_driven", normal, stock, age_offset=0.5, start_year=2001))

    n = 30
    means = [0.0 if c in (3, 4, 17) else 6.0 for c in range(n)]
    stds = [0.0 if c == 4 else 2.0 for c in range(n)]  # std is not read when the mean is 0
    inflow = [10.0 + t for t in range(n)]
    cases.append(make_case(
        f"x07_inflow_normal_mean_zero_cohorts_T{n}",
        "Inflow-driven, Normal lifetime mean 6, sd 2, except cohorts 3, 4 and 17 with mean 0 "
        "(ODYM: the whole cohort leaves in its first year; cohort 4 also has sd 0).",
        "inflow_driven", {"type": "Normal", "mean": means, "std": stds}, inflow,
        start_year=2021))

    n = 45
    folded = {"type": "FoldedNormal", "mean": [0.0 if c == 10 else 7.0 for c in range(n)],
              "std": [3.0] * n}
    stock = rise_and_collapse(n, 60.0, 25, 20.0, 3)
    cases.append(make_case(
        f"x08_stock_foldednormal_mean_zero_cohort_corrected_T{n}",
        "Stock-driven with the correction, FoldedNormal 7 / 3 except cohort 10 with mean 0 "
        "(survival 0, so its inflow is 0 by the S[m][m] == 0 rule and the stock of that year "
        "is not held); the stock collapses after year 25.",
        "stock_driven", folded, stock, correct=True, start_year=1990))

    n = 36
    means = [0.25 if c in (6, 20) else 4.5 + 0.1 * c for c in range(n)]
    stock = [20.0 + 5.0 * math.sin(t / 2.5) + 0.5 * t for t in range(n)]
    cases.append(make_case(
        f"x09_stock_fixed_fractional_middle_corrected_T{n}",
        "Stock-driven with the correction, Fixed lifetime with fractional means at age offset "
        "0.5; cohorts 6 and 20 have mean 0.25 < 0.5, so S[m][m] == 0 and their inflow is 0.",
        "stock_driven", {"type": "Fixed", "mean": means}, stock, age_offset=0.5, correct=True,
        start_year=2000))

    n = 55
    weibull = {"type": "Weibull", "shape": [1.2 + 0.05 * (c % 7) for c in range(n)],
               "scale": [6.0 + 0.2 * c for c in range(n)]}
    stock = [0.0 if t < 3 else s for t, s in enumerate(rise_and_collapse(n, 40.0, 30, 5.0, 2))]
    cases.append(make_case(
        f"x10_stock_weibull_zero_start_deep_collapse_corrected_T{n}",
        "Stock-driven with the correction, Weibull lifetime (shape and scale vary by cohort), "
        "zero stock in the first 3 years and a collapse from about 40 to 5 within 2 years.",
        "stock_driven", weibull, stock, correct=True, start_year=1995))
    return cases


def generate(directory):
    os.makedirs(directory, exist_ok=True)
    for case in extra_cases():
        path = os.path.join(directory, case["case_id"] + ".json")
        with open(path, "w") as f:
            json.dump(case, f, separators=(",", ":"))
            f.write("\n")
        print(f"wrote {path}: {case['mode']}, {case['lifetime']['type']}, "
              f"T={len(case['time'])}, corrected years {case['notes']['negative_inflow_years_index']}, "
              f"min inflow {case['notes']['min_inflow']:.6g}")
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="recompute case files and compare with their output")
    p_check.add_argument("files", nargs="+")
    p_check.add_argument("--gate", type=float, default=1e-9)
    p_gen = sub.add_parser("generate", help="write the extra cases into a directory")
    p_gen.add_argument("directory")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.files, args.gate)
    return generate(args.directory)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
