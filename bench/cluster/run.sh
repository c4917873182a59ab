#!/usr/bin/env bash
# Scale-out benchmark: REGISTER load on two gateway nodes sharing PostgreSQL against one gateway on SQLite, in the
# same run, then a million bindings in PostgreSQL: database size, memory per node, time for a node to start.
#
#   bench/cluster/run.sh            # about 15 minutes on 2 cores
#
# Phases (every loop bounded; every process started here is stopped on exit; all output in $WORK, kept):
#   1. a PostgreSQL from Debian's package in $WORK/pg (initdb/pg_ctl as the postgres user, default durability:
#      fsync and synchronous_commit on), $USERS accounts in SQLite and in PostgreSQL
#   2. $ROUNDS rounds, alternating the order: a warm-up at $WARMUP_RATE for $WARMUP_SECONDS, then $MEASURE_SECONDS
#      at $RATE registrations/s (REGISTER -> 401 -> REGISTER with digest -> 200, private Contact, so the NAT path),
#      against (a) one gateway on SQLite and (b) nodes a and b on PostgreSQL, half the sipp processes each.
#      Gateway CPU (utime+stime of the JVMs, both nodes summed) per registration; PostgreSQL's CPU apart.
#   3. $BINDINGS bindings written into PostgreSQL (half held by a, half by b), then each node started on them:
#      time to its first answer to an OPTIONS probe sent every 50 ms from the launch on, time to the "started" log
#      line, the time to take in the other node's after that, heap used
#      after a full GC with all of them, RSS; the database's and the binding table's size.
#
# Knobs (environment): USERS (2000) PROCS (4) RATE (1000) WARMUP_RATE (500) WARMUP_SECONDS (20)
#   MEASURE_SECONDS (30) ROUNDS (3) BINDINGS (1000000) HEAP (NATTERJACK_JAVA_OPTS, default none: the launcher's sizing)
#   WORK (output dir; default a new /tmp/cluster-bench.* dir).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
USERS=${USERS:-2000}
PROCS=${PROCS:-4}
RATE=${RATE:-1000}
WARMUP_RATE=${WARMUP_RATE:-500}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
MEASURE_SECONDS=${MEASURE_SECONDS:-30}
ROUNDS=${ROUNDS:-3}
BINDINGS=${BINDINGS:-1000000}
HEAP=${HEAP:-}
WORK=${WORK:-$(mktemp -d /tmp/cluster-bench.XXXXXX)}
mkdir -p "$WORK"
chmod 755 "$WORK"
RESULTS="$WORK/results.tsv"
. "$HERE/../lib/common.sh"

need_commands sipp java jcmd python3 sqlite3 psql runuser awk ps
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$PG_BIN/initdb" ] || die "PostgreSQL is needed: apt install postgresql"
export NATTERJACK_JAVA_OPTS="$HEAP"

PG_PORT=""; PIDS=(); SIPP_PIDS=()
cleanup() {
  local p
  for p in "${SIPP_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do stop_pid "$p" gateway; done
  [ -n "$PG_PORT" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

psql_nj() { PGPASSWORD=bench psql -h 127.0.0.1 -p "$PG_PORT" -U natterjack -v ON_ERROR_STOP=1 -Atq "$@"; }

start_postgres() {
  mkdir -p "$WORK/pg"; chown postgres "$WORK/pg"
  echo bench >"$WORK/pg/password"; chown postgres "$WORK/pg/password"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg/data" -U natterjack --pwfile="$WORK/pg/password" \
    --auth=scram-sha-256 -E UTF8 --locale=C >"$WORK/pg/initdb.log"
  PG_PORT=$(free_port)
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -o \
    "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
  psql_nj -d postgres -c "CREATE DATABASE natterjack"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
}

pg_ticks() { tree_ticks "$(head -1 "$WORK/pg/data/postmaster.pid")"; }

# config NAME IP PORT ENGINE: a node's configuration file, path printed
config() {
  local name=$1 ip=$2 port=$3 engine=$4 f="$WORK/$1-$4.yaml"
  cat >"$f" <<EOF
sip:
  listen: [$ip:$port]
  source-rate-limit: 0
registrar:
  max-contacts: 100
nat:
  keepalive-seconds: 0
  refresh-seconds: 3600
EOF
  if [ "$engine" = postgresql ]; then
    cat >>"$f" <<EOF
store:
  engine: postgresql
  url: jdbc:postgresql://127.0.0.1:$PG_PORT/natterjack
  username: natterjack
  password: bench
node:
  name: $name
EOF
  fi
  echo "$f"
}

# start_node CONFIG DATA_DIR LOG: the gateway in the background (pid in NODE_PID), returns once it started;
# START_SECONDS: from launch to "started"
start_node() {
  local cfg=$1 dir=$2 logf=$3 i t0
  t0=$(date +%s.%N)
  (cd "$REPO" && NATTERJACK_SKIP_BUILD=1 exec ./natterjack run --config "$cfg" --data-dir "$dir" \
      --admin-listen "127.0.0.1:$(free_port)") >"$logf" 2>&1 &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
  for i in $(seq 1 1200); do
    grep -q " started: " "$logf" && { START_SECONDS=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'); return 0; }
    kill -0 "$NODE_PID" 2>/dev/null || { tail -20 "$logf" >&2; die "a gateway exited at start ($logf)"; }
    sleep 0.1
  done
  die "a gateway did not start within 120 s ($logf)"
}

stop_nodes() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p" gateway; done
  PIDS=()
}

# load DIR RATE SECONDS TARGET...: PROCS sipp processes spread over the targets, the users' slices by process
load() {
  local dir=$1 rate=$2 secs=$3; shift 3
  local targets=("$@") per=$(( (rate + PROCS - 1) / PROCS )) k
  mkdir -p "$dir"
  SIPP_PIDS=()
  for k in $(seq 0 $((PROCS - 1))); do
    sipp "${targets[$((k * ${#targets[@]} / PROCS))]}" -sf "$HERE/../registrar/scenarios/register-auth.xml" \
      -inf "$WORK/users$k.csv" -i 127.0.0.1 -p "$(free_port)" -t u1 -r "$per" -rp 1000 -m "$((per * secs))" \
      -l "$((per * 2))" -nostdin -recv_timeout 5000 -timeout "$((secs * 3 + 20))s" -timeout_error \
      -trace_stat -stf "$dir/stat$k.csv" -fd 1 >"$dir/out$k.log" 2>&1 &
    SIPP_PIDS+=($!)
  done
  local p
  for p in "${SIPP_PIDS[@]}"; do wait "$p" || true; done
  SIPP_PIDS=()
}

# measure LABEL ROUND TARGETS...: warm-up, then the measured step; a row in $RESULTS
measure() {
  local label=$1 round=$2; shift 2
  load "$WORK/steps/$label-$round-warmup" "$WARMUP_RATE" "$WARMUP_SECONDS" "$@"
  local dir="$WORK/steps/$label-$round" c0 c1 p0 p1
  c0=$(tree_ticks "${PIDS[@]}"); p0=$(pg_ticks)
  load "$dir" "$RATE" "$MEASURE_SECONDS" "$@"
  c1=$(tree_ticks "${PIDS[@]}"); p1=$(pg_ticks)
  local succ fail retr srate
  read -r succ fail retr srate < <(sipp_totals "$dir")
  printf '%s\t%s\t%s\t%s\t%s\t%.3f\t%.3f\n' "$label" "$round" "$succ" "$fail" "$srate" \
    "$(awk -v c=$((c1 - c0)) -v hz="$HZ" -v s="$succ" 'BEGIN{print (s > 0 ? c / hz / s * 1000 : 0)}')" \
    "$(awk -v c=$((p1 - p0)) -v hz="$HZ" -v s="$succ" 'BEGIN{print (s > 0 ? c / hz / s * 1000 : 0)}')" | tee -a "$RESULTS"
}

round_sqlite() {
  local dir="$WORK/sqlite-data"
  start_node "$(config solo 127.0.0.1 "$SQLITE_PORT" sqlite)" "$dir" "$WORK/sqlite-$1.log"
  measure sqlite "$1" "127.0.0.1:$SQLITE_PORT"
  stop_nodes
}

round_postgresql() {
  start_node "$(config a 127.0.0.2 "$A_PORT" postgresql)" "$WORK/a-data" "$WORK/a-$1.log"
  start_node "$(config b 127.0.0.3 "$B_PORT" postgresql)" "$WORK/b-data" "$WORK/b-$1.log"
  measure postgresql "$1" "127.0.0.2:$A_PORT" "127.0.0.3:$B_PORT"
  stop_nodes
}

mass_bindings() {
  log "writing $BINDINGS bindings into PostgreSQL"
  psql_nj -d natterjack -c "DELETE FROM binding" -c "INSERT INTO binding (aor, binding_key, contact, transport,
      received_address, received_port, local_address, local_port, nat, expires_at, q, call_id, cseq, instance_id,
      reg_id, user_agent, first_seen, last_seen, flow, node)
    SELECT 'sip:mass' || i || '@bench.test', 'sip:mass' || i || '@10.1.' || (i % 250) || '.9:5060',
      'sip:mass' || i || '@10.1.' || (i % 250) || '.9:5060', 'UDP', '127.0.' || (i % 200) || '.1',
      10000 + i % 50000, CASE WHEN i % 2 = 0 THEN '127.0.0.2' ELSE '127.0.0.3' END,
      CASE WHEN i % 2 = 0 THEN $A_PORT ELSE $B_PORT END, 'CONTACT_DIFFERS,CONTACT_PRIVATE',
      CAST(EXTRACT(EPOCH FROM now() + interval '6 hours') * 1000 AS BIGINT), 1000, 'mass-' || i || '@bench', 2,
      NULL, NULL, 'bench-phone/1.0', CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT),
      CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT),
      'udp 127.0.' || (i % 200) || '.1:' || (10000 + i % 50000) || ' '
        || CASE WHEN i % 2 = 0 THEN '127.0.0.2:$A_PORT' ELSE '127.0.0.3:$B_PORT' END,
      CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END
    FROM generate_series(1, $BINDINGS) AS i" -c "VACUUM ANALYZE binding"
  log "database $(psql_nj -d natterjack -c "SELECT pg_size_pretty(pg_database_size('natterjack'))"),"\
" binding table with indexes $(psql_nj -d natterjack -c "SELECT pg_size_pretty(pg_total_relation_size('binding'))")"
  local name ip port
  for name in a b; do
    ip=127.0.0.2; port=$A_PORT; [ "$name" = b ] && { ip=127.0.0.3; port=$B_PORT; }
    # The probe starts with the launch: its first SIP answer is when the node really serves.
    python3 "$HERE/../lib/first_answer.py" "$ip" "$port" 120 >"$WORK/$name-answer.txt" &
    local probe=$!
    start_node "$(config "$name" "$ip" "$port" postgresql)" "$WORK/$name-data" "$WORK/$name-mass.log"
    wait "$probe" || true
    local restored heap rss others others_ms i answered
    answered=$(cat "$WORK/$name-answer.txt")
    restored=$(grep -o '[0-9]* bindings restored' "$WORK/$name-mass.log" | awk '{print $1}')
    # The other nodes' bindings arrive after start, off the SIP path: wait for them (bounded) before weighing.
    for i in $(seq 1 600); do grep -q "bindings other nodes hold" "$WORK/$name-mass.log" && break; sleep 0.1; done
    others=$(grep -o 'Took in the [0-9]* bindings other nodes hold ([0-9]* ms)' "$WORK/$name-mass.log" | tail -1 \
      | awk '{print $4}')
    others_ms=$(grep -o 'Took in the [0-9]* bindings other nodes hold ([0-9]* ms)' "$WORK/$name-mass.log" | tail -1 \
      | sed 's/.*(\([0-9]*\) ms)/\1/')
    jcmd "$NODE_PID" GC.run >/dev/null
    heap=$(jcmd "$NODE_PID" GC.heap_info | awk '/garbage-first heap|heap total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); print int(v / 1024); exit } }')
    rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$NODE_PID/status")
    printf 'start\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$restored" "$START_SECONDS" "$heap" "$rss" \
      "${others:-0}" "${others_ms:-0}" "$answered" | tee -a "$RESULTS"
  done
  stop_nodes
}

# ---------------------------------------------------------------- run
log_machine 2>/dev/null || true
wait_for_quiet_machine 0.5 5
build_gateway
start_postgres
SQLITE_PORT=$(free_port); A_PORT=$(free_port); B_PORT=$(free_port)

# The accounts: the SQLite gateway migrates its store, then gen_users.py fills it; PostgreSQL gets the same rows.
start_node "$(config solo 127.0.0.1 "$SQLITE_PORT" sqlite)" "$WORK/sqlite-data" "$WORK/sqlite-init.log"
start_node "$(config a 127.0.0.2 "$A_PORT" postgresql)" "$WORK/a-data" "$WORK/a-init.log"
stop_nodes
python3 "$HERE/../lib/gen_users.py" "$USERS" "$PROCS" "$WORK/sqlite-data/natterjack.db" "$WORK/kamailio-users.cfg" \
  "$WORK/users"
sqlite3 -csv "$WORK/sqlite-data/natterjack.db" \
  "SELECT username, domain, realm, ha1_md5, ha1_sha256, created_at FROM sip_user" >"$WORK/users.csv"
psql_nj -d natterjack -c "\\copy sip_user (username, domain, realm, ha1_md5, ha1_sha256, created_at) FROM '$WORK/users.csv' CSV"

printf 'label\tround\tregistrations\tfailed\tachieved_per_s\tgateway_cpu_s_per_1000\tpostgres_cpu_s_per_1000\n' >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then round_sqlite "$round"; round_postgresql "$round"
  else round_postgresql "$round"; round_sqlite "$round"; fi
done
[ "$BINDINGS" -gt 0 ] && mass_bindings

python3 "$HERE/report.py" "$RESULTS" | tee "$WORK/report.txt"
log "results in $WORK"
