#!/usr/bin/env bash
# Event-loop lag of the user API while 50 logins run concurrently (bcrypt cost 12, real Redis + DynamoDB gateway).
# Usage: scripts/bench/login-lag.sh [rounds=4] [concurrency=50] [bcryptThreads]
# Env: BENCH_NICE=-10 runs the JVM at a higher priority (root only) to shield it from other work on a shared box;
#      BENCH_JAVA_OPTS adds JVM options (e.g. -Xlog:gc:file=/tmp/gc.log).
# Prints login latencies, event-loop lag p50/p99/max under load and a 5 s idle baseline; exit 1 if lag p99 >= 10 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE=$(mktemp)
mvn -B -q -o -pl verticles/user-api -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="$(cat "$CP_FILE"):verticles/user-api/target/classes"
rm -f "$CP_FILE"
exec ${BENCH_NICE:+nice -n $BENCH_NICE} java -Xmx1g ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=scripts/bench/logback-bench.xml -cp "$CP" scripts/bench/LoginLagBench.java "$@"
