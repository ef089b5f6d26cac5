#!/usr/bin/env bash
# Nearby vendors and the cached menu read: the platform (user API + order engine + geo index) against a bare Vert.x
# server on the same Redis, loaded by wrk (same connections, same run, alternating), after seeding vendors straight
# into the store with seed-vendors.js and checking answers against brute force. Needs wrk (apt-get install wrk) and
# Node.js 20 (the DynamoDB gateway). Starts its own Redis and gateway on free ports; never touches 6379.
# Usage: scripts/bench/nearby.sh [counts=10000,100000] [seconds=15] [connections=32] [rounds=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
CP_FILE=$(mktemp)
mvn -B -q -o -pl tests/platform-kit -am compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
CP="$(cat "$CP_FILE"):tests/platform-kit/target/classes"
rm -f "$CP_FILE"
exec timeout 1800 java -Xmx2g -Dlogback.configurationFile=scripts/bench/logback-bench.xml -cp "$CP" \
  scripts/bench/NearbyBench.java "$@"
