#!/usr/bin/env bash
# `npm start`: the local stack (unless external infrastructure is configured), an Odoo simulator
# (unless ODOO_URL points at a real Odoo) and all five services, built and started with their
# readiness awaited, then the demonstration flow. Runs until Ctrl-C, which stops the services and
# the simulator (the stack keeps running: `npm run stack stop`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"

echo "[system] building"
nx run-many -t build --outputStyle=static >/dev/null
node --disable-warning=TimeoutNegativeWarning libs/events/dist/cli/create-topics.js
node libs/schemas/scripts/register-schemas.mjs >/dev/null && echo "[system] schemas registered"

# A fresh admin API key for this run: the services enforce authentication as in production.
DEV_API_KEY="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# …and a webhook secret for warehouse systems pushing stock movements (X-Signature, see README).
DEV_WEBHOOK_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export WEBHOOK_SECRETS="{\"wms\":[\"$DEV_WEBHOOK_SECRET\"]}"
export AUTH_API_KEYS="[{\"id\":\"local-admin\",\"keyHash\":\"sha256:$(printf '%s' "$DEV_API_KEY" | sha256sum | cut -d' ' -f1)\",\"roles\":[\"admin\"]}]"

# Odoo: a real one when ODOO_URL, ODOO_DATABASE and ODOO_API_KEY are given, else the simulator
# with its demo catalog on a port of this project's own.
if [[ -z "${ODOO_URL:-}" ]]; then
  export ODOO_SIMULATOR_PORT="${ODOO_SIMULATOR_PORT:-58069}"
  export ODOO_URL="http://127.0.0.1:$ODOO_SIMULATOR_PORT" ODOO_DATABASE=odoo ODOO_API_KEY=simulator-integration-api-key
  START_ODOO_SIMULATOR=1
fi
# The adapter reconciles Odoo's stock with the inventory-service's snapshot.
export INVENTORY_URL=http://127.0.0.1:3102 INVENTORY_API_KEY="$DEV_API_KEY"

SERVICES=(order-service:3101:order_service inventory-service:3102:inventory_service returns-service:3103:returns_service odoo-adapter:3104:odoo_adapter edi-gateway:3105:edi_gateway)
LOGS="$ROOT/.local/logs"; RUN="$ROOT/.local/run"; mkdir -p "$LOGS" "$RUN"

database_url() { # service database name
  if [[ -n "${DATABASE_URL_TEMPLATE:-}" ]]; then echo "${DATABASE_URL_TEMPLATE/\{database\}/$1}"; else echo "$DATABASE_URL"; fi
}

stop_services() {
  for entry in "${SERVICES[@]}" odoo-simulator; do
    local name="${entry%%:*}" pidfile="$RUN/${entry%%:*}.pid"
    [[ -f "$pidfile" ]] && kill -TERM "$(cat "$pidfile")" 2>/dev/null && echo "[system] stopping $name" || true
    rm -f "$pidfile"
  done
}
trap 'stop_services; exit 0' INT TERM

if [[ -n "${START_ODOO_SIMULATOR:-}" ]]; then
  [[ -f "$RUN/odoo-simulator.pid" ]] && kill -TERM "$(cat "$RUN/odoo-simulator.pid")" 2>/dev/null && sleep 1
  nohup node libs/odoo-simulator/dist/cli/odoo-simulator.js >"$LOGS/odoo-simulator.log" 2>&1 &
  echo $! >"$RUN/odoo-simulator.pid"
  for ((i = 0; i < 60; i++)); do curl -fsS "$ODOO_URL/web/version" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fsS "$ODOO_URL/web/version" >/dev/null || { echo "[system] the Odoo simulator did not start; see $LOGS/odoo-simulator.log" >&2; exit 1; }
  echo "[system] Odoo simulator       ready  $ODOO_URL  (database odoo, demo catalog)"
fi

for entry in "${SERVICES[@]}"; do
  IFS=: read -r name port database <<<"$entry"
  [[ -f "$RUN/$name.pid" ]] && kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null && kill -TERM "$(cat "$RUN/$name.pid")" && sleep 1
  HTTP_PORT="$port" DATABASE_URL="$(database_url "$database")" \
    nohup node --disable-warning=TimeoutNegativeWarning "apps/$name/dist/main.js" >"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
done

for entry in "${SERVICES[@]}"; do
  IFS=: read -r name port _ <<<"$entry"
  for ((i = 0; i < 120; i++)); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null || { echo "[system] $name exited; see $LOGS/$name.log" >&2; tail -20 "$LOGS/$name.log" >&2; stop_services; exit 1; }
    sleep 0.5
  done
  printf '[system] %-18s ready  http://127.0.0.1:%s  (docs: /docs, metrics: /metrics)\n' "$name" "$port"
done
echo "[system] all services ready; logs in .local/logs; Ctrl-C stops the services"
echo "[system] API key for this run (admin): X-API-Key: $DEV_API_KEY"
echo "[system] webhook secret for source wms (inventory POST /webhooks/stock-movements, orders POST /webhooks/shipments): $DEV_WEBHOOK_SECRET"
ORDERS_URL=http://127.0.0.1:3101 API_KEY="$DEV_API_KEY" WEBHOOK_SECRET="$DEV_WEBHOOK_SECRET" node --disable-warning=TimeoutNegativeWarning tools/demo.mjs \
  || echo "[system] the demonstration flow failed (see above); the services keep running"

wait
