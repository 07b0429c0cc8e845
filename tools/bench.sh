#!/usr/bin/env bash
# `npm run bench`: builds and runs the benchmarks on the local stack (or the configured external one).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/install.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false KAFKAJS_NO_PARTITIONER_WARNING=1
bash infra/stack.sh start
if [[ -z "${KAFKA_BROKERS:-}" ]]; then set -a; source .local/stack.env; set +a; fi
nx run @backbone/bench:build --outputStyle=static >/dev/null
cd bench && npm run --silent bench:events
