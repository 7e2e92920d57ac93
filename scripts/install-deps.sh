#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages urbanmine needs to build, test and run its demo.
# Idempotent: runs `apt-get update` and `apt-get install` only when a package is missing.
# Usage: scripts/install-deps.sh   (as root, or with sudo available)
set -euo pipefail

packages=(
  cmake g++ make pkg-config git python3
  libgtest-dev libgmock-dev libbenchmark-dev
  libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
  libsqlite3-dev sqlite3 libcpp-httplib-dev libssl-dev zlib1g-dev
  coinor-libcbc-dev coinor-libclp-dev coinor-libcgl-dev coinor-libosi-dev coinor-libcoinutils-dev
  # The `cbc` program: optima of the organiser's-rules reference set (tools/match_rules_reference.py
  # and its test), solved independently of the engine's own models.
  coinor-cbc
  libtbb-dev clang-format
  # IANA time zones (daylight saving) for partnering-event agendas (src/io/match_timezone.cpp).
  libhowardhinnant-date-dev tzdata
  # Excel workbook (`urbanmine run --xlsx`) and its read-back test (openpyxl).
  libxlsxwriter-dev python3-openpyxl
  # The Python module (python/, `import urbanmine`) and its tests: pybind11, numpy, xarray, pandas.
  python3-dev pybind11-dev python3-numpy python3-pandas python3-xarray python3-pytest
  # MPI for `urbanmine mc` across ranks (optional at build: URBANMINE_MPI=AUTO)
  openmpi-bin libopenmpi-dev
  # libFuzzer harnesses (tests/fuzz, `make fuzz`): clang and its fuzzer runtime.
  clang-14 libfuzzer-14-dev
  # Web dashboard build (npm), its browser tests (Debian's Chromium, Korean font) and the load
  # benchmark (wrk); chromium is also the report screenshot test's browser (tests/browser).
  chromium fonts-nanum nodejs npm wrk
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# nodejs may come from another repository that bundles npm; accept any working npm.
if [[ " ${missing[*]} " == *" npm "* ]] && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}")
fi
clean=()
for p in "${missing[@]}"; do [[ -n "$p" ]] && clean+=("$p"); done

# npm packages of the dashboard (web/package-lock.json), installed once: `npm ci` only when
# web/node_modules is missing. Never downloads a browser (playwright-core drives /usr/bin/chromium).
install_web_packages() {
  local web_dir
  web_dir="$(cd "$(dirname "$0")/.." && pwd)/web"
  if [[ -f "$web_dir/package-lock.json" && ! -d "$web_dir/node_modules" ]] && command -v npm >/dev/null; then
    echo "install-deps: npm ci in web/"
    (cd "$web_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}

if [[ ${#clean[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_web_packages
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${clean[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${clean[@]}"
install_web_packages
