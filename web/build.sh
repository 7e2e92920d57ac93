#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the dashboard bundle into web/dist (called by CMake's urbanmine_web target, i.e. by
# `make`). Installs the npm packages from package-lock.json only when node_modules is missing or
# older than the lock file; otherwise only the Vite build runs. No network when node_modules is
# present; the bundle itself needs none (ECharts is bundled, no CDN).
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
touch dist/index.html
