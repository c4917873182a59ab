#!/usr/bin/env python3
"""Builds the load generator's calls file (bench/relay/loadgen.c) from the sipp traces of a bench round.

  calls.py UAC_TRACE UAS_TRACE A_PORT_BASE B_PORT_BASE > calls.txt

For every call set up (joined by Call-ID), endpoint A is the caller: it sends to the relay port in the 200 OK the
caller got; endpoint B is the callee: it sends to the port in the INVITE the callee got (the relay's, or behind the
tunnel the agent's local port). The load generator binds its own ports (A_BASE + 2i and B_BASE + 2i): both the
relay and the agent latch to where the media comes from. Prints the number of calls on stderr."""
import re
import sys


def messages(path):
    """The received messages of a sipp -trace_msg file, as text."""
    text = "\n" + open(path, encoding="latin-1").read()
    for block in re.split(r"\n-{20,}[^\n]*\n", text):
        m = re.match(r"\s*(?:UDP|TCP) message received \[\d+\] bytes :\s*\n(.*)", block, re.S)
        if m:
            yield m.group(1)


def header(message, name):
    m = re.search(r"^(?:%s)\s*:\s*(.+?)\s*$" % name, message, re.M | re.I)
    return m.group(1) if m else None


def media(message):
    c = re.search(r"^c=IN IP4 (\S+)", message, re.M)
    m = re.search(r"^m=audio (\d+) ", message, re.M)
    return (c.group(1), int(m.group(1))) if c and m else None


def main():
    uac, uas, a_base, b_base = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    answers = {}
    for msg in messages(uac):
        if msg.startswith("SIP/2.0 200") and "INVITE" in (header(msg, "CSeq") or "") and media(msg):
            answers[header(msg, "Call-ID|i")] = media(msg)
    offers = {}
    for msg in messages(uas):
        if msg.startswith("INVITE ") and media(msg):
            offers[header(msg, "Call-ID|i")] = media(msg)
    joined = [(answers[k], offers[k]) for k in sorted(answers) if k in offers]
    n = len(joined)
    for i, ((a_host, a_port), (b_host, b_port)) in enumerate(joined):
        print(f"{i} {a_base + 2 * i} {b_base + 2 * i} {a_host}:{a_port} {b_host}:{b_port}")
    print(n, file=sys.stderr)


if __name__ == "__main__":
    main()
