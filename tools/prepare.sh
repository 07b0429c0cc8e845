# Sourced by the test, start and bench scripts: installs the dependencies, puts Node.js 24 first on
# PATH, starts the local stack (unless external infrastructure is configured) and exports its settings.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/install.sh
export PATH="$ROOT/node_modules/.bin:$PATH"   # Node.js 24 from the npm registry
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false KAFKAJS_NO_PARTITIONER_WARNING=1
export BACKBONE_STACK="${BACKBONE_STACK:-dev}"   # the calling script says which stack: dev or test
bash infra/stack.sh start
if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  set -a; source "$(bash infra/stack.sh dir)/stack.env"; set +a
  export BACKBONE_LOCAL_STACK=1   # tests that restart a local process check this
fi
