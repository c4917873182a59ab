#!/usr/bin/env bash
# A/B of the proxy's CPU per call between revisions of the gateway, with Kamailio in the same run as the peer.
#
#   bench/proxy/ab.sh base=7529652 udp=f379e89 final=HEAD     # NAME=REV, first is the baseline
#
# Each revision is checked out (git worktree, detached) under $AB_DIR and built once. Then $ROUNDS rounds: in
# each, every revision (in an order rotated per round, so drift over time does not favour one) and Kamailio run
# bench/proxy/run.sh at the one rate $RATE for $STEP_SECONDS, without profile, overload or stall phases. The
# report gives per revision the CPU per 1,000 calls of each round, the mean, the spread between rounds (the noise
# band), the change against the baseline and the ratio to Kamailio's mean.
#
# Knobs: ROUNDS (3), RATE (1000), STEP_SECONDS (20), WARMUP_SECONDS (30), AB_DIR (/tmp/proxy-ab), and any of
# run.sh's (passed on). About 2 minutes per revision and round.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_HERE="$(cd "$HERE/../.." && pwd)"
ROUNDS=${ROUNDS:-3}
RATE=${RATE:-1000}
AB_DIR=${AB_DIR:-/tmp/proxy-ab}
export STEP_SECONDS=${STEP_SECONDS:-20} WARMUP_SECONDS=${WARMUP_SECONDS:-30} PROFILE_SECONDS=0 \
    OVERLOAD_PERCENT=0 STALL_MS=0 LOAD_WAIT_TRIES=${LOAD_WAIT_TRIES:-1} KAM_ALLOCATORS=${KAM_ALLOCATORS:-tlsf}
[ $# -ge 1 ] || { echo "usage: $0 NAME=REV [NAME=REV ...]" >&2; exit 2; }
mkdir -p "$AB_DIR"
SUMMARY="$AB_DIR/ab.tsv"
: >"$SUMMARY"

names=()
for spec in "$@"; do
  name=${spec%%=*}; rev=${spec#*=}
  [[ "$name" =~ ^[A-Za-z0-9_-]+$ && "$spec" == *=* ]] || { echo "not NAME=REV: $spec" >&2; exit 2; }
  dir="$AB_DIR/$name"
  if [ ! -d "$dir" ]; then
    git -C "$REPO_HERE" worktree add --detach -q "$dir" "$rev"
  fi
  echo "$(date +%T) building $name ($(git -C "$dir" rev-parse --short HEAD))"
  (cd "$dir" && ./natterjack --version) >"$AB_DIR/$name-build.log" 2>&1 || { tail "$AB_DIR/$name-build.log"; exit 1; }
  names+=("$name")
done

run_one() {  # run_one LABEL SERVER DIR ROUND
  local label=$1 server=$2 dir=$3 round=$4 work="$AB_DIR/runs/$1-$4" row
  rm -rf "$work"
  NATTERJACK_DIR="$dir" WORK="$work" SERVERS="$server" RATES="$RATE" "$HERE/run.sh" >"$AB_DIR/$label-$round.log" 2>&1 || true
  row=$(awk -F'\t' -v s="$server" -v r="$RATE" '$1 == s && $2 == "step" && $3 == r' "$work/results.tsv" 2>/dev/null | tail -1)
  if [ -z "$row" ]; then
    echo "$(date +%T) $label round $round: no result (see $AB_DIR/$label-$round.log)"
    return
  fi
  # columns: cpu_per_1000 (12), failed_pct (8), achieved (4)
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$round" "$(cut -f12 <<<"$row")" "$(cut -f8 <<<"$row")" "$(cut -f4 <<<"$row")" \
      >>"$SUMMARY"
  echo "$(date +%T) $label round $round: $(cut -f12 <<<"$row") s CPU per 1,000 calls, $(cut -f8 <<<"$row") % failed"
}

n=${#names[@]}
for round in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((n - 1))); do
    name=${names[$(((i + round - 1) % n))]}
    run_one "$name" natterjack "$AB_DIR/$name" "$round"
  done
  run_one kamailio kamailio "$AB_DIR/${names[0]}" "$round"
done

python3 - "$SUMMARY" "${names[@]}" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
names = sys.argv[2:]
def cpu(label):
    return [float(r[2]) for r in rows if r[0] == label]
kam = cpu("kamailio")
kam_mean = statistics.mean(kam) if kam else None
base = statistics.mean(cpu(names[0])) if cpu(names[0]) else None
print("| revision | CPU s per 1,000 calls, each round | mean | spread (max-min)/mean | vs " + names[0] + " | / Kamailio |")
print("|---|---|---|---|---|---|")
for label in names + ["kamailio"]:
    v = cpu(label)
    if not v:
        print(f"| {label} | no result | | | | |")
        continue
    m = statistics.mean(v)
    spread = (max(v) - min(v)) / m * 100
    vs = f"{(m / base - 1) * 100:+.1f} %" if base and label != "kamailio" else ""
    ratio = f"{m / kam_mean:.2f}x" if kam_mean and label != "kamailio" else ""
    print(f"| {label} | {' '.join(f'{x:.3f}' for x in v)} | {m:.3f} | {spread:.1f} % | {vs} | {ratio} |")
PY
