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
echo "== deployment files (docker-compose config)"
bash scripts/check-deploy.sh
mkdir -p tmp
echo "== unit tests"
npx jest --selectProjects unit --ci --json --outputFile=tmp/jest-unit.json
echo "== integration tests (real PostgreSQL and Kafka)"
npx jest --selectProjects int --ci --runInBand --json --outputFile=tmp/jest-int.json
echo "== build (compiled output the compiled-system e2e test runs)"
npm run --silent build
echo "== browser for the web pages' end-to-end tests (Debian's chromium; the web build is part of npm run build)"
if [[ -z "${CHROMIUM_PATH:-}" ]] && ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }
  else
    echo "chromium is missing: install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi
echo "== end-to-end tests (all six apps as processes)"
npx jest --selectProjects e2e --ci --runInBand --json --outputFile=tmp/jest-e2e.json
node scripts/test-summary.js tmp/jest-unit.json tmp/jest-int.json tmp/jest-e2e.json
