#!/usr/bin/env bash
# Proxy benchmark: call setups per second through Natterjack and through Kamailio 5.6, in the same run, with
# sipp callers and callees on 127.0.0.1.
#
#   bench/proxy/run.sh            # full run (about 30-40 minutes on 2 cores, plus waiting for a quiet machine)
#
# One call: INVITE -> 100 -> 180 -> 200 -> ACK, hold $HOLD_MS, BYE -> 200, every message through the proxy (the
# callers follow the Record-Route route set; the callees' Contacts are private addresses nobody listens on, so
# an in-dialog request that bypassed the proxy would fail its call).
#
# Phases (every loop bounded; every process started here stopped on exit):
#   1. build the gateway; wait (bounded) until the machine's 1-minute load is below $LOAD_MAX
#   2. Natterjack: fresh data dir, $UAS_PROCS callee accounts; one sipp callee process per account registers
#      (digest auth) and answers; callers are sipp processes on 127.0.0.2, a trusted peer (no 407 round)
#   3. warm-up (JIT), then stepped offered rates ($RATES calls/s, $STEP_SECONDS each, $UAC_PROCS caller processes)
#      until the first step that is not sustained (>= MAX_FAILED_PERCENT failed calls, or the callers could start
#      fewer than MIN_ACHIEVED of the offered calls)
#   4. Java Flight Recorder CPU profile of the gateway at its highest sustained rate; heap and class histogram
#   5. recovery test: a step at $STALL_PERCENT% of the gateway's highest sustained rate during which the server is
#      stopped for $STALL_MS ms (SIGSTOP/SIGCONT, like a long GC pause or a busy host): does it catch up?
#   6. the same against Kamailio (tm, rr, registrar/usrloc in memory, nathelper, -m $KAM_SHM_MB, $KAM_CHILDREN
#      children, TLSF allocator), the recovery test at the same rate; then Kamailio with its default allocator (qm)
#   7. report: table, highest sustained rates, p50/p99 setup latency, CPU per 1,000 calls, ratios
#
# Knobs (environment): RATES STEP_SECONDS HOLD_MS UAC_PROCS UAS_PROCS WARMUP_SECONDS WARMUP_RATE PROFILE_SECONDS
#   PROFILE_PERCENT PROFILER PROFILE_EVENT HEAP_DUMP MAX_FAILED_PERCENT MIN_ACHIEVED KAM_CHILDREN KAM_SHM_MB KAM_ALLOCATORS STALL_MS STALL_SECONDS
#   STALL_PERCENT OVERLOAD_PERCENT NJ_MEDIA NJ_OVERLOAD_MS NJ_METRICS (on|off) NJ_CAPTURE_MB PROBE_RATE RTT_FREQ LOAD_MAX LOAD_WAIT_TRIES NATTERJACK_JAVA_OPTS
#   SERVERS ("natterjack kamailio") WORK (output dir; default a new /tmp dir, kept).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

RATES=${RATES:-"250 500 750 1000 1500 2000 2500 3000 3500 4000 5000 6000"}
STEP_SECONDS=${STEP_SECONDS:-10}
HOLD_MS=${HOLD_MS:-1000}
UAC_PROCS=${UAC_PROCS:-2}
UAS_PROCS=${UAS_PROCS:-2}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
WARMUP_RATE=${WARMUP_RATE:-300}
PROFILE_SECONDS=${PROFILE_SECONDS:-20}
NJ_OVERLOAD_MS=${NJ_OVERLOAD_MS:-}  # non-empty: the gateway's sip.overload-queue-delay-ms (0: off); empty: its default
HEAP_DUMP=${HEAP_DUMP:-}  # non-empty: also write natterjack.hprof (live objects) 5 s after the load
PROFILE_PERCENT=${PROFILE_PERCENT:-100}
PROFILER=${PROFILER:-async}      # async: async-profiler (from Maven Central; Java, native and GC frames), jfr: JFR
PROFILE_EVENT=${PROFILE_EVENT:-cpu} # async-profiler event: cpu (perf_events CPU clock, every thread), itimer (one timer per process)
ASYNC_PROFILER_VERSION=3.0
MAX_FAILED_PERCENT=${MAX_FAILED_PERCENT:-1}
MIN_ACHIEVED=${MIN_ACHIEVED:-0.95}
KAM_CHILDREN=${KAM_CHILDREN:-4}
KAM_SHM_MB=${KAM_SHM_MB:-1024}
NJ_MEDIA=${NJ_MEDIA:-off}        # off: signalling only, as Kamailio here; anchor: the gateway relays the NATed calls' media
NJ_METRICS=${NJ_METRICS:-on}       # off: metrics.enabled false, to measure what the meters cost
NJ_CAPTURE_MB=${NJ_CAPTURE_MB:-32} # capture.memory-mb: the SIP capture ring (0: off), to measure what it costs
OVERLOAD_PERCENT=${OVERLOAD_PERCENT:-200} # overload step: the gateway at this share of its highest sustained rate; 0: none
STALL_MS=${STALL_MS:-1000}        # recovery test: the server is stopped (SIGSTOP) this long ...
STALL_SECONDS=${STALL_SECONDS:-40} # ... 10 s into a step this long ...
STALL_PERCENT=${STALL_PERCENT:-50} # ... at this share of the gateway's highest sustained rate; STALL_MS=0: no test
PROBE_RATE=${PROBE_RATE:-50}     # calls/s (of the offered rate) made by the latency probe caller
RTT_FREQ=${RTT_FREQ:-20}         # the probe writes response times in batches of this many calls (the last batch is lost)
KAM_ALLOCATORS=${KAM_ALLOCATORS:-"tlsf qm"}  # Kamailio shm/pkg allocators to measure: "kamailio" (tlsf), "kamailio-qm", ...
LOAD_MAX=${LOAD_MAX:-1.0}
LOAD_WAIT_TRIES=${LOAD_WAIT_TRIES:-20}
SERVERS=${SERVERS:-"natterjack kamailio"}
WORK=${WORK:-$(mktemp -d /tmp/proxy-bench.XXXXXX)}
mkdir -p "$WORK"
RESULTS="$WORK/results.tsv"
. "$HERE/../lib/common.sh"   # log, die, stop_pid, free_port, CPU counters, sipp_totals, start_gateway
CALLER_IP=127.0.0.2          # the callers' source address: the gateway's trusted peer
SCEN="$HERE/scenarios"

need_commands sipp kamailio kamcmd java jcmd jfr python3 sqlite3 awk ps gcc

# ---------------------------------------------------------------- process bookkeeping and cleanup
GW_PID=""; KAM_PID=""; UAC_PIDS=(); UAS_PIDS=(); STALLER_PID=""

stop_uas() {
  local p
  for p in "${UAS_PIDS[@]}"; do stop_pid "$p" "sipp callee"; done
  UAS_PIDS=()
}

cleanup() {
  local p
  [ -n "$STALLER_PID" ] && kill -KILL "$STALLER_PID" 2>/dev/null || true
  for p in $GW_PID $KAM_PID $( [ -n "$KAM_PID" ] && ps --ppid "$KAM_PID" -o pid= ); do kill -CONT "$p" 2>/dev/null || true; done
  for p in "${UAC_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  stop_uas
  stop_pid "$GW_PID" natterjack; GW_PID=""
  stop_pid "$KAM_PID" kamailio; KAM_PID=""
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------- callers and callees
# sipp 3.6.1 reads CLOCK_MONOTONIC_COARSE (4 ms ticks): the shim gives its response times microseconds.
FINECLOCK="$WORK/fineclock.so"

# start_uas NAME TARGET: one sipp callee per account (injection file $WORK/callee<k>.csv): registers from its
# socket, then answers every INVITE (out-of-call scenario) until stopped. Statistics in $WORK/NAME-uas/.
start_uas() {
  local name=$1 target=$2 k port dir="$WORK/$1-uas"
  mkdir -p "$dir"
  UAS_PIDS=()
  for k in $(seq 0 $((UAS_PROCS - 1))); do
    port=$(free_port)
    (cd "$dir" && exec sipp "$target" -sf "$SCEN/uas-register.xml" -oocsf "$SCEN/uas-answer.xml" \
        -inf "$WORK/callee$k.csv" -i 127.0.0.1 -p "$port" -t u1 -m 1 -d 36000000 -nostdin \
        -recv_timeout $((HOLD_MS + 15000)) -trace_stat -stf "stat$k.csv" -fd 1 \
        -trace_err -error_file "err$k.log" >"out$k.log" 2>&1) &
    UAS_PIDS+=($!)
  done
}

uas_failed() {  # failed calls counted by the callees so far (cumulative, from their 1-second statistics)
  local f sum=0 v
  for f in "$WORK/$1-uas"/stat*.csv; do
    v=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") c = i; next } { v = $c } END { print v + 0 }' "$f" 2>/dev/null || echo 0)
    sum=$((sum + v))
  done
  echo "$sum"
}

alloc_ports() {  # PORTS: one free local port per caller process and the probe (before a step's clock starts)
  local k
  PORTS=()
  for k in $(seq 0 "$UAC_PROCS"); do PORTS+=("$(free_port)"); done
}

# run_uacs DIR TARGET RATE SECONDS: UAC_PROCS load callers plus one latency probe caller in parallel (ports from
# alloc_ports), RATE calls/s together (the probe makes PROBE_RATE of them); waits; each bounded by -timeout. A call
# fails if a response is 5 s late (-recv_timeout). Only the probe runs with the fine clock and writes response times:
# sipp's call generator drops calls it is late for when its clock has a finer tick than the time it needs to start
# one (src/call_generation_task.cpp), so the load callers keep sipp's own 4 ms clock and start the offered rate.
run_uacs() {
  local dir=$1 target=$2 rate=$3 secs=$4 k per calls limit budget preload rtt
  mkdir -p "$dir"
  UAC_PIDS=()
  for k in $(seq 0 "$UAC_PROCS"); do
    if [ "$k" -lt "$UAC_PROCS" ]; then
      per=$(( (rate - PROBE_RATE) / UAC_PROCS )); preload=""; rtt=()
    else
      per=$PROBE_RATE; preload=$FINECLOCK; rtt=(-trace_rtt -rtt_freq "$RTT_FREQ")
    fi
    calls=$(( per * secs ))
    limit=$(( per * (HOLD_MS / 1000 + 3) + 100 ))           # calls in progress per process: hold + up to ~2 s of setup
    budget=$(( secs * 3 + HOLD_MS / 1000 + 20 ))             # hard stop: 3x the planned duration + 20 s
    (cd "$dir" && LD_PRELOAD="$preload" exec sipp "$target" -sf "$SCEN/uac-call.xml" -inf "$WORK/callees.csv" \
        -i "$CALLER_IP" -p "${PORTS[$k]}" -t u1 -r "$per" -rp 1000 -m "$calls" -l "$limit" -d "$HOLD_MS" \
        -nostdin -recv_timeout 5000 -timeout "${budget}s" -timeout_error \
        -trace_stat -stf "stat$k.csv" -fd 1 "${rtt[@]}" \
        -trace_err -error_file "err$k.log" >"out$k.log" 2>&1) &
    UAC_PIDS+=($!)
  done
  local rc=0 p
  for p in "${UAC_PIDS[@]}"; do wait "$p" || rc=$((rc > $? ? rc : $?)); done
  UAC_PIDS=()
  return $rc
}

# udp_drops PORT: datagrams the kernel dropped on the UDP socket(s) bound to PORT (receive buffer full), so far
udp_drops() {
  python3 - "$1" <<'PY'
import sys
port, total = int(sys.argv[1]), 0
for name in ("/proc/net/udp", "/proc/net/udp6"):
    try:
        lines = open(name).readlines()[1:]
    except OSError:
        continue
    for line in lines:
        f = line.split()
        if int(f[1].split(":")[1], 16) == port:
            total += int(f[-1])
print(total)
PY
}

# gc_pauses LOG T0 T1: "count total_ms max_ms" of the JVM's GC pauses logged between epoch times T0 and T1
# (-Xlog:gc:file=LOG:timemillis)
gc_pauses() {
  [ -s "$1" ] || { echo "0 0 0"; return; }
  awk -v t0="$2" -v t1="$3" 'match($0, /^\[[0-9]+ms\]/) { t = substr($0, 2, RLENGTH - 4) / 1000
         if (t >= t0 && t <= t1 && / Pause / && match($0, /[0-9.]+ms$/)) { v = substr($0, RSTART, RLENGTH - 2) + 0; n++; s += v; if (v > m) m = v } }
       END { printf "%d %.0f %.0f\n", n, s, m }' "$1"
}

# step SERVER PID TARGET RATE SECONDS LABEL [GW_LOG]: one load step; appends a row to $RESULTS; 0 if sustained
step() {
  local server=$1 pid=$2 target=$3 rate=$4 secs=$5 label=$6 gwlog=${7:-}
  local offered calls dir rc=0 port=${target##*:}
  offered=$(( (rate - PROBE_RATE) / UAC_PROCS * UAC_PROCS + PROBE_RATE )); calls=$(( offered * secs ))
  dir="$WORK/steps/$server-$label-$offered"
  rm -rf "$dir"; mkdir -p "$dir"
  alloc_ports
  local t0 t1 c0 c1 u0 u1 mb0 mt0 mb1 mt1 s0 s1 f0 f1 l0=0 l1=0 load d0 d1
  load=$(load1); d0=$(udp_drops "$port")
  [ "$server" = natterjack ] && thread_ticks "$pid" >"$dir/threads-before.txt"
  [ -n "$gwlog" ] && l0=$(wc -l <"$gwlog")
  f0=$(uas_failed "$server")
  children_cpu "$WORK/.cpu0"; s0=$(cat "$WORK/.cpu0"); all_ticks >"$dir/procs-before.txt"
  c0=$(tree_ticks "$pid"); u0=$(tree_ticks "${UAS_PIDS[@]}"); read -r mb0 mt0 < <(machine_ticks); t0=$(date +%s.%N)
  run_uacs "$dir" "$target" "$offered" "$secs" || rc=$?
  t1=$(date +%s.%N); c1=$(tree_ticks "$pid"); u1=$(tree_ticks "${UAS_PIDS[@]}"); read -r mb1 mt1 < <(machine_ticks)
  children_cpu "$WORK/.cpu1"; s1=$(cat "$WORK/.cpu1"); all_ticks >"$dir/procs-after.txt"
  local other gc
  d1=$(udp_drops "$port")
  gc=$(gc_pauses "${GC_LOG:-}" "$t0" "$t1")
  other=$(other_cpu "$dir/procs-before.txt" "$dir/procs-after.txt" "$pid" "${UAS_PIDS[@]}")
  sleep 1.5  # the callees write their statistics every second
  f1=$(uas_failed "$server")
  if [ -n "$gwlog" ]; then
    l1=$(wc -l <"$gwlog")
    tail -n +"$((l0 + 1))" "$gwlog" | head -n $((l1 - l0)) | grep -E ' (WARN|ERROR) |Exception' >"$dir/gateway-warnings.log" || true
  fi
  if [ "$server" = natterjack ]; then
    thread_ticks "$pid" >"$dir/threads-after.txt"
    thread_cpu "$dir/threads-before.txt" "$dir/threads-after.txt" >"$dir/cpu-by-thread.txt"
  fi
  kill -0 "$pid" 2>/dev/null || die "$server died during the step at $offered/s"
  local succ sfail retr srate lat
  read -r succ sfail retr srate < <(sipp_totals "$dir")
  lat=$(python3 "$HERE/latency.py" "$dir")
  local warnings=0
  [ -s "$dir/gateway-warnings.log" ] && warnings=$(wc -l <"$dir/gateway-warnings.log")
  local row
  row=$(awk -v s="$server" -v l="$label" -v o="$offered" -v t0="$t0" -v t1="$t1" -v c="$((c1 - c0))" \
            -v u="$((u1 - u0))" -v hz="$HZ" -v succ="$succ" -v expn="$calls" -v retr="$retr" \
            -v drops="$((d1 - d0))" -v gc="$gc" -v rc="$rc" -v mb="$((mb1 - mb0))" -v mt="$((mt1 - mt0))" -v min="$MIN_ACHIEVED" -v srate="$srate" \
            -v maxf="$MAX_FAILED_PERCENT" -v s0="$s0" -v s1="$s1" -v lat="$lat" -v load="$load" \
            -v warn="$warnings" -v uf="$((f1 - f0))" -v other="$other" 'BEGIN {
      split(lat, L, " ")
      wall = t1 - t0; cpu = c / hz; fail = expn - succ; fpct = expn > 0 ? 100 * fail / expn : 100
      per1k = succ > 0 ? cpu / (succ / 1000) : 0
      ok = (fpct < maxf && srate >= min * o) ? "yes" : "no"
      split(gc, G, " ")
      printf "%s\t%s\t%d\t%.0f\t%d\t%d\t%d\t%.3f\t%d\t%.1f\t%.2f\t%.4f\t%d\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%.0f\t%s\t%d\t%d\t%d\t%s\t%.2f\t%d\t%d\t%d\t%d\n",
        s, l, o, srate, expn, succ, fail, fpct, retr, wall, cpu, per1k, L[1], L[2], L[3], L[5], L[6],
        s1 - s0, u / hz, (mt > 0 ? 100 * mb / mt : 0), load, warn, uf, rc, ok, other, drops, G[1], G[2], G[3] }')
  printf '%s\n' "$row" >>"$RESULTS"
  log "$(awk -F'\t' '{ printf "%-10s %-8s offered %5d/s achieved %5d/s failed %d (%.2f%%) retrans %d setup p50 %s p99 %s ms cpu %.2fs = %.3fs/1000 calls (callers %.2fs, callees %.2fs, other processes %.2fs cpu; load %s; gw warnings %d; callee failures %d; server socket drops %d; GC pauses %d, %d ms, max %d ms) -> %s",
                        $1, $2, $3, $4, $7, $8, $9, $14, $15, $11, $12, $18, $19, $26, $21, $22, $23, $27, $28, $29, $30, $25 }' <<<"$row")"
  [ "$(cut -f25 <<<"$row")" = yes ]
}

# ladder SERVER PID TARGET [GW_LOG]: steps up through $RATES until the first step that is not sustained. A failed
# step during which other processes (not the server, not sipp) used more than 20% of a core is repeated once
# after a pause (the first attempt stays in the results, labelled "disturbed").
ladder() {
  local server=$1 pid=$2 target=$3 gwlog=${4:-} r
  for r in $RATES; do
    if ! step "$server" "$pid" "$target" "$r" "$STEP_SECONDS" step "$gwlog"; then
      if tail -1 "$RESULTS" | awk -F'\t' '{ exit !($26 > 0.2 * $10) }'; then
        sed -i '$ s/\tstep\t/\tdisturbed\t/' "$RESULTS"
        log "$server: other processes were busy during the $r/s step; repeating it once"
        sleep 20
        step "$server" "$pid" "$target" "$r" "$STEP_SECONDS" step "$gwlog" && { sleep 5; continue; }
      fi
      log "$server: not sustained at $r/s; stopping"
      break
    fi
    sleep 10  # let the server finish this step's transactions (retransmissions, timers)
  done
}

# timeline DIR: per second of the step (sipp's 1-second statistics, all callers): calls started, completed,
# failed, retransmissions
timeline() {
  awk -F';' 'FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
             { n = FNR - 1; if (n > max) max = n
               o[n] += $col["OutgoingCall(P)"]; s[n] += $col["SuccessfulCall(P)"]; f[n] += $col["FailedCall(P)"]
               r[n] += $col["Retransmissions(P)"] }
             END { print "second started completed failed retransmissions"
                   for (n = 1; n <= max; n++) printf "%6d %7d %9d %6d %15d\n", n, o[n], s[n], f[n], r[n] }' "$1"/stat*.csv
}

# stall_step SERVER TARGET RATE [GW_LOG] PID...: a step during which the server's processes are stopped for
# STALL_MS ms, 10 s after its start; timeline in the step's timeline.txt
stall_step() {
  local server=$1 target=$2 rate=$3 gwlog=$4 main=$5 pids=("${@:5}") secs ms
  ms=$(printf '%d.%03d' $((STALL_MS / 1000)) $((STALL_MS % 1000)))
  log "$server recovery test: $rate calls/s for $STALL_SECONDS s, the server stopped for $STALL_MS ms after 10 s"
  (sleep 10; kill -STOP "${pids[@]}"; sleep "$ms"; kill -CONT "${pids[@]}") &
  STALLER_PID=$!
  step "$server" "$main" "$target" "$rate" "$STALL_SECONDS" stall "$gwlog" || true
  wait "$STALLER_PID" 2>/dev/null || true; STALLER_PID=""
  local d="$WORK/steps/$server-stall-$(( (rate - PROBE_RATE) / UAC_PROCS * UAC_PROCS + PROBE_RATE ))"
  timeline "$d" >"$d/timeline.txt"
}

# warm_up SERVER PID TARGET [GW_LOG]: a third of WARMUP_SECONDS at a third of WARMUP_RATE, the rest at WARMUP_RATE
# (a cold JVM spends most of its CPU in the JIT compilers); not counted
warm_up() {
  local server=$1 pid=$2 target=$3 gwlog=${4:-}
  log "$server warm-up: $((WARMUP_SECONDS / 3)) s at $((WARMUP_RATE / 3)) calls/s, $((WARMUP_SECONDS - WARMUP_SECONDS / 3)) s at $WARMUP_RATE calls/s; not counted"
  step "$server" "$pid" "$target" $((WARMUP_RATE / 3)) $((WARMUP_SECONDS / 3)) warmup "$gwlog" || true
  step "$server" "$pid" "$target" "$WARMUP_RATE" $((WARMUP_SECONDS - WARMUP_SECONDS / 3)) warmup "$gwlog" || true
  sleep 35  # the stacks keep completed transactions for up to 32 s (timer J)
}

# profile RATE NAME: CPU profile of the gateway during a step at RATE (PROFILER); summary in $WORK/NAME-summary.txt;
# 0 if the step was sustained
profile() {
  local rate=$1 name=$2 rc=0
  [ "$PROFILE_SECONDS" -gt 0 ] || return 0
  if [ "$PROFILER" = async ] && async_profiler_lib >/dev/null; then
    log "async-profiler CPU profile ($name): $PROFILE_SECONDS s at $rate calls/s"
    # jcmd parses key=value itself: the agent's options go in as one quoted word
    jcmd "$GW_PID" JVMTI.agent_load "$(async_profiler_lib)" "\"start,event=$PROFILE_EVENT,interval=1ms,threads\"" >"$WORK/$name-agent.log" 2>&1
    sleep 5
    step natterjack "$GW_PID" "$NJ_TARGET" "$rate" "$PROFILE_SECONDS" profiled "$NJ_LOG" || rc=$?
    jcmd "$GW_PID" JVMTI.agent_load "$(async_profiler_lib)" "\"stop,collapsed,file=$WORK/$name.collapsed\"" >>"$WORK/$name-agent.log" 2>&1
    python3 "$BENCH_LIB/collapsed_summary.py" "$WORK/$name.collapsed" 30 >"$WORK/$name-summary.txt" || log "profile summary failed"
    return $rc
  fi
  log "JFR CPU profile ($name): $PROFILE_SECONDS s at $rate calls/s"
  jcmd "$GW_PID" JFR.start name="$name" settings="$JFC" filename="$WORK/$name.jfr" >/dev/null
  sleep 5  # the recording's start-up (class loading, safepoints) before the load
  step natterjack "$GW_PID" "$NJ_TARGET" "$rate" "$PROFILE_SECONDS" profiled "$NJ_LOG" || rc=$?
  jcmd "$GW_PID" JFR.stop name="$name" >/dev/null
  python3 "$BENCH_LIB/jfr_summary.py" "$WORK/$name.jfr" 25 >"$WORK/$name-summary.txt" || log "profile summary failed"
  return $rc
}

# async_profiler_lib: path of async-profiler's agent library, fetched once from Maven Central into the Maven
# repository and unpacked into $WORK; fails (and the JFR profile is used) if it cannot be had
async_profiler_lib() {
  local lib="$WORK/async-profiler/linux-x64/libasyncProfiler.so" jar
  jar="$HOME/.m2/repository/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION.jar"
  if [ ! -f "$lib" ]; then
    [ -f "$jar" ] || timeout 300 mvn -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" >/dev/null 2>&1 || return 1
    mkdir -p "$WORK/async-profiler" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("linux-x64/libasyncProfiler.so", sys.argv[2])' \
      "$jar" "$WORK/async-profiler" || return 1
  fi
  printf '%s\n' "$lib"
}

# overload_step PID TARGET GW_LOG: the gateway offered OVERLOAD_PERCENT of its highest sustained rate; how many
# calls still complete, and how many failed on an unexpected final response (the overload control's 503) rather
# than on silence
overload_step() {
  local pid=$1 target=$2 gwlog=$3 rate refused
  rate=$(( $(max_sustained natterjack) * OVERLOAD_PERCENT / 100 )); [ "$rate" -gt "$PROBE_RATE" ] || return 0
  step natterjack "$pid" "$target" "$rate" "$STEP_SECONDS" overload "$gwlog" || true
  refused=$(sipp_unexpected "$WORK/steps/natterjack-overload-$(( (rate - PROBE_RATE) / UAC_PROCS * UAC_PROCS + PROBE_RATE ))")
  printf 'natterjack\t%d\t%d\n' "$rate" "$refused" >>"$WORK/overload-refused.tsv"
  log "natterjack overload step at $rate calls/s: $refused calls refused with 503 (overload control)"
}

sipp_unexpected() {  # sipp_unexpected DIR: calls the callers ended on an unexpected message (here: a 503)
  local f
  for f in "$1"/stat*.csv; do
    [ -s "$f" ] && awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
                              { x = $col["FailedUnexpectedMessage(C)"] } END { print x + 0 }' "$f"
  done | awk '{ n += $1 } END { print n + 0 }'
}

max_sustained() {  # max_sustained SERVER -> highest sustained offered rate (0 if none)
  awk -F'\t' -v s="$1" '$1 == s && $2 == "step" && $25 == "yes" && $3 > x { x = $3 } END { print x + 0 }' "$RESULTS"
}

# smoke SERVER TARGET: one call to each callee until all succeed (server up, callees registered), bounded to 30
# tries; then checks that the caller's ACK and BYE carried the proxy's route set
smoke() {
  local server=$1 target=$2 i dir="$WORK/smoke-$1"
  mkdir -p "$dir"
  for i in $(seq 1 30); do
    rm -f "$dir"/*
    if (cd "$dir" && timeout 30 sipp "$target" -sf "$SCEN/uac-call.xml" -inf "$WORK/callees.csv" -i "$CALLER_IP" \
          -p "$(free_port)" -m "$UAS_PROCS" -r 10 -d 100 -nostdin -recv_timeout 3000 -timeout 20s -timeout_error \
          -trace_msg -message_file msg.log >out.log 2>&1); then
      grep -A3 '^BYE ' "$dir/msg.log" | grep -q '^Route: ' || die "$server: the caller's BYE had no Route header ($dir/msg.log)"
      log "$server: smoke test passed ($UAS_PROCS calls, one per callee; BYE sent along the Record-Route)"
      return 0
    fi
    sleep 1
  done
  die "no successful call through $server after 30 tries (see $dir)"
}

# ---------------------------------------------------------------- setup
: >"$RESULTS"
log "work dir: $WORK"
log_machine
build_gateway
gcc -shared -fPIC -O2 -o "$FINECLOCK" "$BENCH_LIB/fineclock.c" -ldl || die "cannot build $FINECLOCK"
log "load: $(uptime)"
wait_for_quiet_machine "$LOAD_MAX" "$LOAD_WAIT_TRIES"
log "settings: RATES=\"$RATES\" STEP_SECONDS=$STEP_SECONDS HOLD_MS=$HOLD_MS UAC_PROCS=$UAC_PROCS UAS_PROCS=$UAS_PROCS WARMUP=${WARMUP_SECONDS}s@$WARMUP_RATE/s"

printf 'SEQUENTIAL\n' >"$WORK/callees.csv"
for k in $(seq 1 "$UAS_PROCS"); do printf 'bench%06d\n' "$k" >>"$WORK/callees.csv"; done

# A JFR configuration for CPU sampling only: the default one (low overhead) with Java samples every 10 ms.
JFC="$WORK/cpu-sampling.jfc"
sed '/<event name="jdk.ExecutionSample">/,/<\/event>/ s|<setting name="period" control="method-sampling-java-interval">20 ms|<setting name="period" control="method-sampling-java-interval">10 ms|' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/default.jfc" >"$JFC"

cat >"$WORK/natterjack.yaml" <<EOF
# Proxy benchmark: defaults, except
sip:
  source-rate-limit: 0     # the callees all send from 127.0.0.1; the per-source flood guard would cut them off
$([ -n "$NJ_OVERLOAD_MS" ] && echo "  overload-queue-delay-ms: $NJ_OVERLOAD_MS   # NJ_OVERLOAD_MS (0: overload control off)")
proxy:
  trusted-peers: ["$CALLER_IP/32"]   # the callers: no 407 round (Kamailio does not authenticate INVITEs either)
nat:
  keepalive-seconds: 0     # sipp would not answer keepalive OPTIONS (Kamailio's natping is off too)
  refresh-seconds: 3600    # keep the NATed callees' bindings as long as Kamailio does
relay:
  enabled: $([ "$NJ_MEDIA" = anchor ] && echo true || echo false)   # NJ_MEDIA=$NJ_MEDIA: Kamailio's configuration relays no media
metrics:
  enabled: $([ "$NJ_METRICS" = off ] && echo false || echo true)   # NJ_METRICS=$NJ_METRICS: the meters' cost is measured off against on
capture:
  memory-mb: $NJ_CAPTURE_MB   # NJ_CAPTURE_MB: the SIP capture's cost is measured at 0 against the default
EOF

# ---------------------------------------------------------------- Natterjack
if [[ " $SERVERS " == *" natterjack "* ]]; then
  NJ_PORT=$(free_port)
  NJ_TARGET="127.0.0.1:$NJ_PORT"
  NJ_LOG="$WORK/natterjack.log"
  GC_LOG="$WORK/natterjack-gc.log"
  export NATTERJACK_JAVA_OPTS="${NATTERJACK_JAVA_OPTS:-} -Xlog:gc:file=$GC_LOG:timemillis"
  log "starting Natterjack on $NJ_TARGET (NATTERJACK_JAVA_OPTS=$NATTERJACK_JAVA_OPTS)"
  start_gateway "$WORK/nj-data" "$NJ_PORT" "$NJ_LOG"
  python3 "$BENCH_LIB/gen_users.py" "$UAS_PROCS" "$UAS_PROCS" "$WORK/nj-data/natterjack.db" "$WORK/kamailio-users.cfg" "$WORK/callee"
  sleep 3  # the gateway reloads users within 2 s
  log "Natterjack pid $GW_PID; JVM: $(jcmd "$GW_PID" VM.flags 2>/dev/null | tr ' ' '\n' | grep -E 'MaxHeapSize|Use.*GC$' | tr '\n' ' ')"
  start_uas natterjack "$NJ_TARGET"
  sleep 2
  log "bindings: $(sqlite3 "$WORK/nj-data/natterjack.db" 'SELECT aor || " -> " || contact || " via " || received_address || ":" || received_port || " nat=" || nat FROM binding' | tr '\n' ' ')"
  smoke natterjack "$NJ_TARGET"

  warm_up natterjack "$GW_PID" "$NJ_TARGET" "$NJ_LOG"
  ladder natterjack "$GW_PID" "$NJ_TARGET" "$NJ_LOG"

  best=$(max_sustained natterjack); [ "$best" -gt 0 ] || best=${RATES%% *}
  sleep 25
  if ! profile $((best * PROFILE_PERCENT / 100)) natterjack-profile; then
    # With JFR on, the gateway may not sustain the rate it did without: then the profile shows an overload
    # (kept, as natterjack-profile), and a second one at 3/4 of that rate the steady state.
    log "the profiled step was not sustained; a second profile at 3/4 of its rate"
    sleep 35
    profile $((best * PROFILE_PERCENT / 100 * 3 / 4 > PROBE_RATE * 2 ? best * PROFILE_PERCENT / 100 * 3 / 4 : PROBE_RATE * 2)) natterjack-profile-75 || true
  fi
  if [ "$OVERLOAD_PERCENT" -gt 0 ]; then
    sleep 35
    overload_step "$GW_PID" "$NJ_TARGET" "$NJ_LOG"
  fi
  STALL_RATE=$(( $(max_sustained natterjack) * STALL_PERCENT / 100 )); [ "$STALL_RATE" -gt "$PROBE_RATE" ] || STALL_RATE=${RATES%% *}
  if [ "$STALL_MS" -gt 0 ]; then
    sleep 35
    stall_step natterjack "$NJ_TARGET" "$STALL_RATE" "$NJ_LOG" "$GW_PID"
  fi
  sleep 5
  jcmd "$GW_PID" GC.heap_info >"$WORK/natterjack-heap-after-load.txt" 2>&1 || true
  if [ -n "$HEAP_DUMP" ]; then jcmd "$GW_PID" GC.heap_dump "$WORK/natterjack.hprof" >/dev/null 2>&1 || true; fi
  jcmd "$GW_PID" GC.class_histogram >"$WORK/natterjack-class-histogram.txt" 2>&1 || true  # full GC first
  jcmd "$GW_PID" GC.heap_info >"$WORK/natterjack-heap-after-gc.txt" 2>&1 || true
  log "gateway heap after the load and a full GC: $(grep -m1 'garbage-first heap' "$WORK/natterjack-heap-after-gc.txt" | sed 's/^ *//')"
  stop_uas
  stop_pid "$GW_PID" natterjack; GW_PID=""; GC_LOG=""
  log "gateway log: $(grep -cE ' (WARN|ERROR) ' "$NJ_LOG" || true) WARN/ERROR lines, $(grep -c 'Exception' "$NJ_LOG" || true) mentioning an exception"
  sleep 30  # let the load average settle before the next server
fi

# ---------------------------------------------------------------- Kamailio
# run_kamailio NAME ALLOCATOR STALL(yes/no): start Kamailio with ALLOCATOR for shared and private memory (-x/-X),
# callees, smoke test, warm-up, ladder (results as server NAME), optionally the recovery test; stop it
run_kamailio() {
  local name=$1 alloc=$2 stall=$3 port target
  port=$(free_port); target="127.0.0.1:$port"
  mkdir -p "$WORK/$name"
  sed -e "s|@PORT@|$port|" -e "s|@CHILDREN@|$KAM_CHILDREN|" -e "s|@USERS@|$WORK/kamailio-users.cfg|" \
      -e "s|@CTL@|$WORK/$name/ctl.sock|" "$HERE/kamailio.cfg" >"$WORK/$name/kamailio.cfg"
  kamailio -c -f "$WORK/$name/kamailio.cfg" >"$WORK/$name/check.log" 2>&1 || { cat "$WORK/$name/check.log" >&2; die "kamailio config check failed"; }
  log "starting $name on $target ($KAM_CHILDREN UDP children, -m $KAM_SHM_MB, allocator $alloc)"
  kamailio -f "$WORK/$name/kamailio.cfg" -m "$KAM_SHM_MB" -M 32 -x "$alloc" -X "$alloc" -DD -E -w "$WORK/$name" \
    >"$WORK/$name.log" 2>&1 &
  KAM_PID=$!
  sleep 2
  kill -0 "$KAM_PID" 2>/dev/null || { cat "$WORK/$name.log" >&2; die "kamailio exited at start"; }
  log "$name pid $KAM_PID with $(ps --ppid "$KAM_PID" -o pid= | wc -l) child processes; load $(load1)"
  start_uas "$name" "$target"
  sleep 2
  smoke "$name" "$target"
  warm_up "$name" "$KAM_PID" "$target"
  ladder "$name" "$KAM_PID" "$target"
  if [ "$STALL_MS" -gt 0 ] && [ "$stall" = yes ]; then
    [ -n "${STALL_RATE:-}" ] || STALL_RATE=$(( $(max_sustained "$name") * STALL_PERCENT / 100 ))
    [ "$STALL_RATE" -gt "$PROBE_RATE" ] || STALL_RATE=${RATES%% *}
    sleep 20
    stall_step "$name" "$target" "$STALL_RATE" "" "$KAM_PID" $(ps --ppid "$KAM_PID" -o pid=)
  fi
  kamcmd -s "unix:$WORK/$name/ctl.sock" core.shmmem >"$WORK/$name-shmmem.txt" 2>&1 || true
  kamcmd -s "unix:$WORK/$name/ctl.sock" tm.stats >"$WORK/$name-tm-stats.txt" 2>&1 || true
  stop_uas
  stop_pid "$KAM_PID" "$name"; KAM_PID=""
}

if [[ " $SERVERS " == *" kamailio "* ]]; then
  [ -s "$WORK/kamailio-users.cfg" ] || python3 "$BENCH_LIB/gen_users.py" "$UAS_PROCS" "$UAS_PROCS" - \
      "$WORK/kamailio-users.cfg" "$WORK/callee"
  first=yes
  for alloc in $KAM_ALLOCATORS; do
    [[ " $SERVERS " == *" natterjack "* || $first = no ]] && wait_for_quiet_machine "$LOAD_MAX" "$LOAD_WAIT_TRIES"
    name=kamailio; [ "$alloc" = tlsf ] || name="kamailio-$alloc"   # report.py compares with "kamailio"
    if [ $first = yes ]; then run_kamailio "$name" "$alloc" yes; else run_kamailio "$name" "$alloc" no; fi
    first=no
    sleep 20
  done
fi

# ---------------------------------------------------------------- report
python3 "$HERE/report.py" "$RESULTS" "$MAX_FAILED_PERCENT" "$MIN_ACHIEVED" | tee "$WORK/report.txt"
if [ -s "$WORK/overload-refused.tsv" ]; then
  awk -F'\t' '{ printf "  overload step at %d calls/s offered: %d calls refused with 503 (overload control)\n", $2, $3 }' \
    "$WORK/overload-refused.tsv" | tee -a "$WORK/report.txt"
fi
best_nj=$(max_sustained natterjack)
for d in "$WORK/steps/natterjack-step-$best_nj" "$WORK"/steps/natterjack-profiled-*; do
  [ -s "$d/cpu-by-thread.txt" ] || continue
  echo; echo "Natterjack CPU by thread group, ${d##*/}:"; head -12 "$d/cpu-by-thread.txt"
done | tee -a "$WORK/report.txt"
for d in "$WORK"/steps/*-stall-*; do
  [ -s "$d/timeline.txt" ] || continue
  echo; echo "Recovery test ${d##*/} (server stopped for $STALL_MS ms after 10 s), per second:"; cat "$d/timeline.txt"
done | tee -a "$WORK/report.txt"
for f in "$WORK"/natterjack-profile*-summary.txt; do
  [ -s "$f" ] || continue
  echo
  echo "Profile summary ($f), first lines:"
  head -45 "$f"
done
log "done; everything is in $WORK"
