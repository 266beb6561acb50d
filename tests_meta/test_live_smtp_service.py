"""SMTP-05 .. SMTP-08 against a real sendmail 8.17.1.9 and a real postfix 3.7 on loopback, and the collector's bounded
version command.

What the daemon itself answers is the proof of what counts as a refusal: DEBUG and WIZ get
`500 5.5.1 Command unrecognized`; with novrfy VRFY gets `252 2.5.2 Cannot VRFY user; try RCPT to attempt
delivery` (not 500), with noexpn EXPN gets `502 5.7.0 Sorry, we do not allow this operation`; without them
both answer `250 2.1.5 <root@...>`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from svcaudit.collect.batch import Request, build_command, parse_output
from svcaudit.parsers.sendmail_service import sendmail_version
from tests_meta.support import scenarios_smtp_service
from tests_meta.support.daemons import SENDMAIL, Sendmail, sendmail_workdir
from tests_meta.support.postfix import Postfix
from tests_meta.support.scenario import File, build, run_suite

IDS = ("SMTP-05", "SMTP-06", "SMTP-07", "SMTP-08")


def _run(
    tmp_path: Path, daemon: Sendmail, profile: str = "", cf: str | None = None, preset: str = ""
) -> tuple[dict[str, str], dict]:
    """The hardened AIX tree carrying `cf` (default: the daemon's own sendmail.cf), probed at the daemon's port."""
    scenario = scenarios_smtp_service.AIX_HARDENED.changed(
        "live-sendmail", [File("/etc/mail/sendmail.cf", cf if cf is not None else daemon.cf_text(), 0o640, "root", "system")], {}
    )
    root = build(scenario, tmp_path / "root")
    (tmp_path / "profile.toml").write_text(
        (f'extends = "{preset}"\n' if preset else "")
        + f'[probes]\naddress = "127.0.0.1"\ntimeout = 10\n[smtp]\nport = {daemon.port}\n{profile}'
    )
    result = run_suite(
        ["--sysroot", str(root), "--platform", "aix", "--profile", str(tmp_path / "profile.toml")],
        tmp_path,
        scenarios_smtp_service.FOLDERS,
    )
    return {c: result.outcomes[c] for c in IDS}, result.messages


def _with(
    options: list[str], tmp_path: Path, profile: str = "", cf: str | None = None, preset: str = ""
) -> tuple[dict[str, str], dict]:
    daemon = Sendmail(sendmail_workdir(), options).start()
    try:
        return _run(tmp_path, daemon, profile, cf, preset)
    finally:
        daemon.stop()


def test_stock_sendmail_answers_expn_and_vrfy_and_shows_a_current_release(tmp_path: Path) -> None:
    outcomes, messages = _with([], tmp_path, "version_from_greeting = true\n")
    assert outcomes == {"SMTP-05": "pass", "SMTP-06": "fail", "SMTP-07": "pass", "SMTP-08": "pass"}, messages
    evidence = "\n".join(messages["SMTP-06"])
    assert "EXPN root with '250 2.1.5 <root@localhost.localdomain>'" in evidence
    assert "VRFY root with '250 2.1.5 <root@localhost.localdomain>'" in evidence


def test_goaway_refuses_expn_and_vrfy_live(tmp_path: Path) -> None:
    outcomes, messages = _with(["O PrivacyOptions=goaway"], tmp_path, 'version_from_greeting = true\nmin_version = "9.0"\n')
    assert outcomes == {"SMTP-05": "pass", "SMTP-06": "pass", "SMTP-07": "fail", "SMTP-08": "pass"}, messages
    assert "release 8.17.1.9 is older than 9.0" in "\n".join(messages["SMTP-07"])


def test_novrfy_answers_252_which_counts_as_refused(tmp_path: Path) -> None:
    outcomes, messages = _with(["O PrivacyOptions=authwarnings,noexpn,novrfy"], tmp_path, preset="cis-aix7-l1")
    assert outcomes["SMTP-06"] == "pass", messages["SMTP-06"]


def test_a_tree_that_says_goaway_does_not_hide_a_daemon_that_answers(tmp_path: Path) -> None:
    """The configuration on disk is hardened, the running daemon is not: the live probe fails the control."""
    outcomes, messages = _with([], tmp_path, cf=scenarios_smtp_service._cf())
    assert outcomes["SMTP-06"] == "fail", messages["SMTP-06"]
    assert outcomes["SMTP-07"] == "error"  # greeting not allowed, binary not runnable under --sysroot


def test_a_hidden_greeting_leaves_the_release_unknown(tmp_path: Path) -> None:
    outcomes, messages = _with(["O SmtpGreetingMessage=Mail Server Ready ; $b"], tmp_path, "version_from_greeting = true\n")
    assert outcomes["SMTP-07"] == "error", messages["SMTP-07"]
    assert "shows no sendmail version" in "\n".join(messages["SMTP-07"])


def test_the_collector_reads_the_version_from_the_binary_and_stops(tmp_path: Path) -> None:
    """`sendmail -d0.1 -bt` may go on to wait for DNS: the collector stops at the Version line."""
    command = build_command([Request("cmd", "sendmail_version")])
    proc = subprocess.run(["sh", "-c", command], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    record = parse_output(proc.stdout).commands["sendmail_version"]
    assert record.output.splitlines()[0] == str(Path(SENDMAIL))
    assert sendmail_version(record.output) == "8.17.1.9", record.output


# -- postfix 3.7 (Debian's package, unpacked: tests_meta/support/postfix.py) ------------------------------


def _postfix_run(tmp_path: Path, params: list[str]) -> tuple[dict[str, str], dict]:
    """The Debian postfix tree carrying the daemon's own main.cf, probed at the daemon's port."""
    daemon = Postfix(params).start()
    try:
        scenario = scenarios_smtp_service.DEBIAN_POSTFIX.changed(
            "live-postfix", [File("/etc/postfix/main.cf", daemon.main_cf())], {}
        )
        root = build(scenario, tmp_path / "root")
        (tmp_path / "profile.toml").write_text(f'[probes]\naddress = "127.0.0.1"\ntimeout = 10\n[smtp]\nport = {daemon.port}\n')
        result = run_suite(
            ["--sysroot", str(root), "--platform", "linux", "--profile", str(tmp_path / "profile.toml")],
            tmp_path,
            scenarios_smtp_service.FOLDERS,
        )
    finally:
        daemon.stop()
    return {c: result.outcomes[c] for c in IDS}, result.messages


def test_postfix_with_vrfy_disabled_on_loopback_passes(tmp_path: Path) -> None:
    outcomes, messages = _postfix_run(tmp_path, ["disable_vrfy_command = yes", "inet_interfaces = loopback-only"])
    assert outcomes == {"SMTP-05": "pass", "SMTP-06": "pass", "SMTP-07": "na", "SMTP-08": "pass"}, messages


def test_postfix_defaults_answer_vrfy_and_listen_everywhere(tmp_path: Path) -> None:
    """Postfix's VRFY answers 252 with the user's name: a 252 that names the user confirms it."""
    outcomes, messages = _postfix_run(tmp_path, [])
    assert outcomes == {"SMTP-05": "pass", "SMTP-06": "fail", "SMTP-07": "na", "SMTP-08": "fail"}, messages
    evidence = "\n".join(messages["SMTP-06"])
    assert "VRFY root with '252 2.0.0 root'" in evidence and "disable_vrfy_command" in evidence
