#!/usr/bin/env bash
# The authorization server and the JWT check, on one run of the packaged application:
#  1. the gateway's JWT validation hot path in isolation (JwtValidationBench.java, per-call p50..p99.9);
#  2. client-credentials throughput of the token endpoint (wrk -t2 -c16, one machine client);
#  3. the same trivial endpoint (GET /api/v1/meta) anonymous, with a non-JWT credential and with a
#     bearer JWT, in alternating rounds: what authentication adds to a request.
#   bench/auth/run.sh [JAR] [SECONDS PER RUN] [ROUNDS]
# Needs wrk (apt-get install wrk) and python3.
set -euo pipefail

JAR=$(realpath "${1:-core-api/target/octavia-core.jar}")
SECONDS_PER_RUN=${2:-20}
ROUNDS=${3:-3}
PORT=18381
HERE=$(cd "$(dirname "$0")" && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }

work=$(mktemp -d /tmp/octavia-auth-bench.XXXXXX)
trap 'kill "$app" 2> /dev/null || true; wait "$app" 2> /dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && "$JAVA_HOME/bin/jar" xf "$JAR" BOOT-INF)
classpath="$work/BOOT-INF/classes:$work/BOOT-INF/lib/*"

echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), cores: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$JAVA_HOME/bin/java" -cp "$classpath" "$HERE/JwtValidationBench.java" 50000

mkdir "$work/bench-classes"
"$JAVA_HOME/bin/javac" -proc:none -cp "$classpath" -d "$work/bench-classes" "$HERE/BenchAuthenticator.java"
base="http://127.0.0.1:$PORT"
(cd "$work" && exec "$JAVA_HOME/bin/java" -Dloader.path="$work/bench-classes" -cp "$JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --server.port=$PORT --octavia.security.issuer="$base" --octavia.embedded.persistent=false \
    --octavia.embedded.postgres-port=0 --octavia.embedded.redis-port=0 --octavia.embedded.kafka-port=0 \
    --octavia.embedded.smtp-port=0 --logging.level.root=WARN --logging.level.io.octavia.core.server.seed=INFO \
    --octavia.gateway.rate-limits.default-plan.tenant.requests=1000000000 \
    --octavia.gateway.rate-limits.default-plan.credential.requests=1000000000 ${APP_ARGS:-} \
    > "$work/app.log" 2>&1) &
app=$!
until grep -q "Seed data" "$work/app.log"; do
  kill -0 "$app" 2> /dev/null || { cat "$work/app.log"; echo "the application exited"; exit 1; }
  sleep 0.5
done
tenant=$(grep -o "tenant demo ([0-9a-f-]*)" "$work/app.log" | grep -o "[0-9a-f-]\{36\}")
client=$(curl -sf -X POST -H "x-bench-credential: $tenant" -H "Content-Type: application/json" \
  -d '{"name":"bench","scopes":["clients:manage","ledger:read"]}' "$base/api/v1/machine-clients")
export CLIENT_ID=$(echo "$client" | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientId"])')
export CLIENT_SECRET=$(echo "$client" | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientSecret"])')
token=$(curl -sf -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$base/oauth2/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base/api/v1/machine-clients" \
  || { echo "the bearer token was refused"; exit 1; }

summary() { # name; reads wrk --latency output
  awk -v name="$1" '
    /^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2} /Requests\/sec/ {rps=$2} /^non-200/ {bad=$3}
    END {printf "%-16s p50 %8s  p90 %8s  p99 %8s  %9s req/s  non-200 %s\n", name, p50, p90, p99, rps, bad}'
}

echo "token endpoint: wrk -t2 -c16 -d${SECONDS_PER_RUN}s, client_credentials, 3 runs after a 10 s warm-up"
wrk -t2 -c16 -d10s -s "$HERE/token.lua" "$base/oauth2/token" > /dev/null
for round in 1 2 3; do
  wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/token.lua" "$base/oauth2/token" | summary "token endpoint"
done

url="$base/api/v1/meta"
echo "GET /api/v1/meta: wrk -t1 -c1 -d${SECONDS_PER_RUN}s, $ROUNDS rounds after a warm-up"
token=$(curl -sf -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$base/oauth2/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
wrk -t1 -c1 -d10s "$url" > /dev/null
wrk -t1 -c1 -d10s -H "x-bench-credential: $tenant" "$url" > /dev/null
wrk -t1 -c1 -d10s -H "Authorization: Bearer $token" "$url" > /dev/null
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency "$url" | summary "anonymous"
  wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency -H "x-bench-credential: $tenant" "$url" | summary "test credential"
  wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $token" "$url" | summary "bearer JWT"
done
