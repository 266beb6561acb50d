"""Our sshd_config reading against the real OpenSSH: `sshd -T` on the same files must report the same sftp subsystem.

`sshd -T -f FILE` parses a configuration (Include lines and all) and prints the effective global settings,
then exits; it needs a host key, given with -o. The files are the stock ones of the scenarios (Debian 12,
RHEL 9 with its sshd_config.d and crypto policy include) with their absolute Include paths moved under
the test's directory, plus the cases FTP-16 judges: a Subsystem set first by an included file, and a
Match block with its own ForceCommand internal-sftp.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from svcaudit.parsers.sshd import SshdConfig, expand, parse_sshd_config, subsystems
from testbed.sshd import SSHD, keygen
from tests_meta.support.scenarios_ftpd import (
    DEBIAN_SFTP_ARGS,
    DEBIAN_SSHD_HARDENED,
    DEBIAN_SSHD_STOCK,
    RHEL_CRYPTO_POLICY,
    RHEL_SSHD_REDHAT_CONF,
    RHEL_SSHD_STOCK,
)

pytestmark = pytest.mark.daemons

CASES: dict[str, dict[str, str]] = {
    "debian-stock": {"sshd_config": DEBIAN_SSHD_STOCK},
    "debian-hardened": {"sshd_config": DEBIAN_SSHD_HARDENED},
    "debian-include-first": {
        "sshd_config": DEBIAN_SSHD_STOCK.replace("Subsystem", "#Subsystem"),
        "sshd_config.d/50-sftp.conf": f"Subsystem sftp {DEBIAN_SFTP_ARGS}\n",
    },
    "debian-match-block": {
        "sshd_config": DEBIAN_SSHD_HARDENED + "Match Group sftponly\n\tChrootDirectory %h\n\tForceCommand internal-sftp -u 077\n"
    },
    "rhel-stock": {
        "sshd_config": RHEL_SSHD_STOCK,
        "sshd_config.d/50-redhat.conf": RHEL_SSHD_REDHAT_CONF,
        "crypto-policies/back-ends/opensshserver.config": RHEL_CRYPTO_POLICY,
    },
    "internal-sftp-quoted": {"sshd_config": 'Subsystem sftp internal-sftp -f AUTH -l "INFO" -u 027\n'},
}


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("/etc/ssh/", f"{root}/").replace("/etc/crypto-policies/", f"{root}/crypto-policies/"))
    return root / "sshd_config"


def _ours(config: Path) -> str:
    def load(pattern: str) -> list[SshdConfig]:
        return [parse_sshd_config(p.read_text(), str(p)) for p in sorted(Path("/").glob(pattern.lstrip("/")))]

    directives, malformed = expand(parse_sshd_config(config.read_text(), str(config)), load)
    assert malformed == ()
    first = [d for d in subsystems(directives, "sftp") if not d.match][0]
    return " ".join(first.args[1:])


@pytest.mark.parametrize("case", sorted(CASES))
def test_sshd_reports_the_subsystem_we_read(case: str, tmp_path: Path) -> None:
    config = _write(tmp_path, CASES[case])
    keygen(tmp_path / "host_key")
    out = subprocess.run(
        [SSHD, "-T", "-f", str(config), "-o", f"HostKey={tmp_path / 'host_key'}"], capture_output=True, text=True, timeout=30
    )
    assert out.returncode == 0, out.stderr
    theirs = [line.split(" ", 2)[2] for line in out.stdout.splitlines() if line.startswith("subsystem sftp ")]
    assert theirs == [_ours(config)]
