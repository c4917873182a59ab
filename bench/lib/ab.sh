#!/usr/bin/env bash
# A/B between revisions of the gateway on one benchmark, with Kamailio measured in every round as the peer.
#
#   bench/lib/ab.sh proxy base=7529652 udp=f379e89 final=HEAD       # NAME=REV; the first is the baseline
#   bench/lib/ab.sh registrar base=7529652 final=HEAD
#
# Each revision is checked out (git worktree, detached) under $AB_DIR/NAME and built once. Then $ROUNDS rounds:
# in each, every revision (in an order rotated per round, so that drift over time favours none) and then
# Kamailio run the benchmark's run.sh, shortened: one rate, no profile, no overload, stall or heap phases.
#   proxy:     calls at $RATE/s (default 1000) for $STEP_SECONDS; metric: CPU s per 1,000 calls
#   registrar: a cold start at $COLD_RATE/s (default 1000) for 15 s, then after a warm-up REGISTERs with digest
#              auth at $RATE/s (default 2000); metrics: CPU s per 1,000 registrations, cold-start failed %
# The report gives per revision each round's value, the mean, the spread between rounds (max-min)/mean, i.e.
# the noise band, the change against the baseline and the ratio to Kamailio's mean.
#
# Knobs: ROUNDS (3), RATE, COLD_RATE, STEP_SECONDS (20), WARMUP_SECONDS (30), AB_DIR (/tmp/BENCH-ab), and any
# of run.sh's, passed on. About 2 minutes per revision and round.
set -euo pipefail

BENCH=${1:?usage: $0 proxy|registrar NAME=REV [NAME=REV ...]}; shift
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_HERE="$(cd "$HERE/../.." && pwd)"
RUN="$HERE/../$BENCH/run.sh"
[ -x "$RUN" ] || { echo "no benchmark $BENCH" >&2; exit 2; }
[ $# -ge 1 ] || { echo "usage: $0 $BENCH NAME=REV [NAME=REV ...]" >&2; exit 2; }
ROUNDS=${ROUNDS:-3}
AB_DIR=${AB_DIR:-/tmp/$BENCH-ab}
export STEP_SECONDS=${STEP_SECONDS:-20} WARMUP_SECONDS=${WARMUP_SECONDS:-30} PROFILE_SECONDS=0 \
    LOAD_WAIT_TRIES=${LOAD_WAIT_TRIES:-1}
case $BENCH in
  proxy) RATE=${RATE:-1000}; export RATES=$RATE OVERLOAD_PERCENT=0 STALL_MS=0 KAM_ALLOCATORS=${KAM_ALLOCATORS:-tlsf} ;;
  registrar) RATE=${RATE:-2000}; export RATES=$RATE CHALLENGE_RATES="" HEAP_BINDINGS=0 ;;
  *) echo "A/B knows proxy and registrar" >&2; exit 2 ;;
esac
mkdir -p "$AB_DIR"
SUMMARY="$AB_DIR/ab.tsv"
: >"$SUMMARY"

names=()
for spec in "$@"; do
  name=${spec%%=*}; rev=${spec#*=}
  [[ "$spec" == *=* && "$name" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "not NAME=REV: $spec" >&2; exit 2; }
  [ -d "$AB_DIR/$name" ] || git -C "$REPO_HERE" worktree add --detach -q "$AB_DIR/$name" "$rev"
  echo "$(date +%T) building $name ($(git -C "$AB_DIR/$name" rev-parse --short HEAD))"
  (cd "$AB_DIR/$name" && ./natterjack --version) >"$AB_DIR/$name-build.log" 2>&1 \
    || { tail "$AB_DIR/$name-build.log"; exit 1; }
  names+=("$name")
done

# metrics RESULTS SERVER: "metric value" lines from one run's results.tsv
metrics() {
  case $BENCH in
    proxy) awk -F'\t' -v s="$2" -v r="$RATE" '$1 == s && $2 == "step" && $3 == r {
             print "cpu_s_per_1000_calls", $12; print "failed_pct", $8 }' "$1" ;;
    registrar) awk -F'\t' -v s="$2" '$1 == s && $2 == "auth" && $3 == "step" {
                 print "cpu_s_per_1000_registrations", $13; print "failed_pct", 100 * $9 / $7 }
               $1 == s && $2 == "auth" && $3 == "cold" { print "cold_start_failed_pct", 100 * $9 / $7 }' "$1" ;;
  esac
}

run_one() {  # run_one LABEL SERVER DIR ROUND
  local label=$1 server=$2 dir=$3 round=$4 work="$AB_DIR/runs/$1-$4" cold=0
  rm -rf "$work"
  [ "$BENCH" = registrar ] && [ "$server" = natterjack ] && cold=${COLD_RATE:-1000}
  NATTERJACK_DIR="$dir" WORK="$work" SERVERS="$server" COLD_RATE=$cold "$RUN" >"$AB_DIR/$label-$round.log" 2>&1 || true
  if [ ! -s "$work/results.tsv" ]; then
    echo "$(date +%T) $label round $round: no result (see $AB_DIR/$label-$round.log)"
    return
  fi
  metrics "$work/results.tsv" "$server" | while read -r metric value; do
    printf '%s\t%s\t%s\t%s\n' "$label" "$round" "$metric" "$value" >>"$SUMMARY"
  done
  echo "$(date +%T) $label round $round: $(grep -P "^$label\t$round\t" "$SUMMARY" | cut -f3,4 | tr '\t\n' '= ')"
}

n=${#names[@]}
for round in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((n - 1))); do
    name=${names[$(((i + round - 1) % n))]}
    run_one "$name" natterjack "$AB_DIR/$name" "$round"
  done
  run_one kamailio kamailio "$AB_DIR/${names[0]}" "$round"
done

python3 - "$SUMMARY" "${names[@]}" <<'PY' | tee "$AB_DIR/report.md"
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
names = sys.argv[2:]
for metric in dict.fromkeys(r[2] for r in rows):
    def values(label):
        return [float(r[3]) for r in rows if r[0] == label and r[2] == metric]
    kam = values("kamailio")
    base = values(names[0])
    print(f"\n{metric}\n")
    print(f"| revision | each round | mean | spread | vs {names[0]} | / Kamailio |")
    print("|---|---|---|---|---|---|")
    for label in names + ["kamailio"]:
        v = values(label)
        if not v:
            continue
        m = statistics.mean(v)
        spread = f"{(max(v) - min(v)) / m * 100:.1f} %" if m else "-"
        vs = f"{(m / statistics.mean(base) - 1) * 100:+.1f} %" if base and statistics.mean(base) and label != "kamailio" else ""
        ratio = f"{m / statistics.mean(kam):.2f}x" if kam and statistics.mean(kam) and label != "kamailio" else ""
        print(f"| {label} | {' '.join(f'{x:.3f}' for x in v)} | {m:.3f} | {spread} | {vs} | {ratio} |")
PY
