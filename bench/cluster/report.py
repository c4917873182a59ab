#!/usr/bin/env python3
"""Summarises bench/cluster/run.sh's results.tsv: CPU per 1,000 registrations per store (mean of the rounds, the
spread between rounds as the run-to-run noise), the ratio PostgreSQL/SQLite, and the start-up of nodes holding
the mass of bindings."""
import statistics
import sys


def main():
    rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])][1:]
    runs = {}
    starts = []
    for r in rows:
        if r[0] == "start":
            starts.append(r)
        else:
            runs.setdefault(r[0], []).append(r)
    means = {}
    for label, rs in runs.items():
        cpu = [float(r[5]) for r in rs]
        pg = [float(r[6]) for r in rs]
        failed = sum(int(r[3]) for r in rs)
        rate = [float(r[4]) for r in rs]
        means[label] = statistics.mean(cpu)
        spread = (max(cpu) - min(cpu)) / statistics.mean(cpu) * 100 if statistics.mean(cpu) else 0
        print(f"{label:11s} gateway CPU {statistics.mean(cpu):6.3f} s per 1,000 registrations "
              f"(rounds {', '.join(f'{c:.3f}' for c in cpu)}; spread {spread:.0f} %), "
              f"PostgreSQL {statistics.mean(pg):.3f} s, achieved {statistics.mean(rate):.0f}/s, failed {failed}")
    if "sqlite" in means and "postgresql" in means and means["sqlite"]:
        print(f"ratio PostgreSQL (two nodes) / SQLite (one): {means['postgresql'] / means['sqlite']:.2f}x"
              " gateway CPU per registration (target: at most 1.3x)")
    for s in starts:
        others = f", then took in the other node's {s[6]} in {int(s[7]) / 1000:.1f} s" if len(s) > 7 else ""
        answered = f"first SIP answer {s[8]} s after launch (target: 10 s), " if len(s) > 8 else ""
        print(f"node {s[1]}: its own {s[2]} bindings restored, {answered}'started' logged {s[3]} s after launch"
              f"{others}; heap used after GC {s[4]} MiB, RSS {s[5]} MiB")


if __name__ == "__main__":
    main()
