"""OpenSSH sshd hosts on free 127.0.0.1 ports, with throwaway ed25519 keys and key-only root login."""

from __future__ import annotations

import subprocess
from pathlib import Path

from testbed.loopback import LOOPBACK, free_port, stop, tail, wait_listening

SSHD = "/usr/sbin/sshd"
START_SECONDS = 10.0


def keygen(path: Path) -> None:
    """A key pair at path and path.pub, no passphrase."""
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "svcaudit-testbed", "-f", str(path)], check=True)


def start_sshd(
    workdir: Path, name: str, host_key: Path, authorized_keys: Path, *, log_level: str = "ERROR", max_startups: str = "100:30:200"
) -> tuple[subprocess.Popen[bytes], int, Path]:
    """Start sshd in the foreground on a free port, logging to workdir/sshd.NAME.log; return it with its port
    and log once it listens (the caller stops it with loopback.stop)."""
    if not Path(SSHD).exists():
        raise RuntimeError(f"{SSHD} not found: install the openssh-server package (.ci/run does)")
    Path("/run/sshd").mkdir(parents=True, exist_ok=True)  # privilege separation directory
    port = free_port()
    config = workdir / f"sshd_config.{name}"
    config.write_text(
        f"Port {port}\nListenAddress {LOOPBACK}\nHostKey {host_key}\nPidFile {workdir}/sshd.{name}.pid\n"
        f"AuthorizedKeysFile {authorized_keys}\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\nX11Forwarding no\nPrintMotd no\n"
        f"LogLevel {log_level}\nMaxStartups {max_startups}\nMaxSessions 100\n"
    )
    log = workdir / f"sshd.{name}.log"
    process = subprocess.Popen(
        [SSHD, "-D", "-E", str(log), "-f", str(config)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_listening(process, port, START_SECONDS, lambda: tail(log))
    except RuntimeError as exc:
        stop(process)
        raise RuntimeError(f"sshd {name}: {exc}") from None
    return process, port, log
