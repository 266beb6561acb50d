"""Which failed controls fail the run: `--fail-on=LEVEL[,not-assessed=LEVEL]`.

Every result is reported whatever the gate says (terminal, JUnit, HTML, JSON); the gate only
decides the exit status. A finding fails the run when its control's severity is at or above
LEVEL (`any`, the default, is every finding). A control that could not be assessed fails the run
whatever its severity, unless the same option says otherwise in so many words:
`not-assessed=high` (only high ones), `not-assessed=report` (reported, never failing).
Waived findings never fail the run.

pytest decides the exit status from the failures it counted; on the controller (never on an
xdist worker) the gate turns "tests failed" into "OK" when, and only when, every failure pytest
counted is a control result below the gate. Anything else that failed keeps the run failed: a
collection or teardown error, a test that is not a control, a control that raised something other
than a finding (AssertionError) or a collection problem (a bug is neither), and a run stopped
early (-x, --maxfail), whose later controls were never checked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import pytest

from svcaudit.controls.catalog import SEVERITIES
from svcaudit.outcomes import not_assessed

#: Thresholds for findings: `any` is every finding, the others a severity and those above it.
LEVELS = ("any", *SEVERITIES)
#: Thresholds for controls that could not be assessed: a level, or `report` (never fail the run).
NOT_ASSESSED_LEVELS = (*LEVELS, "report")
NOT_ASSESSED_KEY = "not-assessed"
SPELLING = f"LEVEL[,{NOT_ASSESSED_KEY}=LEVEL|report] with LEVEL one of {', '.join(LEVELS)}"


class GateError(ValueError):
    """A --fail-on value the gate cannot read: bad input, the run stops at start."""


@dataclass(frozen=True)
class Gate:
    findings: str = "any"
    not_assessed: str = "any"

    def blocks(self, outcome: str, severity: str) -> bool:
        """Whether a result with this outcome and severity fails the run."""
        if outcome == "fail":
            return _at_or_above(severity, self.findings)
        if outcome == "error":
            return self.not_assessed != "report" and _at_or_above(severity, self.not_assessed)
        return False

    @property
    def default(self) -> bool:
        return self == Gate()

    def __str__(self) -> str:
        return self.findings + ("" if self.not_assessed == "any" else f",{NOT_ASSESSED_KEY}={self.not_assessed}")


def _at_or_above(severity: str, level: str) -> bool:
    """A severity the catalog does not know is at every level: fail closed."""
    if level == "any" or severity not in SEVERITIES:
        return True
    return SEVERITIES.index(severity) >= SEVERITIES.index(level)


def parse(text: str) -> Gate:
    """`high`, `medium,not-assessed=report`, `not-assessed=high`...: each part at most once, in any order."""
    findings: str | None = None
    not_assessed: str | None = None
    for part in (p.strip() for p in text.split(",")):
        key, equals, value = (s.strip() for s in part.partition("="))
        if equals and key == NOT_ASSESSED_KEY and value in NOT_ASSESSED_LEVELS:
            _once(text, NOT_ASSESSED_KEY, not_assessed)
            not_assessed = value
        elif not equals and part in LEVELS:
            _once(text, "LEVEL", findings)
            findings = part
        else:
            raise GateError(f"--fail-on={text}: cannot read {part!r}: expected {SPELLING}")
    return Gate(findings or "any", not_assessed or "any")


def expected(when: str, exc: BaseException) -> bool:
    """A finding (a control's AssertionError while it runs) or facts that could not be collected or read."""
    return not_assessed(exc) or (when == "call" and isinstance(exc, AssertionError))


def _once(text: str, what: str, earlier: str | None) -> None:
    if earlier is not None:
        raise GateError(f"--fail-on={text}: {what} given twice: expected {SPELLING}")


class GatePlugin:
    """Counts, on the controller, the failures below the gate and the failures that fail the run; sets the exit status."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.below: list[dict[str, Any]] = []
        self.blocking = 0
        self.lowered = False

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        """Where the test ran (an xdist worker, say): mark a failure that is neither a finding nor a collection problem."""
        report = yield
        excinfo = call.excinfo
        if excinfo is not None and not expected(call.when, excinfo.value):
            report.svcaudit_unexpected = excinfo.typename  # type: ignore[attr-defined]
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # pytest counts a failure exactly so (Session.pytest_runtest_logreport): the two counts must agree.
        if not report.failed or hasattr(report, "wasxfail"):
            return
        result = getattr(report, "svcaudit_result", None)
        if getattr(report, "svcaudit_unexpected", ""):
            self.blocking += 1
        elif isinstance(result, dict) and not self.gate.blocks(str(result.get("outcome")), str(result.get("severity"))):
            self.below.append(result)
        else:
            self.blocking += 1

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.blocking += 1

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(session.config, "workerinput"):
            return
        if (
            session.exitstatus == pytest.ExitCode.TESTS_FAILED
            and not (session.shouldfail or session.shouldstop)
            and self.below
            and not self.blocking
            and session.testsfailed == len(self.below)
        ):
            session.exitstatus = pytest.ExitCode.OK
            self.lowered = True

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.gate.default:
            return
        terminalreporter.section("svcaudit gate")
        for line in summary_lines(self.gate, self.below, self.blocking, self.lowered):
            terminalreporter.line(line)


def summary_lines(gate: Gate, below: list[dict[str, Any]], blocking: int, lowered: bool) -> list[str]:
    """What the gate decided, for the terminal; the failures it let through are listed above as failures."""
    tally = Counter(f"{r.get('severity')} {'finding(s)' if r.get('outcome') == 'fail' else 'not assessed'}" for r in below)
    let_through = ", ".join(f"{n} {kind}" for kind, n in sorted(tally.items()))
    lines = [f"--fail-on={gate}: {blocking} failure(s) fail the run; below the gate, reported only: {let_through or 'none'}"]
    if lowered:
        lines.append("exit status 0: every failure is below the gate")
    return lines
