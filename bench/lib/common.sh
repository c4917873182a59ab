# Shell functions shared by the benchmarks (bench/registrar, bench/proxy). Source it from bash after setting
# WORK (the output directory; the log goes to $WORK/run.log):
#
#   . "$HERE/../lib/common.sh"
#
# Sets BENCH_LIB, REPO (the checkout whose gateway is measured: $NATTERJACK_DIR, default this repository) and HZ. Defines no traps and starts nothing by itself: each
# benchmark keeps its own process bookkeeping and cleanup, using stop_pid.

BENCH_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="${NATTERJACK_DIR:-$(cd "$BENCH_LIB/../.." && pwd)}"
HZ=$(getconf CLK_TCK)

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$WORK/run.log" >&2; }
die() { log "ERROR: $*"; exit 1; }

need_commands() {  # need_commands CMD...: stops with a message naming the first one missing
  local cmd
  for cmd in "$@"; do command -v "$cmd" >/dev/null || die "$cmd is needed"; done
}

stop_pid() {  # stop_pid PID NAME: TERM, wait up to 20 s, then KILL
  local pid=$1 name=$2 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "$name ($pid) did not stop; killing"; kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}

free_port() {  # a port free for UDP and TCP on 127.0.0.1
  python3 - <<'EOF'
import socket
for _ in range(100):
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM); t.bind(("127.0.0.1", 0)); port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port)); print(port); break
    except OSError:
        pass
    finally:
        u.close(); t.close()
EOF
}

tree_ticks() {  # tree_ticks PID...: utime+stime (clock ticks) of the processes (all threads) and their direct children
  local root sum=0 p f
  for root in "$@"; do
    for p in $root $(ps --ppid "$root" -o pid= 2>/dev/null); do
      if [ -r "/proc/$p/stat" ]; then
        read -r -a f < <(sed 's/^.*) //' "/proc/$p/stat") || continue
        sum=$((sum + f[11] + f[12]))  # fields 14 and 15 of /proc/PID/stat
      fi
    done
  done
  echo "$sum"
}

thread_ticks() {  # thread_ticks PID: "tid ticks name" per thread (Java threads carry their names in comm)
  local t f name
  for t in /proc/"$1"/task/*; do
    read -r name <"$t/comm" 2>/dev/null || continue
    read -r -a f < <(sed 's/^.*) //' "$t/stat" 2>/dev/null) || continue
    echo "${t##*/} $((f[11] + f[12])) ${name// /_}"
  done
}

# thread_cpu BEFORE AFTER: CPU seconds per thread group (name without trailing numbers) between two snapshots
thread_cpu() {
  awk -v hz="$HZ" 'NR == FNR { before[$1] = $2; next }
       { g = $3; sub(/[-#_ ]*[0-9]+$/, "", g); cpu[g] += ($2 - ($1 in before ? before[$1] : 0)) / hz }
       END { for (g in cpu) if (cpu[g] >= 0.01) printf "%8.2f s  %s\n", cpu[g], g }' "$1" "$2" | sort -rn
}

machine_ticks() {  # "busy total" over all CPUs from /proc/stat
  awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t }' /proc/stat
}

children_cpu() {  # children_cpu FILE: CPU seconds (user+sys) of this shell's waited-for children so far
  # (`times` must run in this shell, not in a $(...) subshell, to see the sipp processes)
  times >"$1.times"
  awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } print t }' "$1.times" >"$1"
}

# sipp_totals DIR: "successful failed retransmissions rate" over all sipp processes, from their stats files
# DIR/stat*.csv (-trace_stat -fd 1). rate = sum over processes of the rate at which sipp could start the calls:
# calls created / (time the last call was created - start), the time interpolated between two 1-second stats
# lines. With -l (outstanding calls limited) a server that cannot keep up slows the creation down; a call that
# needed a UDP retransmission at the very end does not (a whole-run average would count its extra second or two).
sipp_totals() {
  local dir=$1 f
  for f in "$dir"/stat*.csv; do
    [ -s "$f" ] || continue
    awk -F';' 'function epoch(field,   a) { split(field, a, "\t"); return a[3] }
               NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
               { n++; t[n] = epoch($col["CurrentTime"]); o[n] = $col["OutgoingCall(C)"]; start = epoch($col["StartTime"])
                 s = $col["SuccessfulCall(C)"]; x = $col["FailedCall(C)"]; r = $col["Retransmissions(C)"] }
               END {
                 total = o[n]; tend = t[n]
                 for (i = 1; i <= n; i++) if (o[i] >= total) {
                   if (i > 1 && o[i] > o[i - 1]) tend = t[i - 1] + (total - o[i - 1]) / (o[i] - o[i - 1]) * (t[i] - t[i - 1])
                   else tend = t[i]
                   break
                 }
                 d = tend - start
                 print s + 0, x + 0, r + 0, (d > 0 ? total / d : 0) }' "$f"
  done | awk '{ s += $1; f += $2; r += $3; rate += $4 } END { printf "%d %d %d %.1f\n", s, f, r, rate }'
}

build_gateway() {  # builds the gateway if its sources changed (./natterjack does that), log in $WORK/build.log
  log "building the gateway if needed"
  (cd "$REPO" && ./natterjack --version) >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build failed"; }
  log "$(tail -1 "$WORK/build.log")"
}

# start_gateway DATA_DIR PORT LOG [CONFIG]: starts ./natterjack run on 127.0.0.1:PORT in the background (GW_PID),
# with CONFIG (default $WORK/natterjack.yaml); returns once it logged "started"
start_gateway() {
  local dir=$1 port=$2 logf=$3 config=${4:-$WORK/natterjack.yaml} i
  (cd "$REPO" && NATTERJACK_SKIP_BUILD=1 exec ./natterjack run --config "$config" --data-dir "$dir" \
      --listen "127.0.0.1:$port") >"$logf" 2>&1 &
  GW_PID=$!
  for i in $(seq 1 120); do
    grep -q started "$logf" && return 0
    kill -0 "$GW_PID" 2>/dev/null || { cat "$logf" >&2; die "the gateway exited at start"; }
    sleep 0.5
  done
  die "the gateway did not report 'started' within 60 s"
}

log_machine() {  # one line each: CPUs and memory, tool versions
  log "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM"
  log "versions: $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -1), $(kamailio -v | head -1), java $(java -version 2>&1 | head -1)"
}

load1() { cut -d' ' -f1 /proc/loadavg; }

# wait_for_quiet_machine MAX TRIES: while the 1-minute load average is above MAX, sleeps 60 s, at most TRIES
# times (other jobs on a shared machine would distort the numbers); then goes on either way, logging the load.
wait_for_quiet_machine() {
  local max=$1 tries=$2 i
  for i in $(seq 1 "$tries"); do
    awk -v l="$(load1)" -v m="$max" 'BEGIN { exit !(l > m) }' || break
    log "1-minute load $(load1) > $max: waiting 60 s ($i/$tries) [$(uptime)]"
    sleep 60
  done
  log "load before measuring: $(uptime)"
}

all_ticks() {  # "pid ticks" of every user-space process (kernel threads left out), for other_cpu
  python3 - <<'PY'
import os
for pid in os.listdir("/proc"):
    if not pid.isdigit():
        continue
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        continue
    if fields[1] == "2" or pid == "2":  # ppid kthreadd: a kernel thread
        continue
    print(pid, int(fields[11]) + int(fields[12]))
PY
}

# other_cpu BEFORE AFTER PID...: CPU seconds between two all_ticks snapshots of the processes not listed (nor
# children of those listed): other jobs on a shared machine. Processes that started and ended in between are missed.
other_cpu() {
  local before=$1 after=$2 p; shift 2
  local skip=" "
  for p in "$@"; do skip+="$p $(ps --ppid "$p" -o pid= 2>/dev/null | tr '\n' ' ') "; done
  awk -v hz="$HZ" -v skip="$skip" -v self="$$" 'BEGIN { n = split(skip, a, " "); for (i = 1; i <= n; i++) s[a[i]] = 1; s[self] = 1 }
       NR == FNR { b[$1] = $2; next }
       !($1 in s) { d = $2 - ($1 in b ? b[$1] : 0); if (d > 0) t += d }
       END { printf "%.2f\n", t / hz }' "$before" "$after"
}
