#!/usr/bin/env bash
# The operator's tenant list under benchmark data: starts the packaged jar (development mode,
# embedded servers), seeds TENANTS tenants with 3 brands each and RECORDS sealed audit records
# (bench/data/seed.sql, straight into its PostgreSQL as the owner role), then times the list as
# the operator console page and as GET /api/v1/tenants with wrk: the first page, a prefix
# search, a status filter and a page deep in the list (by cursor).
#   bench/data/run.sh [JAR] [TENANTS] [RECORDS] [SECONDS PER RUN] [CONNECTIONS]
# Needs wrk and psql (apt-get install wrk postgresql-client). Until operators sign in,
# BenchOperatorAuthenticator.java (x-bench-operator: an operator with tenants:read) is compiled
# next to the unpacked jar and added with the launcher's loader.path. The seed alone, against
# any running instance: psql "postgresql://octavia_owner:PASSWORD@HOST:PORT/octavia"
#   -v tenants=10000 -v records=1000000 -f bench/data/seed.sql
set -euo pipefail

JAR=$(realpath "${1:-core-api/target/octavia-core.jar}")
TENANTS=${2:-10000}
RECORDS=${3:-1000000}
SECONDS_PER_RUN=${4:-20}
CONNECTIONS=${5:-1}
PORT=18390
PG_PORT=${PG_PORT:-15490}
HERE=$(cd "$(dirname "$0")" && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
command -v psql > /dev/null || { echo "psql is missing: apt-get install postgresql-client"; exit 1; }

work=$(mktemp -d /tmp/octavia-tenant-list-bench.XXXXXX)
trap 'kill "$app" 2> /dev/null || true; wait "$app" 2> /dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && "$JAVA_HOME/bin/jar" xf "$JAR" BOOT-INF)
classpath="$work/BOOT-INF/classes:$work/BOOT-INF/lib/*"
mkdir "$work/bench-classes"
"$JAVA_HOME/bin/javac" -proc:none -cp "$classpath" -d "$work/bench-classes" "$HERE/BenchOperatorAuthenticator.java"

(cd "$work" && exec "$JAVA_HOME/bin/java" -Dloader.path="$work/bench-classes" -cp "$JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --server.port=$PORT --octavia.embedded.persistent=false --octavia.embedded.postgres-port="$PG_PORT" \
    --octavia.embedded.redis-port=0 --octavia.embedded.kafka-port=0 --octavia.embedded.smtp-port=0 \
    --logging.level.root=WARN --logging.level.io.octavia.core.server.seed=INFO \
    --logging.level.octavia.audit.cross-tenant=WARN \
    --octavia.gateway.rate-limits.default-plan.tenant.requests=1000000000 \
    --octavia.gateway.rate-limits.default-plan.credential.requests=1000000000 ${APP_ARGS:-} \
    > "$work/app.log" 2>&1) &
app=$!
until grep -q "Seed data" "$work/app.log"; do
  kill -0 "$app" 2> /dev/null || { cat "$work/app.log"; echo "the application exited"; exit 1; }
  sleep 0.5
done
db="postgresql://octavia_owner:octavia@localhost:$PG_PORT/octavia"
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), cores: $(nproc), $(psql "$db" -tAc 'SHOW server_version') PostgreSQL"
echo "seeding $TENANTS tenants, 3 brands each, $RECORDS audit records"
start=$(date +%s)
psql "$db" -q -v tenants="$TENANTS" -v records="$RECORDS" -f "$HERE/seed.sql" | grep -v "^Time: " || true
echo "seeded in $(( $(date +%s) - start )) s"

base="http://127.0.0.1:$PORT"
operator=(-H "x-bench-operator: bench" -H "Accept: text/html")
api=(-H "x-bench-operator: bench" -H "Accept: application/json")
curl -sf -o /dev/null "${operator[@]}" "$base/admin/tenants" || { echo "the console page failed"; exit 1; }
# the seeded chains are valid: the application's own verification walks one of them
first=$(psql "$db" -tAc "SET app.cross_tenant = 'on'; SELECT tenant_id FROM tenant WHERE slug = 'bench-00001'" | tail -1)
curl -sf "${operator[@]}" -H "HX-Request: true" "$base/admin/audit/verification?tenant=$first" | grep -q "alert-success" \
  && echo "audit chain of bench-00001: intact (verified by the application)" \
  || { echo "audit chain of bench-00001: NOT intact"; exit 1; }
# a cursor deep in the list: the page after the 99th tenant of those numbered from TENANTS/2 on
middle=$(curl -s "${api[@]}" "$base/api/v1/tenants?limit=99&q=bench-$(printf '%05d' $(( TENANTS / 2 )) | cut -c1-3)" \
  | grep -o '"nextCursor":"[^"]*"' | cut -d'"' -f4 || true)
[ -n "$middle" ] || { echo "no cursor in the middle of the list"; exit 1; }
declare -a names=("first page" "prefix search" "status filter" "page by cursor")
declare -a queries=("" "q=bench-0421" "status=suspended" "cursor=$middle")
echo "wrk: 1 thread, $CONNECTIONS connections, ${SECONDS_PER_RUN}s per run after a 10s warm-up each"
for i in "${!names[@]}"; do
  for target in "/admin/tenants" "/api/v1/tenants"; do
    url="$base$target?${queries[$i]}"
    if [ "$target" = "/admin/tenants" ]; then headers=("${operator[@]}"); else headers=("${api[@]}"); fi
    curl -sf -o /dev/null "${headers[@]}" "$url" || { echo "GET $url failed"; exit 1; }
    wrk -t1 -c"$CONNECTIONS" -d10s "${headers[@]}" "$url" > /dev/null
    printf "%-16s %-16s " "$target" "${names[$i]}"
    wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "${headers[@]}" -s "$HERE/percentiles.lua" "$url" | tail -1
  done
done
