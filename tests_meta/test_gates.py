"""Gates and reports pipelines rely on: waivers, per-host profiles, markers, JSON, HTML in a real browser, exit status."""

import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from svcaudit.controls.catalog import CONTROLS
from tests_meta.support.scenario import REPO, build, run_suite
from tests_meta.support.scenarios_cron import AIX_AS_INSTALLED

TODAY = datetime.date.today()
LATER = (TODAY + datetime.timedelta(days=30)).isoformat()
EARLIER = (TODAY - datetime.timedelta(days=1)).isoformat()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return build(AIX_AS_INSTALLED, tmp_path / "root")


def _run(tree: Path, tmp_path: Path, profile: str = "", extra: tuple[str, ...] = ()):
    args = ["--sysroot", str(tree), "--platform", "aix", *extra]
    if profile:
        (tmp_path / "profile.toml").write_text(profile)
        args += ["--profile", str(tmp_path / "profile.toml")]
    return run_suite(args, tmp_path)


def _waiver(control: str, expires: str, hosts: str = '["*"]', justification: str = "vendor job scheduler needs it") -> str:
    return (
        f'[[waivers]]\ncontrol = "{control}"\nhosts = {hosts}\njustification = "{justification}"\n'
        f'expires = {expires}\nticket = "CHG-1234"\n'
    )


@pytest.mark.parametrize("extra", [(), ("-n", "2")], ids=["serial", "xdist"])
def test_active_waiver_turns_a_failure_into_waived(tree: Path, tmp_path: Path, extra: tuple) -> None:
    result = _run(tree, tmp_path, _waiver("CRON-04", LATER), extra)
    assert result.outcomes["CRON-04"] == "skip"  # pytest's xfail, reported as skipped in JUnit
    messages = "\n".join(result.messages["CRON-04"])
    assert f"waived: vendor job scheduler needs it (expires {LATER}, ticket CHG-1234)" in messages
    cron04 = [p for p in result.properties if p.get("control") == "CRON-04"]
    assert cron04 and cron04[0]["waiver"].startswith("waived: vendor job scheduler")
    assert result.outcomes["CRON-06"] == "fail"  # other failures are untouched


def test_expired_waiver_waives_nothing_and_says_so(tree: Path, tmp_path: Path) -> None:
    result = _run(tree, tmp_path, _waiver("CRON-04", EARLIER))
    assert result.outcomes["CRON-04"] == "fail"
    assert f"waiver expired on {EARLIER}" in "\n".join(result.messages["CRON-04"])


def test_waiver_on_a_passing_control_is_reported_as_no_longer_needed(tree: Path, tmp_path: Path) -> None:
    result = _run(tree, tmp_path, _waiver("CRON-05", LATER))
    assert result.outcomes["CRON-05"] == "pass"
    assert "CRON-05: waiver no longer needed: the control passes" in result.output


def test_waiver_applies_only_to_matching_hosts(tree: Path, tmp_path: Path) -> None:
    result = _run(tree, tmp_path, _waiver("CRON-04", LATER, hosts='["lpar-db*"]'))
    assert result.outcomes["CRON-04"] == "fail"


@pytest.mark.parametrize(
    "waiver, words",
    [
        (_waiver("CRON-99", LATER), "[[waivers]] #1 control: names no catalog control: 'CRON-99'"),
        (_waiver("CRON-04", LATER, justification=""), "[[waivers]] #1 justification: a waiver needs a justification"),
        (_waiver("CRON-04", '"soon"'), "[[waivers]] #1 expires: expected a date"),
    ],
)
def test_bad_waivers_stop_the_run_with_file_key_and_line(tree: Path, tmp_path: Path, waiver: str, words: str) -> None:
    result = _run(tree, tmp_path, "[cron]\ndir_mode = 0o755\n\n" + waiver)
    assert result.returncode == 4 and words in result.output and "profile.toml:" in result.output
    assert "Traceback" not in result.output


def test_host_tables_override_values_and_are_echoed(tree: Path, tmp_path: Path) -> None:
    profile = '[hosts."loc*".cron]\ndir_mode = 0o770\n'
    out = tmp_path / "results.json"
    result = _run(tree, tmp_path, profile, (f"--results-json={out}",))
    assert result.outcomes["CRON-04"] == "pass"
    doc = json.loads(out.read_text())
    echo = doc["hosts"]["local"]["profile"]
    assert echo["matched"] == ["loc*"] and echo["values"]["cron"]["dir_mode"] == 0o770
    assert '[hosts."loc*"]' in result.output
    other = _run(tree, tmp_path, '[hosts."lpar*".cron]\ndir_mode = 0o770\n')
    assert other.outcomes["CRON-04"] == "fail"


@pytest.mark.parametrize(
    "selection, expected",
    [
        (("-m", "high"), {"CRON-07", "CRON-08", "CRON-16"}),
        (("-m", "at and not low"), {"AT-01", "AT-02", "AT-03", "AT-04"}),
        (("-k", "CRON-02"), {"CRON-02"}),
    ],
)
def test_markers_and_keywords_select_controls(tree: Path, tmp_path: Path, selection: tuple, expected: set) -> None:
    result = _run(tree, tmp_path, extra=selection)
    assert set(result.outcomes) == expected


def test_list_controls_prints_the_catalog_without_a_host(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--list-controls", "--hosts=ssh://nowhere.invalid"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0
    for control in CONTROLS.values():
        assert control.id in proc.stdout and control.title in proc.stdout
        assert all(r.text() in proc.stdout for r in control.references), control.id
    assert "seed requirement" in proc.stdout
    assert "DISA-STIG AIX6.1 V-840 (SV-28403r1_rule, GEN004880) full" in proc.stdout


@pytest.mark.parametrize("extra", [(), ("-n", "2")], ids=["serial", "xdist"])
def test_results_json_is_complete_and_stable(tree: Path, tmp_path: Path, extra: tuple) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    _run(tree, tmp_path, _waiver("CRON-04", LATER), (f"--results-json={first}", *extra))
    _run(tree, tmp_path, _waiver("CRON-04", LATER), (f"--results-json={second}",))
    doc = json.loads(first.read_text())
    assert first.read_text() == second.read_text()  # no timings, sorted: two runs diff clean
    assert doc["format"] == "svcaudit-results/1"
    host = doc["hosts"]["local"]
    assert host["platform"] == "aix" and host["remote_commands"] == 2
    assert host["counts"] == {"pass": 5, "fail": 6, "na": 3, "waived": 1, "error": 0}  # CRON-16: N/A on AIX
    by_control = {r["control"]: r for r in doc["results"]}
    assert by_control["CRON-04"]["outcome"] == "waived" and "CHG-1234" in by_control["CRON-04"]["waiver"]
    assert by_control["CRON-06"]["outcome"] == "fail"
    assert "/var/spool/cron/crontabs/root: mode 0644" in by_control["CRON-06"]["evidence"]
    assert by_control["CRON-06"]["remediation"].startswith("chmod") or "chmod" in by_control["CRON-06"]["remediation"]
    assert by_control["CRON-02"]["outcome"] == "na" and by_control["CRON-02"]["evidence"].startswith("N/A:")
    for entry in doc["results"]:  # a pipeline maps each finding to the standard it is audited against
        record = CONTROLS[entry["control"]]
        assert entry["references"] == [r.as_dict() for r in record.references]
        assert (entry["severity"], entry["title"]) == (record.severity, record.title)
        assert isinstance(entry["notes"], list) and (entry["outcome"] == "pass" or entry["notes"] == [])


def test_failure_message_carries_the_fix(tree: Path, tmp_path: Path) -> None:
    result = _run(tree, tmp_path)
    assert "fix: " in "\n".join(result.messages["CRON-06"])


@pytest.mark.parametrize(
    "profile, code",
    [
        ("", 1),
        (
            "[cron]\ndir_mode = 0o770\nfile_mode = 0o644\nlog_mode = 0o660\naccess_mode = 0o644\nat_dir_mode = 0o770\n"
            + _waiver("CRON-01", LATER)
            + _waiver("AT-01", LATER)
            + _waiver("CRON-10", LATER),
            0,
        ),
    ],
    ids=["findings", "all-waived-or-na"],
)
def test_exit_status_gates_on_failures_only(tree: Path, tmp_path: Path, profile: str, code: int) -> None:
    assert _run(tree, tmp_path, profile).returncode == code


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_html_report_renders_in_a_real_browser(tree: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium")
    assert browser, "chromium is not installed: scripts/install-selftest-deps installs it"
    report = tmp_path / "report.html"
    _run(tree, tmp_path, _waiver("CRON-04", LATER), (f"--html={report}", "--self-contained-html"))
    profile_dir = tmp_path / "chromium-profile"
    proc = subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", "--virtual-time-budget=5000", "--dump-dom", report.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    dom = proc.stdout
    assert 'id="svcaudit-hosts"' in dom, proc.stderr[-2000:]
    for header in ("Control", "Severity", "Host", "Evidence", "Remediation"):
        assert f">{header}</th>" in dom
    assert 'class="col-control">CRON-06</td>' in dom
    assert "/var/spool/cron/crontabs/root: mode 0644" in dom
    assert "<td>local</td><td>aix</td>" in dom


def test_html_cells_are_escaped(tmp_path: Path) -> None:
    from svcaudit.reports.html import html_row

    class Report:
        user_properties: ClassVar = [("control", "CRON-07"), ("severity", "high"), ("host", "<script>alert(1)</script>")]
        svcaudit_result: ClassVar = {"evidence": "/tmp/<b>x</b>: mode 0777", "remediation": "chmod & <fix>", "outcome": "fail"}

    cells: list[str] = ["<td>result</td>"]
    html_row(Report(), cells)
    joined = "".join(cells)
    assert "<script>" not in joined and "&lt;script&gt;" in joined and "&lt;b&gt;" in joined and "&amp; &lt;fix&gt;" in joined
