#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Mutation run of the CLI's two richest inputs (issue 19): scenario TOMLs and match instances.

Each mutant is derived from a shipped example (examples/*.toml, tests/data/match/small-s1.json)
by one seeded mutation (a number replaced by an extreme or non-finite value, a line deleted or
doubled, a key renamed, the text cut short, a JSON leaf changed or removed, ...). Scenarios go
through `urbanmine validate` and, when valid, `urbanmine run`; instances through
`urbanmine match check` against an empty schedule and `urbanmine match schedule`.

A mutant fails the run when the binary exits 5 (internal error), dies by a signal or exceeds the
timeout; exit 0, 2 and 3 are answers. Prints counts per outcome and every failure with the file
kept for reproducing, and exits 1 if there was any.

Usage: python3 tools/mutation_run.py --bin build/urbanmine --count 2000 [--seed 1] [--keep DIR]
"""

import argparse
import copy
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

EXTREMES = ["0", "-1", "-0.0", "1e308", "-1e308", "1e-320", "nan", "inf", "-inf",
            "9223372036854775807", "-9223372036854775808", "4294967296", "0.5", "1.0000001",
            "\"\"", "\"x\"", "[]", "{}", "true"]
JSON_EXTREMES = [0, -1, 1e308, -1e308, 1e-320, 2**63 - 1, -(2**63), 2**31, 0.5, "", "x", [], {},
                 True, None]


def mutate_toml(text, rng):
    lines = text.splitlines()
    kind = rng.choice(["number", "number", "number", "delete", "double", "rename", "truncate",
                       "bytes", "string"])
    if kind == "number":
        spots = [(i, m) for i, line in enumerate(lines)
                 for m in re.finditer(r"(?<![\w.])-?\d+(\.\d+)?([eE]-?\d+)?", line)]
        if spots:
            i, m = rng.choice(spots)
            lines[i] = lines[i][:m.start()] + rng.choice(EXTREMES) + lines[i][m.end():]
    elif kind == "delete" and lines:
        del lines[rng.randrange(len(lines))]
    elif kind == "double" and lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif kind == "rename":
        spots = [i for i, line in enumerate(lines) if "=" in line]
        if spots:
            i = rng.choice(spots)
            lines[i] = "x" + lines[i]
    elif kind == "truncate":
        cut = rng.randrange(len(text) + 1)
        return text[:cut]
    elif kind == "bytes":
        pos = rng.randrange(len(text) + 1)
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
        return text[:pos] + junk.decode("latin-1") + text[pos:]
    elif kind == "string":
        spots = [(i, m) for i, line in enumerate(lines) for m in re.finditer(r'"[^"]*"', line)]
        if spots:
            i, m = rng.choice(spots)
            lines[i] = lines[i][:m.start()] + rng.choice(['""', '"all"', '"WORLD"', '"KOR"',
                                                          '"\\u0000"', '"' + "a" * 5000 + '"']) \
                + lines[i][m.end():]
    return "\n".join(lines) + "\n"


def json_leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from json_leaves(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from json_leaves(v, path + (i,))
    yield path


def mutate_json(text, rng):
    kind = rng.choice(["leaf", "leaf", "leaf", "remove", "truncate", "duplicate"])
    if kind == "truncate":
        return text[:rng.randrange(len(text) + 1)]
    doc = json.loads(text)
    paths = [p for p in json_leaves(doc) if p]
    path = rng.choice(paths)
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if kind == "leaf":
        parent[last] = copy.deepcopy(rng.choice(JSON_EXTREMES))
    elif kind == "remove":
        if isinstance(parent, dict):
            del parent[last]
        else:
            parent.pop(last)
    elif kind == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    return json.dumps(doc, allow_nan=True)


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode
    except subprocess.TimeoutExpired:
        return "timeout"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=str(ROOT / "build" / "urbanmine"))
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--keep", default="", help="folder for failing inputs (default: a temp dir)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    data_dir = str(ROOT / "data")
    scenarios = sorted((ROOT / "examples").glob("*.toml"))
    instance = (ROOT / "tests" / "data" / "match" / "small-s1.json").read_text()
    work = pathlib.Path(tempfile.mkdtemp(prefix="urbanmine-mutation-"))
    keep = pathlib.Path(args.keep) if args.keep else work / "failures"
    keep.mkdir(parents=True, exist_ok=True)
    outcomes = {}
    failures = []
    try:
        for n in range(args.count):
            if n % 2 == 0:
                seed_file = rng.choice(scenarios)
                text = mutate_toml(seed_file.read_text(), rng)
                path = work / f"m{n}.toml"
                path.write_bytes(text.encode("latin-1", errors="replace"))
                codes = [run([args.bin, "--no-progress", "validate", str(path), "--data-dir",
                              data_dir], args.timeout)]
                if codes[0] == 0:
                    out = work / f"out{n}"
                    db = work / f"out{n}.db"
                    codes.append(run([args.bin, "--no-progress", "run", str(path), "--data-dir",
                                      data_dir, "--out", str(out), "--db", str(db)],
                                     args.timeout))
                    shutil.rmtree(out, ignore_errors=True)
                    for suffix in ("", "-wal", "-shm"):
                        pathlib.Path(str(db) + suffix).unlink(missing_ok=True)
                kind = "scenario (" + seed_file.name + ")"
            else:
                text = mutate_json(instance, rng)
                path = work / f"m{n}.json"
                path.write_text(text)
                empty = work / "empty_schedule.json"
                empty.write_text('{"format": "match-schedule/1", "meetings": []}')
                codes = [run([args.bin, "match", "check", str(path), str(empty)], args.timeout),
                         run([args.bin, "match", "schedule", str(path), "--time-limit", "1",
                              "--threads", "1"], args.timeout)]
                kind = "match instance"
            for code in codes:
                outcomes[code] = outcomes.get(code, 0) + 1
            bad = [c for c in codes if c == "timeout" or (isinstance(c, int) and (c < 0 or c >= 5))]
            if bad:
                kept = keep / path.name
                shutil.copy(path, kept)
                failures.append((kind, bad, str(kept)))
            path.unlink(missing_ok=True)
    finally:
        if not args.keep and not failures:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{args.count} mutants (seed {args.seed}); exit codes: " +
          ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items(), key=lambda kv: str(kv[0]))))
    for kind, bad, kept in failures:
        print(f"FAIL {kind}: {bad} -> {kept}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
