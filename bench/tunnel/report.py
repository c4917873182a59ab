#!/usr/bin/env python3
"""The tunnel benchmark's report: per mode the loss, the end-to-end latency, CPU per call; per round what the tunnel
adds to the direct path's latency and CPU, with the spread over the rounds.

  report.py RESULTS DURATION_SECONDS"""
import statistics
import sys


def rows(path):
    for line in open(path):
        yield dict(kv.split("=", 1) for kv in line.split() if "=" in kv)


def spread(values):
    if len(values) < 2 or statistics.mean(values) == 0:
        return "n/a"
    return "%.1f %%" % (100 * (max(values) - min(values)) / statistics.mean(values))


def main():
    results, duration = list(rows(sys.argv[1])), float(sys.argv[2])
    print("%-6s %-6s %5s %8s %9s %9s %9s %11s %11s %-22s %s" % ("round", "mode", "calls", "loss %", "p50 ms",
          "p99 ms", "max ms", "gw ms/call-s", "agent ms/call-s", "RTP late/full gw,agent", "agent heap"))
    by_round = {}
    for r in results:
        calls = int(r["calls"])
        gw = 1000 * float(r["gateway_cpu_s"]) / duration / calls
        agent = 1000 * float(r["agent_cpu_s"]) / duration / calls
        dropped = r.get("gateway_dropped", "-") + "," + r.get("agent_dropped", "-")
        print("%-6s %-6s %5d %8.3f %9.2f %9.2f %9.1f %11.3f %11.3f %-22s %s" % (r["round"], r["mode"], calls,
              float(r["all_loss_pct"]), float(r["all_p50_us"]) / 1000, float(r["all_p99_us"]) / 1000,
              float(r["all_max_us"]) / 1000, gw, agent, dropped, r.get("agent_heap", "")))
        by_round.setdefault(r["round"], {})[r["mode"]] = (float(r["all_p50_us"]) / 1000,
                                                          float(r["all_p99_us"]) / 1000, gw, agent)
    added50, added99, cpu_ratio = [], [], []
    for rnd in sorted(by_round):
        modes = by_round[rnd]
        if "direct" in modes and "tunnel" in modes:
            d, t = modes["direct"], modes["tunnel"]
            added50.append(t[0] - d[0])
            added99.append(t[1] - d[1])
            if d[2] > 0:
                cpu_ratio.append((t[2] + t[3]) / d[2])
    if added99:
        print()
        print("added by the tunnel (tunnel - direct, same round): p50 %s ms, p99 %s ms (spread of p99 %s)"
              % (", ".join("%.2f" % a for a in added50), ", ".join("%.2f" % a for a in added99), spread(added99)))
        print("CPU of gateway + agent per call against the gateway's alone over UDP: %s (spread %s)"
              % (", ".join("%.2fx" % c for c in cpu_ratio), spread(cpu_ratio)))


if __name__ == "__main__":
    main()
