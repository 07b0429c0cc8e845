#!/usr/bin/env bash
# The test command (`npm test`): installs, starts the local stack (unless external infrastructure is
# configured), builds, type-checks and lints every project, runs every test suite, prints a summary.
set -euo pipefail
BACKBONE_STACK=test   # tests and benchmarks never share topics with the system `npm start` runs
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"
node tools/run-all-tests.mjs "$@"
