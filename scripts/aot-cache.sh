#!/usr/bin/env bash
# Faster starts on JDK 25: extract the jar and record an AOT cache (JEP 483/514/515) from a
# training run that starts the application up to a refreshed context and exits.
#   scripts/aot-cache.sh [JAR]      (default core-api/target/octavia-core.jar)
# Then start with:
#   java -XX:AOTCache=core-api/target/aot/app.aot -jar core-api/target/aot/octavia-core.jar
# The cache belongs to that JDK and that jar: record it again after a rebuild.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JAR=${1:-core-api/target/octavia-core.jar}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=core-api/target/aot
WORK=$(mktemp -d /tmp/octavia-aot.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

rm -rf "$OUT"
"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$OUT" > /dev/null
# the training run uses throw-away embedded servers on free ports, in a scratch directory
(cd "$WORK" && "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$OLDPWD/$OUT/app.aot" -Dspring.context.exit=onRefresh \
  -jar "$OLDPWD/$OUT/octavia-core.jar" --octavia.embedded.persistent=false --octavia.embedded.postgres-port=0 \
  --octavia.embedded.redis-port=0 --octavia.embedded.kafka-port=0 --octavia.embedded.smtp-port=0 \
  --server.port=0 > "$WORK/training.log" 2>&1) || { tail -50 "$WORK/training.log"; exit 1; }
echo "AOT cache: $OUT/app.aot ($(du -h "$OUT/app.aot" | cut -f1))"
echo "start with: java -XX:AOTCache=$OUT/app.aot -jar $OUT/octavia-core.jar"
