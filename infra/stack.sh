#!/usr/bin/env bash
# Local infrastructure without Docker: PostgreSQL (Debian packages), Apache Kafka in KRaft mode
# (jars from Maven Central) and a Confluent-API-compatible schema registry (AxonOps, built with Go).
#
#   infra/stack.sh start | stop | status | env | restart-kafka | reset
#
# Two instances, so that test traffic never reaches the system `npm start` runs: BACKBONE_STACK=dev
# (the default; `npm start`) and BACKBONE_STACK=test (`npm test`, `npm run bench`), each with its
# own ports, data and logs; they share the download and build cache.
#
# When KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL are all set, nothing local is started:
# the stack is external and `start` only checks that it answers.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${BACKBONE_STACK:-dev}" in
  dev) DEFAULT_LOCAL="$ROOT/.local" PORT_OFFSET=0 ;;
  test) DEFAULT_LOCAL="$ROOT/.local/test-stack" PORT_OFFSET=10 ;;
  *) echo "[stack] error: BACKBONE_STACK must be dev or test, not '$BACKBONE_STACK'" >&2; exit 2 ;;
esac
LOCAL="${BACKBONE_LOCAL_DIR:-$DEFAULT_LOCAL}"
LOGS="$LOCAL/logs"
RUN="$LOCAL/run"
DATA="$LOCAL/data"
CACHE="${BACKBONE_CACHE_DIR:-$ROOT/.local/cache}"

PG_PORT="${BACKBONE_PG_PORT:-$((55432 + PORT_OFFSET))}"
KAFKA_PORT="${BACKBONE_KAFKA_PORT:-$((59092 + PORT_OFFSET))}"
CONTROLLER_PORT="${BACKBONE_KAFKA_CONTROLLER_PORT:-$((59093 + PORT_OFFSET))}"
REGISTRY_PORT="${BACKBONE_REGISTRY_PORT:-$((58081 + PORT_OFFSET))}"
PG_USER=backbone
PG_PASSWORD=backbone
DATABASES=(order_service inventory_service returns_service odoo_adapter edi_gateway schema_registry backbone_test)

KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/infra/kafka/pom.xml")"
KAFKA_LIB="$CACHE/kafka-$KAFKA_VERSION/lib"
REGISTRY_BIN="$CACHE/bin/schema-registry"

say() { printf '[stack] %s\n' "$*"; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

external_stack() { [[ -n "${KAFKA_BROKERS:-}" && -n "${SCHEMA_REGISTRY_URL:-}" && -n "${DATABASE_URL:-}" ]]; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # name, seconds, command...
  local name="$1" seconds="$2"; shift 2
  for ((i = 0; i < seconds * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  die "$name did not become ready within ${seconds}s; see $LOGS/"
}

pid_alive() { [[ -f "$RUN/$1.pid" ]] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

# --- PostgreSQL ---------------------------------------------------------------------------

pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then pg_config --bindir; return; fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  [[ -n "$dir" && -x "$dir/initdb" ]] && echo "$dir"
}

ensure_postgres_installed() {
  [[ -n "$(pg_bindir)" ]] && return
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is missing: install PostgreSQL 15+ server binaries (initdb, pg_ctl)"
  [[ "$(id -u)" == 0 ]] || die "PostgreSQL is not installed: run 'sudo apt-get install -y postgresql' (needs root)"
  say "installing PostgreSQL from Debian packages"
  apt-get update -qq >"$LOGS/apt.log" 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >>"$LOGS/apt.log" 2>&1 || die "apt-get install postgresql failed; see $LOGS/apt.log"
}

# PostgreSQL refuses to run as root: as root, run it as the 'postgres' system user.
as_pg_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# As root, PostgreSQL runs as 'postgres', which must reach its data directory. A checkout that
# user cannot traverse (e.g. under a private home) keeps its cluster under postgres's home instead,
# still one per checkout and stack.
pg_data_dir() {
  if [[ "$(id -u)" == 0 ]] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
    echo "/var/lib/postgresql/backbone-$(printf '%s' "$LOCAL" | md5sum | cut -c1-12)"
  else
    echo "$DATA/postgres"
  fi
}

pg_log() { if [[ "$(pg_data_dir)" == "$DATA/postgres" ]]; then echo "$LOGS/postgres.log"; else echo "$(pg_data_dir)/server.log"; fi; }

start_postgres() {
  ensure_postgres_installed
  local bin pgdata
  pgdata="$(pg_data_dir)"
  bin="$(pg_bindir)"
  if [[ ! -f "$pgdata/PG_VERSION" ]]; then
    say "initialising PostgreSQL in $pgdata"
    mkdir -p "$pgdata"
    [[ "$(id -u)" == 0 ]] && { id postgres >/dev/null 2>&1 || useradd --system postgres; chown -R postgres "$pgdata" "$LOGS"; chmod 755 "$LOCAL" "$DATA"; }
    local pwfile; pwfile="$(mktemp)"; echo "$PG_PASSWORD" >"$pwfile"; chmod 644 "$pwfile"
    as_pg_owner "$bin/initdb" -D "$pgdata" -U "$PG_USER" --pwfile="$pwfile" --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$LOGS/initdb.log" 2>&1 \
      || { rm -f "$pwfile"; die "initdb failed; see $LOGS/initdb.log"; }
    rm -f "$pwfile"
    cat >>"$pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$pgdata'
max_connections = 300
shared_buffers = 256MB
EOF
  fi
  if as_pg_owner "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    say "PostgreSQL already running on $PG_PORT"
  else
    [[ "$(id -u)" == 0 ]] && chown postgres "$LOGS" 2>/dev/null || true
    as_pg_owner "$bin/pg_ctl" -D "$pgdata" -l "$(pg_log)" -w -t 60 start >/dev/null || die "PostgreSQL did not start; see $(pg_log)"
    say "PostgreSQL started on $PG_PORT"
  fi
  local db
  for db in "${DATABASES[@]}"; do
    PGPASSWORD="$PG_PASSWORD" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1 \
      || PGPASSWORD="$PG_PASSWORD" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "create database $db" >/dev/null
  done
}

stop_postgres() {
  local bin; bin="$(pg_bindir)"
  [[ -n "$bin" && -f "$(pg_data_dir)/PG_VERSION" ]] || return 0
  as_pg_owner "$bin/pg_ctl" -D "$(pg_data_dir)" -m fast -w stop >/dev/null 2>&1 && say "PostgreSQL stopped" || true
}

# --- Kafka --------------------------------------------------------------------------------

ensure_kafka_jars() {
  [[ -f "$KAFKA_LIB/.complete" ]] && return
  command -v java >/dev/null 2>&1 || die "Java 17+ is required for Kafka (install a JDK, e.g. 'apt-get install openjdk-17-jre-headless')"
  command -v mvn >/dev/null 2>&1 || die "Maven is required to resolve Kafka's jars (install it, e.g. 'apt-get install maven')"
  say "resolving Apache Kafka $KAFKA_VERSION jars with Maven (first run only)"
  rm -rf "$KAFKA_LIB"; mkdir -p "$KAFKA_LIB"
  mvn -B -q -f "$ROOT/infra/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIB" >"$LOGS/maven.log" 2>&1 \
    || die "Maven could not resolve Kafka $KAFKA_VERSION; see $LOGS/maven.log"
  touch "$KAFKA_LIB/.complete"
}

# JVM settings of Kafka's own scripts (kafka-run-class.sh), with a heap sized for a 2-core machine.
KAFKA_JAVA=(java -Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$ROOT/infra/kafka/log4j2.properties" "-Dkafka.logs.dir=$LOGS/kafka"
  -cp "$KAFKA_LIB/*")

start_kafka() {
  if pid_alive kafka; then say "Kafka already running on $KAFKA_PORT"; return; fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process (set BACKBONE_KAFKA_PORT)"
  ensure_kafka_jars
  local dir="$DATA/kafka" props="$DATA/kafka.properties"
  mkdir -p "$dir" "$LOGS/kafka"
  sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" -e "s#@DATA_DIR@#$dir#g" \
    "$ROOT/infra/kafka/server.properties.template" >"$props"
  if [[ ! -f "$dir/meta.properties" ]]; then
    local cluster_id; cluster_id="$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" --ignore-formatted >"$LOGS/kafka-format.log" 2>&1 \
      || die "formatting Kafka storage failed; see $LOGS/kafka-format.log"
  fi
  nohup "${KAFKA_JAVA[@]}" kafka.Kafka "$props" >"$LOGS/kafka.out" 2>&1 &
  echo $! >"$RUN/kafka.pid"
  wait_for Kafka 90 port_open "$KAFKA_PORT"
  say "Kafka $KAFKA_VERSION started on $KAFKA_PORT"
}

stop_process() { # name
  pid_alive "$1" || { rm -f "$RUN/$1.pid"; return 0; }
  local pid; pid="$(cat "$RUN/$1.pid")"
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$RUN/$1.pid"
  say "$1 stopped"
}

# --- Schema registry ----------------------------------------------------------------------

ensure_registry_binary() {
  [[ -x "$REGISTRY_BIN" ]] && return
  command -v go >/dev/null 2>&1 || die "Go is required to build the schema registry (install Go 1.24+)"
  say "building the schema registry with Go (first run only)"
  mkdir -p "$(dirname "$REGISTRY_BIN")"
  (cd "$ROOT/infra/schema-registry" && go build -o "$REGISTRY_BIN" github.com/axonops/axonops-schema-registry/cmd/schema-registry) \
    >"$LOGS/registry-build.log" 2>&1 || die "building the schema registry failed; see $LOGS/registry-build.log"
}

start_registry() {
  if pid_alive schema-registry; then say "schema registry already running on $REGISTRY_PORT"; return; fi
  port_open "$REGISTRY_PORT" && die "port $REGISTRY_PORT is taken by another process (set BACKBONE_REGISTRY_PORT)"
  ensure_registry_binary
  # PostgreSQL storage keeps schema ids stable across restarts, so records already in Kafka stay readable.
  SCHEMA_REGISTRY_HOST=127.0.0.1 SCHEMA_REGISTRY_PORT="$REGISTRY_PORT" \
    SCHEMA_REGISTRY_STORAGE_TYPE=postgresql SCHEMA_REGISTRY_COMPATIBILITY_LEVEL=BACKWARD_TRANSITIVE \
    SCHEMA_REGISTRY_PG_HOST=127.0.0.1 SCHEMA_REGISTRY_PG_PORT="$PG_PORT" SCHEMA_REGISTRY_PG_DATABASE=schema_registry \
    SCHEMA_REGISTRY_PG_USER="$PG_USER" SCHEMA_REGISTRY_PG_PASSWORD="$PG_PASSWORD" SCHEMA_REGISTRY_PG_SSLMODE=disable \
    nohup "$REGISTRY_BIN" >"$LOGS/schema-registry.log" 2>&1 &
  echo $! >"$RUN/schema-registry.pid"
  wait_for "schema registry" 60 curl -fsS "http://127.0.0.1:$REGISTRY_PORT/subjects"
  curl -fsS -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
    -d '{"compatibility":"BACKWARD_TRANSITIVE"}' "http://127.0.0.1:$REGISTRY_PORT/config" >/dev/null
  say "schema registry started on $REGISTRY_PORT"
}

# --- Commands -----------------------------------------------------------------------------

print_env() {
  cat <<EOF
export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
export SCHEMA_REGISTRY_URL=http://127.0.0.1:$REGISTRY_PORT
export DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/backbone_test
export DATABASE_URL_TEMPLATE=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/{database}
EOF
}

cmd_start() {
  mkdir -p "$LOGS" "$RUN" "$DATA" "$CACHE"
  if external_stack; then
    say "external infrastructure configured (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL); starting nothing"
    return
  fi
  start_postgres
  start_kafka
  start_registry
  print_env >"$LOCAL/stack.env"
  say "ready (${BACKBONE_STACK:-dev} stack); environment in ${LOCAL#"$ROOT/"}/stack.env"
}

cmd_stop() {
  external_stack && { say "external infrastructure: nothing to stop"; return; }
  stop_process schema-registry
  stop_process kafka
  stop_postgres
}

cmd_status() {
  local ok=0
  if external_stack; then say "external: KAFKA_BROKERS=$KAFKA_BROKERS SCHEMA_REGISTRY_URL=$SCHEMA_REGISTRY_URL"; return; fi
  if port_open "$PG_PORT"; then say "postgres        up   127.0.0.1:$PG_PORT"; else say "postgres        down"; ok=1; fi
  if port_open "$KAFKA_PORT"; then say "kafka           up   127.0.0.1:$KAFKA_PORT ($KAFKA_VERSION)"; else say "kafka           down"; ok=1; fi
  if curl -fsS "http://127.0.0.1:$REGISTRY_PORT/subjects" >/dev/null 2>&1; then say "schema-registry up   http://127.0.0.1:$REGISTRY_PORT"; else say "schema-registry down"; ok=1; fi
  return $ok
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) print_env ;;
  dir) echo "$LOCAL" ;;
  restart-kafka) stop_process kafka; start_kafka ;;
  reset) cmd_stop; rm -rf "$DATA" "$LOGS" "$RUN" "$(pg_data_dir)"; say "data and logs removed (cache kept)" ;;
  *) echo "usage: [BACKBONE_STACK=dev|test] infra/stack.sh start|stop|status|env|dir|restart-kafka|reset" >&2; exit 2 ;;
esac
