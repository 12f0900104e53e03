#!/usr/bin/env bash
# What the gateway adds to a request: one run of the application, the same trivial endpoint
# (GET /api/v1/meta) asked anonymously (request id only) and with a credential (authentication,
# tenant status, brand resolution, rate limit in Redis, context binding), in alternating rounds
# so that both see the same machine.
#   bench/gateway/run.sh [JAR] [ROUNDS] [SECONDS PER RUN] [CONNECTIONS]
#   APP_ARGS="--some.property=value" bench/gateway/run.sh   (more arguments for the application)
# Needs wrk (apt-get install wrk). To measure the gateway rather than a credential's own
# verification, BenchAuthenticator.java — a credential that names a tenant — is compiled next to
# the unpacked jar; the rate limits are raised so that they are checked but never refuse, and
# the per-address limit of anonymous requests is off, so the anonymous baseline has no gateway work.
set -euo pipefail

JAR=$(realpath "${1:-core-api/target/octavia-core.jar}")
ROUNDS=${2:-3}
SECONDS_PER_RUN=${3:-20}
CONNECTIONS=${4:-1}
PORT=18380
HERE=$(cd "$(dirname "$0")" && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }

work=$(mktemp -d /tmp/octavia-gateway-bench.XXXXXX)
trap 'kill "$app" 2> /dev/null || true; wait "$app" 2> /dev/null || true; rm -rf "$work"' EXIT
# unpacked only to compile against
(cd "$work" && "$JAVA_HOME/bin/jar" xf "$JAR" BOOT-INF)
classpath="$work/BOOT-INF/classes:$work/BOOT-INF/lib/*"
mkdir "$work/bench-classes"
"$JAVA_HOME/bin/javac" -proc:none -cp "$classpath" -d "$work/bench-classes" "$HERE/BenchAuthenticator.java"

# the jar itself, with the benchmark's class added through the launcher's loader.path
(cd "$work" && exec "$JAVA_HOME/bin/java" -Dloader.path="$work/bench-classes" -cp "$JAR" \
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
# the demo tenant of the seed data; its brand demo-labs owns labs.demo.localhost
tenant=$(grep -o "tenant demo ([0-9a-f-]*)" "$work/app.log" | grep -o "[0-9a-f-]\{36\}")
url="http://127.0.0.1:$PORT/api/v1/meta"
curl -sf -o /dev/null -H "x-bench-credential: $tenant" "$url" || { echo "authenticated request failed"; exit 1; }
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), cores: $(nproc), tenant: $tenant"
echo "wrk: 1 thread, $CONNECTIONS connections, ${SECONDS_PER_RUN}s per run, $ROUNDS rounds after a warm-up"

run() { # name, extra wrk arguments
  local name=$1; shift
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" "$url" \
    | awk -v name="$name" '
        /^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2} /Requests\/sec/ {rps=$2}
        END {printf "%-14s p50 %8s  p90 %8s  p99 %8s  %9s req/s\n", name, p50, p90, p99, rps}'
}
# warm-up: JIT, caches, connection pools
wrk -t1 -c"$CONNECTIONS" -d10s "$url" > /dev/null
wrk -t1 -c"$CONNECTIONS" -d10s -H "x-bench-credential: $tenant" "$url" > /dev/null
wrk -t1 -c"$CONNECTIONS" -d10s -H "x-bench-credential: $tenant" -H "Host: labs.demo.localhost" "$url" > /dev/null
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  run "anonymous"
  run "gateway"      -H "x-bench-credential: $tenant"
  run "gateway+host" -H "x-bench-credential: $tenant" -H "Host: labs.demo.localhost"
done
# of which the rate limit's round trip to Redis (mean over every checked request, warm-up included)
curl -s "http://127.0.0.1:$PORT/actuator/prometheus" | awk '
  /^octavia_gateway_rate_limit_check_seconds_count/ {n=$2} /^octavia_gateway_rate_limit_check_seconds_sum/ {s=$2}
  END {if (n > 0) printf "rate limit check in Redis: mean %.0f us over %d requests\n", s / n * 1e6, n}'
