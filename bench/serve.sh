#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Load benchmark of `urbanmine serve` on cached reads, with wrk (Debian), loopback only, bounded
# in time. Starts a server on a free 127.0.0.1 port with a fresh store, runs the baseline when
# the server offers runs (so that the run's summary is a cached read), then drives each URL with
# wrk and checks the bar: >= 5,000 requests/s, p99 < 20 ms, no errors. Requests carry a browser's
# Accept-Encoding (gzip, deflate, br), as the dashboard's do: cached answers are compressed once
# and sent compressed. The run summary is also measured without compression, for information.
# Usage: bench/serve.sh [BUILD_DIR]   (env: DURATION=10s THREADS=2 CONNECTIONS=16)
set -euo pipefail
build=${1:-build}
bin="$build/urbanmine"
duration=${DURATION:-10s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-16}
min_rps=5000
max_p99_ms=20

command -v wrk >/dev/null || { echo "serve.sh: wrk missing (scripts/install-deps.sh)"; exit 1; }
tmp=$(mktemp -d)
out="$tmp/serve.out"
"$bin" --quiet serve --port 0 --bind 127.0.0.1 --db "$tmp/bench.db" >"$out" 2>"$tmp/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do
  grep -q serving "$out" 2>/dev/null && break
  sleep 0.1
done
port=$(grep -o ':[0-9][0-9]*/' "$out" | tr -d ':/')
base="http://127.0.0.1:$port"

urls=("$base/api/version" "$base/api/openapi.json")
if curl -sf "$base/api/openapi.json" | grep -q '"/api/runs"'; then
  run=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"scenario_id": "baseline"}' \
        "$base/api/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  for _ in $(seq 600); do
    state=$(curl -sf "$base/api/runs/$run" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
    [[ "$state" == succeeded || "$state" == failed ]] && break
    sleep 0.2
  done
  [[ "$state" == succeeded ]] || { echo "serve.sh: baseline run $run $state"; exit 1; }
  urls+=("$base/api/runs/$run/summary" "$base/api/runs/$run/tables/end_of_life_t?region=CHN&element=Li"
        "$base/api/runs/$run/sankey?year=2030&element=Ni" "$base/api/runs/$run/policy")
fi

browser_encoding='Accept-Encoding: gzip, deflate, br'
status=0
# measure URL ENCODING GATE: one wrk run; GATE=1 holds it to the bar, 0 only reports it.
measure() {
  local url=$1 encoding=$2 gate=$3
  local path=${url#"$base"}
  # Cached reads: the first request computes and caches the answer; wrk measures the rest.
  local bytes
  bytes=$(curl -sf -H "$encoding" -o /dev/null -w '%{size_download}' "$url") || {
    echo "serve.sh: GET $path failed"; status=1; return; }
  local report rps p99 errors p99_ms verdict label
  report=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$encoding" "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$report")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$report")
  errors=$(grep -E 'Non-2xx|Socket errors' <<<"$report" || true)
  # p99 in ms whatever unit wrk printed (us, ms, s).
  p99_ms=$(python3 -c "
import re,sys; v,u=re.match(r'([0-9.]+)(us|ms|s)','$p99').groups(); print(float(v)*{'us':1e-3,'ms':1,'s':1e3}[u])")
  verdict=ok
  if [[ -n "$errors" ]] ||
     ! python3 -c "import sys; sys.exit(0 if $p99_ms < $max_p99_ms and $rps >= $min_rps else 1)"; then
    if [[ $gate == 1 ]]; then
      verdict=FAIL
      status=1
    else
      verdict="under the bar (information, not gated)"
    fi
  fi
  label="GET $path"
  [[ $encoding == "$browser_encoding" ]] || label="$label (no compression)"
  printf 'serve %-78s %7s B %10s req/s  p99 %8s  %s %s\n' "$label" "$bytes" "$rps" "$p99" "$verdict" "$errors"
}
for url in "${urls[@]}"; do
  measure "$url" "$browser_encoding" 1
done
if [[ -n "${run:-}" ]]; then
  measure "$base/api/runs/$run/summary" "Accept-Encoding: identity" 0
fi
echo "serve.sh: wrk -t$threads -c$connections -d$duration --latency -H '$browser_encoding' (bar: >= $min_rps req/s, p99 < ${max_p99_ms} ms, no errors)"
exit $status
