#!/usr/bin/env bash
# Installs the npm dependencies (Node.js 24 among them) when the lock file changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v npm >/dev/null 2>&1 || { echo "npm is required (any Node.js >= 18 with npm; the project brings its own Node.js 24)" >&2; exit 1; }
stamp=node_modules/.installed-lock
if [[ ! -f "$stamp" ]] || ! cmp -s package-lock.json "$stamp"; then
  # `npm install` rather than `npm ci`: it installs the locked versions too, and tolerates the lock
  # file lacking other platforms' optional binaries (e.g. @swc/core-darwin-*), which registries
  # that mirror only some platforms leave unresolved and `npm ci` then rejects.
  echo "[install] npm install (locked versions)"
  npm install --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
