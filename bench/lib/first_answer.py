#!/usr/bin/env python3
"""Sends SIP OPTIONS over UDP to HOST PORT every 50 ms until any SIP response comes back (at most MAX_SECONDS), and
prints the seconds from this program's start to that first answer: when a starting gateway really serves SIP,
whatever its log says. Prints "none" if nothing answered."""
import socket
import sys
import time


def main():
    host, port, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    t0 = time.monotonic()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.05)
    local = sock.getsockname()
    n = 0
    while time.monotonic() - t0 < limit:
        n += 1
        branch = f"z9hG4bK-probe-{n}"
        msg = (f"OPTIONS sip:{host}:{port} SIP/2.0\r\n"
               f"Via: SIP/2.0/UDP {local[0]}:{local[1]};branch={branch};rport\r\n"
               f"Max-Forwards: 70\r\nFrom: <sip:probe@{local[0]}>;tag=probe\r\nTo: <sip:{host}:{port}>\r\n"
               f"Call-ID: probe-{n}@{local[0]}\r\nCSeq: {n} OPTIONS\r\nContent-Length: 0\r\n\r\n")
        sock.sendto(msg.encode(), (host, port))
        try:
            data = sock.recv(65535)
            if data.startswith(b"SIP/2.0 "):
                print(f"{time.monotonic() - t0:.1f}")
                return
        except (socket.timeout, ConnectionRefusedError):
            pass
    print("none")


if __name__ == "__main__":
    main()
