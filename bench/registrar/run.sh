#!/usr/bin/env bash
# Registrar benchmark: Natterjack vs Kamailio 5.6 under REGISTER load from sipp, on 127.0.0.1.
#
#   bench/registrar/run.sh            # full run (about 15-25 minutes on 2 cores)
#
# Phases (all in one run; every loop is bounded; every process started here is stopped on exit):
#   1. build the gateway, start it with a fresh data dir and $USERS accounts (rows inserted into sip_user)
#   2. stepped load (offered rate in registrations/s, $STEP_SECONDS per step) from $PROCS sipp processes,
#      mode "auth" (REGISTER -> 401 -> REGISTER+Authorization -> 200) and mode "challenge"
#      (REGISTER -> 401 only; the gateway has no switch to register without digest auth)
#   3. Java Flight Recorder CPU profile of the gateway at its highest sustained auth rate
#   4. a fresh gateway holding $HEAP_BINDINGS bindings: used heap after a full GC, RSS, SQLite size
#   5. the same steps against Kamailio (usrloc in memory, registrar, nathelper, auth with HA1 from htable),
#      plus its shared memory with $HEAP_BINDINGS contacts
#   6. report: table, maximum sustained rates, CPU per 1,000 registrations, ratios Natterjack/Kamailio
#
# Knobs (environment): USERS PROCS STEP_SECONDS RATES CHALLENGE_RATES WARMUP_SECONDS PROFILE_SECONDS
#   HEAP_BINDINGS HEAP_RATE KAM_CHILDREN KAM_SHM_MB WORK (output dir; default a new /tmp dir, kept).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

USERS=${USERS:-2000}
PROCS=${PROCS:-4}
STEP_SECONDS=${STEP_SECONDS:-10}
# Offered load per step, in registrations (sipp calls) per second, over all sipp processes.
RATES=${RATES:-"250 500 750 1000 1500 2000 3000 4000 5000 6000 8000 10000 12000"}
CHALLENGE_RATES=${CHALLENGE_RATES-"500 1000 1500 2000 3000 4000 5000 6000 8000 10000 12000 14000 16000"}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
WARMUP_RATE=${WARMUP_RATE:-500}
PROFILE_SECONDS=${PROFILE_SECONDS:-20}
HEAP_BINDINGS=${HEAP_BINDINGS:-100000}
HEAP_RATE=${HEAP_RATE:-500}
KAM_CHILDREN=${KAM_CHILDREN:-4}
KAM_SHM_MB=${KAM_SHM_MB:-1024}
SERVERS=${SERVERS:-"natterjack kamailio"}
COLD_RATE=${COLD_RATE:-0}        # > 0: a first step at this rate right after start, before any warm-up (a power cut)
COLD_SECONDS=${COLD_SECONDS:-15}
WORK=${WORK:-$(mktemp -d /tmp/registrar-bench.XXXXXX)}
mkdir -p "$WORK"
RESULTS="$WORK/results.tsv"
. "$HERE/../lib/common.sh"   # log, die, stop_pid, free_port, CPU counters, sipp_totals, start_gateway
# A step is "sustained" when no registration failed and at least this share of the offered rate was achieved.
MIN_ACHIEVED=0.95

need_commands sipp kamailio kamcmd java jcmd jfr python3 sqlite3 awk ps

# ---------------------------------------------------------------- process bookkeeping and cleanup
GW_PID=""; KAM_PID=""; SIPP_PIDS=()

cleanup() {
  local p
  for p in "${SIPP_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  stop_pid "$GW_PID" natterjack; GW_PID=""
  stop_pid "$KAM_PID" kamailio; KAM_PID=""
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------- helpers
scenario_of() { echo "$HERE/scenarios/register-$1.xml"; }

alloc_ports() {  # PORTS: one free local port per sipp process (allocated before a step's clock starts)
  local k
  PORTS=()
  for k in $(seq 0 $((PROCS - 1))); do PORTS+=("$(free_port)"); done
}

# run_sipp DIR TARGET MODE RATE_PER_PROC CALLS_PER_PROC: PROCS sipp processes in parallel (local ports from
# alloc_ports); waits; bounded by -timeout
run_sipp() {
  local dir=$1 target=$2 mode=$3 per=$4 calls=$5 k limit budget
  mkdir -p "$dir"
  limit=$(( per * 2 > 200 ? per * 2 : 200 ))   # at most ~2 s worth of calls outstanding per process
  budget=$(( calls / (per > 0 ? per : 1) * 3 + 20 ))  # hard stop: 3x the planned duration + 20 s
  SIPP_PIDS=()
  for k in $(seq 0 $((PROCS - 1))); do
    sipp "$target" -sf "$(scenario_of "$mode")" -inf "$WORK/users$k.csv" -i 127.0.0.1 -p "${PORTS[$k]}" -t u1 \
      -r "$per" -rp 1000 -m "$calls" -l "$limit" -nostdin -recv_timeout 5000 \
      -timeout "${budget}s" -timeout_error -trace_stat -stf "$dir/stat$k.csv" -fd 1 \
      -trace_err -error_file "$dir/err$k.log" >"$dir/out$k.log" 2>&1 &
    SIPP_PIDS+=($!)
  done
  local rc=0 p
  for p in "${SIPP_PIDS[@]}"; do wait "$p" || rc=$((rc > $? ? rc : $?)); done
  SIPP_PIDS=()
  return $rc
}

# step SERVER PID TARGET MODE RATE SECONDS LABEL: one load step; appends a row to $RESULTS; returns 0 if sustained
step() {
  local server=$1 pid=$2 target=$3 mode=$4 rate=$5 secs=$6 label=$7
  local per=$(( (rate + PROCS - 1) / PROCS )) offered calls dir t0 t1 c0 c1 m0 m1 rc=0
  offered=$(( per * PROCS )); calls=$(( per * secs ))
  dir="$WORK/steps/$server-$label-$mode-$offered"
  rm -rf "$dir"
  alloc_ports
  local mb0 mt0 mb1 mt1 s0 s1
  mkdir -p "$dir"
  thread_ticks "$pid" >"$dir/threads-before.txt"
  children_cpu "$WORK/.cpu0"; s0=$(cat "$WORK/.cpu0"); c0=$(tree_ticks "$pid"); read -r mb0 mt0 < <(machine_ticks); t0=$(date +%s.%N)
  run_sipp "$dir" "$target" "$mode" "$per" "$calls" || rc=$?
  t1=$(date +%s.%N); c1=$(tree_ticks "$pid"); read -r mb1 mt1 < <(machine_ticks)
  children_cpu "$WORK/.cpu1"; s1=$(cat "$WORK/.cpu1")
  thread_ticks "$pid" >"$dir/threads-after.txt"
  thread_cpu "$dir/threads-before.txt" "$dir/threads-after.txt" >"$dir/cpu-by-thread.txt"
  kill -0 "$pid" 2>/dev/null || die "$server died during the $mode step at $offered/s"
  local succ sfail retr srate
  read -r succ sfail retr srate < <(sipp_totals "$dir")
  local expected=$(( calls * PROCS ))
  local row
  row=$(awk -v s="$server" -v m="$mode" -v l="$label" -v o="$offered" -v t0="$t0" -v t1="$t1" -v c="$((c1 - c0))" \
            -v hz="$HZ" -v succ="$succ" -v expn="$expected" -v sf="$sfail" -v retr="$retr" -v rc="$rc" \
            -v mb="$((mb1 - mb0))" -v mt="$((mt1 - mt0))" -v min="$MIN_ACHIEVED" -v srate="$srate" \
            -v s0="$s0" -v s1="$s1" 'BEGIN {
      wall = t1 - t0; ach = srate; cpu = c / hz; fail = expn - succ; scpu = s1 - s0
      other = mb / hz - cpu - scpu; if (other < 0) other = 0   # CPU of processes not in this benchmark
      regs = (m == "auth") ? 2 : 1
      per1k = succ > 0 ? cpu / (succ / 1000) : 0
      ok = (fail == 0 && rc == 0 && ach >= min * o) ? "yes" : "no"
      printf "%s\t%s\t%s\t%d\t%d\t%.0f\t%d\t%d\t%d\t%d\t%.1f\t%.2f\t%.4f\t%.0f\t%d\t%s\t%.2f\t%.2f\n",
        s, m, l, o, o * regs, ach, expn, succ, fail, retr, wall, cpu, per1k, 100 * mb / mt, rc, ok, scpu, other }')
  printf '%s\n' "$row" >>"$RESULTS"
  log "$(awk -F'\t' '{ printf "%-10s %-9s %-8s offered %6d/s achieved %6d/s failed %d retrans %d cpu %.2fs = %.3fs/1000 machine %s%% -> %s",
                        $1, $2, $3, $4, $6, $9, $10, $12, $13, $14, $16; printf " (sipp cpu %.2fs, other processes %.2fs)", $17, $18 }' <<<"$row")"
  [ "$(cut -f16 <<<"$row")" = yes ]
}

# ladder SERVER PID TARGET MODE "RATES": steps up until the first step that is not sustained. This machine may
# be shared: a failed step during which other processes used more than 20% of a core is repeated once (the
# first attempt stays in the results, labelled "disturbed").
ladder() {
  local server=$1 pid=$2 target=$3 mode=$4 rates=$5 r
  for r in $rates; do
    if ! step "$server" "$pid" "$target" "$mode" "$r" "$STEP_SECONDS" step; then
      if tail -1 "$RESULTS" | awk -F'\t' '{ exit !($18 > 0.2 * $11) }'; then
        sed -i '$ s/\tstep\t/\tdisturbed\t/' "$RESULTS"
        log "$server $mode: other processes were busy during the $r/s step; repeating it once"
        sleep 5
        step "$server" "$pid" "$target" "$mode" "$r" "$STEP_SECONDS" step && { sleep 3; continue; }
      fi
      log "$server $mode: not sustained at $r/s; stopping"
      break
    fi
    sleep 3
  done
}

max_sustained() {  # max_sustained SERVER MODE -> highest sustained offered rate (0 if none)
  awk -F'\t' -v s="$1" -v m="$2" '$1 == s && $2 == m && $3 == "step" && $16 == "yes" && $4 > x { x = $4 } END { print x + 0 }' "$RESULTS"
}

smoke() {  # smoke TARGET MODE: one call until it succeeds (server up, users loaded); bounded to 30 tries
  local target=$1 mode=$2 i
  for i in $(seq 1 30); do
    if timeout 20 sipp "$target" -sf "$(scenario_of "$mode")" -inf "$WORK/users0.csv" -i 127.0.0.1 -p "$(free_port)" \
         -m 1 -r 1 -nostdin -recv_timeout 3000 -timeout 15s -timeout_error >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  die "no successful $mode registration against $target after 30 tries"
}

gc_used_kib() {  # used heap after a full GC, in KiB (G1: "garbage-first heap   total X, used YK")
  jcmd "$1" GC.run >/dev/null
  sleep 2
  jcmd "$1" GC.heap_info | tee "$2" | awk '/heap/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); print v; exit } }'
}

# ---------------------------------------------------------------- setup
: >"$RESULTS"
log "work dir: $WORK"
log_machine
build_gateway

cat >"$WORK/natterjack.yaml" <<EOF
# Registrar benchmark: defaults, except
registrar:
  max-contacts: 100        # the heap phase registers $((HEAP_BINDINGS / USERS)) contacts per user
nat:
  keepalive-seconds: 0     # sipp would not answer keepalive OPTIONS (Kamailio's natping is off too)
  refresh-seconds: 3600    # keep NATed bindings as long as Kamailio does (default 60 s would expire them mid-run)
sip:
  source-rate-limit: 0     # every sipp client sends from 127.0.0.1; the per-source flood guard would cut it off
EOF

# ---------------------------------------------------------------- Natterjack
if [[ " $SERVERS " == *" natterjack "* ]]; then
NJ_PORT=$(free_port)
NJ_TARGET="127.0.0.1:$NJ_PORT"
log "starting Natterjack on $NJ_TARGET"
start_gateway "$WORK/nj-data" "$NJ_PORT" "$WORK/natterjack.log"
python3 "$BENCH_LIB/gen_users.py" "$USERS" "$PROCS" "$WORK/nj-data/natterjack.db" "$WORK/kamailio-users.cfg" "$WORK/users"
sleep 3  # the gateway reloads users within 2 s; an earlier REGISTER would count as a failed authentication
log "inserted $(sqlite3 "$WORK/nj-data/natterjack.db" 'SELECT count(*) FROM sip_user') users; waiting for the reload"
smoke "$NJ_TARGET" auth
log "Natterjack pid $GW_PID; JVM: $(jcmd "$GW_PID" VM.flags 2>/dev/null | tr ' ' '\n' | grep -E 'MaxHeapSize|Use.*GC$' | tr '\n' ' ')"

if [ "$COLD_RATE" -gt 0 ]; then
  log "cold start: $COLD_SECONDS s at $COLD_RATE/s auth, before any warm-up"
  step natterjack "$GW_PID" "$NJ_TARGET" auth "$COLD_RATE" "$COLD_SECONDS" cold || true
  sleep 3
fi
log "warm-up (JIT): $WARMUP_SECONDS s at $WARMUP_RATE/s auth, not recorded"
step natterjack "$GW_PID" "$NJ_TARGET" auth "$WARMUP_RATE" "$WARMUP_SECONDS" warmup || true
sleep 3
ladder natterjack "$GW_PID" "$NJ_TARGET" auth "$RATES"
ladder natterjack "$GW_PID" "$NJ_TARGET" challenge "$CHALLENGE_RATES"

# JFR's "profile" settings cost CPU of their own: at 100% of the sustained rate the gateway tipped over into a
# retransmission storm in trial runs, which would profile the storm instead of the steady state.
prof_rate=$(max_sustained natterjack auth); [ "$prof_rate" -gt 0 ] || prof_rate=${RATES%% *}
prof_rate=$(( prof_rate * ${PROFILE_PERCENT:-80} / 100 ))
if [ "$PROFILE_SECONDS" -gt 0 ]; then
log "JFR CPU profile: $PROFILE_SECONDS s at $prof_rate/s auth (${PROFILE_PERCENT:-80}% of the highest sustained rate)"
jcmd "$GW_PID" JFR.start name=bench settings=profile filename="$WORK/natterjack-profile.jfr" >/dev/null
step natterjack "$GW_PID" "$NJ_TARGET" auth "$prof_rate" "$PROFILE_SECONDS" profiled || true
jcmd "$GW_PID" JFR.stop name=bench >/dev/null
python3 "$BENCH_LIB/jfr_summary.py" "$WORK/natterjack-profile.jfr" 20 >"$WORK/profile-summary.txt" \
  || log "profile summary failed"
fi
jcmd "$GW_PID" GC.heap_info >"$WORK/natterjack-heap-after-load.txt" 2>&1 || true
stop_pid "$GW_PID" natterjack; GW_PID=""

if [ "$HEAP_BINDINGS" -gt 0 ]; then

log "heap with $HEAP_BINDINGS bindings: fresh gateway"
start_gateway "$WORK/nj-heap" "$NJ_PORT" "$WORK/natterjack-heap.log"
python3 "$BENCH_LIB/gen_users.py" "$USERS" "$PROCS" "$WORK/nj-heap/natterjack.db" "$WORK/kamailio-users.cfg" "$WORK/users"
sleep 3
smoke "$NJ_TARGET" challenge
log "warm-up (JIT) of the fresh gateway: $WARMUP_SECONDS s of challenges at $WARMUP_RATE/s, no bindings written"
step natterjack "$GW_PID" "$NJ_TARGET" challenge "$WARMUP_RATE" "$WARMUP_SECONDS" heap-warmup || true
heap_before=$(gc_used_kib "$GW_PID" "$WORK/heap-before.txt")
per=$(( HEAP_RATE / PROCS )); calls=$(( HEAP_BINDINGS / PROCS ))
alloc_ports
run_sipp "$WORK/steps/natterjack-heap" "$NJ_TARGET" heap "$per" "$calls" || log "heap load: sipp reported failures"
read -r hs hf hr hrate < <(sipp_totals "$WORK/steps/natterjack-heap")
log "heap load: $hs registrations ok at $hrate/s, $hf failed, $hr retransmissions"
sleep 3  # the store flushes every second
heap_after=$(gc_used_kib "$GW_PID" "$WORK/heap-after.txt")
rss_kib=$(awk '/VmRSS/ { print $2 }' "/proc/$GW_PID/status")
rows=$(sqlite3 "$WORK/nj-heap/natterjack.db" 'SELECT count(*) FROM binding')
stop_pid "$GW_PID" natterjack; GW_PID=""   # graceful: final flush and WAL checkpoint
db_bytes=$(stat -c %s "$WORK/nj-heap/natterjack.db")
wal_bytes=$( (stat -c %s "$WORK/nj-heap/natterjack.db-wal" 2>/dev/null || echo 0) )
cat >"$WORK/heap.txt" <<EOF
natterjack_registrations_ok	$hs
natterjack_registrations_failed	$hf
natterjack_binding_rows	$rows
natterjack_heap_used_before_kib	$heap_before
natterjack_heap_used_after_kib	$heap_after
natterjack_rss_kib	$rss_kib
natterjack_db_bytes	$db_bytes
natterjack_wal_bytes	$wal_bytes
EOF
log "heap: $heap_before KiB -> $heap_after KiB used after full GC, $rows binding rows, RSS $rss_kib KiB, db $db_bytes B"
fi
fi

[[ " $SERVERS " == *" kamailio "* ]] || { log "done (Kamailio not measured); everything is in $WORK"; exit 0; }

# ---------------------------------------------------------------- Kamailio
KAM_PORT=$(free_port)
KAM_TARGET="127.0.0.1:$KAM_PORT"
# Without the Natterjack phase, the users exist only for Kamailio.
[ -s "$WORK/kamailio-users.cfg" ] || python3 "$BENCH_LIB/gen_users.py" "$USERS" "$PROCS" - "$WORK/kamailio-users.cfg" "$WORK/users"
mkdir -p "$WORK/kamailio"
sed -e "s|@PORT@|$KAM_PORT|" -e "s|@CHILDREN@|$KAM_CHILDREN|" -e "s|@USERS@|$WORK/kamailio-users.cfg|" \
    -e "s|@CTL@|$WORK/kamailio/ctl.sock|" "$HERE/kamailio.cfg" >"$WORK/kamailio/kamailio.cfg"
kamailio -c -f "$WORK/kamailio/kamailio.cfg" >"$WORK/kamailio/check.log" 2>&1 || { cat "$WORK/kamailio/check.log" >&2; die "kamailio config check failed"; }
log "starting Kamailio on $KAM_TARGET ($KAM_CHILDREN UDP children, -m $KAM_SHM_MB)"
kamailio -f "$WORK/kamailio/kamailio.cfg" -m "$KAM_SHM_MB" -M 32 -DD -E -w "$WORK/kamailio" >"$WORK/kamailio.log" 2>&1 &
KAM_PID=$!
smoke "$KAM_TARGET" auth
log "Kamailio pid $KAM_PID with $(ps --ppid "$KAM_PID" -o pid= | wc -l) child processes"
kam_shm() { kamcmd -s "unix:$WORK/kamailio/ctl.sock" core.shmmem | awk '/used:/ { print $2 }'; }

log "warm-up: $WARMUP_SECONDS s at $WARMUP_RATE/s auth, not recorded"
step kamailio "$KAM_PID" "$KAM_TARGET" auth "$WARMUP_RATE" "$WARMUP_SECONDS" warmup || true
sleep 3
ladder kamailio "$KAM_PID" "$KAM_TARGET" auth "$RATES"
ladder kamailio "$KAM_PID" "$KAM_TARGET" challenge "$CHALLENGE_RATES"

if [ "$HEAP_BINDINGS" -gt 0 ]; then
log "Kamailio shared memory with $HEAP_BINDINGS contacts"
shm_before=$(kam_shm)
alloc_ports
run_sipp "$WORK/steps/kamailio-heap" "$KAM_TARGET" heap "$per" "$calls" || log "kamailio heap load: sipp reported failures"
read -r ks kf kr krate < <(sipp_totals "$WORK/steps/kamailio-heap")
shm_after=$(kam_shm)
kam_contacts=$(kamcmd -s "unix:$WORK/kamailio/ctl.sock" stats.get_statistics location_contacts | awk '{ print $NF }')
kam_rss=0; for p in $KAM_PID $(ps --ppid "$KAM_PID" -o pid=); do kam_rss=$((kam_rss + $(awk '/VmRSS/ { print $2 }' "/proc/$p/status"))); done
cat >>"$WORK/heap.txt" <<EOF
kamailio_registrations_ok	$ks
kamailio_registrations_failed	$kf
kamailio_contacts	$kam_contacts
kamailio_shm_used_before_bytes	$shm_before
kamailio_shm_used_after_bytes	$shm_after
kamailio_rss_sum_kib	$kam_rss
EOF
fi
stop_pid "$KAM_PID" kamailio; KAM_PID=""

# ---------------------------------------------------------------- report
if [[ " $SERVERS " != *" natterjack "* || "$HEAP_BINDINGS" -le 0 ]]; then
  log "done (partial run: no report); everything is in $WORK"
  exit 0
fi
python3 "$HERE/report.py" "$RESULTS" "$WORK/heap.txt" "$MIN_ACHIEVED" | tee "$WORK/report.txt"
best_nj=$(max_sustained natterjack auth)
for d in "$WORK/steps/natterjack-step-auth-$best_nj" "$WORK/steps/natterjack-profiled-auth-$prof_rate"; do
  [ -s "$d/cpu-by-thread.txt" ] || continue
  echo; echo "Natterjack CPU by thread group, ${d##*/}:"; head -12 "$d/cpu-by-thread.txt"
done | tee -a "$WORK/report.txt"
echo
echo "Profile summary ($WORK/profile-summary.txt), first lines:"
head -40 "$WORK/profile-summary.txt" || true
log "done; everything is in $WORK"
