#!/usr/bin/env bash
# `npm run bench`: builds and runs the benchmarks on the local stack (or the configured external one).
set -euo pipefail
BACKBONE_STACK=test   # tests and benchmarks never share topics with the system `npm start` runs
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"
nx run-many -t build --outputStyle=static >/dev/null
cd bench && npm run --silent bench:events && npm run --silent bench:inventory && npm run --silent bench:odoo && npm run --silent bench:orders
