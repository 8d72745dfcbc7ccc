#!/usr/bin/env bash
# Runs every test: lint (with Nx module boundaries), type check, unit, integration, end-to-end.
# Starts the infrastructure it needs and stops it afterwards:
#   - Kafka: KAFKA_BROKERS if set; else testcontainers when a Docker engine answers (Jest global
#     setup); else a fresh local broker from scripts/kafka.sh on port 19092.
#   - PostgreSQL: DATABASE_URL if set, else 127.0.0.1:5432 (tests create and drop their own schemas
#     or databases).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d node_modules ]]; then npm ci --no-audit --no-fund; fi

started_kafka=0
if [[ -z "${KAFKA_BROKERS:-}" ]] && ! (docker info >/dev/null 2>&1); then
  export KAFKA_PORT="${TEST_KAFKA_PORT:-19092}"
  export KAFKA_RUN_DIR="${TMPDIR:-/tmp}/course-payments-test-kafka-$KAFKA_PORT"
  KAFKA_FRESH=1 bash scripts/kafka.sh start
  started_kafka=1
  export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
fi
stop_kafka() { if [[ $started_kafka == 1 ]]; then bash scripts/kafka.sh stop || true; fi; }
trap stop_kafka EXIT

echo "== lint (module boundaries) and type check"
npm run --silent lint
npm run --silent typecheck
mkdir -p tmp
echo "== unit tests"
npx jest --selectProjects unit --ci --json --outputFile=tmp/jest-unit.json
echo "== integration tests (real PostgreSQL and Kafka)"
npx jest --selectProjects int --ci --runInBand --json --outputFile=tmp/jest-int.json
echo "== end-to-end tests (all six apps as processes)"
npx jest --selectProjects e2e --ci --runInBand --json --outputFile=tmp/jest-e2e.json
node scripts/test-summary.js tmp/jest-unit.json tmp/jest-int.json tmp/jest-e2e.json
