#!/usr/bin/env bash
# Ledger speed: the packaged application on the machine's own PostgreSQL (not the embedded
# one), a fresh database per run, measured through the HTTP API with a Java load generator
# (LedgerLoadGenerator.java: virtual threads, bare HTTP/1.1 keep-alive connections, HdrHistogram).
#   bench/ledger/run.sh [JAR] [SECONDS PER RUN]
#   STEPS="bulk single hot balance sql pgledger"  the steps to run (default: all)
#   POSTINGS=10000000                         postings loaded for the balance step
#   PGLEDGER_SQL=/path/to/pgledger.sql        run pgledger side by side (skipped when unset)
#   PGLEDGER_ULID_SQL=/path/to/uuid-to-ulid.sql   the uuid_to_ulid function pgledger.sql needs
#   PGHOST=127.0.0.1 PGPORT=5432 PGSUPERUSER=postgres   the PostgreSQL server (trust or .pgpass)
#   REDIS_HOST=127.0.0.1 REDIS_PORT=6379      the Redis server
#   KEEP_DB=1                                 keep the databases afterwards
#   SEAL_WATCH=60                             seconds to watch the sealer take the loaded entries (balance step)
#   SEAL_CATCH_UP=900                         at most this long to wait for the sealer to finish them
#   HOLD=1                                    keep the application running at the end (profiling)
#   APP_ARGS="--some.property=value"          more arguments for the application
#   WAL_COMPRESSION=lz4                       full-page images in the WAL compressed, for the bench
#                                             database only (ALTER DATABASE … SET; the server's
#                                             setting is left alone); default: the server's
# Build first: ./mvnw -B -q package -DskipTests (core-api/target/octavia-core.jar).
#
# What it does, step by step:
#  0. As the superuser: roles ledgerbench_owner (owns the database, runs Flyway) and
#     ledgerbench_app (what the application connects as: no superuser, no BYPASSRLS), and a
#     new database ledgerbench_<pid>, dropped at the end.
#  1. Starts the jar with spring.datasource.url on that database and Redis at
#     REDIS_HOST:REDIS_PORT; Kafka (the outbox's destination) and SMTP stay embedded. API rate
#     limits are raised so that they are checked but never refuse. BenchLedgerAuthenticator.java
#     is compiled next to the unpacked jar and added with the launcher's loader.path:
#     x-bench-operator is an operator who may create tenants, x-bench-credential: <tenant> a
#     caller of that tenant with ledger:read/write/admin (a credential that costs nothing to
#     check, so the numbers are the ledger's).
#  2. Creates a tenant through POST /api/v1/tenants and waits until it is active, then four
#     ledgers through the API: bulk (1,000 accounts), single (50), hot (2), history (1,000).
#  3. bulk: closed loop of atomic bulks of 1,000 two-posting entries, each on a random pair of
#     the 1,000 accounts, 1 and 2 connections → entries/s (goal ≥ 5,000).
#  4. single: POST …/entries at a constant arrival rate of 1,000/s over 50 accounts (open
#     loop: latency from the time each request was due, so a stall counts for every request
#     it delays — corrected for coordinated omission) → achieved rate, p50/p99/p99.9 (goal
#     ≥ 1,000/s with p99 ≤ 25 ms); then closed loop with 16 connections → the maximum.
#  5. hot: closed loop, 16 connections, every entry on the same two accounts → entries/s, p99
#     (goal ≥ 800/s).
#  6. balance: loads POSTINGS postings (history.sql: synthetic rows shaped like the
#     application's, straight into the tables, consistent totals checked at the end) into the
#     history ledger, ANALYZE, watches the application's chain sealer take them for SEAL_WATCH
#     seconds (60; reports its rate), then GET …/accounts/{id}/balance?asOf=T&axis=effective|recorded
#     at random accounts, times and axes, 1 connection → p50/p99 (goal p99 ≤ 5 ms) while the
#     sealer still works through the loaded backlog, and again once it has caught up (waits at
#     most SEAL_CATCH_UP seconds, 900; live writes are sealed as they come); and the SQL
#     probe alone with pgbench as the application role (with the tenant setting, so row-level
#     security applies as in the application) plus one EXPLAIN ANALYZE per axis.
#  7. sql: one entry's SQL alone — the statements the application sends for a single entry
#     (entry.sql), replayed with pgbench as the application role, 20 clients, over the 50
#     accounts and over the hot pair, without and with the outbox's statement (the
#     event_publication insert; completions are written in bulk, one statement per 100 ms):
#     what PostgreSQL can do for our transaction shape, next to pgledger's.
#  8. pgledger (when PGLEDGER_SQL is set): loads pgledger.sql into a spare database
#     ledgerbench_pgledger_<pid> and runs pgledger_create_transfer between random pairs with
#     pgbench, 20 clients, SECONDS seconds, over 50, 10 and 2 accounts — the same server
#     as ours, in the same run. pgledger is third-party code (github.com/pgr0ss/pgledger)
#     and is not part of this repository: take pgledger.sql from its root and uuid-to-ulid.sql
#     from its vendor/scoville-pgsql-ulid (github.com/scoville/pgsql-ulid).
# Every step prints the load average first: the machine may be shared. The workloads of steps
# 3–6 also print the CPU time per entry of the application, of the database's PostgreSQL
# backends and of the load generator (from /proc): steadier than rates on a shared machine.
# In step 4 the open loop never sends late: what is still unsent when the time is up (at most
# 1,000 requests in flight) is counted and reported.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$(realpath "${1:-core-api/target/octavia-core.jar}")
SECONDS_PER_RUN=${2:-30}
WARMUP=${WARMUP:-10}
STEPS=${STEPS-bulk single hot balance sql pgledger}
POSTINGS=${POSTINGS:-10000000}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGSUPERUSER=${PGSUPERUSER:-postgres}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
PORT=${PORT:-18395}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
command -v psql > /dev/null || { echo "psql is missing: apt-get install postgresql-client"; exit 1; }
command -v pgbench > /dev/null || { echo "pgbench is missing: apt-get install postgresql-contrib"; exit 1; }
export PGHOST PGPORT
db=ledgerbench_$$
pgledger_db=ledgerbench_pgledger_$$
pgsu() { psql -X -v ON_ERROR_STOP=1 -U "$PGSUPERUSER" "$@"; }
step() { echo; echo "== $1 ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"; }
wants() { [[ " $STEPS " == *" $1 "* ]]; }
# CPU time (clock ticks of 10 ms) of the PostgreSQL backends of a database, by process title
backend_ticks() {
  local total=0 pid
  for pid in $(pgrep -f "^postgres: .* $1 " || true); do
    total=$(( total + $(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$pid/stat" 2> /dev/null || echo 0) ))
  done
  echo $total
}
commits() { pgsu -d postgres -tAc "SELECT xact_commit FROM pg_stat_database WHERE datname = '$1'"; }

work=$(mktemp -d /tmp/octavia-ledger-bench.XXXXXX)
app=
cleanup() {
  status=$?
  if [ -f "$work/app.log" ]; then
    cp "$work/app.log" /tmp/ledger-bench-app.log
    [ "$status" -eq 0 ] || echo "failed ($status): the application's log is in /tmp/ledger-bench-app.log"
  fi
  if [ -n "$app" ]; then
    kill "$app" 2> /dev/null || true
    # a graceful stop (or one still starting) may take long: 30 s, then for good
    for _ in $(seq 1 30); do kill -0 "$app" 2> /dev/null || break; sleep 1; done
    kill -9 "$app" 2> /dev/null || true
    wait "$app" 2> /dev/null || true
  fi
  if [ -z "${KEEP_DB:-}" ]; then
    pgsu -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP DATABASE IF EXISTS $pgledger_db WITH (FORCE)" > /dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# compile the authenticator against the jar, the load generator against HdrHistogram
(cd "$work" && "$JAVA_HOME/bin/jar" xf "$JAR" BOOT-INF)
classpath="$work/BOOT-INF/classes:$work/BOOT-INF/lib/*"
mkdir "$work/bench-classes" "$work/load-classes"
"$JAVA_HOME/bin/javac" -proc:none -cp "$classpath" -d "$work/bench-classes" "$HERE/BenchLedgerAuthenticator.java"
hdr=$(ls "$work"/BOOT-INF/lib/HdrHistogram-*.jar ~/.m2/repository/org/hdrhistogram/HdrHistogram/*/HdrHistogram-*.jar 2> /dev/null | head -1 || true)
[ -n "$hdr" ] || { echo "HdrHistogram not found"; exit 1; }
"$JAVA_HOME/bin/javac" -cp "$hdr" -d "$work/load-classes" "$HERE/LedgerLoadGenerator.java"

step "0. database $db on $PGHOST:$PGPORT"
pgsu -q -d postgres > /dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledgerbench_owner') THEN CREATE ROLE ledgerbench_owner; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledgerbench_app') THEN CREATE ROLE ledgerbench_app; END IF;
END \$\$;
ALTER ROLE ledgerbench_owner WITH LOGIN PASSWORD 'ledgerbench' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
ALTER ROLE ledgerbench_app WITH LOGIN PASSWORD 'ledgerbench' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
CREATE DATABASE $db OWNER ledgerbench_owner;
REVOKE ALL ON DATABASE $db FROM PUBLIC;
GRANT CONNECT ON DATABASE $db TO ledgerbench_app;
SQL
if [ -n "${WAL_COMPRESSION:-}" ]; then
  pgsu -q -d postgres -c "ALTER DATABASE $db SET wal_compression = '$WAL_COMPRESSION'" > /dev/null
fi
echo "PostgreSQL $(pgsu -d postgres -tAc 'SHOW server_version'), shared_buffers $(pgsu -d postgres -tAc 'SHOW shared_buffers'), autovacuum $(pgsu -d postgres -tAc 'SHOW autovacuum')," \
  "synchronous_commit $(pgsu -d postgres -tAc 'SHOW synchronous_commit'), max_wal_size $(pgsu -d postgres -tAc 'SHOW max_wal_size')," \
  "wal_compression $(pgsu -d "$db" -tAc 'SHOW wal_compression'); java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1);" \
  "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

step "1. starting the application"
(cd "$work" && exec "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -Dloader.path="$work/bench-classes" -cp "$JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --server.port=$PORT \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
    --spring.datasource.username=ledgerbench_app --spring.datasource.password=ledgerbench \
    --spring.flyway.user=ledgerbench_owner --spring.flyway.password=ledgerbench \
    --spring.data.redis.host="$REDIS_HOST" --spring.data.redis.port="$REDIS_PORT" \
    --octavia.embedded.persistent=false --octavia.embedded.kafka-port=0 --octavia.embedded.smtp-port=0 \
    --logging.level.root=WARN \
    --octavia.gateway.rate-limits.default-plan.tenant.requests=1000000000 \
    --octavia.gateway.rate-limits.default-plan.credential.requests=1000000000 \
    --octavia.gateway.rate-limits.limit-anonymous=false ${APP_ARGS:-} \
    > "$work/app.log" 2>&1) &
app=$!
base="http://127.0.0.1:$PORT"
started=$(date +%s)
until curl -sf -o /dev/null "$base/actuator/health/readiness"; do
  kill -0 "$app" 2> /dev/null || { cat "$work/app.log"; echo "the application exited"; exit 1; }
  [ $(( $(date +%s) - started )) -lt 300 ] || { tail -50 "$work/app.log"; echo "not ready after 300 s"; exit 1; }
  sleep 1
done
echo "ready after $(( $(date +%s) - started )) s"

step "2. tenant, ledgers and accounts"
tenant=$(curl -sf -X POST -H "x-bench-operator: bench" -H "Content-Type: application/json" \
  -d "{\"slug\":\"ledger-bench-$$\",\"name\":\"Ledger benchmark\",\"defaultLocale\":\"en\",\"timeZone\":\"UTC\",\"defaultCurrency\":\"EUR\"}" \
  "$base/api/v1/tenants" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') \
  || { echo "POST /api/v1/tenants failed"; exit 1; }
for _ in $(seq 1 60); do
  status=$(curl -sf -H "x-bench-operator: bench" "$base/api/v1/tenants/$tenant" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [ "$status" = "active" ] && break
  sleep 1
done
[ "$status" = "active" ] || { echo "tenant $tenant is $status, not active"; exit 1; }
sleep 6 # the gateway caches a tenant's status for up to octavia.gateway.cache-ttl (5 s)
load() { "$JAVA_HOME/bin/java" -cp "$work/load-classes:$hdr" io.octavia.core.bench.LedgerLoadGenerator "$base" "$tenant" "$@"; }
# the workloads also report the CPU time per entry of the application, of our database's
# PostgreSQL backends and of the load generator (steadier than rates on a shared machine)
measure() { load "$@" appPid="$app" database="$db"; }
load setup code=bulk accounts=1000 out="$work/bulk.ids"
load setup code=single accounts=50 out="$work/single.ids"
load setup code=hot accounts=2 out="$work/hot.ids"
load setup code=hist accounts=1000 out="$work/hist.ids"
# Fresh tables have no statistics until autovacuum analyzes them, and this machine's
# PostgreSQL runs with autovacuum off: planned on "a tenant has 6 accounts", the writer's
# account UPDATE scanned all of the tenant's 2,052 accounts on every write. Analyze the
# accounts once, as autovacuum would have done by now on a production server — but not the
# still empty entries and postings: "analyzed, 0 rows" makes the first plans of the
# postings' foreign-key check a sequential scan, which each connection then keeps (without
# autovacuum nothing analyzes them again): 9.7 ms per posting insert after a few thousand.
pgsu -q -d "$db" -c "ANALYZE ledger, ledger_account"
echo "tenant $tenant; every run below after a ${WARMUP} s warm-up of the same load, then ${SECONDS_PER_RUN} s measured"

if wants bulk; then
  for connections in 1 2; do
    step "3. bulk, $connections connection(s)"
    measure bulk ids="$work/bulk.ids" seconds="$SECONDS_PER_RUN" warmup="$WARMUP" connections=$connections size=1000
  done
fi

if wants single; then
  step "4a. single entries at 1,000/s"
  measure single ids="$work/single.ids" seconds="$SECONDS_PER_RUN" warmup="$WARMUP" rate=1000
  step "4b. single entries, closed loop"
  measure single ids="$work/single.ids" seconds="$SECONDS_PER_RUN" warmup="$WARMUP" connections=16
fi

if wants hot; then
  step "5. hot pair, closed loop"
  measure single ids="$work/hot.ids" seconds="$SECONDS_PER_RUN" warmup="$WARMUP" connections=16
fi

if wants balance; then
  step "6a. loading $POSTINGS postings into the history ledger"
  hist_ledger=$(head -1 "$work/hist.ids")
  entries=$(( POSTINGS / 2 ))
  start_ms=1735689600000 # 2025-01-01T00:00:00Z
  step_ms=5000
  loaded=$(date +%s)
  pgsu -q -d "$db" -v tenant="$tenant" -v ledger="$hist_ledger" -v entries="$entries" \
    -v start="'2025-01-01 00:00:00Z'" -v step_ms=$step_ms -f "$HERE/history.sql"
  echo "loaded in $(( $(date +%s) - loaded )) s; table sizes: $(pgsu -d "$db" -tAc "SELECT string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)), ', ') FROM pg_class WHERE relname IN ('ledger_entry', 'ledger_posting')")"
  end_ms=$(( start_ms + entries * step_ms ))
  # the loaded entries are not in the hash chain yet: the application's sealer takes them
  # in the background (5 million at once, far more than a production backlog), competing
  # with the balance reads; measure its rate for SEAL_WATCH seconds, then go on. For balance
  # numbers without it: APP_ARGS="--octavia.ledger.chain.enabled=false"
  step "6a'. the chain sealer on the loaded entries, for ${SEAL_WATCH:-60} s"
  before=$(pgsu -d "$db" -tAc "SELECT (SELECT count(*) FROM ledger_entry) - (SELECT count(*) FROM ledger_chain_link)")
  sleep "${SEAL_WATCH:-60}"
  after=$(pgsu -d "$db" -tAc "SELECT (SELECT count(*) FROM ledger_entry) - (SELECT count(*) FROM ledger_chain_link)")
  echo "sealed $(( before - after )) entries in ${SEAL_WATCH:-60} s ($(( (before - after) / ${SEAL_WATCH:-60} ))/s); $after still unsealed"
  step "6b. balance as of a time, through the API"
  measure balance ids="$work/hist.ids" seconds="$SECONDS_PER_RUN" warmup="$WARMUP" connections=1 from=$start_ms to=$end_ms
  # the loaded entries arrived all at once and unsealed; written through the API they would
  # have been sealed as they came: measure again once the sealer has caught up
  step "6b'. waiting for the sealer to catch up (at most ${SEAL_CATCH_UP:-900} s)"
  caught_up() {
    pgsu -d "$db" -tAc "SELECT coalesce((SELECT last_seq FROM ledger_chain WHERE tenant_id = '$tenant'), 0)
                          >= (SELECT max(seq) FROM ledger_entry WHERE tenant_id = '$tenant')"
  }
  waited=0
  until [ "$(caught_up)" = t ] || [ "$waited" -ge "${SEAL_CATCH_UP:-900}" ]; do sleep 10; waited=$(( waited + 10 )); done
  if [ "$(caught_up)" = t ]; then
    echo "every entry sealed after $waited more seconds"
    step "6b''. balance as of a time, through the API, everything sealed"
    measure balance ids="$work/hist.ids" seconds="$SECONDS_PER_RUN" warmup="$WARMUP" connections=1 from=$start_ms to=$end_ms
  else
    echo "the sealer has not caught up after $waited s: no second measurement"
  fi
  step "6c. the SQL probe alone (pgbench as the application role, 1 client)"
  for axis in effective recorded; do
    if [ $axis = effective ]; then prefix=eff; else prefix=after; fi
    cat > "$work/probe-$axis.sql" <<SQL
\set a random(0, 999)
\set t random(0, $(( entries * step_ms / 1000 - 1 )))
SELECT ${prefix}_posted_debits, ${prefix}_posted_credits, ${prefix}_pending_debits, ${prefix}_pending_credits, account_version
FROM ledger_posting
WHERE tenant_id = '$tenant'
  AND account_id = (SELECT account_id FROM ledger_account WHERE tenant_id = '$tenant' AND ledger_id = '$hist_ledger'
                    AND code = 'hist-' || lpad(:a::text, 5, '0'))
  AND ${axis}_at <= timestamptz '2025-01-01 00:00:00Z' + :t * interval '1 second'
ORDER BY ${axis}_at DESC, account_version DESC LIMIT 1;
SQL
    (cd "$work" && PGOPTIONS="-c app.tenant_id=$tenant" pgbench -n -U ledgerbench_app -c 1 -T 10 -l --log-prefix="probe-$axis" \
      -f "probe-$axis.sql" "$db" > "probe-$axis.out" 2>&1) || { cat "$work/probe-$axis.out"; exit 1; }
    cat "$work"/probe-$axis.*[0-9] | awk '{print $3}' | sort -n | awk -v axis=$axis \
      '{v[NR]=$1} END {printf "SQL probe, %-9s axis: %d probes, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms\n", axis, NR, v[int(NR*0.5)]/1000, v[int(NR*0.99)]/1000, v[int(NR*0.999)]/1000}'
  done
  account=$(sed -n 500p "$work/hist.ids")
  for axis in effective recorded; do
    if [ $axis = effective ]; then prefix=eff; else prefix=after; fi
    echo "EXPLAIN (ANALYZE, BUFFERS), $axis axis, as the application role:"
    PGOPTIONS="-c app.tenant_id=$tenant" psql -X -U ledgerbench_app -d "$db" -tAc "EXPLAIN (ANALYZE, BUFFERS)
      SELECT ${prefix}_posted_debits, ${prefix}_posted_credits, ${prefix}_pending_debits, ${prefix}_pending_credits, account_version
      FROM ledger_posting WHERE tenant_id = '$tenant' AND account_id = '$account' AND ${axis}_at <= timestamptz '2025-03-01 12:00:00Z'
      ORDER BY ${axis}_at DESC, account_version DESC LIMIT 1" | sed 's/^/  /'
  done
fi

if wants sql; then
  step "7. one entry's SQL alone (bench/ledger/entry.sql with pgbench as the application role, 20 clients)"
  for ids in single hot; do
    ledger=$(head -1 "$work/$ids.ids")
    accounts="{$(tail -n +2 "$work/$ids.ids" | paste -sd,)}"
    n=$(( $(wc -l < "$work/$ids.ids") - 1 ))
    lockkey=$(python3 -c "import uuid; u = uuid.UUID('$ledger').int; x = (u >> 64) ^ (u & (2**64 - 1)); print(x - 2**64 if x >= 2**63 else x)")
    for outbox in 0 1; do
      pgbench -n -M prepared -U ledgerbench_app -c 20 -j 2 -T "$SECONDS_PER_RUN" -f "$HERE/entry.sql" -D tenant="$tenant" \
        -D ledger="$ledger" -D lockkey="$lockkey" -D n="$n" -D accounts="$accounts" -D outbox=$outbox "$db" \
        > "$work/pgbench.out" 2>&1 || { cat "$work/pgbench.out"; exit 1; }
      echo "$n accounts, outbox statements $([ $outbox = 1 ] && echo on || echo off) ($(cut -d' ' -f1-3 /proc/loadavg)): $(grep -E '^tps' "$work/pgbench.out" | cut -d' ' -f1-3) entries/s," \
        "$(grep -E 'latency average' "$work/pgbench.out"), failed $(grep -E 'number of failed' "$work/pgbench.out" | cut -d: -f2 | xargs)"
    done
  done
fi

if wants pgledger; then
  if [ -z "${PGLEDGER_SQL:-}" ]; then
    echo; echo "== 7. pgledger: skipped (set PGLEDGER_SQL=/path/to/pgledger.sql)"
  else
    step "8. pgledger side by side (database $pgledger_db)"
    pgsu -q -d postgres -c "CREATE DATABASE $pgledger_db" > /dev/null
    if [ -n "${PGLEDGER_ULID_SQL:-}" ]; then
      pgsu -q -d "$pgledger_db" -f "$PGLEDGER_ULID_SQL" > /dev/null
    fi
    pgsu -q -d "$pgledger_db" --single-transaction -f "$PGLEDGER_SQL" > /dev/null
    # the application's side holds still meanwhile: the app is idle
    for accounts in 50 10 2; do
      pgsu -q -d "$pgledger_db" > /dev/null <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_account;
CREATE TABLE bench_account AS
SELECT n, (SELECT id FROM pgledger_create_account('acct-' || n, 'USD')) AS id FROM generate_series(1, $accounts) AS n;
ALTER TABLE bench_account ADD PRIMARY KEY (n);
VACUUM ANALYZE;
SQL
      cat > "$work/pgledger-$accounts.sql" <<SQL
\set from random(1, $accounts)
\set offset random(1, $(( accounts - 1 )))
\set amount random(1, 4294967295)
SELECT id FROM pgledger_create_transfer((SELECT id FROM bench_account WHERE n = :from),
  (SELECT id FROM bench_account WHERE n = (:from - 1 + :offset) % $accounts + 1), :amount);
SQL
      echo "pgledger, $accounts accounts, pgbench -c 20 -j 2 -T $SECONDS_PER_RUN ($(cut -d' ' -f1-3 /proc/loadavg)):"
      commits_before=$(commits "$pgledger_db")
      pgbench -n -U "$PGSUPERUSER" -c 20 -j 2 -T "$SECONDS_PER_RUN" -f "$work/pgledger-$accounts.sql" "$pgledger_db" \
        > "$work/pgbench.out" 2>&1 &
      bench=$!
      # the backends exit with pgbench: read their CPU time a second before the end
      sleep $(( SECONDS_PER_RUN - 1 ))
      cpu=$(backend_ticks "$pgledger_db")
      commits_after=$(commits "$pgledger_db")
      wait $bench || { cat "$work/pgbench.out"; exit 1; }
      grep -E "number of transactions actually processed|number of failed|latency average|^tps" "$work/pgbench.out" | sed 's/^/  /'
      echo "  PostgreSQL CPU per transfer: $(python3 -c "print(f'{$cpu * 10 / max($commits_after - $commits_before, 1):.3f} ms')")" \
        "($(( commits_after - commits_before )) commits in the first $(( SECONDS_PER_RUN - 1 )) s)"
    done
  fi
fi
step "done"
if [ -n "${HOLD:-}" ]; then
  # for profiling: the application keeps running with its data until it is stopped
  echo "HOLD: application pid $app at $base, tenant $tenant, account files in $work, database $db"
  wait "$app"
fi
