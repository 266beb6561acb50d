"""Comparing two runs' results JSON: what changed per host and control, and the exit status a golden-image pipeline gates on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from svcaudit.reports import compare as cmp
from tests_meta.support.scenario import REPO, File, build, run_suite
from tests_meta.support.scenarios_cron import AIX_HARDENED, AIX_ROOT_CRONTAB


def _result(control: str, outcome: str, host: str = "local", evidence: str = "", waiver: str = "") -> dict[str, Any]:
    return {
        "host": host,
        "control": control,
        "severity": "medium",
        "title": f"title of {control}",
        "references": [],
        "test": f"tests_cron/test_cron.py::test_{control.lower()}[{host}]",
        "outcome": outcome,
        "evidence": evidence,
        "notes": [],
        "remediation": "chmod 600 x",
        "waiver": waiver,
    }


def _doc(*results: dict[str, Any], hosts: tuple[str, ...] = ()) -> dict[str, Any]:
    names = set(hosts) | {r["host"] for r in results}
    return {"format": "svcaudit-results/1", "hosts": {h: {"host": h} for h in sorted(names)}, "results": list(results)}


@pytest.mark.parametrize(
    "old, new, kind",
    [
        ("pass", "fail", cmp.NEW_FINDING),
        ("na", "fail", cmp.NEW_FINDING),
        ("error", "fail", cmp.NEW_FINDING),  # known now, unknown before: it was not in the old run's findings
        ("", "fail", cmp.NEW_FINDING),
        ("waived", "fail", cmp.WAIVER_EXPIRED),
        ("pass", "error", cmp.NEWLY_NOT_ASSESSED),
        ("fail", "error", cmp.NEWLY_NOT_ASSESSED),
        ("", "error", cmp.NEWLY_NOT_ASSESSED),
        ("fail", "pass", cmp.FIXED),
        ("fail", "na", cmp.FIXED),
        ("waived", "pass", cmp.FIXED),
        ("fail", "waived", cmp.NEWLY_WAIVED),
        ("error", "pass", cmp.ASSESSED_AGAIN),
        ("pass", "na", cmp.OTHER),
        ("", "pass", cmp.NEWLY_CHECKED),
        ("fail", "", cmp.NOT_CHECKED),
        ("pass", "pass", None),
        ("fail", "fail", None),
        ("waived", "waived", None),
    ],
)
def test_transitions(old: str, new: str, kind: str | None) -> None:
    assert cmp.transition(old, new) == kind


def test_a_finding_with_other_evidence_is_listed_but_not_new() -> None:
    assert cmp.transition("fail", "fail", same_evidence=False) == cmp.EVIDENCE_CHANGED
    assert cmp.transition("pass", "pass", same_evidence=False) is None
    assert cmp.EVIDENCE_CHANGED not in cmp.FAILING


OLD = _doc(
    _result("CRON-01", "pass"),
    _result("CRON-02", "fail", evidence="expected: x\nfound:\n  /var/adm/cron/cron.allow: owner bin\nfix: chown root"),
    _result("CRON-03", "waived", waiver="waived: vendor (expires 2026-01-01)"),
    _result("CRON-04", "pass"),
    _result("CRON-05", "fail"),
    _result("CRON-01", "fail", host="lpar-old"),
)
NEW = _doc(
    _result("CRON-01", "fail", evidence="expected: cron.allow\nfound:\n  /var/adm/cron/cron.allow: absent\nfix: create it"),
    _result("CRON-02", "pass"),
    _result("CRON-03", "fail", waiver="expired on 2026-01-01: vendor"),
    _result("CRON-04", "error", evidence="NOT ASSESSED: /var/spool/cron/crontabs: cannot list: Permission denied"),
    _result("CRON-05", "waived", waiver="waived: accepted (expires 2999-01-01)"),
    _result("CRON-01", "pass", host="lpar-new"),
    _result("CRON-02", "fail", host="lpar-new", evidence="found: x"),
)


def test_changes_per_host_and_control() -> None:
    diffs = {d.host: d for d in cmp.compare(OLD, NEW)}
    assert [(d.host, d.status) for d in diffs.values()] == [("local", "both"), ("lpar-new", "added"), ("lpar-old", "removed")]
    local = {c.control: (c.kind, c.old, c.new) for c in diffs["local"].changes}
    assert local == {
        "CRON-01": (cmp.NEW_FINDING, "pass", "fail"),
        "CRON-02": (cmp.FIXED, "fail", "pass"),
        "CRON-03": (cmp.WAIVER_EXPIRED, "waived", "fail"),
        "CRON-04": (cmp.NEWLY_NOT_ASSESSED, "pass", "error"),
        "CRON-05": (cmp.NEWLY_WAIVED, "fail", "waived"),
    }
    assert {c.control: c.kind for c in diffs["lpar-new"].changes} == {"CRON-01": cmp.NEWLY_CHECKED, "CRON-02": cmp.NEW_FINDING}
    assert {c.control: c.kind for c in diffs["lpar-old"].changes} == {"CRON-01": cmp.NOT_CHECKED}
    assert cmp.failing(list(diffs.values()))
    totals = cmp.totals(list(diffs.values()))
    assert totals[cmp.NEW_FINDING] == 2 and totals[cmp.FIXED] == 1 and totals["unchanged"] == 0


def test_the_same_run_twice_has_no_changes() -> None:
    diffs = cmp.compare(OLD, OLD)
    assert not cmp.failing(diffs) and all(not d.changes for d in diffs)
    assert cmp.totals(diffs)["unchanged"] == len(OLD["results"])


def test_only_fixes_and_waivers_do_not_fail_the_comparison() -> None:
    old = _doc(_result("CRON-01", "fail"), _result("CRON-02", "fail"), _result("CRON-03", "error"))
    new = _doc(_result("CRON-01", "pass"), _result("CRON-02", "waived"), _result("CRON-03", "na"))
    assert not cmp.failing(cmp.compare(old, new))


def test_text_lists_each_change_with_its_evidence_and_the_verdict() -> None:
    out = cmp.text(cmp.compare(OLD, NEW), "old.json", "new.json")
    lines = out.splitlines()
    assert lines[0] == "svcaudit: old.json -> new.json"
    assert "local: 5 changed, 0 unchanged" in lines
    assert (
        "  new finding: CRON-01 title of CRON-01 (pass -> fail): "
        "expected: cron.allow found: /var/adm/cron/cron.allow: absent" in lines
    )
    assert "  waiver expired: CRON-03 title of CRON-03 (waived -> fail): expired on 2026-01-01: vendor" in lines
    assert "  newly waived: CRON-05 title of CRON-05 (fail -> waived): waived: accepted (expires 2999-01-01)" in lines
    assert "  fixed: CRON-02 title of CRON-02 (fail -> pass)" in lines
    assert "lpar-new (host added): 2 changed, 0 unchanged" in lines and "  newly checked: CRON-01" in lines
    assert "lpar-old (host removed): 1 changed, 0 unchanged" in lines and "  no longer checked: CRON-01" in lines
    assert lines[-1] == "new findings since the old run"
    assert "fix:" not in out  # the fix is in the reports; the comparison says what changed


def test_json_is_for_machines() -> None:
    doc = cmp.document(cmp.compare(OLD, NEW), "old.json", "new.json")
    assert doc["format"] == "svcaudit-compare/1" and doc["new_findings"] is True
    assert set(doc["hosts"]) == {"local", "lpar-new", "lpar-old"}
    change = next(c for c in doc["hosts"]["local"]["changes"] if c["control"] == "CRON-04")
    assert (
        change["kind"] == "newly not assessed"
        and change["test"].endswith("[local]")
        and "Permission denied" in change["evidence"]
    )
    json.dumps(doc)


def _write(tmp_path: Path, name: str, content: Any) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def test_command_exit_status_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _write(tmp_path, "old.json", OLD), _write(tmp_path, "new.json", NEW)
    assert cmp.main([old, new]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "new findings since the old run"
    assert cmp.main([new, new]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "no new findings since the old run"
    assert cmp.main([old, new, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["totals"][cmp.NEW_FINDING] == 2


@pytest.mark.parametrize(
    "content, words",
    [
        (None, "cannot read: No such file or directory"),
        ("{not json", "not JSON: line 1"),
        ([1, 2], "not a svcaudit results document (format 'list'"),
        ({"format": "hdf", "results": []}, "not a svcaudit results document (format 'hdf'"),
        ({"format": "svcaudit-results/1", "results": []}, "needs 'hosts' (an object) and 'results' (a list)"),
        ({"format": "svcaudit-results/1", "hosts": {}, "results": [{"host": "h"}]}, "results #1: needs the strings"),
        ({"format": "svcaudit-results/1", "hosts": {}, "results": [_result("CRON-01", "great")]}, "unknown outcome 'great'"),
    ],
    ids=["missing", "not-json", "a-list", "foreign", "no-hosts", "result-keys", "outcome"],
)
def test_unreadable_or_foreign_files_exit_4_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Any, words: str
) -> None:
    good = _write(tmp_path, "good.json", OLD)
    bad = str(tmp_path / "bad.json") if content is None else _write(tmp_path, "bad.json", content)
    assert cmp.main([good, bad]) == 4
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith(f"svcaudit compare: {bad}: ") and words in captured.err


def test_a_bad_command_line_is_argparse_s_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cmp.main(["only-one.json"])
    assert caught.value.code == 2


def test_two_real_runs_one_defect_added(tmp_path: Path) -> None:
    """The same tree, then with the root crontab made 0640: one new finding, and back again a fix."""
    defect = AIX_HARDENED.changed(
        "aix-CRON-06-root-crontab-0640",
        [File("/var/spool/cron/crontabs/root", AIX_ROOT_CRONTAB, 0o640, "root", "cron")],
        {"CRON-06": "fail"},
    )
    documents = []
    for scenario in (AIX_HARDENED, defect):
        work = tmp_path / scenario.name
        work.mkdir()
        root = build(scenario, work / "root")
        results = work / "results.json"
        run_suite(["--sysroot", str(root), "--platform", "aix", f"--results-json={results}"], work)
        documents.append(str(results))
    old, new = documents
    proc_out = _command(old, new)
    assert proc_out.returncode == 1, proc_out.stderr
    lines = proc_out.stdout.splitlines()
    changed = [line for line in lines if line.startswith("  ")]
    assert changed == [
        "  new finding: CRON-06 Crontab files mode <= 0600 (pass -> fail): expected: every crontab file mode <= 0600 "
        "found: /var/spool/cron/crontabs/root: mode 0640, expected <= 0600 (extra bits 0040)"
    ]
    assert (
        f"local: 1 changed, {len(AIX_HARDENED.expect) - 1} unchanged" in lines and lines[-1] == "new findings since the old run"
    )
    back = _command(new, old)
    assert back.returncode == 0 and "  fixed: CRON-06 Crontab files mode <= 0600 (fail -> pass)" in back.stdout.splitlines()
    same = _command(old, old)
    assert same.returncode == 0 and f"local: 0 changed, {len(AIX_HARDENED.expect)} unchanged" in same.stdout


def _command(old: str, new: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "svcaudit.reports.compare", old, new], cwd=REPO, capture_output=True, text=True, timeout=60
    )
