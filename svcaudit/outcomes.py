"""A control test's outcome for people and pipelines: pass, fail, N/A, waived or error (not assessed).

pytest says passed, failed or skipped; this module adds what the run knows besides: whether the
failure was a finding or facts that could not be read, and what the waiver in effect does to it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from svcaudit.collect.batch import CollectionError
from svcaudit.facts.host import NotAssessed
from svcaudit.profile import Waiver

#: Every outcome, in the order reports count them.
OUTCOMES = ("pass", "fail", "na", "waived", "error")


@dataclass(frozen=True)
class Outcome:
    """What one control test found on one host."""

    outcome: str  # one of OUTCOMES
    evidence: str  # the failure's evidence, the N/A reason, or the reason it was not assessed
    waiver: str = ""  # what the waiver for this control and host did, or why it did nothing

    @property
    def waived(self) -> bool:
        return self.outcome == "waived"


def short(text: str, limit: int = 4000) -> str:
    """Evidence capped for reports: a runaway message must not swell every document."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def not_assessed(exc: BaseException | None) -> bool:
    """The facts behind the control could not be collected or read: an error, never a finding."""
    return isinstance(exc, (NotAssessed, CollectionError))


def defect(exc: BaseException | None) -> bool:
    """An exception that is neither a verdict nor facts that could not be read: a defect of the suite.

    It says nothing about the host, so it is no finding (never failed, never waived): the control
    is not assessed, and the traceback stays in the report so the defect can be found.
    """
    # pytest's own outcomes (skip, fail, xfail, exit) derive from BaseException, not Exception.
    return isinstance(exc, Exception) and not isinstance(exc, (AssertionError, NotAssessed, CollectionError))


def defect_message(exc: BaseException) -> str:
    return f"svcaudit could not evaluate this control: {type(exc).__name__}: {exc} (a defect of the suite, not a finding)"


def expired_note(waiver: Waiver | None, today: datetime.date) -> str:
    """What a failure message adds when the control's waiver has run out; "" otherwise."""
    if waiver is None or not waiver.expired(today):
        return ""
    return f"waiver expired on {waiver.expires.isoformat()} and no longer waives this: {waiver.justification}"


def classify(
    report: pytest.TestReport, excinfo: pytest.ExceptionInfo[BaseException] | None, waiver: Waiver | None, today: datetime.date
) -> Outcome:
    """The outcome of a control's setup or call report (a passed setup is not an outcome: do not ask)."""
    if report.skipped:
        longrepr = report.longrepr
        reason = str(longrepr[2]) if isinstance(longrepr, tuple) else str(longrepr)
        return Outcome("na", reason.removeprefix("Skipped: "))
    if report.passed:
        unneeded = f"waiver no longer needed: the control passes ({waiver.describe()})" if waiver else ""
        return Outcome("pass", "", unneeded)
    evidence = short(str(excinfo.value) if excinfo is not None else report.longreprtext)
    if excinfo is not None and defect(excinfo.value) and report.when == "call":
        return Outcome("error", short(defect_message(excinfo.value)))
    if report.when == "setup" or (excinfo is not None and not_assessed(excinfo.value)):
        return Outcome("error", evidence)
    if waiver is None:
        return Outcome("fail", evidence)
    if waiver.expired(today):
        return Outcome("fail", evidence, f"expired on {waiver.expires.isoformat()}: {waiver.justification}")
    return Outcome("waived", evidence, f"waived: {waiver.describe()}")


def reword(
    report: pytest.TestReport, outcome: Outcome, excinfo: pytest.ExceptionInfo[BaseException] | None, where: str, line: int
) -> None:
    """Give a control's report the words of its outcome in place of pytest's traceback or location tuple.

    A finding (and a waived one) becomes its message (`expected:`, `found:`, `also:`, `fix:`): the
    terminal, JUnit (message and text) and the HTML log then show the evidence, not the source
    lines of the control's test function or its arguments. An N/A skip is located at the control's
    test (`where`, `line`) rather than at the helper that skipped. Exceptions other than a
    verdict's keep their traceback: they are defects of the suite, and the traceback finds them.
    """
    if outcome.outcome == "na" and isinstance(report.longrepr, tuple):
        report.longrepr = (where, line, f"Skipped: {outcome.evidence}")
    elif outcome.outcome in ("fail", "waived") and excinfo is not None and type(excinfo.value) is AssertionError:
        report.longrepr = str(excinfo.value)
