#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The example partnering event end to end: score the profiles, schedule the meetings, check the
# schedule, and write every participant's agenda (CSV and ICS) and deal sheets into OUT_DIR.
# Usage: bash examples/event/run.sh [BUILD_DIR] [OUT_DIR]   (defaults: build, BUILD_DIR/examples/event)
set -euo pipefail
build=${1:-build}
out=${2:-$build/examples/event}
bin="$build/urbanmine"
here=$(dirname "$0")
mkdir -p "$out"
# 12 slots of 15 minutes from 14:00 (the afternoon 1:1 session), 6 tables (one per Korean
# organisation), on the conference day in Seoul.
"$bin" match score "$here/profiles.csv" --name seoul-2023-11-30 --slots 12 --start 14:00 \
  --slot-minutes 15 --tables 6 --host-keeps-table --max-consecutive-meetings 4 \
  --date 2023-11-30 --timezone Asia/Seoul \
  --title "Battery recycling and critical minerals: 1:1 business meetings" \
  --location "Seoul" --output "$out/instance.json"
"$bin" match schedule "$out/instance.json" --time-limit 5 --output "$out/schedule.json"
"$bin" match check "$out/instance.json" "$out/schedule.json" --output "$out/check.json"
"$bin" match agenda "$out/instance.json" "$out/schedule.json" --out-dir "$out/agendas" \
  --dtstamp 20231130T000000Z
# A deal sheet per meeting from the shipped baseline (why meet, each country's figures, shipping
# rules), in English and in Korean.
"$bin" match dealsheet "$out/instance.json" "$out/schedule.json" --run "$here/../global.toml" \
  --out-dir "$out/dealsheets"
"$bin" match dealsheet "$out/instance.json" "$out/schedule.json" --run "$here/../global.toml" \
  --out-dir "$out/dealsheets-ko" --language ko
echo "example event: instance, schedule, check, agendas and deal sheets in $out"
