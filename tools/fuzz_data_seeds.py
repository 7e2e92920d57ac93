#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Rewrites the seed corpus of the data_folder fuzz harness (tests/fuzz/corpus/data_folder): one
seed per CSV of data/, whose first byte is that file's index among data/'s sorted CSV names (the
harness's ScratchDataDir order) and the rest its content, plus a header-only segments.csv. Run
it after adding or renaming a data file, so each seed points at its own file again."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(ROOT, "data")
corpus = os.path.join(ROOT, "tests", "fuzz", "corpus", "data_folder")
names = sorted(f for f in os.listdir(data) if f.endswith(".csv"))
for f in os.listdir(corpus):
    os.remove(os.path.join(corpus, f))
for i, name in enumerate(names):
    with open(os.path.join(data, name), "rb") as src, open(os.path.join(corpus, name), "wb") as out:
        out.write(bytes([i]) + src.read())
with open(os.path.join(data, "segments.csv"), "rb") as src:
    header = src.read().split(b"\n")[0] + b"\n"
with open(os.path.join(corpus, "segments-header-only.csv"), "wb") as out:
    out.write(bytes([names.index("segments.csv")]) + header)
print(f"wrote {len(names) + 1} seeds to {corpus}")
