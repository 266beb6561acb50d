"""A real Postfix MTA on loopback, run from Debian's package extracted beside the system (not installed).

Debian's postfix conflicts with sendmail-bin, which the other SMTP self-tests need, so
scripts/install-selftest-deps unpacks the package (`apt-get download postfix` + `dpkg-deb -x`) into
POSTFIX_ROOT. Its programs find their libraries through LD_LIBRARY_PATH (RUNPATH /usr/lib/postfix is
not there), which main.cf's import_environment passes on to every daemon master starts. Every
directory Postfix writes is under `workdir`; master runs in the foreground (`-d`) with its log on
stdout, smtpd bound to 127.0.0.1:<port> by master.cf. The `postfix` account and `postdrop` group must
exist: they are made here when missing, as ensure_ftp_account does for vsftpd.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from svcaudit.probes.protocols import probe_smtp
from testbed.loopback import LOOPBACK, free_port, stop, tail
from tests_meta.support.tier import require_daemons_tier

POSTFIX_ROOT = Path("/opt/svcaudit-selftest/postfix")
START_SECONDS = 15.0
#: Queue directories and their owner (None: root), group and mode, as postfix-files creates them.
_QUEUE = {
    **{name: ("postfix", None, 0o700) for name in ("active", "bounce", "corrupt", "defer", "deferred", "flush")},
    **{name: ("postfix", None, 0o700) for name in ("hold", "incoming", "private", "saved", "trace")},
    "maildrop": ("postfix", "postdrop", 0o730),
    "public": ("postfix", "postdrop", 0o710),
    "pid": (None, None, 0o755),
}
_MASTER_CF = """\
{loopback}:{port} inet n - n - - smtpd
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
discard unix - - n - - discard
local unix - n n - - local
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
"""


def ensure_postfix_accounts() -> None:
    """The postfix user and postdrop group Debian's postinst makes; two xdist workers may race, the loser finds them."""
    try:
        grp.getgrnam("postdrop")
    except KeyError:
        subprocess.run(["groupadd", "--system", "postdrop"], capture_output=True)
    try:
        pwd.getpwnam("postfix")
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--home-dir",
                "/var/spool/postfix",
                "--shell",
                "/usr/sbin/nologin",
                "postfix",
            ],
            capture_output=True,
        )
    grp.getgrnam("postdrop")
    pwd.getpwnam("postfix")


@dataclass
class Postfix:
    """Postfix's master and smtpd on 127.0.0.1:port; `params` are main.cf lines appended last (they win)."""

    params: list[str] = field(default_factory=list)
    port: int = 0
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="svcaudit-postfix-", dir="/run")))
    process: subprocess.Popen | None = None

    def main_cf(self) -> str:
        root, work = POSTFIX_ROOT, self.workdir
        lines = [
            "compatibility_level = 3.6",
            f"queue_directory = {work}/queue",
            f"data_directory = {work}/data",
            f"meta_directory = {work}/conf",
            f"command_directory = {root}/usr/sbin",
            f"daemon_directory = {root}/usr/lib/postfix/sbin",
            f"shlib_directory = {root}/usr/lib/postfix",
            "import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG=C LD_LIBRARY_PATH",
            "maillog_file = /dev/stdout",
            "myhostname = localhost.localdomain",
            "mydestination = localhost",
            "inet_protocols = ipv4",
            "alias_maps =",
            "alias_database =",
            *self.params,
        ]
        return "\n".join(lines) + "\n"

    def start(self) -> Postfix:
        require_daemons_tier("starts postfix")
        master = POSTFIX_ROOT / "usr/lib/postfix/sbin/master"
        if not master.exists():
            self._fail(f"{master} is missing: scripts/install-selftest-deps extracts Debian's postfix package there")
        if os.geteuid() != 0:
            self._fail("postfix's master runs as root, as on a host: run the self-tests as root")
        ensure_postfix_accounts()
        self.port = self.port or free_port()
        self._prepare()
        env = {**os.environ, "LD_LIBRARY_PATH": str(POSTFIX_ROOT / "usr/lib/postfix")}
        log = self.workdir / "master.log"
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [str(master), "-c", str(self.workdir / "conf"), "-d"],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
            )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"postfix master exited with status {self.process.returncode}: {tail(log)}")
            probe = probe_smtp(LOOPBACK, self.port, timeout=1.0)
            if probe.greeting is not None and probe.greeting.code == 220:
                return self
            time.sleep(0.1)
        self._fail(f"postfix did not greet on {LOOPBACK}:{self.port} within {START_SECONDS:g}s: {tail(log)}")

    def _prepare(self) -> None:
        conf, queue, data = self.workdir / "conf", self.workdir / "queue", self.workdir / "data"
        for directory in (conf, queue, data):
            directory.mkdir(parents=True, exist_ok=True)
        os.chmod(self.workdir, 0o755)
        (conf / "main.cf").write_text(self.main_cf())
        (conf / "master.cf").write_text(_MASTER_CF.format(loopback=LOOPBACK, port=self.port))
        shutil.chown(data, "postfix")
        for name, (owner, group, mode) in _QUEUE.items():
            path = queue / name
            path.mkdir(exist_ok=True)
            shutil.chown(path, owner or "root", group or ("postfix" if owner else "root"))
            os.chmod(path, mode)

    def _fail(self, message: str) -> NoReturn:
        self.stop()
        raise RuntimeError(message)

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)
