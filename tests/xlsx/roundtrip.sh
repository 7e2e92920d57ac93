#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `urbanmine run --xlsx` on the baseline, then check_workbook.py compares the workbook with the
# CSV files of the same run (Debian python3-openpyxl; scripts/install-deps.sh installs it).
# Usage: roundtrip.sh URBANMINE_BIN WORK_DIR
set -euo pipefail
bin="$1"
work="$2"
rm -rf "$work"
mkdir -p "$work"
if ! /usr/bin/python3 -c "import openpyxl" 2>/dev/null; then
  echo "python3-openpyxl is missing: run scripts/install-deps.sh" >&2
  exit 1
fi
"$bin" --quiet run --out "$work/out" --db "$work/run.db" --xlsx "$work/run.xlsx" > /dev/null
/usr/bin/python3 "$(dirname "$0")/check_workbook.py" "$work/run.xlsx" "$work/out"
