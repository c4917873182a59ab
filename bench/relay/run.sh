#!/usr/bin/env bash
# Media relay benchmark: Natterjack's relay vs rtpengine (userspace) vs a minimal C relay, RTP on 127.0.0.1.
#
#   bench/relay/run.sh            # full run (about 15-20 minutes on 2 cores)
#
# Per relay (all in one run; every loop is bounded; every process started here is stopped on exit):
#   1. memory baseline: the relay with 0 sessions (RSS)
#   2. the relay with as many sessions as the highest step needs (RSS at setup)
#   3. warm-up at $WARMUP_RATE packets/s for $WARMUP_SECONDS (JIT), not counted
#   4. stepped load: $RATES packets/s through the relay (both directions; a call is 2 x 50 packets/s, so a
#      step uses the first rate/100 sessions), $STEP_SECONDS each, up to the first step that is not
#      sustained (< $MAX_LOSS_PCT % loss and p99 added latency < $MAX_P99_MS ms); a failed step is repeated once
#   5. RSS after the load; the relay stopped
# Then the report: table per step, highest sustained rate, CPU per 10,000 packets/s, memory per session, ratios.
#
# Relays under test (RELAYS, in this order):
#   natterjack  "./natterjack relay-bench" of $NATTERJACK_DIR (default: this checkout; skipped with a message
#               while it has no such command), or $NATTERJACK_RELAY_CMD (the generic interface, README.md)
#   rtpengine   Debian's rtpengine-daemon in userspace (--table=-1), sessions made by offer/answer over ng
#   minirelay   minirelay.c, recvmmsg/sendmmsg + epoll, $MINI_THREADS thread(s): the physical ceiling
#
# Knobs (environment): RELAYS RATES STEP_SECONDS STEP_WARMUP WARMUP_SECONDS WARMUP_RATE LG_THREADS MINI_THREADS
#   RTPE_ARGS NATTERJACK_DIR NATTERJACK_RELAY_ARGS NATTERJACK_RELAY_CMD MAX_LOSS_PCT MAX_P99_MS MAX_LOAD
#   LOAD_CHECKS LG_PORT_BASE RELAY_PORT_MIN RELAY_PORT_MAX WORK (output dir; default a new
#   /tmp/relay-bench.* dir, kept).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

RELAYS=${RELAYS:-"natterjack rtpengine minirelay"}
# Offered load per step: packets/s forwarded by the relay, both directions together.
RATES=${RATES:-"10000 20000 40000 60000 80000 100000 120000 140000 160000"}
STEP_SECONDS=${STEP_SECONDS:-15}
STEP_WARMUP=${STEP_WARMUP:-3}       # per step, before the measured window (new sessions latch, queues settle)
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
WARMUP_RATE=${WARMUP_RATE:-20000}
LG_THREADS=${LG_THREADS:-2}
MINI_THREADS=${MINI_THREADS:-1}
RTPE_ARGS=${RTPE_ARGS:-}             # extra rtpengine options, e.g. "--num-threads=2"
MAX_LOSS_PCT=${MAX_LOSS_PCT:-0.1}
MAX_P99_MS=${MAX_P99_MS:-20}
MAX_LOAD=${MAX_LOAD:-1.0}           # wait for the 1-minute load average to fall below this before starting ...
LOAD_CHECKS=${LOAD_CHECKS:-20}      # ... checking at most this many times, a minute apart
# Load generator endpoints: call i binds BASE+2i (A) and BASE+2*SESSIONS+2i (B), leaving the odd (RTCP) ports
LG_PORT_BASE=${LG_PORT_BASE:-20000}
RELAY_PORT_MIN=${RELAY_PORT_MIN:-10000}   # ports of rtpengine and Natterjack (one runs at a time)
RELAY_PORT_MAX=${RELAY_PORT_MAX:-19999}
NATTERJACK_DIR=${NATTERJACK_DIR:-$REPO}   # checkout whose ./natterjack relay-bench is measured
NATTERJACK_RELAY_ARGS=${NATTERJACK_RELAY_ARGS:-}   # extra relay-bench options, e.g. "--io-threads 2"
READY_TIMEOUT=120                   # seconds a relay may take to print READY
WORK=${WORK:-$(mktemp -d /tmp/relay-bench.XXXXXX)}
mkdir -p "$WORK"
RESULTS="$WORK/results.txt"         # one line of key=value pairs per step (the load generator's line + ours)
MEMORY="$WORK/memory.txt"           # one line per relay
BIN="$WORK/bin"
PEERS="$WORK/peers.txt"             # "i A_HOST:PORT B_HOST:PORT": where the load generator's endpoints are
MAX_RATE=$(tr ' ' '\n' <<<"$RATES" | sort -n | tail -1)
SESSIONS=$(( MAX_RATE / 100 ))

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$WORK/run.log" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- process bookkeeping and cleanup
LG_PID=""; RELAY_PIDS=""

stop_pids() {  # stop_pids "PID...": TERM, wait up to 10 s, then KILL
  local pids=$1 p i alive
  [ -n "$pids" ] || return 0
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  for i in $(seq 1 20); do
    alive=""
    for p in $pids; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
    [ -z "$alive" ] && break
    sleep 0.5
  done
  for p in $alive; do log "process $p did not stop; killing it"; kill -KILL "$p" 2>/dev/null || true; done
  for p in $pids; do wait "$p" 2>/dev/null || true; done
}

cleanup() {
  [ -n "$LG_PID" ] && kill -TERM "$LG_PID" 2>/dev/null || true
  stop_pids "$RELAY_PIDS"; RELAY_PIDS=""
}
trap cleanup EXIT
trap 'log "interrupted (SIGINT)"; exit 130' INT
trap 'log "terminated (SIGTERM)"; exit 143' TERM

# ---------------------------------------------------------------- helpers
need() {  # need COMMAND PACKAGE: installs the Debian package if the command is missing
  command -v "$1" >/dev/null && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  log "installing $2 (for $1)"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "$2" >>"$WORK/apt.log" 2>&1 \
    || die "could not install $2 (see $WORK/apt.log)"
}

free_udp_port() {
  python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

descendants() {  # descendants PID: all processes below PID (a wrapper script's JVM, say), 5 levels at most
  local level=$1 depth p
  for depth in 1 2 3 4 5; do
    level=$(for p in $level; do ps --ppid "$p" -o pid= 2>/dev/null || true; done)
    [ -n "$level" ] || break
    echo $level
  done
}

rss_kib() {  # rss_kib "PID...": resident memory of these processes together
  local p sum=0
  for p in $1; do sum=$(( sum + $(awk '/^VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0) )); done
  echo "$sum"
}

fd_count() {  # fd_count "PID...": open file descriptors (sockets, mostly) of these processes together
  local p sum=0
  for p in $1; do sum=$(( sum + $(find "/proc/$p/fd" -mindepth 1 2>/dev/null | wc -l) )); done
  echo "$sum"
}

wait_for_quiet() {  # other engineers build on this machine: wait for their load to pass (bounded)
  local i load
  for i in $(seq 1 "$LOAD_CHECKS"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v l="$load" -v m="$MAX_LOAD" 'BEGIN { exit !(l <= m) }' && { log "1-minute load $load"; return 0; }
    log "1-minute load $load > $MAX_LOAD; waiting a minute ($i/$LOAD_CHECKS)"
    sleep 60
  done
  log "WARNING: the load stayed above $MAX_LOAD ($(cut -d' ' -f1-3 /proc/loadavg)); measuring anyway"
}

# ---------------------------------------------------------------- relays under test
# Each relay NAME provides three functions:
#   NAME_available   returns 0 if it can run here; otherwise logs why not (the relay is then skipped)
#   NAME_start N     brings up the relay with N sessions for the endpoints in $PEERS (the first N lines),
#                    writes "CALL i RELAY_A RELAY_B" per session to $RELAY_DIR/calls.txt (where endpoint A
#                    of call i sends to and hears from, likewise B) and sets RELAY_PIDS (measured, stopped)
#   NAME_stop        stops everything NAME_start started

# start_cmd_relay N CALLS_FILTER CMD...: runs CMD in the background and waits until it prints a line
# starting with READY; CALLS_FILTER (an awk program) turns its stdout into the CALL lines.
start_cmd_relay() {
  local n=$1 filter=$2 out="$RELAY_DIR/stdout-$1" i
  shift 2
  "$@" >"$out" 2>>"$RELAY_DIR/stderr" &
  RELAY_PIDS=$!
  for i in $(seq 1 $(( READY_TIMEOUT * 2 ))); do
    grep -q '^READY' "$out" && break
    kill -0 "$RELAY_PIDS" 2>/dev/null || { tail -20 "$RELAY_DIR/stderr" >&2; die "'$*' exited before READY"; }
    sleep 0.5
  done
  grep -q '^READY' "$out" || die "'$*' printed no READY within $READY_TIMEOUT s"
  RELAY_PIDS=$(echo "$RELAY_PIDS" $(descendants "$RELAY_PIDS"))
  awk "$filter" "$out" >"$RELAY_DIR/calls.txt"
}
stop_cmd_relay() { stop_pids "$RELAY_PIDS"; RELAY_PIDS=""; }

# The generic command interface (README.md): "CMD --sessions N --peers $PEERS" prints "CALL i A B" per
# session, then "READY", and forwards until SIGTERM. minirelay implements it.
CALL_LINES='$1 == "CALL"'
minirelay_available() { return 0; }
minirelay_start() {
  start_cmd_relay "$1" "$CALL_LINES" "$BIN/minirelay" --threads "$MINI_THREADS" --sessions "$1" --peers "$PEERS"
}
minirelay_stop() { stop_cmd_relay; }

# Natterjack: "./natterjack relay-bench" of the checkout $NATTERJACK_DIR, which opens N answered sessions for
# callers at --caller PORT+2i and callees at --callee PORT+2i (our $PEERS layout) and prints
# "SESSION i CALL-ID CALLER_SENDS_TO A CALLEE_SENDS_TO B" per session, then "READY n". Skipped while that
# checkout has no such command. NATTERJACK_RELAY_CMD instead runs any command of the generic interface.
natterjack_available() {
  if [ -n "${NATTERJACK_RELAY_CMD:-}" ]; then
    command -v "${NATTERJACK_RELAY_CMD%% *}" >/dev/null && return 0
    log "natterjack: SKIPPED - '${NATTERJACK_RELAY_CMD%% *}' (NATTERJACK_RELAY_CMD) not found"
    return 1
  fi
  if ! grep -rqs --include='*.java' 'name = "relay-bench"' "$NATTERJACK_DIR/gateway/src/main/java"; then
    log "natterjack: SKIPPED - $NATTERJACK_DIR has no 'natterjack relay-bench' command (the relay's benchmark"
    log "  entry point, see bench/relay/README.md); NATTERJACK_DIR=CHECKOUT benchmarks another checkout"
    return 1
  fi
  log "natterjack: building $NATTERJACK_DIR if needed"
  if ! (cd "$NATTERJACK_DIR" && ./natterjack --version) >"$WORK/natterjack-build.log" 2>&1; then
    log "natterjack: SKIPPED - the build failed (see $WORK/natterjack-build.log)"
    return 1
  fi
}
natterjack_start() {
  if [ -n "${NATTERJACK_RELAY_CMD:-}" ]; then
    # shellcheck disable=SC2086  # a command line, split on spaces
    start_cmd_relay "$1" "$CALL_LINES" $NATTERJACK_RELAY_CMD --sessions "$1" --peers "$PEERS"
    return
  fi
  # shellcheck disable=SC2086  # extra options, split on spaces
  NATTERJACK_SKIP_BUILD=1 start_cmd_relay "$1" '$1 == "SESSION" { print "CALL", $2, $5, $7 }' \
    "$NATTERJACK_DIR/natterjack" relay-bench --sessions "$1" --bind 127.0.0.1 \
    --caller "127.0.0.1:$LG_PORT_BASE" --callee "127.0.0.1:$(( LG_PORT_BASE + 2 * SESSIONS ))" \
    --port-min "$RELAY_PORT_MIN" --port-max "$RELAY_PORT_MAX" --stats-seconds 0 $NATTERJACK_RELAY_ARGS
}
natterjack_stop() { stop_cmd_relay; }

# rtpengine: one daemon per start; sessions are calls made by offer (SDP of endpoint A) and answer (B).
RTPE_NG=""; RTPE_CALLS=0
rtpengine_available() { command -v rtpengine >/dev/null || { log "rtpengine: SKIPPED - not installed"; return 1; }; }
rtpengine_start() {
  local n=$1 i
  RTPE_NG="127.0.0.1:$(free_udp_port)"
  # --delete-delay=0: ports are free again at once; the long timeouts keep the calls of later steps, which
  # are idle while the earlier steps run.
  # shellcheck disable=SC2086  # RTPE_ARGS: extra options, split on spaces
  rtpengine --config-file=none --table=-1 --interface=127.0.0.1 --listen-ng="$RTPE_NG" \
    --port-min="$RELAY_PORT_MIN" --port-max="$RELAY_PORT_MAX" --foreground --log-stderr --log-level=5 \
    --delete-delay=0 --timeout=86400 --silent-timeout=86400 $RTPE_ARGS \
    >>"$RELAY_DIR/rtpengine.log" 2>&1 &
  RELAY_PIDS=$!
  for i in $(seq 1 20); do
    python3 "$HERE/ng.py" "$RTPE_NG" ping 2>/dev/null && break
    kill -0 "$RELAY_PIDS" 2>/dev/null || { tail -20 "$RELAY_DIR/rtpengine.log" >&2; die "rtpengine exited at start"; }
    sleep 0.5
  done
  python3 "$HERE/ng.py" "$RTPE_NG" ping || die "rtpengine does not answer on $RTPE_NG"
  head -n "$n" "$PEERS" >"$RELAY_DIR/peers-$n.txt"
  python3 "$HERE/ng.py" "$RTPE_NG" setup "$RELAY_DIR/peers-$n.txt" >"$RELAY_DIR/calls.txt"
  RTPE_CALLS=$n
}
rtpengine_stop() {
  [ -n "$RELAY_PIDS" ] || return 0
  python3 "$HERE/ng.py" "$RTPE_NG" delete "$RTPE_CALLS" || log "rtpengine: deleting the calls failed"
  stop_pids "$RELAY_PIDS"; RELAY_PIDS=""
}

# ---------------------------------------------------------------- load steps
# step NAME RATE LABEL SECONDS: the load generator with RATE/100 calls through the relay; appends a line to
# $RESULTS; returns 0 if the step was sustained.
step() {
  local name=$1 rate=$2 label=$3 secs=$4 dir p rc=0 line verdict
  local watch=()
  dir="$RELAY_DIR/$label-$rate"
  [ -e "$dir" ] && dir="$dir-again"   # a repeated step
  mkdir -p "$dir"
  head -n $(( rate / 100 )) "$RELAY_DIR/loadgen-calls.txt" >"$dir/calls.txt"
  for p in $RELAY_PIDS; do watch+=(--watch "$p"); done
  timeout $(( secs + STEP_WARMUP + 60 )) "$BIN/loadgen" --calls "$dir/calls.txt" --duration "$secs" \
    --warmup "$STEP_WARMUP" --threads "$LG_THREADS" "${watch[@]}" >"$dir/loadgen.out" 2>"$dir/loadgen.err" &
  LG_PID=$!
  wait "$LG_PID" || rc=$?
  LG_PID=""
  line="relay=$name label=$label rate=$rate rc=$rc $(head -1 "$dir/loadgen.out")"
  verdict=$(awk -v maxloss="$MAX_LOSS_PCT" -v maxp99="$MAX_P99_MS" '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
    END {
      why = ""
      if (v["rc"] != 0 || v["calls"] == "") why = why " load-generator-failed"
      else {
        if (v["relay_alive"] != 1) why = why " relay-died"
        if (v["all_loss_pct"] >= maxloss) why = why " loss"
        if (v["all_p99_us"] >= maxp99 * 1000) why = why " p99"
        if (v["foreign"] > 0) why = why " misrouted"
        if (v["sent_pps"] < 0.98 * v["rate"]) why = why " load-generator-behind"
      }
      print (why == "" ? "yes" : "no" why)
    }' <<<"$line")
  printf '%s sustained=%s\n' "$line" "${verdict%% *}" >>"$RESULTS"
  log "$(awk -v verdict="$verdict" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
    END { s = v["duration_s"] > 0 ? v["duration_s"] : 1
          printf "%-10s %-7s %6d pps: sent %6d/s loss %.3f%% p50 %.2f ms p99 %.2f ms max %.1f ms | relay %.0f%% of a core (%.1f%% per 10k pps) | loadgen %.0f%% | -> %s",
            v["relay"], v["label"], v["rate"], v["sent_pps"], v["all_loss_pct"], v["all_p50_us"] / 1000,
            v["all_p99_us"] / 1000, v["all_max_us"] / 1000, 100 * v["relay_cpu_s"] / s,
            100 * v["relay_cpu_s"] / s / (v["rate"] / 10000), 100 * v["loadgen_cpu_s"] / s, verdict }' <<<"$line")"
  if ! kill -0 "${RELAY_PIDS%% *}" 2>/dev/null; then
    wait "${RELAY_PIDS%% *}" && rc=0 || rc=$?   # > 128: killed by signal rc - 128
    die "$name died during the $rate packets/s step (exit status $rc)"
  fi
  [ "${verdict%% *}" = yes ]
}

# ladder NAME: steps up until the first step that is not sustained twice in a row (the machine is shared;
# the first attempt stays in the results, labelled "failed").
ladder() {
  local name=$1 r
  for r in $RATES; do
    if ! step "$name" "$r" step "$STEP_SECONDS"; then
      sed -i '$ s/ label=step / label=failed /' "$RESULTS"
      log "$name: not sustained at $r packets/s; repeating the step once"
      sleep 3
      if ! step "$name" "$r" step "$STEP_SECONDS"; then
        log "$name: not sustained at $r packets/s; stopping"
        break
      fi
    fi
    sleep 2
  done
}

bench_relay() {  # bench_relay NAME: memory baseline, sessions, warm-up, ladder, memory after load
  local name=$1 rss0 rss_setup rss_after fds0 fds_setup
  RELAY_DIR="$WORK/$name"
  mkdir -p "$RELAY_DIR"
  if ! "${name}_available"; then
    echo "relay=$name skipped=1" >>"$MEMORY"
    return 0
  fi
  log "$name: 0 sessions (memory baseline)"
  "${name}_start" 0
  sleep 2
  rss0=$(rss_kib "$RELAY_PIDS"); fds0=$(fd_count "$RELAY_PIDS")
  "${name}_stop"

  log "$name: $SESSIONS sessions"
  "${name}_start" "$SESSIONS"
  [ "$(wc -l <"$RELAY_DIR/calls.txt")" -eq "$SESSIONS" ] \
    || die "$name reported $(wc -l <"$RELAY_DIR/calls.txt") sessions instead of $SESSIONS"
  # "i A_PORT B_PORT RELAY_A RELAY_B" per call, for the load generator
  awk 'NR == FNR { relay_a[$2] = $3; relay_b[$2] = $4; next }
       { split($2, a, ":"); split($3, b, ":"); print $1, a[2], b[2], relay_a[$1], relay_b[$1] }' \
    "$RELAY_DIR/calls.txt" "$PEERS" | head -n "$SESSIONS" >"$RELAY_DIR/loadgen-calls.txt"
  sleep 2
  rss_setup=$(rss_kib "$RELAY_PIDS"); fds_setup=$(fd_count "$RELAY_PIDS")
  log "$name: pids $RELAY_PIDS; RSS $rss0 KiB with 0 sessions, $rss_setup KiB with $SESSIONS"

  log "$name: warm-up, $WARMUP_SECONDS s at $WARMUP_RATE packets/s (not counted)"
  step "$name" "$WARMUP_RATE" warmup "$WARMUP_SECONDS" || true
  sleep 2
  ladder "$name"
  rss_after=$(rss_kib "$RELAY_PIDS")
  echo "relay=$name sessions=$SESSIONS rss0_kib=$rss0 rss_setup_kib=$rss_setup rss_after_kib=$rss_after fds0=$fds0 fds_setup=$fds_setup" >>"$MEMORY"
  "${name}_stop"
}

# ---------------------------------------------------------------- setup
: >"$RESULTS"; : >"$MEMORY"
log "work dir: $WORK"
[ $(( LG_PORT_BASE + 4 * SESSIONS )) -le "$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)" ] \
  || die "load generator ports $LG_PORT_BASE + 4 x $SESSIONS reach into the ephemeral port range"
[ $(( RELAY_PORT_MAX - RELAY_PORT_MIN + 1 )) -ge $(( 4 * SESSIONS )) ] \
  || die "the relays need 4 ports per session (RTP and RTCP per leg): RELAY_PORT_MIN..MAX is too small"
need gcc build-essential
need python3 python3
case " $RELAYS " in *" rtpengine "*) need rtpengine rtpengine-daemon ;; esac
mkdir -p "$BIN"
for prog in loadgen minirelay; do
  gcc -O2 -Wall -Wextra -Werror -pthread -o "$BIN/$prog" "$HERE/$prog.c"
done
for i in $(seq 0 $(( SESSIONS - 1 ))); do
  echo "$i 127.0.0.1:$(( LG_PORT_BASE + 2 * i )) 127.0.0.1:$(( LG_PORT_BASE + 2 * SESSIONS + 2 * i ))"
done >"$PEERS"

log "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, kernel $(uname -r)"
log "versions: $(rtpengine --version 2>&1 | head -1 || echo 'no rtpengine'), $(gcc --version | head -1)"
log "relays: $RELAYS; steps: $RATES packets/s, $STEP_SECONDS s each (+$STEP_WARMUP s warm-up); $SESSIONS sessions"
wait_for_quiet
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

for name in $RELAYS; do
  declare -F "${name}_start" >/dev/null || die "unknown relay '$name'"
  bench_relay "$name"
done

# ---------------------------------------------------------------- report
python3 "$HERE/report.py" "$RESULTS" "$MEMORY" "$MAX_LOSS_PCT" "$MAX_P99_MS" "$LOAD_AT_START" | tee "$WORK/report.txt"
log "done; everything is in $WORK"
