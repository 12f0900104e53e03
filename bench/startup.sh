#!/usr/bin/env bash
# Cold start to ready and heap after start, development mode (embedded servers).
#   bench/startup.sh [JAR] [RUNS] [JVM OPTIONS...]
#   bench/startup.sh core-api/target/aot/octavia-core.jar 3 -XX:AOTCache=core-api/target/aot/app.aot
# Each run starts the jar in a fresh working directory (so embedded PostgreSQL runs initdb:
# the coldest case), waits for /actuator/health/readiness, then reads the heap in use after a
# full GC with jcmd, and stops the application.
set -euo pipefail

JAR=$(realpath "${1:-core-api/target/octavia-core.jar}")
RUNS=${2:-3}
shift 2 || true
JVM_OPTIONS=("$@")
PORT=18280
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"

echo "options: ${JVM_OPTIONS[*]:-(none)}"
echo "jar: $JAR ($(du -h "$JAR" | cut -f1)), java: $("$JAVA" -version 2>&1 | head -1), cores: $(nproc)"
for run in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d /tmp/octavia-bench.XXXXXX)
  start=$(date +%s%N)
  (cd "$dir" && exec "$JAVA" "${JVM_OPTIONS[@]}" -jar "$JAR" --server.port=$PORT --octavia.embedded.postgres-port=0 \
      --octavia.embedded.redis-port=0 --octavia.embedded.kafka-port=0 --octavia.embedded.smtp-port=0 \
      > "$dir/app.log" 2>&1) &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" > /dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "run $run: application exited; see $dir/app.log"; exit 1; }
    if (( ($(date +%s%N) - start) / 1000000000 > 120 )); then echo "run $run: not ready in 120 s"; kill "$pid"; exit 1; fi
    sleep 0.1
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  jvm_pid=$(pgrep -f -- "-jar $JAR --server.port=$PORT" | head -1)
  "$JAVA_HOME/bin/jcmd" "$jvm_pid" GC.run > /dev/null
  heap_kb=$("$JAVA_HOME/bin/jcmd" "$jvm_pid" GC.heap_info | awk '/garbage-first heap|total/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K,?","",$(i+1)); print $(i+1); exit}}')
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$jvm_pid/status")
  echo "run $run: ready after ${ready_ms} ms, heap used after GC $((heap_kb / 1024)) MiB, process RSS $((rss_kb / 1024)) MiB"
  kill "$jvm_pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
done
