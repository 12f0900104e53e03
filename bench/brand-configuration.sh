#!/usr/bin/env bash
# Cost of BrandManagement.configuration(BrandId): the first call (resolved from PostgreSQL
# along brand → tenant → platform defaults) and cached calls (a map read plus the scope
# check), in one JVM against the embedded servers.
#   bench/brand-configuration.sh
# Runs the measuring test BrandConfigurationIntegrationTests#aCachedConfigurationCostsMicroseconds
# and prints its result line.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q install -DskipTests
./mvnw -B -pl core-api verify -Dtest='BrandConfigurationIntegrationTests#aCachedConfigurationCostsMicroseconds' \
    -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true | grep '^brand-configuration:'
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), cores: $(nproc)"
