#!/usr/bin/env python3
"""Summarises CPU samples of a JFR recording: where the time goes.

usage: jfr_summary.py RECORDING.jfr [TOP]

Runs `jfr print --events jdk.ExecutionSample --stack-depth 96` and reports, over all samples:
  - self time by component (package groups) and by package, i.e. the frame on top of the stack
  - the hottest methods by self time
  - the hottest methods by inclusive time (on the stack at all), overall and within org.natterjack
  - samples per thread (name without trailing numbers)
"""
import collections
import re
import subprocess
import sys

COMPONENTS = [  # first matching prefix wins
    ("org.natterjack.", "Natterjack code"),
    ("gov.nist.javax.sip.parser.", "JAIN-SIP parser"),
    ("gov.nist.javax.sip.header.", "JAIN-SIP headers (create/encode/clone)"),
    ("gov.nist.javax.sip.message.", "JAIN-SIP messages (create/encode/clone)"),
    ("gov.nist.javax.sip.address.", "JAIN-SIP addresses"),
    ("gov.nist.core.", "JAIN-SIP core (lexer, name/value lists)"),
    ("gov.nist.javax.sip.stack.", "JAIN-SIP stack/transport"),
    ("gov.nist.", "JAIN-SIP other"),
    ("javax.sip.", "JAIN-SIP API"),
    ("com.sun.crypto.", "crypto (HMAC, digests)"),
    ("sun.security.", "crypto (HMAC, digests)"),
    ("javax.crypto.", "crypto (HMAC, digests)"),
    ("java.security.", "crypto (HMAC, digests)"),
    ("sun.nio.", "NIO / sockets"),
    ("java.nio.", "NIO / sockets"),
    ("java.net.", "java.net"),
    ("org.sqlite.", "SQLite (JDBC)"),
    ("ch.qos.logback.", "logging"),
    ("org.slf4j.", "logging"),
    ("java.util.concurrent.", "java.util.concurrent (pools, queues, locks)"),
    ("java.util.regex.", "java.util.regex"),
    ("java.util.", "java.util (collections, Formatter, ...)"),
    ("java.lang.invoke.", "java.lang.invoke"),
    ("java.lang.", "java.lang (strings, ...)"),
    ("java.text.", "java.text"),
    ("java.time.", "java.time"),
    ("jdk.internal.", "jdk.internal"),
]

FRAME = re.compile(r"^\s*(?P<method>[^\s(]+)\((?P<args>[^)]*)\)")


def component(method):
    for prefix, name in COMPONENTS:
        if method.startswith(prefix):
            return name
    return "other"


def package(method):
    parts = method.split(".")
    # drop method and class; keep up to 4 package levels for readability
    pkg = parts[:-2] if len(parts) > 2 else parts[:1]
    return ".".join(pkg[:5]) or "(default)"


def samples(recording):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", recording],
                         check=True, capture_output=True, text=True).stdout
    stack, thread, in_stack = [], "?", False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("jdk.ExecutionSample"):
            stack, thread, in_stack = [], "?", False
        elif s.startswith("sampledThread"):
            m = re.search(r'"([^"]*)"', s)
            thread = m.group(1) if m else "?"
        elif s.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and s == "]":
            in_stack = False
            if stack:
                yield thread, stack
        elif in_stack:
            m = FRAME.match(s)
            if m:
                stack.append(m.group("method"))


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    total = 0
    self_method, self_pkg, self_comp = collections.Counter(), collections.Counter(), collections.Counter()
    incl, incl_nj, threads = collections.Counter(), collections.Counter(), collections.Counter()
    for thread, stack in samples(recording):
        total += 1
        top_frame = stack[0]
        self_method[top_frame] += 1
        self_pkg[package(top_frame)] += 1
        self_comp[component(top_frame)] += 1
        seen = set(stack)
        for m in seen:
            incl[m] += 1
            if m.startswith("org.natterjack."):
                incl_nj[m] += 1
        threads[re.sub(r"[-#\s]*\d+$", "", thread) or thread] += 1
    if total == 0:
        print("no jdk.ExecutionSample events in", recording)
        return

    def table(title, counter, n):
        print(f"\n{title}")
        for name, c in counter.most_common(n):
            print(f"  {100.0 * c / total:5.1f}%  {c:7d}  {name}")

    print(f"CPU samples (jdk.ExecutionSample): {total}")
    table("Self time by component (top frame):", self_comp, 30)
    table("Self time by package (top frame):", self_pkg, top)
    table("Hottest methods, self time:", self_method, top)
    table("Hottest methods, inclusive (on the stack):", incl, top + 10)
    table("Natterjack methods, inclusive:", incl_nj, top)
    table("Samples by thread:", threads, 10)


if __name__ == "__main__":
    main()
