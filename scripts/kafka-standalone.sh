#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft, combined broker + controller) for local runs
# and CI on machines without Docker. The jars come from Maven Central through
# scripts/kafka/pom.xml, because that is the only artifact source we can rely on.
#
#   scripts/kafka-standalone.sh start                     broker on 127.0.0.1:9092
#   scripts/kafka-standalone.sh stop
#   scripts/kafka-standalone.sh consume TOPIC [TIMEOUT_S] print TOPIC from the beginning
#
# Environment:
#   OCTAVIA_KAFKA_WORK_DIR        config, data, log and pid file (default ./.octavia/kafka-standalone)
#   OCTAVIA_KAFKA_PORT            broker port (default 9092)
#   OCTAVIA_KAFKA_CONTROLLER_PORT controller port (default 9093)
#   OCTAVIA_KAFKA_START_TIMEOUT   seconds to wait for the broker (default 60)
#   JAVA_HOME                     JDK to run Kafka with (default: the Temurin 25 JDK)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LIBS="$ROOT/scripts/kafka/target/kafka-libs"
WORK_DIR=${OCTAVIA_KAFKA_WORK_DIR:-$ROOT/.octavia/kafka-standalone}
PORT=${OCTAVIA_KAFKA_PORT:-9092}
CONTROLLER_PORT=${OCTAVIA_KAFKA_CONTROLLER_PORT:-9093}
START_TIMEOUT=${OCTAVIA_KAFKA_START_TIMEOUT:-60}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
PID_FILE="$WORK_DIR/kafka.pid"
LOG_FILE="$WORK_DIR/kafka.log"

die() {
  echo "kafka-standalone: $*" >&2
  exit 1
}

usage() {
  die "usage: $0 start | stop | consume TOPIC [TIMEOUT_S]"
}

# Runs a Kafka main class with all fetched jars. LOG_LEVEL picks the log4j root
# level: the broker logs at INFO into its log file, the tools only warn on stderr
# so that stdout carries nothing but records.
kafka_java() {
  local level=$1
  shift
  "$JAVA" -cp "$LIBS/*" \
    -Dlog4j2.configurationFile="$WORK_DIR/log4j2.properties" \
    -Doctavia.kafka.log.level="$level" \
    "$@"
}

fetch_jars() {
  if compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null; then
    return
  fi
  echo "kafka-standalone: fetching Kafka jars into $LIBS"
  (cd "$ROOT" && ./mvnw -B -q -f scripts/kafka/pom.xml dependency:copy-dependencies) \
    || die "could not fetch the Kafka jars (see the Maven output above)"
}

is_running() {
  [[ -f $PID_FILE ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

write_config() {
  mkdir -p "$WORK_DIR/data"
  cat >"$WORK_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
log.dirs=$WORK_DIR/data
num.partitions=1
auto.create.topics.enable=true
# one node: every internal topic must live with a single replica
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  # The ConsoleConsumer logs its normal idle-timeout exit as an ERROR with a stack
  # trace; silence that one logger so a timeout does not look like a failure.
  cat >"$WORK_DIR/log4j2.properties" <<'EOF'
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = ${sys:octavia.kafka.log.level:-INFO}
rootLogger.appenderRef.err.ref = STDERR
logger.consoleconsumer.name = org.apache.kafka.tools.consumer.ConsoleConsumer
logger.consoleconsumer.level = OFF
EOF
}

# --standalone makes this node the only voter of the KRaft quorum (Kafka 4.1
# uses controller.quorum.bootstrap.servers, not controller.quorum.voters).
# A restart on the same work dir keeps its data and cluster id.
format_storage() {
  if [[ -f "$WORK_DIR/data/meta.properties" ]]; then
    return
  fi
  local cluster_id
  cluster_id=$(kafka_java WARN kafka.tools.StorageTool random-uuid)
  kafka_java WARN kafka.tools.StorageTool format --standalone \
    -t "$cluster_id" -c "$WORK_DIR/server.properties" >/dev/null
}

wait_for_port() {
  local deadline=$((SECONDS + START_TIMEOUT))
  until port_answers; do
    if ! is_running; then
      tail -n 50 "$LOG_FILE" >&2
      die "Kafka exited during start-up (log: $LOG_FILE)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 50 "$LOG_FILE" >&2
      die "Kafka did not answer on 127.0.0.1:$PORT within ${START_TIMEOUT}s (log: $LOG_FILE)"
    fi
    sleep 1
  done
}

start() {
  if is_running; then
    echo "kafka-standalone: already running (pid $(cat "$PID_FILE"))"
    return
  fi
  [[ -x $JAVA ]] || die "no java at $JAVA (set JAVA_HOME to a JDK 17 or newer)"
  if port_answers; then
    die "something else already listens on 127.0.0.1:$PORT"
  fi
  fetch_jars
  write_config
  format_storage
  # nohup + background: the broker must outlive the shell that started it.
  nohup "$JAVA" -Xms256m -Xmx512m -cp "$LIBS/*" \
    -Dlog4j2.configurationFile="$WORK_DIR/log4j2.properties" \
    kafka.Kafka "$WORK_DIR/server.properties" >"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  wait_for_port
  echo "kafka-standalone: started on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"), log $LOG_FILE)"
}

stop() {
  if ! is_running; then
    rm -f "$PID_FILE"
    echo "kafka-standalone: not running"
    return
  fi
  local pid deadline
  pid=$(cat "$PID_FILE")
  kill "$pid"
  # a controlled shutdown takes a few seconds; after 30 s stop waiting politely
  deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "kafka-standalone: pid $pid ignored SIGTERM, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
  done
  rm -f "$PID_FILE"
  echo "kafka-standalone: stopped"
}

# Prints every record of TOPIC as "headers<TAB>key<TAB>value", then exits once no
# new record arrived for TIMEOUT_S seconds.
consume() {
  local topic=${1:-}
  local timeout_s=${2:-10}
  [[ -n $topic ]] || usage
  [[ -f "$WORK_DIR/log4j2.properties" ]] || die "not started from $WORK_DIR (run start first)"
  port_answers || die "no broker answers on 127.0.0.1:$PORT"
  kafka_java WARN org.apache.kafka.tools.consumer.ConsoleConsumer \
    --bootstrap-server "127.0.0.1:$PORT" --topic "$topic" --from-beginning \
    --timeout-ms $((timeout_s * 1000)) \
    --property print.headers=true --property print.key=true
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  consume)
    shift
    consume "$@"
    ;;
  *) usage ;;
esac
