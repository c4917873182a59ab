#!/usr/bin/env python3
"""Drives rtpengine over its ng control protocol (bencode over UDP) for the relay benchmark.

    ng.py HOST:PORT ping
    ng.py HOST:PORT setup PEERS_FILE     # one call per line "i A_HOST:PORT B_HOST:PORT"
    ng.py HOST:PORT delete N             # deletes calls 0 .. N-1

`setup` sends per call an offer (SDP of endpoint A) and an answer (SDP of endpoint B) and prints
"CALL i RELAY_A RELAY_B": RELAY_B is the media address in the SDP rtpengine returned for the offer (what
B is told to send to), RELAY_A the one in the SDP returned for the answer (what A sends to). That is the
same output as the other relays under test print.

An ng message is "<cookie> <bencoded dictionary>"; the reply carries the same cookie and a dictionary
with "result" ("ok", or "error" with "error-reason") and, for offer and answer, the rewritten "sdp".
"""
import os
import socket
import sys

TIMEOUT_S = 2.0
TRIES = 3


def bencode(value):
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    if isinstance(value, dict):
        return b"d" + b"".join(bencode(k) + bencode(value[k]) for k in sorted(value)) + b"e"
    raise TypeError(f"cannot bencode {type(value).__name__}")


def bdecode(data):
    """Decodes one bencoded value; byte strings become str (UTF-8)."""
    value, end = _decode(data, 0)
    if end != len(data):
        raise ValueError("trailing bytes after bencoded value")
    return value


def _decode(data, pos):
    kind = data[pos:pos + 1]
    if kind == b"i":
        end = data.index(b"e", pos)
        return int(data[pos + 1:end]), end + 1
    if kind in (b"l", b"d"):
        items, pos = [], pos + 1
        while data[pos:pos + 1] != b"e":
            item, pos = _decode(data, pos)
            items.append(item)
        if kind == b"l":
            return items, pos + 1
        return dict(zip(items[::2], items[1::2])), pos + 1
    colon = data.index(b":", pos)
    start = colon + 1
    end = start + int(data[pos:colon])
    return data[start:end].decode(), end


class NgClient:
    def __init__(self, host, port):
        self.addr = (host, port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.settimeout(TIMEOUT_S)
        self.serial = 0

    def request(self, **message):
        """Sends one command (retransmitted with the same cookie on timeout); returns the reply dictionary."""
        self.serial += 1
        cookie = f"{os.getpid()}_{self.serial}".encode()
        packet = cookie + b" " + bencode(message)
        for _ in range(TRIES):
            self.sock.sendto(packet, self.addr)
            try:
                while True:
                    data = self.sock.recv(65535)
                    got, _, body = data.partition(b" ")
                    if got == cookie:
                        break
            except socket.timeout:
                continue
            reply = bdecode(body)
            if reply.get("result") not in ("ok", "pong"):
                raise RuntimeError(f"{message['command']}: {reply.get('result')}: {reply.get('error-reason')}")
            return reply
        raise RuntimeError(f"{message['command']}: no answer from {self.addr[0]}:{self.addr[1]}")


def sdp(session_id, host, port):
    return (f"v=0\r\no=- {session_id} 1 IN IP4 {host}\r\ns=-\r\nc=IN IP4 {host}\r\nt=0 0\r\n"
            f"m=audio {port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n")


def media_address(body):
    """host:port of the first media stream of an SDP; a media-level c= line overrides the session-level one."""
    host, port = None, None
    for line in body.splitlines():
        if line.startswith("m="):
            if port is not None:
                break
            port = int(line.split()[1])
        elif line.startswith("c=IN IP4 "):
            host = line.split()[2]
    if host is None or port is None:
        raise RuntimeError(f"no media address in SDP: {body!r}")
    return f"{host}:{port}"


def setup(ng, peers_file):
    with open(peers_file) as f:
        for line in f:
            fields = line.split()
            if len(fields) != 3:
                continue
            i, a, b = fields
            (a_host, a_port), (b_host, b_port) = a.rsplit(":", 1), b.rsplit(":", 1)
            call = f"bench-{i}"
            offer = ng.request(command="offer", **{"call-id": call, "from-tag": f"a{i}"},
                               sdp=sdp(2 * int(i), a_host, a_port))
            answer = ng.request(command="answer", **{"call-id": call, "from-tag": f"a{i}", "to-tag": f"b{i}"},
                                sdp=sdp(2 * int(i) + 1, b_host, b_port))
            print(f"CALL {i} {media_address(answer['sdp'])} {media_address(offer['sdp'])}")


def main(argv):
    if len(argv) < 3 or argv[2] not in ("ping", "setup", "delete"):
        sys.exit(__doc__)
    host, port = argv[1].rsplit(":", 1)
    ng = NgClient(host, int(port))
    if argv[2] == "ping":
        ng.request(command="ping")
    elif argv[2] == "setup":
        setup(ng, argv[3])
    else:
        for i in range(int(argv[3])):
            ng.request(command="delete", **{"call-id": f"bench-{i}", "from-tag": f"a{i}"})


if __name__ == "__main__":
    try:
        main(sys.argv)
    except (OSError, RuntimeError, ValueError) as e:
        sys.exit(f"ng.py: {e}")
