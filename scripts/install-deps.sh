#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages urbanmine needs to build, test and run its demo.
# Idempotent: runs `apt-get update` and `apt-get install` only when a package is missing.
# Usage: scripts/install-deps.sh [--with-browser]   (as root, or with sudo available)
set -euo pipefail

packages=(
  cmake g++ make pkg-config git python3
  libgtest-dev libgmock-dev libbenchmark-dev
  libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
  libsqlite3-dev sqlite3 libcpp-httplib-dev libssl-dev
  coinor-libcbc-dev coinor-libclp-dev coinor-libcgl-dev coinor-libosi-dev coinor-libcoinutils-dev
  libtbb-dev clang-format
  chromium  # the report screenshot test (tests/browser); skipped when absent
)
if [[ "${1:-}" == "--with-browser" || "${URBANMINE_WITH_BROWSER:-0}" == "1" ]]; then
  packages+=(nodejs npm wrk)
fi

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

if [[ ${#clean[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${clean[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${clean[@]}"
