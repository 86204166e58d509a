#!/usr/bin/env bash
# Several voicebot instances behind Kamailio's dispatcher, all writing call records to one
# PostgreSQL, on this machine (docs/scaling.md says how the same pieces spread over hosts):
#
#   scripts/cluster.sh start K   PostgreSQL 15 (a cluster of its own in $VOICEBOT_CLUSTER_DIR),
#                                Kamailio with docker/kamailio/dispatcher.cfg on 127.0.0.1:5060,
#                                and K instances of app/target/voicebot.jar on 127.0.0.2, .3, ...
#   scripts/cluster.sh restart   rolling restart: each instance in turn is drained (POST
#                                /api/drain: new calls go to the others, its calls finish), exits,
#                                starts again and is back in rotation before the next one goes
#   scripts/cluster.sh status    each piece, where it listens, and Kamailio's view of the instances
#   scripts/cluster.sh stop      drains and stops the instances, then Kamailio and PostgreSQL (the
#                                records stay in $VOICEBOT_CLUSTER_DIR/postgres for the next start)
#
# Settings (environment), with their defaults:
#   VOICEBOT_CLUSTER_DIR=/tmp/voicebot-cluster   state, logs, records database, recordings
#   VOICEBOT_CLUSTER_PROXY=127.0.0.1:5060        where Kamailio listens (UDP) for callers
#   VOICEBOT_CLUSTER_SIP_PORT=5060               each instance's SIP port, on its own address
#   VOICEBOT_CLUSTER_FIRST_ADDRESS=2             instance i listens on 127.0.0.(FIRST_ADDRESS+i-1)
#   VOICEBOT_CLUSTER_RTP_BASE=20000              instance i: RTP RTP_BASE+(i-1)*RTP_SPAN ..
#   VOICEBOT_CLUSTER_RTP_SPAN=1000                 .. RTP_BASE+i*RTP_SPAN-1 (one even port per call)
#   VOICEBOT_CLUSTER_HTTP_BASE=8081              instance i: HTTP HTTP_BASE+i-1 on its address
#   VOICEBOT_CLUSTER_FESTIVAL_BASE=1401          instance i: Festival server FESTIVAL_BASE+i-1
#   VOICEBOT_CLUSTER_PG_PORT=5433                PostgreSQL on 127.0.0.1
#   VOICEBOT_CLUSTER_PING=2                      seconds between Kamailio's OPTIONS probes
#   VOICEBOT_CLUSTER_DRAIN_TIMEOUT=30s           how long a drained instance's calls may go on
#   VOICEBOT_CLUSTER_BUILD=1                     0: use the existing app/target/voicebot.jar
# Extra arguments after K are passed to every instance (Spring properties, e.g.
# --voicebot.calls.max-concurrent=4).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
source scripts/env.sh

DIR=${VOICEBOT_CLUSTER_DIR:-/tmp/voicebot-cluster}
PROXY=${VOICEBOT_CLUSTER_PROXY:-127.0.0.1:5060}
SIP_PORT=${VOICEBOT_CLUSTER_SIP_PORT:-5060}
FIRST_ADDRESS=${VOICEBOT_CLUSTER_FIRST_ADDRESS:-2}
RTP_BASE=${VOICEBOT_CLUSTER_RTP_BASE:-20000}
RTP_SPAN=${VOICEBOT_CLUSTER_RTP_SPAN:-1000}
HTTP_BASE=${VOICEBOT_CLUSTER_HTTP_BASE:-8081}
FESTIVAL_BASE=${VOICEBOT_CLUSTER_FESTIVAL_BASE:-1401}
PG_PORT=${VOICEBOT_CLUSTER_PG_PORT:-5433}
PING=${VOICEBOT_CLUSTER_PING:-2}
DRAIN_TIMEOUT=${VOICEBOT_CLUSTER_DRAIN_TIMEOUT:-30s}
PG_BIN=/usr/lib/postgresql/15/bin
JAR=$REPO/app/target/voicebot.jar

die() { echo "cluster.sh: $*" >&2; exit 1; }
say() { echo "cluster.sh: $*" >&2; }

# PostgreSQL refuses to run as root: as root its commands run as the postgres system user.
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

address() { echo "127.0.0.$((FIRST_ADDRESS + $1 - 1))"; }
http_url() { echo "http://$(address "$1"):$((HTTP_BASE + $1 - 1))"; }
bot_pid() { cat "$DIR/bot-$1.pid" 2>/dev/null || true; }
alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }
instances() { cat "$DIR/instances" 2>/dev/null || echo 0; }

# Waits (bounded) until a command succeeds; says so and fails when the time is up.
await() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      say "gave up after ${seconds}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

healthy() { curl -fsS --max-time 2 "$(http_url "$1")/actuator/health" 2>/dev/null | grep -q '"UP"'; }

kamcmd_ds() { kamcmd -s "unix:$DIR/kamailio/kamailio_ctl" dispatcher.list 2>/dev/null; }

# The dispatcher flags of instance $1: AP = in rotation, IP = out until it answers a probe 200.
ds_flags() {
  kamcmd_ds | awk -v uri="sip:$(address "$1"):$SIP_PORT" '
    $1 == "URI:" { current = $2 } $1 == "FLAGS:" && current == uri { print $2; exit }'
}
in_rotation() { [[ $(ds_flags "$1") == AP ]]; }

start_postgres() {
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  if [[ ! -d "$DIR/postgres/data" ]]; then
    mkdir -p "$DIR/postgres"
    if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$DIR/postgres"; fi
    as_postgres "$PG_BIN/initdb" -D "$DIR/postgres/data" -U voicebot -A trust -E UTF8 --locale=C >"$DIR/postgres-init.log"
  fi
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$DIR/postgres/data" status >/dev/null 2>&1; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/postgres/data" -l "$DIR/postgres/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $DIR/postgres -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U voicebot -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'voicebot'" | grep -q 1 \
    || as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U voicebot voicebot
}

start_kamailio() {
  local k=$1
  mkdir -p "$DIR/kamailio"
  {
    echo "# setid destination flags priority attributes (written by scripts/cluster.sh)"
    for ((i = 1; i <= k; i++)); do
      echo "1 sip:$(address "$i"):$SIP_PORT 0 0 duid=bot-$i"
    done
  } >"$DIR/kamailio/dispatcher.list"
  kamailio -f docker/kamailio/dispatcher.cfg -D -E -m 64 -M 8 -Y "$DIR/kamailio" \
    -A "LISTEN=udp:$PROXY" -A "DS_LIST=\"$DIR/kamailio/dispatcher.list\"" -A "DS_PING_INTERVAL=$PING" \
    >"$DIR/kamailio.log" 2>&1 &
  echo $! >"$DIR/kamailio.pid"
  await 15 "Kamailio on $PROXY" test -S "$DIR/kamailio/kamailio_ctl" \
    || die "Kamailio did not start: $(tail -5 "$DIR/kamailio.log")"
}

start_bot() {
  local i=$1; shift
  local addr; addr=$(address "$i")
  mkdir -p "$DIR/bot-$i" "$DIR/recordings"
  # Each instance in a directory of its own; the recordings directory is shared, as it would be on
  # a shared volume, so that any instance serves any call's recording.
  (cd "$DIR/bot-$i" && exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseZGC -jar "$JAR" \
    --voicebot.dialplans.directory="$REPO/dialplans" \
    --voicebot.instance.id="bot-$i" \
    --voicebot.sip.bind-address="$addr" --voicebot.sip.port="$SIP_PORT" --voicebot.sip.public-address="$addr" \
    --voicebot.sip.access.allowed-sources="${PROXY%:*}/32" \
    --voicebot.sip.drain-timeout="$DRAIN_TIMEOUT" \
    --voicebot.rtp.bind-address="$addr" \
    --voicebot.rtp.port-min=$((RTP_BASE + (i - 1) * RTP_SPAN)) --voicebot.rtp.port-max=$((RTP_BASE + i * RTP_SPAN - 1)) \
    --server.address="$addr" --server.port=$((HTTP_BASE + i - 1)) \
    --voicebot.festival.port=$((FESTIVAL_BASE + i - 1)) \
    --voicebot.recordings.directory="$DIR/recordings" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/voicebot" \
    --spring.datasource.username=voicebot --spring.datasource.password= \
    "$@") >"$DIR/bot-$i.log" 2>&1 &
  echo $! >"$DIR/bot-$i.pid"
}

await_bot() {
  local i=$1 pid deadline=$((SECONDS + 180))
  pid=$(bot_pid "$i")
  until healthy "$i"; do
    alive "$pid" || die "bot-$i exited while starting: $(tail -20 "$DIR/bot-$i.log")"
    ((SECONDS < deadline)) || die "bot-$i did not answer $(http_url "$i")/actuator/health in 180 s ($DIR/bot-$i.log)"
    sleep 0.5
  done
}

print_where() {
  local k; k=$(instances)
  echo "PostgreSQL   127.0.0.1:$PG_PORT database voicebot (user voicebot), data in $DIR/postgres"
  echo "Kamailio     udp:$PROXY   call e.g. sip:100@$PROXY (log $DIR/kamailio.log)"
  for ((i = 1; i <= k; i++)); do
    local state="stopped" flags
    alive "$(bot_pid "$i")" && state="pid $(bot_pid "$i")"
    flags=$(ds_flags "$i" || true)
    printf 'bot-%-8s SIP udp/tcp %s:%s  RTP %s-%s  HTTP %s  Festival 127.0.0.1:%s  (%s, dispatcher %s)\n' \
      "$i" "$(address "$i")" "$SIP_PORT" $((RTP_BASE + (i - 1) * RTP_SPAN)) $((RTP_BASE + i * RTP_SPAN - 1)) \
      "$(http_url "$i")" $((FESTIVAL_BASE + i - 1)) "$state" "${flags:-?}"
  done
}

cmd_start() {
  local k=${1:-}
  [[ $k =~ ^[1-9][0-9]*$ ]] || die "usage: scripts/cluster.sh start K (K instances, 1 or more)"
  shift
  ((FIRST_ADDRESS + k - 1 <= 254)) || die "K=$k instances do not fit on 127.0.0.$FIRST_ADDRESS-254"
  [[ -f "$DIR/instances" ]] && alive "$(cat "$DIR/kamailio.pid" 2>/dev/null || true)" \
    && die "a cluster is running already ($DIR): scripts/cluster.sh stop first"
  voicebot_java_home
  voicebot_packages "${VOICEBOT_APT_PACKAGES[@]}" kamailio postgresql-15 curl
  if [[ ${VOICEBOT_CLUSTER_BUILD:-1} != 0 || ! -f "$JAR" ]]; then
    say "building app/target/voicebot.jar"
    ./mvnw -q -B -DskipTests package
  fi
  mkdir -p "$DIR"
  echo "$k" >"$DIR/instances"
  printf '%q ' "$@" >"$DIR/extra-args"
  start_postgres
  # The first instance alone (it unpacks the models into the shared cache), then the others.
  start_bot 1 "$@"
  await_bot 1
  for ((i = 2; i <= k; i++)); do start_bot "$i" "$@"; done
  for ((i = 2; i <= k; i++)); do await_bot "$i"; done
  start_kamailio "$k"
  for ((i = 1; i <= k; i++)); do
    await 30 "Kamailio to put bot-$i in rotation" in_rotation "$i" || die "see $DIR/kamailio.log"
  done
  print_where
}

# Drains instance $1 and waits until it has exited.
drain_bot() {
  local i=$1 pid; pid=$(bot_pid "$i")
  alive "$pid" || return 0
  curl -fsS --max-time 10 -X POST "$(http_url "$i")/api/drain" >/dev/null \
    || { say "bot-$i did not take the drain request: SIGTERM (drains too)"; kill -TERM "$pid"; }
  local limit=${DRAIN_TIMEOUT%s}
  [[ $limit =~ ^[0-9]+$ ]] || limit=300
  await $((limit + 60)) "bot-$i to finish its calls and exit" bash -c "! kill -0 $pid 2>/dev/null" \
    || die "bot-$i is still running (pid $pid): see $DIR/bot-$i.log"
}

cmd_restart() {
  local k; k=$(instances)
  ((k > 0)) || die "no cluster running in $DIR"
  ((k > 1)) || say "one instance only: calls arriving while it restarts are refused (503)"
  voicebot_java_home
  local extra=()
  eval "extra=($(cat "$DIR/extra-args" 2>/dev/null))"
  for ((i = 1; i <= k; i++)); do
    say "bot-$i: draining"
    drain_bot "$i"
    say "bot-$i: exited, starting again"
    start_bot "$i" "${extra[@]}"
    await_bot "$i"
    await 30 "Kamailio to put bot-$i back in rotation" in_rotation "$i" || die "see $DIR/kamailio.log"
    say "bot-$i: back in rotation"
  done
  print_where
}

cmd_stop() {
  local k; k=$(instances)
  for ((i = 1; i <= k; i++)); do
    local pid; pid=$(bot_pid "$i")
    if alive "$pid"; then kill -TERM "$pid"; fi # SIGTERM drains too
  done
  for ((i = 1; i <= k; i++)); do
    local pid; pid=$(bot_pid "$i")
    if alive "$pid" && ! await 120 "bot-$i to exit" bash -c "! kill -0 $pid 2>/dev/null"; then
      kill -KILL "$pid"
    fi
    rm -f "$DIR/bot-$i.pid"
  done
  local kpid; kpid=$(cat "$DIR/kamailio.pid" 2>/dev/null || true)
  if alive "$kpid"; then
    kill -TERM "$kpid"
    await 10 "Kamailio to exit" bash -c "! kill -0 $kpid 2>/dev/null" || true
  fi
  rm -f "$DIR/kamailio.pid" "$DIR/instances"
  if [[ -d "$DIR/postgres/data" ]] && as_postgres "$PG_BIN/pg_ctl" -D "$DIR/postgres/data" status >/dev/null 2>&1; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/postgres/data" -m fast -w stop >/dev/null
  fi
  say "stopped (records kept in $DIR/postgres; delete $DIR to start afresh)"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  restart) cmd_restart ;;
  status) print_where ;;
  stop) cmd_stop ;;
  *) die "usage: scripts/cluster.sh start K [--spring.property=value ...] | restart | status | stop" ;;
esac
