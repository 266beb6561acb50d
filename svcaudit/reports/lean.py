"""The terminal reporter's memory of a run, kept small: it holds every test report until the end.

pytest's terminal reporter appends every report (setup, call and teardown of every test) to
its ``stats``, to count them and to print the short summary at the end. For a fleet that is
three reports per control and host, each with its keywords, properties and the svcaudit
result riding on it: hundreds of megabytes. Once every plugin has seen a report, this keeps
of it only what the terminal's summary reads:

- a passing setup or teardown is counted nowhere: dropped;
- a passing test is only counted (unless -rP or -rA shows passes): one shared stand-in;
- any other report keeps its outcome, reason and location, without all keywords but the two
  the skip summary reads, and (unless an HTML report is written, which reads them at the end)
  without its properties and svcaudit result.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

#: The keywords pytest's skip summary reads (terminal._folded_skips).
SKIP_KEYWORDS = ("skip", "pytestmark")


def lighten(report: pytest.TestReport) -> None:
    """A control's report as it leaves the process that ran it (an xdist worker sends it to the controller):
    only the keywords the skip summary reads, and the properties on the teardown report alone, which is
    where JUnit takes them from. The HTML row reads the control, severity and host from the result."""
    _skip_keywords_only(report)
    if report.when != "teardown":
        report.user_properties = []


def _skip_keywords_only(report: pytest.TestReport) -> None:
    report.keywords = {k: v for k, v in report.keywords.items() if k in SKIP_KEYWORDS}


class _Passed:
    """What the terminal's count of passes needs of a passing test's report (plugins that read every
    report, such as hypothesis's, find an empty one)."""

    nodeid = ""
    location = ("", None, "")
    passed = True
    failed = False
    skipped = False
    outcome = "passed"
    when = "call"
    count_towards_summary = True


PASSED = _Passed()


class LeanReports:
    """Slims each report in the terminal reporter's stats once every plugin has seen it."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        chars = str(getattr(config.option, "reportchars", "") or "")
        self.keep_passes = "P" in chars or "A" in chars
        # pytest-html renders some rows from the report objects after the run: they keep their results.
        self.keep_results = bool(getattr(config.option, "htmlpath", None))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> Generator[None, object, object]:
        result = yield
        terminal = self.config.pluginmanager.get_plugin("terminalreporter")
        stats: dict[str, list[Any]] = getattr(terminal, "stats", {})
        for category, kept in stats.items():
            if kept and kept[-1] is report:
                self._slim(category, kept)
                break
        return result

    def _slim(self, category: str, kept: list[Any]) -> None:
        report = kept[-1]
        if category == "":
            kept.pop()
            return
        if category == "passed" and not self.keep_passes and report.when == "call":
            kept[-1] = PASSED
            return
        _skip_keywords_only(report)
        if self.keep_results:
            return
        report.user_properties = []
        for name in ("svcaudit_result", "svcaudit_host"):
            report.__dict__.pop(name, None)

    @pytest.hookimpl(trylast=True)
    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        """The terminal keeps deselected items to count them: keep the count, not the items (a fleet's
        -k deselects on every host)."""
        terminal = self.config.pluginmanager.get_plugin("terminalreporter")
        kept = getattr(terminal, "stats", {}).get("deselected")
        if kept and len(kept) >= len(items):
            kept[len(kept) - len(items) :] = [PASSED] * len(items)
