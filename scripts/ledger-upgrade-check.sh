#!/usr/bin/env bash
# Ledger upgrade check: entries written and sealed into the hash chain by an older jar, then a
# newer jar migrates the same database, verifies the chain (same head hash) and goes on
# sealing. On the machine's PostgreSQL, with the ledger benchmark's roles (bench/ledger/run.sh
# creates them) and its bench authenticator.
#   scripts/ledger-upgrade-check.sh OLD_JAR NEW_JAR
# e.g. an older jar from a worktree:
#   git worktree add /tmp/old <commit> && (cd /tmp/old && ./mvnw -B -q -DskipTests package)
set -euo pipefail
OLD=$(realpath "$1"); NEW=$(realpath "$2"); HERE=$(cd "$(dirname "$0")/../bench/ledger" && pwd)
key=$(openssl rand -base64 32) # one master key for both runs
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PGHOST=127.0.0.1 PGPORT=5432
db=upgrade_$$; work=$(mktemp -d); PORT=18411; base=http://127.0.0.1:$PORT
app=
cleanup() {
  [ -z "$app" ] || { kill "$app" 2> /dev/null; wait "$app" 2> /dev/null || true; }
  psql -X -q -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -X -q -U postgres -d postgres -c "CREATE DATABASE $db OWNER ledgerbench_owner" -c "GRANT CONNECT ON DATABASE $db TO ledgerbench_app"
(cd "$work" && $JAVA_HOME/bin/jar xf "$NEW" BOOT-INF)
mkdir "$work/bench-classes" "$work/load-classes"
$JAVA_HOME/bin/javac -proc:none -cp "$work/BOOT-INF/classes:$work/BOOT-INF/lib/*" -d "$work/bench-classes" "$HERE/BenchLedgerAuthenticator.java"
hdr=$(ls "$work"/BOOT-INF/lib/HdrHistogram-*.jar | head -1)
$JAVA_HOME/bin/javac -cp "$hdr" -d "$work/load-classes" "$HERE/LedgerLoadGenerator.java"
start() {
  (cd "$work" && exec $JAVA_HOME/bin/java -Dloader.path="$work/bench-classes" -cp "$1" org.springframework.boot.loader.launch.PropertiesLauncher \
    --server.port=$PORT --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db" \
    --spring.datasource.username=ledgerbench_app --spring.datasource.password=ledgerbench \
    --spring.flyway.user=ledgerbench_owner --spring.flyway.password=ledgerbench \
    --octavia.embedded.persistent=false --octavia.embedded.kafka-port=0 --octavia.embedded.smtp-port=0 \
    --octavia.security.master-key=$key --logging.level.root=WARN --octavia.ledger.write-timeout=1s --octavia.ledger.chain.margin=3s --octavia.ledger.chain.interval=1s \
    > "$work/app-$2.log" 2>&1) &
  app=$!
  until curl -sf -o /dev/null "$base/actuator/health/readiness"; do kill -0 $app || { tail -30 "$work/app-$2.log"; exit 1; }; sleep 1; done
}
verify() { curl -sf -X POST -H "x-bench-credential: $tenant" "$base/api/v1/ledgers/chain/verification"; echo; }
start "$OLD" old
tenant=$(curl -sf -X POST -H "x-bench-operator: bench" -H "Content-Type: application/json" \
  -d "{\"slug\":\"upgrade-$$\",\"name\":\"Upgrade\",\"defaultLocale\":\"en\",\"timeZone\":\"UTC\",\"defaultCurrency\":\"EUR\"}" \
  "$base/api/v1/tenants" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
sleep 8
load() { $JAVA_HOME/bin/java -cp "$work/load-classes:$hdr" io.octavia.core.bench.LedgerLoadGenerator "$base" "$tenant" "$@"; }
load setup code=up accounts=4 out="$work/ids"
load single ids="$work/ids" seconds=3 warmup=0 connections=2
sleep 8
echo "old jar:"; verify
kill $app; wait $app || true; app=
start "$NEW" new
echo "new jar, after the migration:"; verify
load single ids="$work/ids" seconds=3 warmup=0 connections=2
sleep 8
echo "new jar, more entries sealed:"; verify
psql -X -U postgres -d $db -tAc "SELECT (SELECT count(*) FROM ledger_entry), (SELECT count(*) FROM ledger_chain_link), (SELECT last_position || '/' || last_seq FROM ledger_chain)"
