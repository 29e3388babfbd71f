#!/bin/sh
# Builds the shaded benchmarks jar and runs JMH with the given arguments, e.g.
#   bench/run-jmh.sh 'AllowedIps.*' -f1 -wi 2 -i 3
#   bench/run-jmh.sh -l                      (list benchmarks)
# Footprint (JOL):  bench/run-jmh.sh --footprint
set -eu
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -pl bench -am package -DskipTests
fi
JAR=bench/target/benchmarks.jar
if [ "${1:-}" = "--footprint" ]; then
  shift
  exec "$JAVA_HOME/bin/java" -Xmx8g -Djdk.attach.allowAttachSelf=true -XX:+EnableDynamicAgentLoading "$@" \
    -cp "$JAR" dev.keyroute.bench.TrieFootprint
fi
exec "$JAVA_HOME/bin/java" -jar "$JAR" "$@"
