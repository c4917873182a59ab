#!/usr/bin/env python3
"""Prints the proxy benchmark report from run.sh's results.tsv.

usage: report.py RESULTS.tsv MAX_FAILED_PERCENT MIN_ACHIEVED

A "call" is one sipp caller call: INVITE -> 100 -> 180 -> 200 -> ACK, hold, BYE -> 200, all through the proxy
(2 server transactions, INVITE and BYE, plus the ACK relayed statelessly: 6 messages in and 7 out at the proxy).
"""
import math
import sys

COLS = ["server", "label", "offered", "achieved", "expected", "ok", "failed", "failed_pct", "retrans", "wall", "cpu",
        "cpu_per_1000", "setup_n", "setup_p50", "setup_p99", "bye_p50", "bye_p99", "uac_cpu", "uas_cpu", "machine",
        "load", "warnings", "uas_failed", "rc", "sustained", "other", "drops", "gc_n", "gc_ms", "gc_max"]
INTS = ("offered", "achieved", "expected", "ok", "failed", "retrans", "setup_n", "warnings", "uas_failed", "rc",
        "drops", "gc_n", "gc_ms", "gc_max")
FLOATS = ("failed_pct", "wall", "cpu", "cpu_per_1000", "setup_p50", "setup_p99", "bye_p50", "bye_p99", "uac_cpu",
          "uas_cpu", "machine", "load", "other")


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.strip():
                r = dict(zip(COLS, line.rstrip("\n").split("\t")))
                for k in INTS:
                    r[k] = int(float(r[k]))
                for k in FLOATS:
                    r[k] = float(r[k])
                rows.append(r)
    return rows


def ms(v):
    return "-" if math.isnan(v) else f"{v:.1f}"


def main():
    rows = load(sys.argv[1])
    max_failed, min_achieved = float(sys.argv[2]), float(sys.argv[3])

    print("Proxy benchmark results")
    print("  offered/achieved in calls/s (all caller processes); one call = INVITE/100/180/200/ACK, hold, BYE/200,")
    print("  every message through the proxy. failed = calls not completed (no or late response: 5 s), of all")
    print("  calls planned. setup = INVITE sent -> 200 received, bye = BYE sent -> 200 received, measured by the")
    print("  latency probe caller (part of the offered rate, sipp -trace_rtt with a microsecond clock), p50/p99 over")
    print("  its calls that got their 200.")
    print(f"  sustained = failed < {max_failed:g}% and achieved >= {min_achieved:.0%} of offered.")
    print("  CPU = server utime+stime during the step (all JVM threads / all Kamailio processes); per 1,000")
    print("  completed calls. callers/callees = CPU seconds of the sipp processes in the step (same 2 cores);")
    print("  other = CPU seconds of other processes in the step (the machine is shared); load = 1-minute load")
    print("  average before the step (includes the previous step's sipp and server); warn = gateway WARN/ERROR lines;")
    print("  callee fail = calls the callees counted as failed (e.g. an ACK or BYE that never arrived);")
    print("  drops = datagrams the kernel dropped at the server's UDP socket (receive buffer full);")
    print("  GC = the gateway's JVM pauses in the step: count, total ms, longest ms.\n")
    hdr = (f"{'server':<11} {'step':<9} {'offered':>7} {'achieved':>8} {'failed':>7} {'fail%':>6} {'retrans':>7} "
           f"{'setup p50':>9} {'p99':>7} {'bye p50':>7} {'p99':>7} {'cpu s':>6} {'cpu s/1000':>10} {'callers':>7} "
           f"{'callees':>7} {'other':>6} {'load':>5} {'warn':>5} {'callee fail':>11} {'drops':>6} {'GC n/ms/max':>13} sustained")
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        print(f"{r['server']:<11} {r['label']:<9} {r['offered']:>7} {r['achieved']:>8} {r['failed']:>7} "
              f"{r['failed_pct']:>6.2f} {r['retrans']:>7} {ms(r['setup_p50']):>9} {ms(r['setup_p99']):>7} "
              f"{ms(r['bye_p50']):>7} {ms(r['bye_p99']):>7} {r['cpu']:>6.2f} {r['cpu_per_1000']:>10.3f} "
              f"{r['uac_cpu']:>7.2f} {r['uas_cpu']:>7.2f} {r['other']:>6.2f} {r['load']:>5.2f} {r['warnings']:>5} "
              f"{r['uas_failed']:>11} {r['drops']:>6} "
              f"{str(r['gc_n']) + '/' + str(r['gc_ms']) + '/' + str(r['gc_max']):>13} {r['sustained']}")

    def steps(server):
        return [r for r in rows if r["server"] == server and r["label"] == "step"]

    def best(server):
        ok = [r for r in steps(server) if r["sustained"] == "yes"]
        return max(ok, key=lambda r: r["offered"]) if ok else None

    def fmt(r):
        if r is None:
            return "none sustained"
        return (f"{r['offered']} calls/s ({r['failed_pct']:.2f}% failed), setup p50 {ms(r['setup_p50'])} ms / "
                f"p99 {ms(r['setup_p99'])} ms, {r['cpu_per_1000']:.3f} CPU s per 1,000 calls "
                f"({r['cpu'] / r['wall']:.2f} cores)")

    nj, ka = best("natterjack"), best("kamailio")
    print("\nHighest sustained rate")
    print(f"  natterjack: {fmt(nj)}")
    print(f"  kamailio:   {fmt(ka)}")
    for other in sorted({r["server"] for r in rows if r["server"].startswith("kamailio-")}):
        print(f"  {other}: {fmt(best(other))}")
    if nj and ka:
        top = steps("kamailio")[-1] if steps("kamailio") else None
        note = " (Kamailio sustained the top of the ladder: its limit was not reached)" if top is ka and \
            ka["offered"] == max(r["offered"] for r in steps("kamailio")) and top["sustained"] == "yes" else ""
        print(f"  ratio natterjack/kamailio, highest sustained rate: {nj['offered'] / ka['offered']:.2f}{note}")
        print(f"  ratio natterjack/kamailio, CPU per call, each at its highest sustained rate: "
              f"{nj['cpu_per_1000'] / ka['cpu_per_1000']:.2f}")
        common = sorted({r["offered"] for r in steps("natterjack") if r["sustained"] == "yes"}
                        & {r["offered"] for r in steps("kamailio") if r["sustained"] == "yes"})
        if common:
            print("\nAt the same offered rate (both sustained): natterjack / kamailio")
            print(f"  {'rate':>6} {'CPU s/1000':>21} {'ratio':>6} {'setup p50 ms':>15} {'ratio':>6} "
                  f"{'setup p99 ms':>15} {'ratio':>6}")
            for rate in common:
                n = next(r for r in steps("natterjack") if r["offered"] == rate)
                k = next(r for r in steps("kamailio") if r["offered"] == rate)

                def ratio(a, b):
                    return "-" if b <= 0 or math.isnan(a) or math.isnan(b) else f"{a / b:.2f}"
                print(f"  {rate:>6} {n['cpu_per_1000']:>10.3f} / {k['cpu_per_1000']:<8.3f} "
                      f"{ratio(n['cpu_per_1000'], k['cpu_per_1000']):>6} "
                      f"{ms(n['setup_p50']):>6} / {ms(k['setup_p50']):<6} {ratio(n['setup_p50'], k['setup_p50']):>6} "
                      f"{ms(n['setup_p99']):>6} / {ms(k['setup_p99']):<6} {ratio(n['setup_p99'], k['setup_p99']):>6}")

    over = [r for r in rows if r["server"] == "natterjack" and r["label"] == "overload"]
    if over and nj:
        print("\nOverload (natterjack offered more than it sustains; new calls over its limit get 503)")
        for r in over:
            print(f"  offered {r['offered']} calls/s ({r['offered'] / nj['offered']:.1f}x its highest sustained rate): "
                  f"{r['offered'] * r['ok'] / max(r['expected'], 1):.0f} calls/s completed, "
                  f"{r['failed_pct']:.2f}% of calls not completed, "
                  f"setup p50 {ms(r['setup_p50'])} ms / p99 {ms(r['setup_p99'])} ms, "
                  f"{r['cpu'] / r['wall']:.2f} cores")

    print("\nTargets")
    if nj:
        print(f"  >= 2,500 calls/s with < 1% failed: natterjack sustained {nj['offered']} calls/s -> "
              f"{'met' if nj['offered'] >= 2500 else 'NOT met'}")
    else:
        print("  >= 2,500 calls/s with < 1% failed: natterjack sustained no step -> NOT met")
    if nj and ka:
        common = sorted({r["offered"] for r in steps("natterjack") if r["sustained"] == "yes"}
                        & {r["offered"] for r in steps("kamailio") if r["sustained"] == "yes"})
        if common:
            rate = common[-1]
            n = next(r for r in steps("natterjack") if r["offered"] == rate)
            k = next(r for r in steps("kamailio") if r["offered"] == rate)
            q = n["cpu_per_1000"] / k["cpu_per_1000"]
            print(f"  CPU per call <= 2x Kamailio's: at {rate} calls/s (highest rate both sustained) "
                  f"{n['cpu_per_1000']:.3f} vs {k['cpu_per_1000']:.3f} CPU s per 1,000 calls = {q:.2f}x -> "
                  f"{'met' if q <= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
