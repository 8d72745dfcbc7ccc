#!/usr/bin/env bash
# Runs the whole system locally: Kafka (a local broker on 127.0.0.1:${KAFKA_PORT:-9092} unless
# KAFKA_BROKERS is set), PostgreSQL (DATABASE_URL, else 127.0.0.1:5432), then all six apps with the
# seeded catalog. Ctrl-C (SIGINT) or SIGTERM stops the apps, then the broker if this script started it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -d node_modules ]]; then npm ci --no-audit --no-fund; fi

started_kafka=0
system_pid=""

stop_everything() {
  trap '' INT TERM HUP
  if [[ -n "$system_pid" ]] && kill -0 "$system_pid" 2>/dev/null; then
    kill -TERM "$system_pid" 2>/dev/null || true
    wait "$system_pid" 2>/dev/null || true
  fi
  if [[ $started_kafka == 1 ]]; then bash scripts/kafka.sh stop || true; fi
}
on_signal() {
  stop_everything
  exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  if ! bash scripts/kafka.sh status >/dev/null 2>&1; then started_kafka=1; fi
  bash scripts/kafka.sh start
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-9092}"
fi

# The storefront and operations console the gateway serves under /app/.
npx nx run web:build
# Not exec: this shell stays to stop the broker once the apps are down.
node -r @swc-node/register tools/start-system.ts &
system_pid=$!
status=0
wait "$system_pid" || status=$?
stop_everything
exit "$status"
