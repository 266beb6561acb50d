"""--fail-on: the exit status from findings at or above a severity; every finding still reported; not assessed fails closed."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from svcaudit.collect.batch import CollectionError
from svcaudit.controls.catalog import CONTROLS
from svcaudit.facts.host import NotAssessed
from svcaudit.gate import Gate, GateError, GatePlugin, expected, parse, summary_lines
from tests_meta.support.scenario import CRON_FILES, File, Scenario, SuiteResult, build, run_suite
from tests_meta.support.scenarios_cron import AIX_AS_INSTALLED
from tests_meta.support.scenarios_mail import AIX_SINGLE_DEFECTS as MAIL_DEFECTS
from tests_meta.support.scenarios_mail import FOLDERS as MAIL_FOLDERS

# -- the option's spelling ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, gate",
    [
        ("any", Gate("any", "any")),
        ("low", Gate("low", "any")),
        ("medium", Gate("medium", "any")),
        ("high", Gate("high", "any")),
        ("high,not-assessed=report", Gate("high", "report")),
        ("high,not-assessed=high", Gate("high", "high")),
        ("not-assessed=medium,low", Gate("low", "medium")),
        (" medium , not-assessed = report ", Gate("medium", "report")),
        ("not-assessed=report", Gate("any", "report")),
    ],
)
def test_fail_on_values(text: str, gate: Gate) -> None:
    assert parse(text) == gate
    assert parse(str(gate)) == gate  # what the summary prints reads back the same


@pytest.mark.parametrize(
    "text, words",
    [
        ("critical", "cannot read 'critical'"),
        ("HIGH", "cannot read 'HIGH'"),
        ("", "cannot read ''"),
        ("high,", "cannot read ''"),
        ("high,medium", "LEVEL given twice"),
        ("high,not-assessed=report,not-assessed=high", "not-assessed given twice"),
        ("high,not-assessed=never", "cannot read 'not-assessed=never'"),
        ("high,not-assessed", "cannot read 'not-assessed'"),
        ("report", "cannot read 'report'"),  # `report` is for not-assessed only: findings always have a threshold
        ("severity=high", "cannot read 'severity=high'"),
    ],
)
def test_bad_fail_on_values_name_the_part_and_the_spelling(text: str, words: str) -> None:
    with pytest.raises(GateError) as caught:
        parse(text)
    message = str(caught.value)
    assert message.startswith(f"--fail-on={text}: ") and words in message
    assert "expected LEVEL[,not-assessed=LEVEL|report] with LEVEL one of any, low, medium, high" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "gate, outcome, severity, blocks",
    [
        (Gate(), "fail", "low", True),
        (Gate("medium"), "fail", "low", False),
        (Gate("medium"), "fail", "medium", True),
        (Gate("medium"), "fail", "high", True),
        (Gate("high"), "fail", "medium", False),
        (Gate("high"), "fail", "high", True),
        (Gate("high"), "fail", "catastrophic", True),  # a severity the catalog does not know: fail closed
        (Gate("high"), "error", "low", True),  # not assessed fails whatever its severity...
        (Gate("high", "high"), "error", "medium", False),  # ...unless the option says otherwise
        (Gate("high", "high"), "error", "high", True),
        (Gate("high", "report"), "error", "high", False),
        (Gate("low", "report"), "fail", "low", True),
        (Gate(), "waived", "high", False),
        (Gate(), "pass", "high", False),
        (Gate(), "na", "high", False),
    ],
)
def test_what_blocks(gate: Gate, outcome: str, severity: str, blocks: bool) -> None:
    assert gate.blocks(outcome, severity) is blocks


# -- the exit status, decided from the reports the controller gathered -----------------------------


def _report(outcome: str = "fail", severity: str = "medium", *, result: bool = True, unexpected: str = "") -> SimpleNamespace:
    entry = {"host": "local", "control": "CRON-04", "outcome": outcome, "severity": severity}
    failed = outcome in ("fail", "error")
    extra = {"svcaudit_unexpected": unexpected} if unexpected else {}
    return SimpleNamespace(failed=failed, **({"svcaudit_result": entry} if result else {}), **extra)


def _session(
    testsfailed: int, worker: bool = False, exitstatus: int = pytest.ExitCode.TESTS_FAILED, stopped: str = ""
) -> SimpleNamespace:
    config = SimpleNamespace(**({"workerinput": {}} if worker else {}))
    return SimpleNamespace(config=config, testsfailed=testsfailed, exitstatus=exitstatus, shouldfail=stopped, shouldstop=False)


def _finish(gate: Gate, reports: list[SimpleNamespace], session: SimpleNamespace, collect_failed: bool = False) -> int:
    plugin = GatePlugin(gate)
    for report in reports:
        plugin.pytest_runtest_logreport(report)  # type: ignore[arg-type]
    plugin.pytest_collectreport(SimpleNamespace(failed=collect_failed))  # type: ignore[arg-type]
    plugin.pytest_sessionfinish(session)  # type: ignore[arg-type]
    return int(session.exitstatus)


def test_failures_below_the_gate_give_exit_status_0() -> None:
    reports = [_report("fail", "medium"), _report("fail", "low"), _report("pass", "high"), _report("error", "high")]
    assert _finish(Gate("high", "report"), reports, _session(3)) == 0


@pytest.mark.parametrize(
    "reports, session, collect_failed",
    [
        ([_report("fail", "medium"), _report("fail", "high")], _session(2), False),  # one at the gate
        ([_report("fail", "medium"), _report("error", "low")], _session(2), False),  # not assessed
        ([_report("fail", "medium"), _report("fail", "medium", result=False)], _session(2), False),  # not a control
        ([_report("fail", "medium")], _session(2), False),  # pytest counted a failure the gate did not see
        ([_report("fail", "medium")], _session(1), True),  # a collection error
        ([_report("fail", "medium")], _session(1, worker=True), False),  # workers never decide
        ([_report("fail", "medium")], _session(1, exitstatus=pytest.ExitCode.INTERRUPTED), False),
        ([_report("fail", "medium")], _session(1, stopped="stopping after 1 failures"), False),  # -x: the rest never ran
        ([_report("fail", "medium", unexpected="TypeError")], _session(1), False),  # a bug in a control is no finding
    ],
    ids=[
        "at-the-gate",
        "not-assessed",
        "not-a-control",
        "uncounted",
        "collection-error",
        "worker",
        "interrupted",
        "stopped-early",
        "crashed-control",
    ],
)
def test_anything_else_keeps_the_exit_status(reports: list, session: SimpleNamespace, collect_failed: bool) -> None:
    before = int(session.exitstatus)
    assert _finish(Gate("high"), reports, session, collect_failed) == before


@pytest.mark.parametrize(
    "when, exc, finding",
    [
        ("call", AssertionError("expected: x"), True),
        ("call", NotAssessed("/etc/x: cannot read"), True),
        ("setup", CollectionError("host: facts not collected"), True),
        ("setup", AssertionError("a fixture's assert"), False),
        ("call", TypeError("'NoneType' object is not subscriptable"), False),
        ("call", KeyError("mode"), False),
    ],
)
def test_only_findings_and_collection_problems_are_expected(when: str, exc: BaseException, finding: bool) -> None:
    assert expected(when, exc) is finding


def test_a_crash_is_marked_where_the_test_ran() -> None:
    plugin = GatePlugin(Gate("high"))
    for exc, mark in ((TypeError("bug"), "TypeError"), (AssertionError("finding"), None)):
        try:
            raise exc
        except Exception:
            call = SimpleNamespace(when="call", excinfo=pytest.ExceptionInfo.from_current())
        hook = plugin.pytest_runtest_makereport(None, call)  # type: ignore[arg-type]
        next(hook)
        with pytest.raises(StopIteration) as done:
            hook.send(SimpleNamespace(failed=True))
        assert getattr(done.value.value, "svcaudit_unexpected", None) == mark


def test_a_waived_failure_is_not_counted() -> None:
    waived = SimpleNamespace(failed=False, wasxfail="waived: ...")
    assert _finish(Gate("high"), [waived, _report("fail", "low")], _session(1)) == 0


def test_summary_says_what_the_gate_let_through() -> None:
    below = [_report("fail", "medium").svcaudit_result] * 2 + [_report("error", "low").svcaudit_result]
    lines = summary_lines(Gate("high", "report"), below, 0, True)
    assert lines == [
        "--fail-on=high,not-assessed=report: 0 failure(s) fail the run; "
        "below the gate, reported only: 1 low not assessed, 2 medium finding(s)",
        "exit status 0: every failure is below the gate",
    ]


# -- real runs -----------------------------------------------------------------------------------

#: Stock AIX cron fails medium controls only (CRON-01/04/06/10, AT-01/03/04); add a high one.
MEDIUM_ONLY = AIX_AS_INSTALLED
MEDIUM_FINDINGS = {c for c, o in AIX_AS_INSTALLED.expect.items() if o == "fail"}
WITH_HIGH = AIX_AS_INSTALLED.changed(
    "aix-as-installed-world-writable-skulker",
    [File("/usr/sbin/skulker", "#!/bin/ksh\n", 0o557, "bin", "bin")],
    {"CRON-07": "fail"},
)
#: The mail host whose only finding is SMTP-01, of low severity.
LOW_ONLY = next(s for s in MAIL_DEFECTS if s.name == "aix-SMTP-01-greeting-leaks")


def test_the_scenarios_fail_what_these_tests_say() -> None:
    assert {CONTROLS[c].severity for c in MEDIUM_FINDINGS} == {"medium"}
    assert CONTROLS["CRON-07"].severity == "high"
    assert [c for c, o in LOW_ONLY.expect.items() if o == "fail"] == ["SMTP-01"] and CONTROLS["SMTP-01"].severity == "low"


def _run(scenario: Scenario, tmp_path: Path, *args: str, folders: tuple[str, ...] = CRON_FILES) -> SuiteResult:
    root = build(scenario, tmp_path / "root")
    return run_suite(["--sysroot", str(root), "--platform", "aix", *args], tmp_path, folders)


@pytest.mark.parametrize(
    "scenario, fail_on, extra, code",
    [
        (MEDIUM_ONLY, None, (), 1),
        (MEDIUM_ONLY, "low", (), 1),
        (MEDIUM_ONLY, "medium", (), 1),
        (MEDIUM_ONLY, "high", (), 0),
        (MEDIUM_ONLY, "medium", ("-n", "2"), 1),
        (MEDIUM_ONLY, "high", ("-n", "2"), 0),
        (WITH_HIGH, "high", (), 1),
        (WITH_HIGH, "high", ("-n", "2"), 1),
    ],
    ids=lambda v: v.name if isinstance(v, Scenario) else "-".join(v) if isinstance(v, tuple) else str(v),
)
def test_exit_status_follows_the_threshold(
    scenario: Scenario, fail_on: str | None, extra: tuple[str, ...], code: int, tmp_path: Path
) -> None:
    result = _run(scenario, tmp_path, *extra, *([f"--fail-on={fail_on}"] if fail_on else []))
    assert result.returncode == code, result.output[-3000:]
    assert result.outcomes == scenario.expect  # every finding is reported whatever the gate
    if code == 0:
        assert (
            f"{len(MEDIUM_FINDINGS)} failed" in result.output
            and "exit status 0: every failure is below the gate" in result.output
        )


@pytest.mark.parametrize("fail_on, code", [("low", 1), ("medium", 0)])
def test_a_low_finding_fails_only_a_low_gate(fail_on: str, code: int, tmp_path: Path) -> None:
    result = _run(LOW_ONLY, tmp_path, f"--fail-on={fail_on}", folders=MAIL_FOLDERS)
    assert result.returncode == code, result.output[-3000:]
    assert result.outcomes["SMTP-01"] == "fail"


def test_findings_below_the_gate_stay_in_every_report(tmp_path: Path) -> None:
    results, report = tmp_path / "results.json", tmp_path / "report.html"
    result = _run(
        MEDIUM_ONLY, tmp_path, "--fail-on=high", f"--results-json={results}", f"--html={report}", "--self-contained-html"
    )
    assert result.returncode == 0
    assert {c for c, o in result.outcomes.items() if o == "fail"} == MEDIUM_FINDINGS  # JUnit
    assert all("fix: " in m for c in MEDIUM_FINDINGS for m in result.messages[c])
    assert f"{len(MEDIUM_FINDINGS)} failed" in result.output  # terminal
    assert "--fail-on=high: 0 failure(s) fail the run; below the gate, reported only: 7 medium finding(s)" in result.output
    document = json.loads(results.read_text())  # JSON
    assert {r["control"] for r in document["results"] if r["outcome"] == "fail"} == MEDIUM_FINDINGS
    page = report.read_text()  # HTML
    assert "/var/spool/cron/crontabs/root: mode 0644" in page and "Failed" in page


def test_a_run_stopped_early_keeps_its_failure(tmp_path: Path) -> None:
    """With -x the controls after the first failure never ran: a gate cannot say they were below it."""
    result = _run(MEDIUM_ONLY, tmp_path, "--fail-on=high", "-x")
    assert result.returncode == 1, result.output[-3000:]
    assert list(result.outcomes.values()).count("fail") == 1


def test_a_waived_high_finding_does_not_fail_a_high_gate(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text('[[waivers]]\ncontrol = "CRON-07"\njustification = "vendor job"\nexpires = 2999-12-31\n')
    result = _run(WITH_HIGH, tmp_path, "--fail-on=high", f"--profile={profile}")
    assert result.returncode == 0, result.output[-3000:]
    assert result.outcomes["CRON-07"] == "skip"  # xfail: waived


@pytest.mark.parametrize(
    "fail_on",
    ["critical", "high,not-assessed=never", "high,high"],
)
def test_bad_values_stop_the_run_at_start(fail_on: str, tmp_path: Path) -> None:
    result = _run(MEDIUM_ONLY, tmp_path, f"--fail-on={fail_on}")
    assert result.returncode == 4
    errors = [line for line in result.output.splitlines() if line.strip()]
    assert errors == [errors[0]] and errors[0].startswith(f"ERROR: --fail-on={fail_on}: "), result.output
    assert result.outcomes == {}


# -- not assessed: an unreadable directory, an unreachable host ----------------------------------


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A work directory an unprivileged SSH login can traverse (pytest's own is 0700)."""
    path = Path(tempfile.mkdtemp(prefix="svcaudit-failon-"))
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize(
    "fail_on, selection, extra, code",
    [
        ("high", ("-m", "not high"), (), 1),  # CRON-06 (medium) not assessed: fails a high gate
        ("high", ("-m", "not high"), ("-n", "2"), 1),
        ("high,not-assessed=medium", ("-m", "not high"), (), 1),
        ("high,not-assessed=high", ("-m", "not high"), (), 0),
        ("high,not-assessed=report", ("-m", "not high"), (), 0),
        ("high,not-assessed=high", (), (), 1),  # CRON-07 and CRON-08 (high) not assessed
        ("high,not-assessed=report", (), (), 0),
    ],
)
def test_unreadable_files_fail_the_gate_unless_told_otherwise(
    open_tmp: Path, sshd, fail_on: str, selection: tuple, extra: tuple, code: int
) -> None:
    """The reader login cannot list the stock 0770 bin:cron crontabs directory."""
    root = build(MEDIUM_ONLY, open_tmp / "root")
    args = ["--sysroot", str(root), "--platform", "aix", "--hosts=ssh://reader", f"--ssh-config={sshd.config}"]
    result = run_suite([*args, f"--fail-on={fail_on}", *selection, *extra], open_tmp)
    assert result.returncode == code, result.output[-3000:]
    unreadable = {"CRON-06"} | (set() if selection else {"CRON-07", "CRON-08"})
    assert {c for c, o in result.outcomes.items() if o == "error"} == unreadable
    assert MEDIUM_FINDINGS - unreadable <= {c for c, o in result.outcomes.items() if o == "fail"}


@pytest.mark.parametrize("fail_on, extra, code", [("high", (), 1), ("high", ("-n", "2"), 1), ("high,not-assessed=report", (), 0)])
def test_an_unreachable_host_fails_the_gate_unless_told_otherwise(
    tmp_path: Path, sshd, fail_on: str, extra: tuple, code: int
) -> None:
    root = build(MEDIUM_ONLY, tmp_path / "root")
    hosts = "--hosts=ssh://unreachable,ssh://scenario"
    result = run_suite(
        ["--sysroot", str(root), "--platform", "aix", hosts, f"--ssh-config={sshd.config}", f"--fail-on={fail_on}", *extra],
        tmp_path,
    )
    assert result.returncode == code, result.output[-3000:]
    assert set(result.by_host["ssh://unreachable"].values()) == {"error"}
    assert result.by_host["ssh://scenario"] == MEDIUM_ONLY.expect
