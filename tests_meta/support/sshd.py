"""A real OpenSSH sshd on a free 127.0.0.1 port, with throwaway keys, for the SSH self-tests.

Starting sshd and making keys is testbed.sshd (shared with the benchmark); this module adds
the keys and logins the self-tests need: a dying collector, a host without perl, an
unprivileged reader and an unreachable host.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from testbed.loopback import free_port, stop
from testbed.sshd import SSHD, keygen, start_sshd
from tests_meta.support.tier import require_daemons_tier

__all__ = ["READER", "SSHD", "Sshd", "ensure_reader", "keygen"]

#: An unprivileged account the fail-closed tests log in as.
READER = "svcaudit-reader"


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
        noperl.write_text(
            "#!/bin/sh\nexec unshare -m /bin/sh -c "
            "'mount --bind /dev/null /usr/bin/perl && exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"'\n"
        )
        os.chmod(noperl, 0o755)
        keys = self.workdir / "authorized_keys"
        pub = self.client_key.with_suffix(".pub").read_text().strip()
        dying = self.dying_key.with_suffix(".pub").read_text().strip()
        noperl_pub = self.noperl_key.with_suffix(".pub").read_text().strip()
        # The second key stands for a collector that dies half-way: some output, then killed.
        keys.write_text(
            f'{pub}\ncommand="printf \'M\\tos\\tbGludXg=\\n\'; kill -9 $$" {dying}\ncommand="{noperl}" {noperl_pub}\n'
        )
        os.chmod(keys, 0o644)
        self.process, self.port, _ = start_sshd(self.workdir, "selftest", host_key, keys)
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

    def counted_hosts(self, names: list[str], workdir: Path, hold: float = 0) -> tuple[Path, Path]:
        """Host aliases whose every command the server logs (one line, the host's name) before running it.

        Each name gets its own key, and the key's forced command in authorized_keys writes the name to the
        log, then runs the command the client asked for: commands are counted where they arrive, not from
        the suite's own report. With ``hold`` each command first waits that many seconds, as on a slow
        network, and the log gets ``start NAME`` / ``end NAME`` lines around the wait, in the order they
        happened. Returns the client config and the log.
        """
        os.chmod(workdir, 0o755)
        log = workdir / "commands.log"
        log.touch()
        counter = workdir / "count.sh"
        held = f'echo "start $1" >> {log}\nsleep {hold}\necho "end $1" >> {log}\n' if hold else ""
        counter.write_text(f'#!/bin/sh\necho "$1" >> {log}\n{held}exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"\n')
        os.chmod(counter, 0o755)
        keys, config = [], []
        for name in names:
            key = workdir / f"key-{name}"
            keygen(key)
            keys.append(f'command="{counter} {name}" ' + key.with_suffix(".pub").read_text().strip())
            config.append(
                f"Host {name}\n  User root\n  IdentityFile {key}\n  HostName 127.0.0.1\n  Port {self.port}\n"
                "  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n  BatchMode yes\n"
                "  ConnectTimeout 5\n  IdentitiesOnly yes\n"
            )
        with (self.workdir / "authorized_keys").open("a") as authorized:
            authorized.write("".join(f"{line}\n" for line in keys))
        client = workdir / "ssh_config"
        client.write_text("".join(config))
        return client, log

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)
