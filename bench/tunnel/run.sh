#!/usr/bin/env bash
# Tunnel benchmark: CALLS concurrent G.711 calls (50 packets/s each way) whose callee sits behind the tunnel agent,
# against the same calls with the callee reached over plain UDP through the relay, in the same run.
#
#   bench/tunnel/run.sh          # ROUNDS rounds of both modes (about 2 minutes per mode and round)
#
# Per round and mode (all on 127.0.0.1; every loop bounded; every process started here stopped on exit):
#   direct  the callee (sipp) registers with the gateway over UDP; its media goes to the relay
#   tunnel  the callee registers through natterjack agent (heap capped at AGENT_HEAP); its media crosses the tunnel
#   1. sipp UAC sets up CALLS calls (50 calls/s) to the callee, who answers; both traces give the media ports
#   2. bench/relay/loadgen sends G.711-sized RTP on every call both ways for WARMUP + DURATION s and measures loss
#      and the latency each packet took end to end (caller -> relay [-> tunnel -> agent] -> callee and back)
#   3. CPU seconds of the gateway and the agent in the measured window, the agent's heap after it
# With NETEM (e.g. "loss 1%" or "delay 20ms 5ms loss 3%"), tc netem impairs the callee's link during the load: in
# tunnel mode the tunnel's TCP connection, in direct mode the callee's RTP (the load generator's B ports), both ways.
# With DELAY_MS, every packet of that link waits DELAY_MS in each direction (bench/tunnel/delayq.c on an NFQUEUE
# queue, for kernels without netem; the packet stays in the kernel's path, so TCP's retransmissions wait too).
# LOSS_PCT drops that share of the link's packets with nftables. Both may be given together.
# The relay anchors every call (relay.always-anchor), so both modes pass it; the latency the tunnel adds is the
# tunnel mode's figure minus the direct mode's, in the same round.
#
# Knobs (environment): CALLS [200] ROUNDS [3] DURATION [30] WARMUP [5] AGENT_HEAP [64m] MAX_LOAD [1.0]
#   LOAD_CHECKS [20] MODES ["direct tunnel"] NETEM [none] LOSS_PCT [none] DELAY_MS [none] WORK (output dir; default a new /tmp/tunnel-bench.* dir,
#   kept).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CALLS=${CALLS:-200}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
AGENT_HEAP=${AGENT_HEAP:-64m}
MAX_LOAD=${MAX_LOAD:-1.0}
LOAD_CHECKS=${LOAD_CHECKS:-20}
MODES=${MODES:-"direct tunnel"}
NETEM=${NETEM:-}
LOSS_PCT=${LOSS_PCT:-}             # whole percent lost on the callee's link, by nftables (where netem is missing)
DELAY_MS=${DELAY_MS:-}             # ms each packet of the callee's link waits, each way, by delayq (idem)
DELAY_QUEUE=47                     # the NFQUEUE queue number delayq serves
A_BASE=30000                        # the load generator's caller ports
B_BASE=32768                        # ... and callee ports: 32768-33279, one u32 mask for netem (at most 256 calls)
[ "$CALLS" -le 256 ] || { echo "at most 256 calls (the callee ports' netem mask)" >&2; exit 2; }
WORK=${WORK:-$(mktemp -d /tmp/tunnel-bench.XXXXXX)}
mkdir -p "$WORK"
RESULTS="$WORK/results.txt"
. "$HERE/../lib/common.sh"

PIDS=()
DELAYQ_PID=""
cleanup() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p" "process $p"; done
  tc qdisc del dev lo root 2>/dev/null || true
  nft delete table ip njbench 2>/dev/null || true
  undelay
}

# delay MODE: every packet on the callee's link of MODE waits DELAY_MS in delayq, both ways (iptables' NFQUEUE
# target: this kernel's nftables has no queue expression; --queue-bypass lets packets pass should delayq die)
delay() {
  [ -n "$DELAY_MS" ] || return 0
  local proto=udp ports="$B_BASE:$((B_BASE + 511))"
  [ "$1" = tunnel ] && proto=tcp ports=$TUNNEL_PORT
  iptables -N NJBENCH_DELAY
  iptables -A NJBENCH_DELAY -p "$proto" --sport "$ports" -j NFQUEUE --queue-num "$DELAY_QUEUE" --queue-bypass
  iptables -A NJBENCH_DELAY -p "$proto" --dport "$ports" -j NFQUEUE --queue-num "$DELAY_QUEUE" --queue-bypass
  iptables -I OUTPUT -j NJBENCH_DELAY
  "$WORK/delayq" "$DELAY_QUEUE" "$DELAY_MS" >"$WORK/delayq.out" 2>&1 &
  DELAYQ_PID=$!
}

undelay() {
  iptables -D OUTPUT -j NJBENCH_DELAY 2>/dev/null || true
  iptables -F NJBENCH_DELAY 2>/dev/null || true
  iptables -X NJBENCH_DELAY 2>/dev/null || true
  if [ -n "$DELAYQ_PID" ]; then
    stop_pid "$DELAYQ_PID" delayq
    DELAYQ_PID=""
  fi
}

# lose MODE: nftables drops LOSS_PCT % of the packets on the callee's link of MODE, both ways (on loopback every
# packet passes the output hook once)
lose() {
  [ -n "$LOSS_PCT" ] || return 0
  local proto=udp ports="$B_BASE-$((B_BASE + 511))"
  [ "$1" = tunnel ] && proto=tcp ports=$TUNNEL_PORT
  nft -f - <<NFT
table ip njbench {
  chain out {
    type filter hook output priority filter; policy accept;
    $proto sport $ports numgen random mod 100 < $LOSS_PCT counter drop
    $proto dport $ports numgen random mod 100 < $LOSS_PCT counter drop
  }
}
NFT
}

# impair MODE: tc netem $NETEM on the callee's link of MODE (loopback: a prio qdisc whose third band is netem, and
# u32 filters steering the link's packets into it, both directions)
impair() {
  [ -n "$NETEM" ] || return 0
  tc qdisc add dev lo root handle 1: prio
  # shellcheck disable=SC2086
  tc qdisc add dev lo parent 1:3 handle 30: netem $NETEM
  if [ "$1" = tunnel ]; then
    tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip protocol 6 0xff match ip dport "$TUNNEL_PORT" 0xffff flowid 1:3
    tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip protocol 6 0xff match ip sport "$TUNNEL_PORT" 0xffff flowid 1:3
  else
    tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip protocol 17 0xff match ip dport "$B_BASE" 0xfe00 flowid 1:3
    tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip protocol 17 0xff match ip sport "$B_BASE" 0xfe00 flowid 1:3
  fi
}
trap cleanup EXIT

need_commands sipp gcc python3 java
gcc -O2 -Wall -Wextra -Werror -pthread -o "$WORK/loadgen" "$HERE/../relay/loadgen.c"
if [ -n "$DELAY_MS" ]; then
  need_commands iptables
  [ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] || die "DELAY_MS needs libnetfilter-queue-dev"
  gcc -O2 -Wall -Wextra -Werror -o "$WORK/delayq" "$HERE/delayq.c" -lnetfilter_queue -lnfnetlink
fi
build_gateway
log_machine

SIP_PORT=$(free_port)
TUNNEL_PORT=$(free_port)
cat >"$WORK/natterjack.yaml" <<YAML
nat:
  keepalive-seconds: 0
relay:
  always-anchor: true
  port-min: 40000
  port-max: 49999
plugins:
  web-admin:
    enabled: false
  tunnel:
    enabled: true
    listen: 127.0.0.1:$TUNNEL_PORT
YAML
(cd "$REPO" && NATTERJACK_SKIP_BUILD=1 ./natterjack user add bench --password pw-bench --data-dir "$WORK/data") \
    >>"$WORK/run.log" 2>&1
start_gateway "$WORK/data" "$SIP_PORT" "$WORK/gateway.log"
PIDS+=("$GW_PID")
# start_gateway returns at the first "started" (a plug-in's): wait for the whole gateway
for i in $(seq 1 60); do grep -q " started: " "$WORK/gateway.log" && break; sleep 0.5; done
FINGERPRINT=$(grep -o 'certificate SHA-256 fingerprint [0-9A-F:]*' "$WORK/gateway.log" | awk '{ print $4 }')
log "gateway $GW_PID on 127.0.0.1:$SIP_PORT, tunnel on $TUNNEL_PORT ($FINGERPRINT)"

ticks() { tree_ticks "$1"; }

# one_round ROUND MODE: appends one result line to $RESULTS
one_round() {
  local round=$1 mode=$2 dir="$WORK/$1-$2" agent_pid="" target="127.0.0.1:$SIP_PORT" i
  mkdir -p "$dir"
  if [ "$mode" = tunnel ]; then
    local agent_port
    agent_port=$(free_port)
    (cd "$REPO" && NATTERJACK_SKIP_BUILD=1 NATTERJACK_JAVA_OPTS="-Xmx$AGENT_HEAP" exec ./natterjack agent \
        --gateway "127.0.0.1:$TUNNEL_PORT" --user bench --password pw-bench --domain 127.0.0.1 \
        --listen "127.0.0.1:$agent_port" --fingerprint "$FINGERPRINT") >"$dir/agent.log" 2>&1 &
    agent_pid=$!
    PIDS+=("$agent_pid")
    for i in $(seq 1 60); do grep -q "open as bench" "$dir/agent.log" && break; sleep 0.5; done
    grep -q "open as bench" "$dir/agent.log" || die "the agent did not log in: $(tail -5 "$dir/agent.log")"
    target="127.0.0.1:$agent_port"
  fi
  local hold=$(( (WARMUP + DURATION + 15) * 1000 )) uas_port
  uas_port=$(free_port)
  (cd "$dir" && exec sipp "$target" -sf "$REPO/gateway/src/test/sipp/register-and-wait.xml" -m 1 -nostdin -nr \
      -i 127.0.0.1 -p "$uas_port" -au bench -ap pw-bench -key user bench -key domain 127.0.0.1 \
      -key contact "Contact: <sip:bench@127.0.0.1:$uas_port>" -oocsf "$REPO/gateway/src/test/sipp/uas-answer.xml" \
      -d $((hold + 30000)) -trace_msg -message_file uas.msg -timeout $(( hold / 1000 + 60 ))s) >"$dir/uas.out" 2>&1 &
  local uas=$!
  PIDS+=("$uas")
  for i in $(seq 1 40); do grep -q "SIP/2.0 200" "$dir/uas.msg" 2>/dev/null && break; sleep 0.5; done
  (cd "$dir" && exec sipp "127.0.0.1:$SIP_PORT" -sf "$REPO/gateway/src/test/sipp/uac-call.xml" -m "$CALLS" \
      -l "$CALLS" -r 50 -nostdin -nr -i 127.0.0.1 -p "$(free_port)" -key callee bench -key domain 127.0.0.1 \
      -key caller zoe -key caller_domain 198.51.100.7 -d "$hold" -trace_msg -message_file uac.msg \
      -timeout $(( hold / 1000 + 60 ))s) >"$dir/uac.out" 2>&1 &
  local uac=$!
  PIDS+=("$uac")
  for i in $(seq 1 60); do
    [ "$(grep -c '^ACK ' "$dir/uas.msg" 2>/dev/null || true)" -ge "$CALLS" ] && break
    sleep 0.5
  done
  python3 "$HERE/calls.py" "$dir/uac.msg" "$dir/uas.msg" "$A_BASE" "$B_BASE" >"$dir/calls.txt" 2>"$dir/calls.count"
[ "$(cat "$dir/calls.count")" -eq "$CALLS" ] || die "$mode: only $(cat "$dir/calls.count") of $CALLS calls set up"
  impair "$mode"
  lose "$mode"
  delay "$mode"
  local watch=(--watch "$GW_PID")
  [ -n "$agent_pid" ] && watch+=(--watch "$agent_pid")
  "$WORK/loadgen" --calls "$dir/calls.txt" --duration "$DURATION" --warmup "$WARMUP" --threads 2 \
      --local 127.0.0.1 "${watch[@]}" >"$dir/loadgen.out" 2>"$dir/loadgen.err" &
  local lg=$!
  sleep "$WARMUP"
  local gw0 ag0=0 gw1 ag1=0
  gw0=$(ticks "$GW_PID"); [ -n "$agent_pid" ] && ag0=$(ticks "$agent_pid")
  sleep "$DURATION"
  gw1=$(ticks "$GW_PID"); [ -n "$agent_pid" ] && ag1=$(ticks "$agent_pid")
  wait "$lg" || die "$mode: loadgen failed: $(cat "$dir/loadgen.err")"
  tc qdisc del dev lo root 2>/dev/null || true
  nft delete table ip njbench 2>/dev/null || true
  undelay
  local heap=""
  if [ -n "$agent_pid" ]; then
    heap=$(jcmd "$agent_pid" GC.heap_info 2>/dev/null | grep -o 'total [0-9]*K, used [0-9]*K' | head -1 | tr ' ,' '_' || true)
  fi
  echo "round=$round mode=$mode calls=$CALLS gateway_cpu_s=$(awk -v t=$((gw1 - gw0)) -v hz="$HZ" 'BEGIN { printf "%.2f", t / hz }')" \
       "agent_cpu_s=$(awk -v t=$((ag1 - ag0)) -v hz="$HZ" 'BEGIN { printf "%.2f", t / hz }') agent_heap=${heap:-none}" \
       "$(cat "$dir/loadgen.out")" >>"$RESULTS"
  log "$(tail -1 "$RESULTS" | cut -c1-200)"
  wait "$uac" 2>/dev/null || true
  stop_pid "$uas" sipp-uas
  [ -n "$agent_pid" ] && stop_pid "$agent_pid" agent
  local late=""
  if [ "$mode" = tunnel ]; then
    for i in $(seq 1 20); do
      late=$(grep "Tunnel session of bench .* closed (" "$WORK/gateway.log" | tail -1 | grep -o '([0-9]* RTP frames dropped late, [0-9]*' | tr -dc '0-9 ' | awk '{ print $1 "/" $2 }')
      [ -n "$late" ] && break
      sleep 0.5
    done
  fi
  local agent_late=""
  [ "$mode" = tunnel ] && agent_late=$(grep -o 'closed ([0-9]* RTP frames dropped late, [0-9]*' "$dir/agent.log" | tail -1 | tr -dc '0-9 ' | awk '{ print $1 "/" $2 }')
  sed -i '$ s|$| gateway_dropped='"${late:-0/0}"' agent_dropped='"${agent_late:-0/0}"'|' "$RESULTS"
  return 0
}

wait_for_quiet_machine "$MAX_LOAD" "$LOAD_CHECKS"
for round in $(seq 1 "$ROUNDS"); do
  for mode in $MODES; do one_round "$round" "$mode"; done
done
python3 "$HERE/report.py" "$RESULTS" "$DURATION" | tee "$WORK/report.txt"
log "results in $WORK"
