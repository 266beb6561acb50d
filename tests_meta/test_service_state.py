"""Fail closed on the commands that tell what runs (issue 12, class 8): a failed `ps` or `lssrc` is no answer.

The facts are built in memory (a Batch as the collector would answer it) and the MAIL-01 and SNMP-01
control functions are called on them directly, so each case shows the verdict the suite gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from svcaudit.collect.batch import Batch, CommandRecord, ListingRecord, StatRecord
from svcaudit.controls.verdict import CONTEXT, Context
from svcaudit.facts import services as servicefacts
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import PLATFORMS
from svcaudit.profile import load
from tests_mail.test_mail import test_no_mta_unless_required as mail_01
from tests_meta.support.scenario import run_suite
from tests_snmp.test_snmp import test_no_snmp_agent_unless_required as snmp_01

LSSRC_HEADER = "Subsystem         Group            PID          Status\n"
LSSRC_QUIET = (
    LSSRC_HEADER
    + " sendmail         mail                          inoperative\n snmpd            tcpip                         inoperative\n"
)
PS_QUIET = "systemd\nsshd\nbash\nps\n"


def _absent(path: str) -> StatRecord:
    return StatRecord(path, "absent", 0, 0, 0, 0, 0, None, path, None)


def _facts(platform: str, commands: dict[str, tuple[int, str]], sysroot: str = "") -> HostFacts:
    batch = Batch(uid_names={0: "root"}, gid_names={0: "system"})
    for name, (rc, output) in commands.items():
        batch.commands[name] = CommandRecord(name, rc, output)
    paths = PLATFORMS[platform]
    for path in ("/etc/rc.tcpip", "/etc/systemd/system", *paths.sysv_rc_dirs, *paths.rc_d_dirs, paths.inittab or "/etc/inittab"):
        batch.stats[path] = _absent(path)
    batch.listings["/etc/systemd/system"] = ListingRecord("/etc/systemd/system", [], False, None)
    return HostFacts("h", platform, "AIX" if platform == "aix" else "Linux", "", sysroot, batch)


@pytest.fixture(autouse=True)
def context() -> Iterator[None]:
    token = CONTEXT.set(Context())
    yield
    CONTEXT.reset(token)


PROFILE = load(None).for_host("h")


def _outcome(control, facts: HostFacts) -> str:
    try:
        control(facts, PROFILE)
    except NotAssessed as exc:
        return f"not assessed: {exc}"
    except AssertionError as exc:
        return f"fail: {exc}"
    return "pass"


# --------------------------------------------------------------------------- the answers that decide


def test_linux_quiet_host_passes() -> None:
    facts = _facts("debian", {"ps": (0, PS_QUIET), "lssrc": (127, "sh: 1: lssrc: not found\n")})
    assert _outcome(mail_01, facts) == "pass"
    assert _outcome(snmp_01, facts) == "pass"


def test_aix_quiet_host_passes() -> None:
    facts = _facts("aix", {"ps": (0, "/etc/init\n"), "lssrc": (0, LSSRC_QUIET)})
    assert _outcome(mail_01, facts) == "pass"
    assert _outcome(snmp_01, facts) == "pass"


@pytest.mark.parametrize(
    ("rc", "output", "words"),
    [
        (1, "ps: error while loading shared libraries: libprocps.so.8\n", "exit 1"),
        (127, "sh: 1: ps: not found\n", "not found"),
        (0, "", "printed nothing"),
    ],
)
def test_linux_ps_failure_is_not_assessed(rc: int, output: str, words: str) -> None:
    facts = _facts("debian", {"ps": (rc, output), "lssrc": (127, "sh: 1: lssrc: not found\n")})
    for control in (mail_01, snmp_01):
        outcome = _outcome(control, facts)
        assert outcome.startswith("not assessed: ") and "ps -e -o comm=" in outcome and words in outcome, outcome


def test_ps_not_collected_is_not_assessed() -> None:
    facts = _facts("debian", {})
    assert "ps -e -o comm=: not collected" in _outcome(mail_01, facts)


@pytest.mark.parametrize(
    ("rc", "output", "words"),
    [
        (1, "0513-017 The System Resource Controller daemon is not active.\n", "0513-017"),
        (0, "", "printed nothing"),
        (0, LSSRC_HEADER, "listed no subsystem"),
    ],
)
def test_aix_lssrc_failure_is_not_assessed(rc: int, output: str, words: str) -> None:
    facts = _facts("aix", {"ps": (0, "/etc/init\n"), "lssrc": (rc, output)})
    for control in (mail_01, snmp_01):
        outcome = _outcome(control, facts)
        assert outcome.startswith("not assessed: ") and "lssrc -a" in outcome and words in outcome, outcome


def test_a_malformed_lssrc_line_that_names_the_subsystem_is_not_assessed() -> None:
    text = LSSRC_QUIET + " sendmail mail 4242 active extra\n"
    facts = _facts("aix", {"lssrc": (0, text)})
    outcome = _outcome(mail_01, facts)
    assert outcome.startswith("not assessed: ") and "lssrc -a:4: not read" in outcome and "sendmail" in outcome, outcome
    # SNMP-01 looks for other subsystems: the line cannot hide one of them, so it passes with a caveat.
    assert _outcome(snmp_01, facts) == "pass"
    assert any("lssrc -a:4: not read" in note for note in CONTEXT.get().notes)


def test_a_second_row_for_the_subsystem_is_not_assessed() -> None:
    facts = _facts("aix", {"lssrc": (0, LSSRC_QUIET + " snmpd            tcpip            777          active\n")})
    outcome = _outcome(snmp_01, facts)
    assert outcome.startswith("not assessed: ") and "a second row for snmpd" in outcome, outcome


def test_what_is_found_still_fails_when_a_command_failed() -> None:
    facts = _facts("aix", {"lssrc": (0, LSSRC_HEADER + " sendmail mail 4242 active\n snmpd tcpip 1 active\n snmpd x 2 active\n")})
    assert _outcome(mail_01, facts).startswith("fail: ")
    # A line that cannot be read never hides a finding either: snmpd's first row is active.
    assert _outcome(snmp_01, facts).startswith("fail: ")


def test_nothing_runs_in_an_image() -> None:
    facts = _facts("debian", {}, sysroot="/mnt/image")
    assert _outcome(mail_01, facts) == "pass"
    assert servicefacts.running_state_unknown(facts, subsystems={"sendmail"}, names={"sendmail"}) == ([], [])


# --------------------------------------------------------------------------- the same through the plugin


@pytest.mark.parametrize(("ps", "outcome"), [((0, PS_QUIET), "pass"), ((1, "ps: cannot read /proc\n"), "error")])
def test_replayed_host_whose_ps_failed_is_not_assessed(tmp_path: Path, ps: tuple[int, str], outcome: str) -> None:
    """A live Linux host's facts as recorded, replayed through the plugin: a failed ps leaves MAIL-01 not assessed."""
    facts = _facts("debian", {"ps": ps, "lssrc": (127, "sh: 1: lssrc: not found\n")})
    facts_dir = tmp_path / "facts"
    facts_dir.mkdir()
    (facts_dir / "h.json").write_text(facts.to_json())
    result = run_suite([f"--replay={facts_dir}", "-k", "MAIL-01 or SNMP-01"], tmp_path, folders=("tests_mail", "tests_snmp"))
    assert result.outcomes == {"MAIL-01": outcome, "SNMP-01": outcome}, result.output[-3000:]
    if outcome == "error":
        for control in ("MAIL-01", "SNMP-01"):
            assert any("ps -e -o comm= failed (exit 1): 'ps: cannot read /proc'" in m for m in result.messages[control])
