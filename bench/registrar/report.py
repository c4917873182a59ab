#!/usr/bin/env python3
"""Prints the registrar benchmark report from run.sh's results.tsv and heap.txt.

usage: report.py RESULTS.tsv HEAP.txt MIN_ACHIEVED

Units: a "registration" is one sipp call. Mode auth: REGISTER -> 401 -> REGISTER+Authorization -> 200,
i.e. 2 REGISTER transactions per registration. Mode challenge: REGISTER -> 401, 1 transaction, no binding.
"""
import sys

COLS = ["server", "mode", "label", "offered", "offered_register", "achieved", "expected", "ok_calls",
        "failed", "retrans", "wall", "cpu", "cpu_per_1000", "machine_busy", "sipp_rc", "sustained", "sipp_cpu", "other_cpu"]


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.strip():
                r = dict(zip(COLS, line.rstrip("\n").split("\t")))
                for k in ("offered", "offered_register", "achieved", "expected", "ok_calls", "failed", "retrans",
                          "sipp_rc"):
                    r[k] = int(float(r[k]))
                for k in ("wall", "cpu", "cpu_per_1000", "machine_busy", "sipp_cpu", "other_cpu"):
                    r[k] = float(r[k])
                rows.append(r)
    return rows


def main():
    rows = load(sys.argv[1])
    heap = {}
    with open(sys.argv[2]) as f:
        for line in f:
            if "\t" in line:
                k, v = line.rstrip("\n").split("\t", 1)
                heap[k] = v
    min_achieved = float(sys.argv[3])

    print("Registrar benchmark results")
    print("  offered/achieved in registrations/s (sipp calls/s, all sipp processes together);")
    print("  auth: 1 registration = REGISTER->401->REGISTER(+Authorization)->200 = 2 REGISTER transactions;")
    print("  challenge: 1 'registration' = REGISTER->401 only (no binding written) = 1 transaction.")
    print(f"  sustained = no failed call and achieved >= {min_achieved:.0%} of offered.")
    print("  CPU = server utime+stime during the step (all threads / all Kamailio processes), per 1,000")
    print("  successful registrations; sipp cpu = CPU seconds of the sipp processes in the step;")
    print("  other = CPU seconds of processes outside the benchmark (the machine may be shared);")
    print("  machine = busy share of both cores during the step (sipp runs on the same 2 cores).")
    print("  step 'disturbed' = a failed attempt repeated because other processes were busy; 'warmup',")
    print("  'profiled' (JFR on) and 'heap-warmup' rows are not used for the results.\n")
    hdr = (f"{'server':<10} {'mode':<9} {'step':<8} {'offered':>7} {'REG/s':>6} {'achieved':>8} {'failed':>6} "
           f"{'retrans':>7} {'cpu s':>6} {'cpu s/1000':>10} {'sipp cpu':>8} {'other':>6} {'machine':>7} sustained")
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        print(f"{r['server']:<10} {r['mode']:<9} {r['label']:<8} {r['offered']:>7} {r['offered_register']:>6} "
              f"{r['achieved']:>8} {r['failed']:>6} {r['retrans']:>7} {r['cpu']:>6.2f} {r['cpu_per_1000']:>10.3f} "
              f"{r['sipp_cpu']:>8.2f} {r['other_cpu']:>6.2f} "
              f"{r['machine_busy']:>6.0f}% {r['sustained']}")

    def steps(server, mode):
        return [r for r in rows if r["server"] == server and r["mode"] == mode and r["label"] == "step"]

    def best(server, mode):
        ok = [r for r in steps(server, mode) if r["sustained"] == "yes"]
        return max(ok, key=lambda r: r["offered"]) if ok else None

    print("\nMaximum sustained rate and CPU per 1,000 registrations")
    for mode in ("auth", "challenge"):
        nj, ka = best("natterjack", mode), best("kamailio", mode)
        regs = 2 if mode == "auth" else 1

        def fmt(r):
            if r is None:
                return "none sustained"
            return (f"{r['offered']}/s ({r['offered'] * regs} REGISTER/s), {r['cpu_per_1000']:.3f} CPU s/1000 "
                    f"at that rate")
        print(f"  {mode}:")
        print(f"    natterjack: {fmt(nj)}")
        print(f"    kamailio:   {fmt(ka)}")
        if nj and ka:
            print(f"    ratio natterjack/kamailio, max rate: {nj['offered'] / ka['offered']:.2f}"
                  + (" (Kamailio's limit may be the load generator: see the machine column)"
                     if ka == steps('kamailio', mode)[-1] else ""))
        # CPU compared at the same offered rate: the highest rate both sustained
        common = sorted({r["offered"] for r in steps("natterjack", mode) if r["sustained"] == "yes"}
                        & {r["offered"] for r in steps("kamailio", mode) if r["sustained"] == "yes"})
        if common:
            rate = common[-1]
            n = next(r for r in steps("natterjack", mode) if r["offered"] == rate)
            k = next(r for r in steps("kamailio", mode) if r["offered"] == rate)
            print(f"    CPU per 1,000 at {rate}/s (highest rate both sustained): natterjack "
                  f"{n['cpu_per_1000']:.3f} s, kamailio {k['cpu_per_1000']:.3f} s, ratio "
                  f"{n['cpu_per_1000'] / k['cpu_per_1000']:.2f}"
                  f" (per REGISTER transaction: {1000 * n['cpu_per_1000'] / regs:.0f} vs "
                  f"{1000 * k['cpu_per_1000'] / regs:.0f} us)")
            ratios = [n2["cpu_per_1000"] / k2["cpu_per_1000"]
                      for n2 in steps("natterjack", mode) for k2 in steps("kamailio", mode)
                      if n2["offered"] == k2["offered"] and n2["sustained"] == k2["sustained"] == "yes"]
            print(f"    CPU ratio over all rates both sustained: {min(ratios):.2f} .. {max(ratios):.2f}")

    print("\nTargets (product owner)")
    nj = best("natterjack", "auth")
    if nj:
        print(f"  10,000 REGISTER/s without failures: natterjack sustained {nj['offered']} registrations/s with auth"
              f" = {2 * nj['offered']} REGISTER requests/s -> "
              f"{'met' if 2 * nj['offered'] >= 10000 else 'NOT met'} if counted as REGISTER requests, "
              f"{'met' if nj['offered'] >= 10000 else 'NOT met'} if counted as registrations")
    else:
        print("  10,000 REGISTER/s: natterjack sustained no auth step at all -> NOT met")
    nc = best("natterjack", "challenge")
    if nc:
        print(f"  challenge only: {nc['offered']} REGISTER/s sustained -> "
              f"{'met' if nc['offered'] >= 10000 else 'NOT met'}")

    if heap:
        print("\nMemory with many bindings")
        b = int(heap.get("natterjack_binding_rows", 0))
        before, after = int(heap.get("natterjack_heap_used_before_kib", 0)), int(heap.get("natterjack_heap_used_after_kib", 0))
        print(f"  natterjack: {heap.get('natterjack_registrations_ok')} registrations ok, "
              f"{heap.get('natterjack_registrations_failed')} failed, {b} binding rows in SQLite")
        print(f"    used heap after full GC: {before / 1024:.1f} MiB before -> {after / 1024:.1f} MiB after "
              f"(+{(after - before) / 1024:.1f} MiB, {1024 * (after - before) / max(b, 1):.0f} bytes per binding)")
        print(f"    process RSS {int(heap.get('natterjack_rss_kib', 0)) / 1024:.0f} MiB; SQLite file "
              f"{int(heap.get('natterjack_db_bytes', 0)) / 1048576:.1f} MiB (+ WAL "
              f"{int(heap.get('natterjack_wal_bytes', 0)) / 1048576:.1f} MiB)")
        if "kamailio_shm_used_after_bytes" in heap:
            kb, ka = int(heap["kamailio_shm_used_before_bytes"] or 0), int(heap["kamailio_shm_used_after_bytes"] or 0)
            kc = int(heap.get("kamailio_contacts") or 0)
            print(f"  kamailio: {heap.get('kamailio_registrations_ok')} registrations ok, "
                  f"{heap.get('kamailio_registrations_failed')} failed, {kc} contacts in usrloc")
            print(f"    shared memory used {kb / 1048576:.1f} MiB -> {ka / 1048576:.1f} MiB "
                  f"(+{(ka - kb) / 1048576:.1f} MiB, {(ka - kb) / max(kc, 1):.0f} bytes per contact); "
                  f"RSS of all processes {int(heap.get('kamailio_rss_sum_kib', 0)) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
