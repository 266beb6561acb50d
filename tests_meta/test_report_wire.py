"""A report crosses from an xdist worker to its controller as one marshalled string (reports.wire),
and comes out as the report pytest's own serialization would have made."""

from __future__ import annotations

from typing import Any

import pytest

from svcaudit.reports.wire import KEY, ReportWire


def _report(**extra: Any) -> pytest.TestReport:
    report = pytest.TestReport(
        "tests_cron/test_at.py::test_at_access_restricted[lpar7]@lpar7",
        ("tests_cron/test_at.py", 12, "test_at_access_restricted[lpar7]"),
        {"skip": 1, "pytestmark": 1},
        "skipped",
        ("tests_cron/test_at.py", 13, "Skipped: N/A: at is not installed"),
        "call",
        sections=[("Captured stdout call", "hello\n")],
        duration=0.25,
        start=1.5,
        stop=1.75,
        user_properties=[("control", "AT-01"), ("host", "lpar7")],
    )
    report.svcaudit_result = {"host": "lpar7", "control": "AT-01", "outcome": "na", "notes": [], "evidence": ""}  # type: ignore[attr-defined]
    report.__dict__.update(extra)
    return report


def _across(config: pytest.Config, report: pytest.TestReport) -> tuple[dict[str, Any], Any]:
    sent = ReportWire(sending=True).pytest_report_to_serializable(config, report)
    assert sent is not None
    sent = dict(sent, worker_id="gw1", testrun_uid="abc")  # what xdist's worker adds beside it
    return sent, ReportWire(sending=False).pytest_report_from_serializable(config, sent)


def test_a_report_crosses_as_one_string_and_arrives_as_it_left(pytestconfig: pytest.Config) -> None:
    report = _report()
    sent, arrived = _across(pytestconfig, report)
    assert set(sent) == {KEY, "worker_id", "testrun_uid"} and isinstance(sent[KEY], bytes)
    assert isinstance(arrived, pytest.TestReport)
    expected = pytestconfig.hook.pytest_report_from_serializable(
        config=pytestconfig,
        data=dict(
            pytestconfig.hook.pytest_report_to_serializable(config=pytestconfig, report=report),
            worker_id="gw1",
            testrun_uid="abc",
        ),
    )
    assert arrived.__dict__ == expected.__dict__
    # pytest's skip summary requires the reason as a tuple; JSON would have made it a list
    assert arrived.longrepr == ("tests_cron/test_at.py", 13, "Skipped: N/A: at is not installed")
    assert arrived.location == report.location and arrived.worker_id == "gw1"
    assert arrived.svcaudit_result == report.svcaudit_result  # type: ignore[attr-defined]


def test_a_failure_arrives_with_its_traceback(pytestconfig: pytest.Config) -> None:
    try:
        assert 1 == 2, "expected 2, found 1"
    except AssertionError:
        info = pytest.ExceptionInfo.from_current()
    report = _report(outcome="failed", longrepr=info.getrepr(style="short"))
    _, arrived = _across(pytestconfig, report)
    assert arrived.failed and "expected 2, found 1" in arrived.longreprtext
    assert arrived.longreprtext == report.longreprtext


def test_a_report_marshal_cannot_carry_goes_the_usual_way(pytestconfig: pytest.Config) -> None:
    sent = ReportWire(sending=True).pytest_report_to_serializable(pytestconfig, _report(plugin_object=object()))
    assert sent is not None and KEY not in sent and "plugin_object" in sent


def test_only_a_worker_packs_and_only_a_packed_report_is_unpacked(pytestconfig: pytest.Config) -> None:
    assert ReportWire(sending=False).pytest_report_to_serializable(pytestconfig, _report()) is None
    assert ReportWire(sending=False).pytest_report_from_serializable(pytestconfig, {"nodeid": "x"}) is None
