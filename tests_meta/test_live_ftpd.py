"""FTP-12 against a real vsftpd: the greeting the FTP port sends must hold the banner's phrases and name no version.

The host is the AIX scenario whose herald file holds the DoD banner (scenarios_ftpd.AIX_HARDENED), read with
--sysroot; the probe address is 127.0.0.1, where a throwaway vsftpd listens on a free port.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests_meta.support.daemons import Vsftpd
from tests_meta.support.scenario import build, run_suite
from tests_meta.support.scenarios_ftpd import AIX_HARDENED, FOLDERS

WORDS = '["USG-authorized use only"]'


@pytest.mark.parametrize(
    "settings, outcome, evidence",
    [
        ({}, "fail", "shows version"),  # vsftpd's own greeting: "220 (vsFTPd 3.0.3)"
        ({"ftpd_banner": "Welcome to the FTP service."}, "fail", "no 'USG-authorized use only'"),
        ({"ftpd_banner": "USG-authorized   use only. You consent to monitoring."}, "pass", ""),
    ],
    ids=["vsftpd-default", "banner-without-the-words", "banner-with-the-words"],
)
def test_ftp_12_reads_the_greeting_sent(tmp_path: Path, settings: dict[str, str], outcome: str, evidence: str) -> None:
    daemon = Vsftpd(Path(tempfile.mkdtemp(prefix="svcaudit-daemon-")), settings).start()
    try:
        root = build(AIX_HARDENED, tmp_path / "root")
        profile = tmp_path / "profile.toml"
        profile.write_text(
            f'[probes]\naddress = "127.0.0.1"\ntimeout = 10\n[ftp]\nport = {daemon.port}\nbanner_words = {WORDS}\n'
        )
        result = run_suite(["--sysroot", str(root), "--platform", "aix", "--profile", str(profile)], tmp_path, FOLDERS)
    finally:
        daemon.stop()
    assert result.outcomes["FTP-12"] == outcome, result.messages["FTP-12"]
    assert evidence in "\n".join(result.messages["FTP-12"])
