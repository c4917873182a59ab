#!/usr/bin/env python3
"""Report of the relay benchmark: steps, highest sustained rate, CPU per 10,000 packets/s, memory, ratios.

    report.py RESULTS MEMORY MAX_LOSS_PCT MAX_P99_MS LOAD_AT_START

RESULTS: one line of key=value pairs per step (run.sh's relay/label/rate/sustained + the load generator's
line); MEMORY: one line per relay (RSS with 0 sessions, at setup with N sessions, after the load).
"""
import sys

RELAYS = ("natterjack", "rtpengine", "minirelay")
PAIRS = (("natterjack", "rtpengine"), ("natterjack", "minirelay"), ("rtpengine", "minirelay"))


def read_kv(path):
    rows = []
    with open(path) as f:
        for line in f:
            row = dict(field.split("=", 1) for field in line.split() if "=" in field)
            if row:
                rows.append(row)
    return rows


def num(row, key):
    try:
        return float(row.get(key, "nan"))
    except ValueError:
        return float("nan")


def cpu_pct(row, key="relay_cpu_s"):
    """CPU of the window in % of one core."""
    return 100 * num(row, key) / num(row, "duration_s")


def per_10k(row):
    """Relay CPU in % of one core per 10,000 packets/s."""
    return cpu_pct(row) / (num(row, "rate") / 10000)


def fmt(x, spec=".1f"):
    return "n/a" if x is None or x != x else format(x, spec)


def ratio(a, b, floor=0.0):
    """a / b, or None when either is unknown or b is not above floor (a ratio to noise means nothing)."""
    return None if a is None or b is None or a != a or b != b or b <= floor else a / b


def main(results, memory, max_loss, max_p99, load):
    steps = [r for r in read_kv(results) if r.get("label") in ("step", "failed")]
    mem = {m["relay"]: m for m in read_kv(memory)}
    ran = [r for r in RELAYS if r in mem and "skipped" not in mem[r]]

    print(f"Relay benchmark: sustained = loss < {max_loss} % and p99 added latency < {max_p99} ms "
          f"(and the load generator kept up). Load average at start: {load}.")
    print("Rates are packets/s through the relay, both directions together; CPU in % of one core.\n")
    head = ("relay", "label", "offered", "sent/s", "loss %", "p50 ms", "p99 ms", "max ms", "relay CPU",
            "per 10k", "loadgen CPU", "other CPU", "sustained")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in steps:
        other = 100 * (num(r, "machine_cpu_s") - num(r, "relay_cpu_s") - num(r, "loadgen_cpu_s")) / num(r, "duration_s")
        print("| " + " | ".join((
            r["relay"], r["label"], r["rate"], fmt(num(r, "sent_pps"), ".0f"), fmt(num(r, "all_loss_pct"), ".3f"),
            fmt(num(r, "all_p50_us") / 1000, ".2f"), fmt(num(r, "all_p99_us") / 1000, ".2f"),
            fmt(num(r, "all_max_us") / 1000, ".1f"), fmt(cpu_pct(r), ".1f") + " %", fmt(per_10k(r), ".2f") + " %",
            fmt(cpu_pct(r, "loadgen_cpu_s"), ".1f") + " %", fmt(max(other, 0), ".0f") + " %",
            r.get("sustained", "?"))) + " |")

    best, sustained_rates = {}, {}
    for name in ran:
        ok = [r for r in steps if r["relay"] == name and r["label"] == "step" and r.get("sustained") == "yes"]
        sustained_rates[name] = {int(r["rate"]): r for r in ok}
        best[name] = max(ok, key=lambda r: int(r["rate"])) if ok else None

    def mem_per_session(name, key):
        m = mem.get(name)
        if not m or "skipped" in m:
            return None
        return (int(m[key]) - int(m["rss0_kib"])) / int(m["sessions"])

    print("\nSummary:\n")
    print("| | " + " | ".join(RELAYS) + " |")
    print("|---|" + "---|" * len(RELAYS))
    rows = (
        ("highest sustained rate (packets/s)", lambda n: best[n] and float(best[n]["rate"]), ".0f"),
        ("relay CPU per 10k packets/s at that rate (% of a core)", lambda n: best[n] and per_10k(best[n]), ".2f"),
        ("p99 added latency at that rate (ms)", lambda n: best[n] and num(best[n], "all_p99_us") / 1000, ".2f"),
        ("load generator CPU at that rate (% of a core)", lambda n: best[n] and cpu_pct(best[n], "loadgen_cpu_s"), ".0f"),
        ("RSS with 0 sessions (MiB)", lambda n: int(mem[n]["rss0_kib"]) / 1024, ".1f"),
        ("memory per session at setup (KiB)", lambda n: mem_per_session(n, "rss_setup_kib"), ".2f"),
        ("memory per session after the load (KiB)", lambda n: mem_per_session(n, "rss_after_kib"), ".2f"),
        ("file descriptors per session",
         lambda n: (int(mem[n]["fds_setup"]) - int(mem[n]["fds0"])) / int(mem[n]["sessions"]), ".2f"),
    )
    values = {}
    for label, get, spec in rows:
        values[label] = {n: (get(n) if n in ran else None) for n in RELAYS}
        print(f"| {label} | " + " | ".join(fmt(values[label][n], spec) if n in ran else "skipped" for n in RELAYS) + " |")

    print("\nRatios:\n")
    print("| | " + " | ".join(f"{a} / {b}" for a, b in PAIRS) + " |")
    print("|---|" + "---|" * len(PAIRS))
    rate_label = "highest sustained rate (packets/s)"
    print(f"| highest sustained rate | " + " | ".join(
        fmt(ratio(values[rate_label][a], values[rate_label][b]), ".2f") for a, b in PAIRS) + " |")
    cells = []
    for a, b in PAIRS:
        common = sorted(set(sustained_rates.get(a, {})) & set(sustained_rates.get(b, {})))
        if common:
            rate = common[-1]
            cells.append(f"{fmt(ratio(per_10k(sustained_rates[a][rate]), per_10k(sustained_rates[b][rate])), '.2f')}"
                         f" (at {rate})")
        else:
            cells.append("n/a")
    print("| relay CPU per packet, at the highest rate both sustained | " + " | ".join(cells) + " |")
    # A C relay keeps a few dozen bytes per session in user space (its sockets live in the kernel), which is
    # within the noise of RSS: below 0.5 KiB the ratio is not given.
    label = "memory per session after the load (KiB)"
    print("| memory per session after the load | " + " | ".join(
        fmt(ratio(values[label][a], values[label][b], floor=0.5), ".2f") for a, b in PAIRS) + " |")

    if "natterjack" in ran and "rtpengine" in ran:
        nj, rt = best["natterjack"], best["rtpengine"]
        common = sorted(set(sustained_rates["natterjack"]) & set(sustained_rates["rtpengine"]))
        cpu_ok = bool(common) and per_10k(sustained_rates["natterjack"][common[-1]]) <= per_10k(
            sustained_rates["rtpengine"][common[-1]])
        rate_ok = nj is not None and (rt is None or int(nj["rate"]) >= int(rt["rate"]))
        print(f"\nTargets: CPU per packet no more than rtpengine's: {'met' if cpu_ok else 'NOT met'}; "
              f"sustained rate at least rtpengine's: {'met' if rate_ok else 'NOT met'}.")
    else:
        print("\nTargets (Natterjack vs rtpengine): not evaluated, "
              f"{'natterjack' if 'natterjack' not in ran else 'rtpengine'} did not run.")


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
