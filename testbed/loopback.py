"""Free ports and child processes on 127.0.0.1: nothing here listens or connects anywhere else."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

LOOPBACK = "127.0.0.1"
STOP_SECONDS = 5.0


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A port nothing on 127.0.0.1 uses right now (SOCK_DGRAM for a UDP daemon)."""
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind((LOOPBACK, 0))
        port: int = s.getsockname()[1]
        return port


def wait_listening(process: subprocess.Popen[bytes], port: int, seconds: float, why: Callable[[], str]) -> None:
    """Return once something accepts TCP connections on 127.0.0.1:port; RuntimeError (with `why()`) if the
    process exits first or nothing listens within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with status {process.returncode}: {why()}")
        try:
            socket.create_connection((LOOPBACK, port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"did not listen on {LOOPBACK}:{port} within {seconds:g}s: {why()}")


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """Terminate, then kill if it will not go; reaped either way."""
    if process is None:
        return
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_SECONDS)


def tail(path: Path, limit: int = 2000) -> str:
    """The end of a daemon's log, for an error message; empty when it cannot be read."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return text[-limit:].strip()
