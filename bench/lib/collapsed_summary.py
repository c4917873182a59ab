#!/usr/bin/env python3
"""Summarises an async-profiler CPU profile (collapsed stacks, recorded with `threads`): where the time goes.

usage: collapsed_summary.py PROFILE.collapsed [TOP]

Each line is `[thread tid=N];frame;frame;... COUNT`. Reports, as shares of all samples:
  - samples per thread group (thread name without trailing numbers): workers, timers, GC, JIT, ...
  - time spent under a few landmark frames (parse, encode, clone, send, timers, proxy logic, media, ...);
    landmarks overlap (a send happens inside the proxy logic), so the column does not add up to 100 %
  - the hottest frames by self time and by inclusive time
Unlike JFR's Java-only sampling, this also sees native frames: system calls, GC and JIT threads.
"""
import collections
import re
import sys

LANDMARKS = [
    ("SIP parsing (RI parser, incl. our guard)", "org/natterjack/sip/transport/GuardedMessageParser.parseSIPMessage"),
    ("  of which re-parsing at transaction clean-up", "gov/nist/javax/sip/stack/SIPServerTransactionImpl.cleanUp"),
    ("SIP encoding to bytes", "gov/nist/javax/sip/message/SIPMessage.encodeAsBytes"),
    ("SIP message cloning", "gov/nist/javax/sip/message/SIPMessage.clone"),
    ("UDP send (system call path)", "sun/nio/ch/DatagramChannelImpl.send"),
    ("UDP receive (RI reader thread)", "gov/nist/javax/sip/stack/UDPMessageProcessor.run"),
    ("hand-off to worker threads (park/unpark)", "java/util/concurrent/locks/LockSupport.unpark"),
    ("RI transaction timers", "gov/nist/javax/sip/stack/timers/ScheduledExecutorSipTimer$ScheduledSipTimerTask.run"),
    ("RI server transactions (request in)", "gov/nist/javax/sip/stack/SIPServerTransactionImpl.processRequest"),
    ("RI client transactions (response in)", "gov/nist/javax/sip/stack/SIPClientTransactionImpl.processResponse"),
    ("Natterjack: requests (Proxy.onRequest)", "org/natterjack/sip/proxy/Proxy.onRequest"),
    ("Natterjack: responses (Proxy.onResponse)", "org/natterjack/sip/proxy/Proxy.onResponse"),
    ("Natterjack: routing (CallRouting.route)", "org/natterjack/sip/proxy/CallRouting.route"),
    ("Natterjack: ACK forwarding", "org/natterjack/sip/proxy/Proxy.forwardAck"),
    ("Natterjack: SDP rewrite and relay set-up", "org/natterjack/sip/proxy/AnchoredCall.sdp"),
    ("Natterjack: Record-Route tokens (HMAC)", "org/natterjack/sip/proxy/FlowTokens"),
    ("media relay thread (packet engine)", "org/natterjack/media/relay/PacketEngine.run"),
]


def thread_group(frame):
    name = re.sub(r"\s*tid=\d+\]$", "", frame.lstrip("["))
    return re.sub(r"[-#/\d.:]+$", "", name).rstrip("-") or name


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    threads, selfs, incl, marks = (collections.Counter() for _ in range(4))
    total = 0
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        if frames[0].startswith("["):
            threads[thread_group(frames[0])] += n
            frames = frames[1:]
        if not frames:
            continue
        selfs[frames[-1]] += n
        for f in set(frames):
            incl[f] += n
        for label, landmark in LANDMARKS:
            if any(f == landmark or f.startswith(landmark + ".") for f in frames):
                marks[label] += n
    if total == 0:
        print("no samples")
        return

    def pct(v):
        return f"{100 * v / total:6.2f}%"

    print(f"CPU samples: {total}\n\nBy thread group:")
    for k, v in threads.most_common(15):
        print(f"  {pct(v)} {k}")
    print("\nUnder landmark frames (overlapping):")
    for label, _ in LANDMARKS:
        print(f"  {pct(marks[label])} {label}")
    print("\nHottest frames, self time:")
    for k, v in selfs.most_common(top):
        print(f"  {pct(v)} {k}")
    print("\nHottest frames, inclusive:")
    for k, v in incl.most_common(top):
        print(f"  {pct(v)} {k}")


if __name__ == "__main__":
    main()
