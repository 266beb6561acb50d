"""A loopback TCP relay that adds latency, for use as ssh's ProxyCommand.

    ProxyCommand python3 bench/relay.py 127.0.0.1 %p --delay-ms 25

It connects to 127.0.0.1:PORT and copies stdin to the socket and the socket to stdout,
holding every chunk delay/2 in each direction, so each round trip gains about DELAY ms
while throughput and byte order stay as they were. Only 127.0.0.1 is accepted: the
benchmark must never touch another address. Stdlib only, so it starts fast under `python3 -S`.
"""

from __future__ import annotations

import argparse
import os
import queue
import select
import socket
import sys
import threading
import time
from collections.abc import Callable

LOOPBACK = "127.0.0.1"
CHUNK = 65536
#: Upper bound on one relay's life, so no loop runs unbounded even if ssh never closes us.
MAX_SECONDS = 3600.0
POLL_SECONDS = 0.5


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host", help="must be 127.0.0.1")
    parser.add_argument("port", type=int)
    parser.add_argument("--delay-ms", type=float, default=25.0, help="added to every round trip (half each way)")
    parser.add_argument("--max-seconds", type=float, default=MAX_SECONDS)
    args = parser.parse_args(argv)
    if args.host != LOOPBACK:
        parser.error(f"only {LOOPBACK} is allowed, got {args.host}")
    return args


def read_side(read: Callable[[], bytes], fd: int, out: queue.Queue, deadline: float) -> None:
    """Read chunks as they come and stamp each with its arrival; None marks the end of the stream."""
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], POLL_SECONDS)
            if not ready:
                continue
            data = read()
            if not data:
                break
            out.put((time.monotonic(), data))
    except OSError:
        pass
    out.put((time.monotonic(), None))


def write_side(
    write: Callable[[bytes], object], finish: Callable[[], None], source: queue.Queue, half_delay: float, deadline: float
) -> None:
    """Release each chunk half_delay after it arrived, in arrival order; at the end, finish the stream."""
    try:
        while time.monotonic() < deadline:
            try:
                stamp, data = source.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            wait = stamp + half_delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            if data is None:
                break
            write(data)
    except OSError:
        pass
    finally:
        finish()


def _write_all_fd(fd: int) -> Callable[[bytes], None]:
    def write(data: bytes) -> None:
        view = memoryview(data)
        while view:  # bounded: every pass writes at least one byte or raises
            view = view[os.write(fd, view) :]

    return write


def _shutdown_write(sock: socket.socket) -> Callable[[], None]:
    def finish() -> None:
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    return finish


def relay(host: str, port: int, delay_ms: float, max_seconds: float) -> int:
    """Run both directions; return once the server side has ended (ssh then sees EOF and exits)."""
    sock = socket.create_connection((host, port), timeout=10)
    sock.settimeout(None)
    deadline = time.monotonic() + max_seconds
    half = delay_ms / 2000.0
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    up: queue.Queue = queue.Queue()
    down: queue.Queue = queue.Queue()
    threads = [
        threading.Thread(target=read_side, args=(lambda: os.read(stdin, CHUNK), stdin, up, deadline), daemon=True),
        threading.Thread(target=write_side, args=(sock.sendall, _shutdown_write(sock), up, half, deadline), daemon=True),
        threading.Thread(target=read_side, args=(lambda: sock.recv(CHUNK), sock.fileno(), down, deadline), daemon=True),
    ]
    for thread in threads:
        thread.start()
    write_side(_write_all_fd(stdout), lambda: None, down, half, deadline)
    sock.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return relay(args.host, args.port, args.delay_ms, args.max_seconds)
    except (OSError, KeyboardInterrupt) as exc:
        print(f"relay: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
