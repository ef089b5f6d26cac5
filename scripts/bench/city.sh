#!/usr/bin/env bash
# Lifecycle benchmark through the public APIs on the running dev platform (scripts/run): runs the city simulator
# (scripts/simulate, every option passed through) and samples, every SAMPLE_SECONDS (30), the resident memory of
# every dev process (.dev/*.pid: the node, the DynamoDB gateway, Redis, the fakes), the dev store's size on disk and
# the load average, into .dev/bench-city-<time>.csv. The simulator's summary gives orders/min, p50/p99 per step and
# the money checks; its exit status is this script's.
# usage: scripts/bench/city.sh [scripts/simulate options]   e.g. --rate 30 --minutes 10 --quiet
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
[[ -f $DEV/node-all-in-one.pid ]] && alive "$DEV/node-all-in-one.pid" || die "start the dev platform first: scripts/run"
csv="$DEV/bench-city-$(date -u +%Y%m%dT%H%M%S).csv"
echo "utc,seconds,load1,node_rss_mb,dynamodb_rss_mb,redis_rss_mb,fakes_rss_mb,store_disk_mb" >"$csv"
rss() { local f="$DEV/$1.pid"; alive "$f" && awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$(cat "$f")/status" || echo ""; }
sample() {
  local t0=$SECONDS
  while :; do
    echo "$(date -u +%H:%M:%S),$((SECONDS - t0)),$(cut -d' ' -f1 /proc/loadavg),$(rss node-all-in-one),$(rss dynamodb),$(rss redis),$(rss fakes),$(du -sm "$DEV/dynamo-data" 2>/dev/null | cut -f1)" >>"$csv"
    sleep "${SAMPLE_SECONDS:-30}"
  done
}
sample &
sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT
status=0
"$ROOT/scripts/simulate" "$@" || status=$?
kill "$sampler" 2>/dev/null || true
echo "$(date -u +%H:%M:%S),end,$(cut -d' ' -f1 /proc/loadavg),$(rss node-all-in-one),$(rss dynamodb),$(rss redis),$(rss fakes),$(du -sm "$DEV/dynamo-data" 2>/dev/null | cut -f1)" >>"$csv"
say "samples: ${csv#"$ROOT"/}"
column -s, -t <"$csv" >&2 || cat "$csv" >&2
exit "$status"
