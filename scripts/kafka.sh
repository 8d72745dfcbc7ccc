#!/usr/bin/env bash
# Runs a single-node Apache Kafka broker (KRaft, broker+controller) on 127.0.0.1 from the
# broker's own jars on Maven Central, with the installed JVM. No Docker needed.
#
#   scripts/kafka.sh start   fetch jars if missing, format a data dir, start, wait until it answers
#   scripts/kafka.sh stop    SIGTERM and wait for the broker to exit
#   scripts/kafka.sh status
#
# Environment (all optional):
#   KAFKA_PORT        client port (default 9092); the controller listens on KAFKA_PORT+1
#   KAFKA_RUN_DIR     where the data dir, pid file and log go (default ~/.cache/course-payments/kafka-run-$KAFKA_PORT)
#   KAFKA_FRESH=1     wipe the data dir before starting (tests use this)
set -euo pipefail

KAFKA_VERSION=4.3.1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/course-payments"
LIBS="$CACHE/kafka-$KAFKA_VERSION/libs"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT=$((PORT + 1))
RUN_DIR="${KAFKA_RUN_DIR:-$CACHE/kafka-run-$PORT}"
PID_FILE="$RUN_DIR/broker.pid"
LOG_FILE="$RUN_DIR/broker.log"

fetch_jars() {
  if [[ -f "$LIBS/.complete" ]]; then return; fi
  echo "kafka: fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $LIBS" >&2
  mkdir -p "$LIBS"
  mvn -q -B -f "$HERE/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIBS" >&2
  touch "$LIBS/.complete"
}

is_running() {
  [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

write_config() {
  cat > "$RUN_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$RUN_DIR/data
num.partitions=6
auto.create.topics.enable=false
# A single-node development broker: let a consumer group start at once (Kafka waits 3 s by default
# for more members to join the first rebalance). docker-compose.yml sets the same.
group.initial.rebalance.delay.ms=0
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=16777216
PROPS
}

start() {
  if is_running; then echo "kafka: already running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"; return; fi
  fetch_jars
  if [[ "${KAFKA_FRESH:-0}" == "1" ]]; then rm -rf "$RUN_DIR"; fi
  mkdir -p "$RUN_DIR"
  write_config
  local tools=(-Xmx256m "-Dlog4j2.configurationFile=$HERE/kafka/log4j2-tools.properties" -cp "$LIBS/*")
  if [[ ! -f "$RUN_DIR/data/meta.properties" ]]; then
    local cluster_id
    cluster_id="$(java "${tools[@]}" kafka.tools.StorageTool random-uuid)"
    java "${tools[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$RUN_DIR/server.properties" >&2
  fi
  nohup java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=$HERE/kafka/log4j2-broker.properties" \
    -cp "$LIBS/*" kafka.Kafka "$RUN_DIR/server.properties" > "$LOG_FILE" 2>&1 &
  echo $! > "$PID_FILE"
  if ! node "$HERE/kafka-wait.js" "127.0.0.1:$PORT" 90; then
    echo "kafka: broker did not answer; last log lines:" >&2
    tail -30 "$LOG_FILE" >&2
    stop
    exit 1
  fi
  echo "kafka: broker ready on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"), log $LOG_FILE)"
}

stop() {
  if ! is_running; then rm -f "$PID_FILE"; echo "kafka: not running"; return; fi
  local pid; pid="$(cat "$PID_FILE")"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; echo "kafka: stopped"; return; }
    sleep 0.5
  done
  echo "kafka: broker did not stop in 30 s, killing" >&2
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"; else echo "stopped"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
