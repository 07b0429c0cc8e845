#!/usr/bin/env bash
# The test command (`npm test`): installs, starts the local stack (unless external infrastructure is
# configured), builds, type-checks and lints every project, runs every test suite, prints a summary.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"
node tools/run-all-tests.mjs "$@"
