"""Remediation that matches what was found: the file, the line and the form in use (issue 12, class 9)."""

from __future__ import annotations

from pathlib import Path

from tests_meta.support import scenarios_cron, scenarios_ftp_snmp, scenarios_mail
from tests_meta.support.scenario import File, Scenario, build, run_suite


def _messages(scenario: Scenario, tmp_path: Path, folders: tuple[str, ...]) -> dict[str, str]:
    root = build(scenario, tmp_path / "root")
    result = run_suite(["--sysroot", str(root), "--platform", scenario.platform], tmp_path, folders)
    return {control: "\n".join(lines) for control, lines in result.messages.items()}


def test_fixes_name_the_file_line_and_form_in_use(tmp_path: Path) -> None:
    mail = scenarios_mail.AIX_HARDENED
    scenario = mail.changed(
        "aix-legacy-loglevel-and-loose-aliases",
        [
            File("/etc/mail/sendmail.cf", scenarios_mail._cf(loglevel="OL5\n"), 0o640, "root", "system"),
            File("/etc/mail/aliases", scenarios_mail.AIX_ALIASES, 0o666, "alice", "staff"),
        ],
        {},
    )
    messages = _messages(scenario, tmp_path, ("tests_mail",))
    loglevel = messages["MAIL-02"]
    assert "fix: in /etc/mail/sendmail.cf line" in loglevel and "change `OL5` to `OL9`" in loglevel  # the one-letter form
    assert "fix: then refresh -s sendmail" in loglevel and "fix (general):" in loglevel
    assert "fix: chown root /etc/mail/aliases; then newaliases" in messages["MAIL-06"]  # the group is MAIL-11's
    assert "fix: chmod 0644 /etc/mail/aliases" in messages["MAIL-08"]


def test_long_form_loglevel_gets_the_long_form_fix(tmp_path: Path) -> None:
    scenario = scenarios_mail.AIX_HARDENED.changed(
        "aix-long-loglevel",
        [File("/etc/mail/sendmail.cf", scenarios_mail._cf(loglevel="O LogLevel=5\n"), 0o640, "root", "system")],
        {},
    )
    assert "change `O LogLevel=5` to `O LogLevel=9`" in _messages(scenario, tmp_path, ("tests_mail",))["MAIL-02"]


def test_trap_community_and_cron_run_as_user(tmp_path: Path) -> None:
    snmp = scenarios_ftp_snmp.AIX_HARDENED.changed(
        "aix-trap-public",
        [
            File(
                "/etc/snmpd.conf",
                scenarios_ftp_snmp.AIX_SNMPD_HARDENED + "trap public 127.0.0.1 1.2.3 fe\n",
                0o600,
                "root",
                "system",
            )
        ],
        {},
    )
    found = _messages(snmp, tmp_path / "snmp", ("tests_snmp/test_snmp.py",))["SNMP-02"]
    assert "give the `trap` line a community of your own" in found and "/etc/snmpd.conf line 3" in found
    cron = scenarios_cron.AIX_HARDENED.changed(
        "aix-writable-skulker", [File("/usr/sbin/skulker", "#!/bin/ksh\n", 0o557, "bin", "bin")], {}
    )
    evidence = _messages(cron, tmp_path / "cron", ("tests_cron",))["CRON-07"]
    assert "/var/spool/cron/crontabs/root:5 (runs as root): /usr/sbin/skulker: " in evidence, evidence
