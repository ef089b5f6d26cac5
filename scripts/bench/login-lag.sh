#!/usr/bin/env bash
# Event-loop lag of the user API while 50 logins run concurrently (bcrypt cost 12, real Redis + DynamoDB gateway).
# Usage: scripts/bench/login-lag.sh [rounds=4] [concurrency=50] [bcryptThreads]
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE=$(mktemp)
mvn -B -q -o -pl verticles/user-api -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="$(cat "$CP_FILE"):verticles/user-api/target/classes"
rm -f "$CP_FILE"
exec java -Xmx1g -Dlogback.configurationFile=scripts/bench/logback-bench.xml -cp "$CP" scripts/bench/LoginLagBench.java "$@"
