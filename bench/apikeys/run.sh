#!/usr/bin/env bash
# What an API key and a request signature add to a request: one run of the application, the same
# trivial endpoint (GET /api/v1/meta, the public discovery document) asked without a credential,
# with an API key and with an API key plus an RFC 9421 signature, in alternating rounds so that all
# three see the same machine. With a credential the gateway authenticates the request even on a
# public endpoint (the generator checks that the answer names the key's tenant in x-tenant-id). wrk cannot compute an HMAC per request, so all three modes go
# through one Java load generator (ApiKeyLoadGenerator.java: virtual threads, java.net.http over
# HTTP/1.1, the client's RequestSigner signing every request anew, HdrHistogram).
#   bench/apikeys/run.sh [JAR] [CLIENT_JAR] [ROUNDS] [SECONDS PER RUN] [CONNECTIONS]
#   AUTH_PATH=/api/v1/whoami bench/apikeys/run.sh   (key and signed on an endpoint that needs the key)
#   APP_ARGS="--some.property=value" bench/apikeys/run.sh   (more arguments for the application)
#   JVM_ARGS="-XX:StartFlightRecording=filename=/tmp/app.jfr" bench/apikeys/run.sh   (for its JVM)
#   MODES="key signed" bench/apikeys/run.sh   (some of none, key, signed; all three by default)
# Build first: ./mvnw -B -q install -DskipTests (the application jar and octavia-client's jar).
# The script creates two keys through the API (POST /api/v1/api-keys, "signing": false and true,
# response fields key and signingSecret) as the demo tenant of the seed data; BenchAuthenticator.java (x-bench-credential: <tenant id>, with
# keys:manage) is compiled next to the unpacked jar for that. Rate limits are raised so that they
# are checked but never refuse, and the per-address limit of anonymous requests is off.
# Needs python3. bench/apikeys/selfcheck.sh checks the load generator without the application.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=$(realpath "${1:-core-api/target/octavia-core.jar}")
CLIENT_JAR=${2:-$(ls "$ROOT"/octavia-client/target/octavia-client-*.jar 2> /dev/null | grep -v -e sources -e tests | head -1 || true)}
[ -f "$CLIENT_JAR" ] || { echo "the client's jar is missing: ./mvnw -B -q -pl octavia-client install -DskipTests"; exit 1; }
CLIENT_JAR=$(realpath "$CLIENT_JAR")
ROUNDS=${3:-3}
SECONDS_PER_RUN=${4:-20}
CONNECTIONS=${5:-1}
NONE_PATH=${NONE_PATH:-/api/v1/meta}
AUTH_PATH=${AUTH_PATH:-/api/v1/meta}
PORT=18382
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

work=$(mktemp -d /tmp/octavia-apikeys-bench.XXXXXX)
trap 'kill "$app" 2> /dev/null || true; wait "$app" 2> /dev/null || true; rm -rf "$work"' EXIT
# unpacked only to compile against
(cd "$work" && "$JAVA_HOME/bin/jar" xf "$JAR" BOOT-INF)
classpath="$work/BOOT-INF/classes:$work/BOOT-INF/lib/*"
mkdir "$work/bench-classes" "$work/load-classes"
"$JAVA_HOME/bin/javac" -proc:none -cp "$classpath" -d "$work/bench-classes" "$HERE/BenchAuthenticator.java"
# HdrHistogram comes with the application (Micrometer's); else from the local Maven repository
hdr=$(ls "$work"/BOOT-INF/lib/HdrHistogram-*.jar ~/.m2/repository/org/hdrhistogram/HdrHistogram/*/HdrHistogram-*.jar 2> /dev/null | head -1 || true)
[ -n "$hdr" ] || { echo "HdrHistogram not found"; exit 1; }
load_classpath="$work/load-classes:$CLIENT_JAR:$hdr"
"$JAVA_HOME/bin/javac" -cp "$CLIENT_JAR:$hdr" -d "$work/load-classes" "$HERE/ApiKeyLoadGenerator.java"

(cd "$work" && exec "$JAVA_HOME/bin/java" ${JVM_ARGS:-} -Dloader.path="$work/bench-classes" -cp "$JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --server.port=$PORT --octavia.embedded.persistent=false --octavia.embedded.postgres-port=0 \
    --octavia.embedded.redis-port=0 --octavia.embedded.kafka-port=0 --octavia.embedded.smtp-port=0 \
    --logging.level.root=WARN --logging.level.io.octavia.core.server.seed=INFO \
    --octavia.gateway.rate-limits.default-plan.tenant.requests=1000000000 \
    --octavia.gateway.rate-limits.default-plan.credential.requests=1000000000 \
    --octavia.gateway.rate-limits.limit-anonymous=false ${APP_ARGS:-} \
    > "$work/app.log" 2>&1) &
app=$!
# the seed runs once the application is ready
until grep -q "Seed data" "$work/app.log"; do
  kill -0 "$app" 2> /dev/null || { cat "$work/app.log"; echo "the application exited"; exit 1; }
  sleep 0.5
done
tenant=$(grep -o "tenant demo ([0-9a-f-]*)" "$work/app.log" | grep -o "[0-9a-f-]\{36\}")
base="http://127.0.0.1:$PORT"
# two keys of the demo tenant: one without signing (mode key; a key with a signing secret must
# sign) and one with signing (mode signed); the same scope, tenant:read
create_key() { # name signing
  curl -sf -X POST -H "x-bench-credential: $tenant" -H "Content-Type: application/json" \
    -d "{\"name\":\"$1\",\"scopes\":[\"tenant:read\"],\"signing\":$2}" "$base/api/v1/api-keys" \
    || { echo "POST /api/v1/api-keys failed" >&2; exit 1; }
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
plain=$(create_key bench-key false)
signing=$(create_key bench-signed true)
export OCTAVIA_API_KEY=$(echo "$plain" | field key)
export OCTAVIA_SIGNING_API_KEY=$(echo "$signing" | field key)
export OCTAVIA_SIGNING_SECRET=$(echo "$signing" | field signingSecret)
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), cores: $(nproc), tenant: $tenant, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load: $CONNECTIONS connection(s), ${SECONDS_PER_RUN}s per run, $ROUNDS rounds after a warm-up;" \
  "none: GET $NONE_PATH, key and signed: GET $AUTH_PATH"

# per connection count one JVM: a 10 s warm-up of each mode (JIT, caches, connection pools, the
# keys' cache entries), then the rounds; each mode first sends one checked request and stops on a
# refusal. CONNECTIONS may be a list ("1,8"): 1 measures latency, more the throughput of the
# saturated machine.
runs=()
for mode in ${MODES:-none key signed}; do
  if [ "$mode" = none ]; then runs+=("none=$NONE_PATH"); else runs+=("$mode=$AUTH_PATH"); fi
done
for connections in ${CONNECTIONS//,/ }; do
  echo "$connections connection(s):"
  "$JAVA_HOME/bin/java" -cp "$load_classpath" io.octavia.core.bench.ApiKeyLoadGenerator \
    "$base" "$SECONDS_PER_RUN" "$connections" "$ROUNDS" 10 \
    "${runs[@]}"
done
