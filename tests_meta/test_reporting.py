"""What pipelines read: JUnit properties (also under -n 2), HTML columns, the per-host summary, record and replay."""

import json
from pathlib import Path

import pytest

from svcaudit.controls.catalog import CONTROLS
from tests_meta.support.scenario import build, run_suite
from tests_meta.support.scenarios_cron import AIX_AS_INSTALLED, CRON_IDS


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return build(AIX_AS_INSTALLED, tmp_path / "root")


@pytest.mark.parametrize("extra", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_junit_properties_survive(tree: Path, tmp_path: Path, extra: list[str]) -> None:
    result = run_suite(["--sysroot", str(tree), "--platform", "aix", *extra], tmp_path)
    assert result.outcomes == AIX_AS_INSTALLED.expect
    cases = [p for p in result.properties if "control" in p]
    assert len(cases) == len(CRON_IDS)
    for props in cases:
        control = CONTROLS[props["control"]]
        assert props["severity"] == control.severity and props["title"] == control.title
        assert props["host"] == "local"
    assert "local: platform aix" in result.output and "remote commands: 2" in result.output


def test_html_report_has_control_severity_and_host_columns(tree: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    run_suite(["--sysroot", str(tree), "--platform", "aix", f"--html={report}", "--self-contained-html"], tmp_path)
    text = report.read_text()
    for header in ("Control</th>", "Severity</th>", "Host</th>"):
        assert header in text
    assert "col-control" in text and "CRON-04" in text and "col-host" in text


def test_failure_evidence_names_path_found_and_expected(tree: Path, tmp_path: Path) -> None:
    result = run_suite(["--sysroot", str(tree), "--platform", "aix"], tmp_path)
    evidence = "\n".join(result.messages["CRON-04"])
    assert "/var/spool/cron/crontabs: mode 0770, expected <= 0755" in evidence
    assert "N/A: neither /var/adm/cron/cron.allow nor /var/adm/cron/cron.deny exists" in "\n".join(result.messages["CRON-02"])


def test_terminal_and_junit_show_evidence_and_fix_not_python_source(tree: Path, tmp_path: Path) -> None:
    """A finding is its message; an N/A reason is a sentence located at the control's test, not a tuple or a helper."""
    result = run_suite(["--sysroot", str(tree), "--platform", "aix", "-rfsx"], tmp_path)
    for text in (result.output, "\n".join(result.messages["CRON-06"])):
        assert "expected: every crontab file mode <= 0600" in text and "fix: chmod 600" in text
        assert "def test_" not in text and "facts = HostFacts(" not in text and "\n>   " not in text and "Traceback" not in text
    assert "FAILED tests_cron/test_cron.py::test_crontab_files_mode[local] - expected:" in result.output
    skips = [line for line in result.output.splitlines() if line.startswith("SKIPPED")]
    assert skips and all(" tests_cron/test_cron.py:" in line and ": N/A: " in line for line in skips), skips
    assert "('" not in result.output and "svcaudit/controls/access.py" not in result.output
    (na,) = result.messages["CRON-02"]
    message, text = na.split("\n", 1)
    assert message.startswith("N/A: neither") and "/tests_cron/test_cron.py:" in text and text.endswith(message)


def test_record_then_replay_gives_the_same_verdicts_without_a_host(tree: Path, tmp_path: Path) -> None:
    facts_dir = tmp_path / "facts"
    first = run_suite(["--sysroot", str(tree), "--platform", "aix", f"--record={facts_dir}"], tmp_path)
    saved = list(facts_dir.glob("*.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text())["platform"] == "aix"
    second = run_suite([f"--replay={facts_dir}"], tmp_path)
    assert second.outcomes == first.outcomes == AIX_AS_INSTALLED.expect


@pytest.mark.parametrize(
    "content, words",
    [
        ("{not json", "not a facts file"),
        ('{"format": "svcaudit-facts/0"}', "facts format"),
        ('{"format": "svcaudit-facts/1", "host": "x"}', "incomplete or damaged"),
    ],
)
def test_corrupt_replay_files_stop_with_one_line(tmp_path: Path, content: str, words: str) -> None:
    facts_dir = tmp_path / "facts"
    facts_dir.mkdir()
    (facts_dir / "host.json").write_text(content)
    result = run_suite([f"--replay={facts_dir}"], tmp_path)
    assert result.returncode == 4 and words in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args, words",
    [
        (["--sysroot", "/nonexistent/tree"], "--sysroot /nonexistent/tree: not a directory"),
        (["--platform", "hpux"], "invalid choice: 'hpux'"),
    ],
)
def test_bad_options_are_one_clear_error(tmp_path: Path, args: list[str], words: str) -> None:
    result = run_suite(args, tmp_path)
    assert result.returncode in (2, 4) and words in result.output and "Traceback" not in result.output


def _excinfo(exc: BaseException) -> pytest.ExceptionInfo[BaseException]:
    try:
        raise exc
    except BaseException:
        return pytest.ExceptionInfo.from_current()


def test_reword_gives_findings_their_message_and_skips_the_control_location() -> None:
    from svcaudit.outcomes import Outcome, reword

    def report(outcome: str, longrepr: object) -> pytest.TestReport:
        return pytest.TestReport("tests_cron/t.py::test_x[h]", ("tests_cron/t.py", 4, "test_x"), {}, outcome, longrepr, "call")

    message = "expected: mode <= 0600\nfound:\n  /x: mode 0644\nfix: chmod 600 /x"
    for kind in ("fail", "waived"):
        finding = report("failed", "a traceback with source lines")
        reword(finding, Outcome(kind, message), _excinfo(AssertionError(message)), "/repo/tests_cron/t.py", 5)
        assert finding.longrepr == message
    skip = report("skipped", ("/repo/svcaudit/controls/access.py", 36, "Skipped: N/A: no file"))
    reword(skip, Outcome("na", "N/A: no file"), None, "/repo/tests_cron/t.py", 5)
    assert skip.longrepr == ("/repo/tests_cron/t.py", 5, "Skipped: N/A: no file")
    bug = report("failed", "the traceback")
    reword(bug, Outcome("fail", "'key'"), _excinfo(KeyError("key")), "/repo/tests_cron/t.py", 5)
    assert bug.longrepr == "the traceback"  # a defect of the suite keeps the traceback that finds it
