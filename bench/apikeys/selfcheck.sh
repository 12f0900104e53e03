#!/usr/bin/env bash
# Checks the load generator of bench/apikeys without the application: StubServer.java (an
# independent implementation of the agreed checks: API key, digest, HMAC, time window, nonce
# used once) answers 200 only to correct requests; two rounds of the three modes must get no
# other answer, and a wrong signing secret must be refused.
#   bench/apikeys/selfcheck.sh [CLIENT_JAR] [SECONDS] [CONNECTIONS]
# Build the client first: ./mvnw -B -q -pl octavia-client install -DskipTests
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CLIENT_JAR=${1:-$(ls "$ROOT"/octavia-client/target/octavia-client-*.jar 2> /dev/null | grep -v -e sources -e tests | head -1 || true)}
[ -f "$CLIENT_JAR" ] || { echo "the client's jar is missing: ./mvnw -B -q -pl octavia-client install -DskipTests"; exit 1; }
CLIENT_JAR=$(realpath "$CLIENT_JAR")
SECONDS_PER_RUN=${2:-2}
CONNECTIONS=${3:-4}
PORT=${PORT:-18389}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
# HdrHistogram (a dependency of Micrometer, so in the local repository after any build of the application)
HDR_JAR=${HDR_JAR:-$(ls ~/.m2/repository/org/hdrhistogram/HdrHistogram/*/HdrHistogram-*.jar 2> /dev/null | sort -V | tail -1 || true)}
[ -f "$HDR_JAR" ] || { echo "HdrHistogram is missing: set HDR_JAR or build the application once"; exit 1; }

work=$(mktemp -d /tmp/octavia-apikeys-selfcheck.XXXXXX)
trap 'kill "$stub" 2> /dev/null || true; wait "$stub" 2> /dev/null || true; rm -rf "$work"' EXIT
"$JAVA_HOME/bin/javac" -cp "$CLIENT_JAR:$HDR_JAR" -d "$work/classes" "$HERE/ApiKeyLoadGenerator.java"
"$JAVA_HOME/bin/java" "$HERE/StubServer.java" "$PORT" > "$work/stub.log" 2>&1 &
stub=$!
until grep -q "^key=" "$work/stub.log"; do
  kill -0 "$stub" 2> /dev/null || { cat "$work/stub.log"; echo "the stub server exited"; exit 1; }
  sleep 0.2
done
export OCTAVIA_API_KEY=$(sed -n 's/^key=\([^ ]*\) .*/\1/p' "$work/stub.log")
export OCTAVIA_SIGNING_SECRET=$(sed -n 's/.* secret=\(.*\)$/\1/p' "$work/stub.log")
status=0
"$JAVA_HOME/bin/java" -cp "$work/classes:$CLIENT_JAR:$HDR_JAR" io.octavia.core.bench.ApiKeyLoadGenerator \
  "http://127.0.0.1:$PORT" "$SECONDS_PER_RUN" "$CONNECTIONS" 2 1 \
  none=/api/v1/meta key=/api/v1/whoami signed=/api/v1/whoami | tee "$work/runs" || status=1
[ "$(grep -cE "non-2xx 0( |$)" "$work/runs")" = 6 ] || status=1
# a request the stub must refuse: the same key with a wrong signing secret
if OCTAVIA_SIGNING_SECRET="octsig_$(printf '0%.0s' $(seq 43))" "$JAVA_HOME/bin/java" \
    -cp "$work/classes:$CLIENT_JAR:$HDR_JAR" io.octavia.core.bench.ApiKeyLoadGenerator \
    "http://127.0.0.1:$PORT" 1 1 1 0 signed=/api/v1/whoami > /dev/null 2> "$work/refused"; then
  echo "a wrong signing secret was accepted"; status=1
elif grep -q "signature_invalid" "$work/refused"; then
  echo "wrong signing secret: refused (signature_invalid)"
else
  cat "$work/refused"; status=1
fi
[ "$status" = 0 ] && echo "self-check passed" || echo "self-check FAILED"
exit "$status"
