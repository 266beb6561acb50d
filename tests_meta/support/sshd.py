"""A real OpenSSH sshd on a free 127.0.0.1 port, with throwaway keys, for the SSH self-tests."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests_meta.support.daemons import free_port
from tests_meta.support.tier import require_daemons_tier

SSHD = "/usr/sbin/sshd"
#: An unprivileged account the fail-closed tests log in as.
READER = "svcaudit-reader"


def keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "svcaudit-selftest", "-f", str(path)], check=True)


def ensure_reader() -> str:
    """Create the unprivileged login the fail-closed tests need (CI runs as root)."""
    try:
        pwd.getpwnam(READER)
    except KeyError:
        # Two xdist workers may race here: whichever loses finds the account made.
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", READER], capture_output=True)
        pwd.getpwnam(READER)
    # useradd leaves the password "!" (locked), and sshd refuses locked accounts even for keys.
    subprocess.run(["usermod", "-p", "*", READER], check=True)
    return READER


@dataclass
class Sshd:
    """One sshd process; `aliases` become Host entries of the client config it writes."""

    workdir: Path
    port: int = 0
    process: subprocess.Popen | None = None
    config: Path = field(init=False)

    def start(self) -> Sshd:
        require_daemons_tier("starts sshd")
        if not Path(SSHD).exists():
            raise RuntimeError(f"{SSHD} not found: install the openssh-server package (.ci/run does)")
        self.workdir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.workdir, 0o755)
        host_key = self.workdir / "host_key"
        keygen(host_key)
        self.client_key = self.workdir / "client_key"
        keygen(self.client_key)
        self.dying_key = self.workdir / "dying_key"
        keygen(self.dying_key)
        self.noperl_key = self.workdir / "noperl_key"
        keygen(self.noperl_key)
        # A host without perl: the login's own mount namespace hides /usr/bin/perl behind /dev/null.
        noperl = self.workdir / "noperl.sh"
        noperl.write_text("#!/bin/sh\nexec unshare -m /bin/sh -c "
                          "'mount --bind /dev/null /usr/bin/perl && exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"'\n")
        os.chmod(noperl, 0o755)
        keys = self.workdir / "authorized_keys"
        pub = self.client_key.with_suffix(".pub").read_text().strip()
        dying = self.dying_key.with_suffix(".pub").read_text().strip()
        noperl_pub = self.noperl_key.with_suffix(".pub").read_text().strip()
        # The second key stands for a collector that dies half-way: some output, then killed.
        keys.write_text(
            f"{pub}\n"
            f'command="printf \'M\\tos\\tbGludXg=\\n\'; kill -9 $$" {dying}\n'
            f'command="{noperl}" {noperl_pub}\n'
        )
        os.chmod(keys, 0o644)
        Path("/run/sshd").mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        sshd_config = self.workdir / "sshd_config"
        sshd_config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {self.workdir}/sshd.pid\n"
            f"AuthorizedKeysFile {keys}\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\nX11Forwarding no\nPrintMotd no\n"
            "LogLevel ERROR\nMaxStartups 100:30:200\nMaxSessions 100\n"
        )
        self.process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(sshd_config)], stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sshd exited: {self.process.stderr.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("sshd did not start listening within 10s")
        self.config = self.workdir / "ssh_config"
        self.config.write_text(self.client_config())
        return self

    def client_config(self) -> str:
        common = (
            f"  HostName 127.0.0.1\n  Port {self.port}\n  StrictHostKeyChecking no\n"
            "  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n  BatchMode yes\n  ConnectTimeout 5\n  IdentitiesOnly yes\n"
        )
        return (
            f"Host scenario scenario2\n  User root\n  IdentityFile {self.client_key}\n{common}"
            f"Host reader\n  User {READER}\n  IdentityFile {self.client_key}\n{common}"
            f"Host dying\n  User root\n  IdentityFile {self.dying_key}\n{common}"
            f"Host noperl\n  User root\n  IdentityFile {self.noperl_key}\n{common}"
            f"Host unreachable\n  HostName 127.0.0.1\n  Port {free_port()}\n  User root\n  BatchMode yes\n"
            "  ConnectTimeout 3\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n"
        )

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)
