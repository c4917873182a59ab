#!/usr/bin/env python3
"""Response-time percentiles of one load step, from sipp's per-call response times (-trace_rtt).

usage: latency.py DIR

Reads every DIR/*_rtt.csv ("Date_ms;response_time_ms;rtd_no", one line per call and named response time) and
prints one line: "SETUP_N SETUP_P50 SETUP_P99 BYE_N BYE_P50 BYE_P99" in milliseconds (nearest-rank
percentiles, "nan" without samples). "setup" = INVITE sent -> 200 received, "bye" = BYE sent -> 200 received,
as marked in scenarios/uac-call.xml. Only calls that got their 200 have a value; failed calls are counted
apart, from sipp's statistics.
"""
import glob
import math
import os
import sys


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[rank - 1]


def main():
    values = {"setup": [], "bye": []}
    for path in glob.glob(os.path.join(sys.argv[1], "*_rtt.csv")):
        with open(path) as f:
            for line in f:
                parts = line.strip().split(";")
                if len(parts) == 3 and parts[2] in values:
                    try:
                        values[parts[2]].append(float(parts[1]))
                    except ValueError:
                        pass
    out = []
    for name in ("setup", "bye"):
        v = sorted(values[name])
        out += [str(len(v)), f"{percentile(v, 50):.2f}", f"{percentile(v, 99):.2f}"]
    print(" ".join(out))


if __name__ == "__main__":
    main()
