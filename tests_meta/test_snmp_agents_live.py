"""SNMP-10 against what a real net-snmp agent does with an MD5 user: it serves it, and the suite fails it.

The agent is Debian's snmpd on a free 127.0.0.1 port (support/daemons.py). The very configuration it ran,
and the persistent file it wrote on the way out, are then put in a Debian scenario tree and judged.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from testbed.loopback import LOOPBACK, stop
from tests_meta.support.daemons import Snmpd
from tests_meta.support.scenario import File, build, run_suite
from tests_meta.support.scenarios_snmp_agents import DEBIAN_HARDENED, FOLDERS
from tests_meta.test_scenarios import _args

AUTH_PASS = "md5-passphrase-1"
PRIV_PASS = "aes-passphrase-1"
CONFIG = f'createUser md5user MD5 "{AUTH_PASS}" AES "{PRIV_PASS}"\nrouser md5user authpriv\n'
SYS_DESCR = "1.3.6.1.2.1.1.1.0"


def _snmpget_v3(port: int, workdir: Path) -> subprocess.CompletedProcess[str]:
    command = ["snmpget", "-v3", "-l", "authPriv", "-u", "md5user", "-a", "MD5", "-A", AUTH_PASS, "-x", "AES", "-X", PRIV_PASS]
    command += ["-On", "-r", "1", "-t", "2", f"udp:{LOOPBACK}:{port}", SYS_DESCR]
    env = {**os.environ, "MIBS": "", "SNMP_PERSISTENT_DIR": str(workdir)}
    return subprocess.run(command, capture_output=True, text=True, timeout=30, env=env)


def test_snmp_10_fails_on_the_configuration_of_an_agent_serving_an_md5_user(tmp_path: Path) -> None:
    daemon = Snmpd(tmp_path / "snmpd", CONFIG).start()
    try:
        answer = _snmpget_v3(daemon.port, tmp_path / "client")
        stop(daemon.process)  # snmpd writes its usmUser lines to the persistent file as it stops
        persistent = (daemon.workdir / "state" / "snmpd.conf").read_text()
    finally:
        daemon.stop()
    assert answer.returncode == 0 and f".{SYS_DESCR} = " in answer.stdout, answer.stdout + answer.stderr
    assert "usmUser" in persistent and ".1.3.6.1.6.3.10.1.1.2 " in persistent

    scenario = DEBIAN_HARDENED.changed(
        "debian-live-md5-user",
        [File("/etc/snmp/snmpd.conf", CONFIG, 0o600), File("/var/lib/snmp/snmpd.conf", persistent, 0o600)],
        {"SNMP-10": "fail"},
    )
    root = build(scenario, tmp_path / "root")
    result = run_suite(_args(scenario, root, tmp_path), tmp_path, FOLDERS)
    assert result.outcomes["SNMP-10"] == "fail", result.output[-3000:]
    evidence = "\n".join(result.messages["SNMP-10"])
    assert "/etc/snmp/snmpd.conf:1 createUser user md5user: authentication MD5, privacy AES" in evidence
    assert "usmUser user md5user: authentication MD5, privacy AES" in evidence
    users = [line for line in persistent.splitlines() if line.startswith("usmUser")]
    keys = [word for line in users for word in line.split()[7:] if word.startswith("0x")]
    for secret in (AUTH_PASS, PRIV_PASS, *keys):
        assert secret not in evidence
