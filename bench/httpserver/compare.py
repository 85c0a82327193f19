#!/usr/bin/python3
"""Qt HttpServer 6.4.2 (QFuture handler, bench/httpserver/probe.cpp) beside supportdesk-server's
own HTTP layer, on what decided docs/server.md's "Design: HTTP layer": a large body, half a
request left hanging, an endless header block. Prints one line per measure and server.

Usage: compare.py BUILD_DIR
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"


def rss_kib(pid):
    # The peak: a body read whole and freed again still had to fit.
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1))


def start(cmd, pattern):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in p.stdout:
        m = re.search(pattern, line)
        if m:
            return p, int(m.group(1))
    raise RuntimeError("did not start: " + " ".join(cmd))


def big_body(port, mib):
    """POST mib MiB; the answer's first line and the server's RSS growth."""
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"POST /ok HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Content-Length: %d\r\n\r\n" % (mib << 20))
    chunk = b"x" * (1 << 20)
    sent = 0
    s.settimeout(30)
    try:
        for _ in range(mib):
            s.sendall(chunk)
            sent += 1
    except OSError:
        pass
    try:
        reply = s.recv(400)
        answer = reply.split(b"\r\n")[0].decode()
        if b"body_bytes" in reply:
            answer += ", " + reply.split(b"\r\n\r\n")[1].decode()
    except OSError as e:
        answer = f"no answer ({e.__class__.__name__})"
    s.close()
    return answer, sent


def hanging_head(port, limit):
    """Half a request, then nothing: seconds until the server closes (limit: still open)."""
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /ok HTTP/1.1\r\nHost: x\r\n")
    s.settimeout(limit)
    start_time = time.monotonic()
    try:
        s.recv(100)
        return f"closed after {time.monotonic() - start_time:.1f} s"
    except socket.timeout:
        return f"still open after {limit} s"
    finally:
        s.close()


def endless_header(port, mib):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(10)
    s.sendall(b"GET /ok HTTP/1.1\r\nX-Long: ")
    sent = 0
    try:
        for _ in range(mib):
            s.sendall(b"a" * (1 << 20))
            sent += 1
        reply = s.recv(400)
        answer = reply.split(b"\r\n")[0].decode()
        if b"body_bytes" in reply:
            answer += ", " + reply.split(b"\r\n\r\n")[1].decode() or "closed"
    except OSError as e:
        answer = f"cut off ({e.__class__.__name__})"
    s.close()
    return answer, sent


def measure(name, process, port):
    base = rss_kib(process.pid)
    answer, sent = endless_header(port, 64)
    time.sleep(0.5)
    print(f"{name}: header block of 64 MiB: {answer!r} after {sent} MiB; "
          f"peak RSS +{(rss_kib(process.pid) - base) / 1024:.0f} MiB")
    base = rss_kib(process.pid)
    answer, sent = big_body(port, 256)
    time.sleep(0.5)
    print(f"{name}: POST 256 MiB body: {answer!r} after {sent} MiB sent; "
          f"peak RSS +{(rss_kib(process.pid) - base) / 1024:.0f} MiB")
    print(f"{name}: half a request: {hanging_head(port, 8)}")


def main():
    with tempfile.TemporaryDirectory() as workdir:
        ours, port = start([f"{BUILD}/server/supportdesk-server", "--db",
                            os.path.join(workdir, "probe.db"), "--port", "0",
                            "--idle-timeout", "3"], r"listening on http://127.0.0.1:(\d+)")
        try:
            measure("supportdesk-server (server/http.cpp, --max-body 4 MiB)", ours, port)
        finally:
            ours.terminate()
            ours.wait()
    probe, port = start([f"{BUILD}/bench/httpserver/httpserver-probe"], r"listening on (\d+)")
    try:
        measure("QHttpServer 6.4.2 (QFuture handler)", probe, port)
    finally:
        probe.kill()
        probe.wait()


if __name__ == "__main__":
    main()
