#!/usr/bin/env bash
# Runs the whole system locally: Kafka (local broker on 127.0.0.1:9092 unless KAFKA_BROKERS is set),
# PostgreSQL (DATABASE_URL, else 127.0.0.1:5432), then all six apps with the seeded catalog.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -d node_modules ]]; then npm ci --no-audit --no-fund; fi
if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  bash scripts/kafka.sh start
  export KAFKA_BROKERS=127.0.0.1:9092
fi
exec node -r @swc-node/register tools/start-system.ts
