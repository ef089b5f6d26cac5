#!/usr/bin/env bash
# Zero-downtime benchmark (issue 20): a caller node puts steady load on the bus (reads, money writes with an
# idempotency key, writes that are not idempotent; 24 loops) while two engine nodes, each in its own JVM and driven
# by the launcher's own deployment and SIGTERM code, are re-scaled 1 -> 4 -> 1 twice, restarted one by one (SIGTERM,
# restart), then one of them is killed with kill -9. Prints requests, failures, p99 and max latency per phase, the
# requests in flight at the kill and the money writes applied (each at most once). Bounded: 15 minutes at most.
# usage: scripts/bench/zero-downtime.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
timeout 900 mvn -B -q -o -pl launcher -am test -Dtest=ZeroDowntimeTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dreeyo.bench.zeroDowntime=true || status=$?
grep -h '^zero-downtime:' launcher/target/surefire-reports/cm.reeyo.launcher.ZeroDowntimeTest-output.txt || true
exit "${status:-0}"
