#!/usr/bin/env bash
# Load benchmark of the socket bridge on one node: starts BridgeBenchNode (bridge + Redis + stand-in order engine),
# then the Node driver with N sockets. Usage: scripts/bench/bridge.sh [sockets=5000] [riders=1000] [intervalMs=2000] [seconds=60]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SOCKETS="${1:-5000}"; RIDERS="${2:-1000}"; INTERVAL="${3:-2000}"; SECONDS_="${4:-60}"
NODE_DIR="$ROOT/verticles/socket-bridge/src/test/node"
[ -d "$NODE_DIR/node_modules/sockjs-client" ] || (cd "$NODE_DIR" && npm ci --no-audit --no-fund)
cd "$ROOT"
mvn -B -q -o -pl verticles/socket-bridge -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="verticles/socket-bridge/target/test-classes:verticles/socket-bridge/target/classes:$(cat verticles/socket-bridge/target/bench.classpath)"
for m in bus-contracts verticles/edge-kit verticles/storage-kit testkit; do CP="$m/target/classes:$CP"; done
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ulimit -n 65536 2>/dev/null || true
LOG="$(mktemp)"
java -Xms512m -Xmx1g -XX:+UseG1GC -cp "$CP" cm.reeyo.bridge.BridgeBenchNode "$PORT" "$((SOCKETS - RIDERS))" "$RIDERS" >"$LOG" 2>&1 &
NODE_PID=$!
trap 'kill $NODE_PID 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 120); do grep -q '"ready":true' "$LOG" && break; sleep 0.5; done
grep -q '"ready":true' "$LOG" || { cat "$LOG"; exit 1; }
node "$ROOT/scripts/bench/bridge-load.js" "http://127.0.0.1:$PORT" "test-only-secret-test-only-secret-0123456789" \
  "$SOCKETS" "$RIDERS" "$INTERVAL" "$SECONDS_"
