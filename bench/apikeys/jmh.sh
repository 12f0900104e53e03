#!/usr/bin/env bash
# JMH micro-benchmarks of the API-key hot paths (jmh/io/octavia/core/gateway/ApiKeyBenchmarks.java):
# the cached key check, the signature verification of a 1 KiB body, both as the gateway runs
# them, and the Redis round trip of the nonce store. Compiled against the unpacked application
# jar (the gateway's own classes, no copy), JMH from the local Maven repository.
#   bench/apikeys/jmh.sh [JAR] [JMH OPTIONS...]     e.g. bench/apikeys/jmh.sh core-api/target/octavia-core.jar -f 1 -i 5
# Defaults: SampleTime in µs, 1 fork, 3 × 2 s warm-up, 5 × 2 s measurement (JMH_OPTS to change).
# Build first: ./mvnw -B -q package -DskipTests. JMH 1.37 is fetched into ~/.m2 if missing.
# nonceRedis needs a Redis at REDIS_HOST:REDIS_PORT (127.0.0.1:6379); it leaves keys
# octavia:sig-nonce:<random key id>:… that expire after 900 s, as the application's do.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=$(realpath "${1:-$ROOT/core-api/target/octavia-core.jar}")
shift || true
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
M2=${M2_REPO:-$HOME/.m2/repository}
JMH_VERSION=1.37

jmh_core=$M2/org/openjdk/jmh/jmh-core/$JMH_VERSION/jmh-core-$JMH_VERSION.jar
jmh_ap=$M2/org/openjdk/jmh/jmh-generator-annprocess/$JMH_VERSION/jmh-generator-annprocess-$JMH_VERSION.jar
if [ ! -f "$jmh_core" ] || [ ! -f "$jmh_ap" ]; then
  for artifact in jmh-core jmh-generator-annprocess; do
    JAVA_HOME=$JAVA_HOME "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -N dependency:get \
      -Dartifact=org.openjdk.jmh:$artifact:$JMH_VERSION > /dev/null
  done
fi
jopt=$(ls "$M2"/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar)
math=$(ls "$M2"/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar)
jmh="$jmh_core:$jopt:$math"

work=$(mktemp -d /tmp/octavia-apikeys-jmh.XXXXXX)
trap 'rm -rf "$work"' EXIT
(cd "$work" && "$JAVA_HOME/bin/jar" xf "$JAR" BOOT-INF)
classpath="$work/BOOT-INF/classes:$work/BOOT-INF/lib/*"
mkdir "$work/classes"
"$JAVA_HOME/bin/javac" -cp "$classpath:$jmh" -processorpath "$jmh_ap:$jmh" -d "$work/classes" \
  $(find "$HERE/jmh" -name '*.java')

echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), cores: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# the forked JVM inherits this class path (java.class.path, with the lib/* wildcard expanded)
"$JAVA_HOME/bin/java" -cp "$work/classes:$classpath:$jmh" org.openjdk.jmh.Main \
  ${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s} -bm sample -tu us "$@" 'ApiKeyBenchmarks'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
