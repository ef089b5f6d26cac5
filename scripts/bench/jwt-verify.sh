#!/usr/bin/env bash
# Token checking cost: JwtCodec (vertx-auth-jwt) against the former hand-written HS256 check, in the same JVM run.
# Usage: scripts/bench/jwt-verify.sh [rounds=5] [tokensPerRound=200000]
# Prints ns per verification for both and the ratio (JwtCodec / hand-written) per round and as a median.
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE=$(mktemp)
mvn -B -q -o -pl verticles/edge-kit -am compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
CP="$(cat "$CP_FILE"):verticles/edge-kit/target/classes"
rm -f "$CP_FILE"
exec java -Xmx512m -Dlogback.configurationFile=scripts/bench/logback-bench.xml -cp "$CP" scripts/bench/JwtVerifyBench.java "$@"
