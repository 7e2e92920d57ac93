#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the baseline, opens its report.html in headless Chromium (offline: no network, fresh
# profile) and saves a screenshot as ARTIFACTS/report.png for a person to look at. Fails when the
# screenshot is missing, is not a 1280x2400 PNG, or is too small to hold more than a blank page.
# Exits 77 (CTest: skipped) when /usr/bin/chromium is absent (scripts/install-deps.sh installs it).
# Usage: tests/browser/report_screenshot.sh URBANMINE_BIN ARTIFACTS_DIR
set -euo pipefail
bin=$1
artifacts=$2
chromium=${URBANMINE_CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
  echo "SKIP: $chromium not found; run scripts/install-deps.sh to install chromium" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
"$bin" --quiet --no-progress run --out "$work/out" >"$work/summary.txt"
cp "$work/out/report.html" "$artifacts/report.html"
rm -f "$artifacts/report.png"
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
  --screenshot="$artifacts/report.png" --window-size=1280,2400 \
  "file://$artifacts/report.html" >"$work/chromium.log" 2>&1 || {
  cat "$work/chromium.log" >&2
  exit 1
}
python3 - "$artifacts/report.png" <<'PY'
import struct, sys
path = sys.argv[1]
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1280, 2400), f"{path}: {width}x{height}, expected 1280x2400"
# A blank or error page compresses to a few kB; the report's charts and tables need far more.
assert len(data) > 100_000, f"{path}: only {len(data)} bytes, the page looks empty"
print(f"screenshot {path}: {width}x{height}, {len(data):,} bytes")
PY
