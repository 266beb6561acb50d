"""The tools auditors use read our HDF as we mean it: Heimdall Lite in headless Chromium, MITRE's HDF-to-CKL converter.

What is counted comes from those tools (the rendered page, the checklist's VULN entries) and is
compared with the verdicts of the run as JUnit reports them (or, for the hand-written fixture, with
what the fixture encodes), never with our own JSON. The npm packages are pinned in
tests_meta/consumers/package.json and installed by scripts/install-selftest-deps (`npm ci`);
@mitre/hdf-converters is 2.12.6, the release of Heimdall Lite's own (2.14.0 asks for dependency
versions the npm registry does not have: @aws-sdk/client-config-service 3.1113.0, @mitre/jsonix ^3.0.11).
"""

from __future__ import annotations

import copy
import datetime
import functools
import json
import os
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from svcaudit.controls.catalog import CONTROLS
from svcaudit.reports import hdf as hdf_tags
from tests_meta.support.scenario import Absent, build, run_suite
from tests_meta.support.scenarios_cron import AIX_AS_INSTALLED

pytestmark = pytest.mark.daemons  # a browser, node and (for the real run) a subprocess suite: slow

CONSUMERS = Path(__file__).resolve().parent / "consumers"
FIXTURE = CONSUMERS / "fixtures" / "minimal.hdf.json"
HEIMDALL_DIST = CONSUMERS / "node_modules" / "@mitre" / "heimdall-lite" / "dist"
PRELOAD = "/dynamic/predefinedload.json"  # what Heimdall Lite fetches when opened with ?predefinedLoad=true
INSTALL_HINT = "scripts/install-selftest-deps installs it (npm ci --prefix tests_meta/consumers)"

#: The outcomes the hand-written fixture encodes, control by control.
FIXTURE_OUTCOMES = {
    "CRON-05": "pass",
    "CRON-06": "fail",
    "CRON-02": "na",
    "CRON-07": "error",
    "CRON-04": "waived",
    "AT-04": "waived",
}

# What each tool makes of a control, by our outcome. Heimdall: inspecjs ExecControl.compute_status
# (an error result is a Profile Error, impact 0 is Not Applicable). STIG Viewer: hdf-converters'
# ChecklistJsonixConverter.getStatus (impact 0 Not_Applicable, a failed result Open, a passed one
# NotAFinding, anything else Not_Reviewed).
HEIMDALL = {"pass": "Passed", "fail": "Failed", "na": "Not Applicable", "error": "Profile Error"}
CKL = {"pass": "NotAFinding", "fail": "Open", "na": "Not_Applicable", "error": "Not_Reviewed"}
# A waived finding is either run with its results kept (waiver_data.run) or skipped because of the
# waiver (waiver_data.skipped_due_to_waiver), as InSpec does; the tools show the two differently.
WAIVED_RUN = {"heimdall": "Failed", "ckl": "Open"}
WAIVED_SKIPPED = {"heimdall": "Not Applicable", "ckl": "Not_Reviewed"}


# --- the expected statuses, from the run's verdicts ------------------------------------------------


def expected_statuses(outcomes: dict[str, str], hdf: dict[str, Any], tool: str) -> dict[str, str]:
    """Per control, the status `tool` (heimdall or ckl) must show for our outcome."""
    table = HEIMDALL if tool == "heimdall" else CKL
    expected = {}
    for control, outcome in outcomes.items():
        if outcome == "waived":
            expected[control] = (WAIVED_SKIPPED if _skipped_by_waiver(hdf, control) else WAIVED_RUN)[tool]
        else:
            expected[control] = table[outcome]
    return expected


def _skipped_by_waiver(hdf: dict[str, Any], control_id: str) -> bool:
    control = next(c for c in _controls(hdf) if c["id"] == control_id)
    waiver = control.get("waiver_data") or {}
    assert waiver, f"{control_id} is waived in the run but its HDF control has no waiver_data"
    return waiver.get("skipped_due_to_waiver") in (True, "true")


def _controls(hdf: dict[str, Any]) -> list[dict[str, Any]]:
    return [control for profile in hdf["profiles"] for control in profile["controls"]]


def outcomes_from_junit(outcomes: dict[str, str], messages: dict[str, list[str]]) -> dict[str, str]:
    """run_suite's verdicts with pytest's xfail (JUnit `skipped`) read back as waived."""
    result = {}
    for control, outcome in outcomes.items():
        if outcome == "skip":
            assert any("waived:" in m for m in messages[control]), (control, messages[control])
            outcome = "waived"
        result[control] = outcome
    return result


# --- Heimdall Lite ---------------------------------------------------------------------------------


@dataclass
class HeimdallPage:
    """What the Heimdall Lite page showed a person."""

    file_info: str  # Filename, Tool Version, Platform, ...
    cards: dict[str, int]  # Passed, Failed, Not Applicable, Not Reviewed, Profile Error
    waived: int  # the "N Waived Tests" notice (controls skipped because of a waiver)
    rows: dict[str, str]  # control ID -> status, from the results table
    titles: dict[str, str]
    details: dict[str, str]  # control ID -> the text of its opened row (tests and results)
    screenshot: Path


@contextmanager
def heimdall_lite(files: list[Path]) -> Iterator[str]:
    """Heimdall Lite's built app on a free loopback port, with files preloaded as `saf view heimdall` does."""
    assert HEIMDALL_DIST.joinpath("index.html").is_file(), f"{HEIMDALL_DIST} is missing: {INSTALL_HINT}"
    preload = json.dumps([{"filename": f.name, "data": f.read_text()} for f in files]).encode()

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            if urlsplit(self.path).path != PRELOAD:
                super().do_GET()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(preload)))
            self.end_headers()
            self.wfile.write(preload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(HEIMDALL_DIST)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/?predefinedLoad=true"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def open_in_heimdall(hdf: Path, workdir: Path, expand: tuple[str, ...] = ()) -> HeimdallPage:
    browser = shutil.which("chromium")
    assert browser, "chromium is not installed: scripts/install-selftest-deps installs it"
    screenshot = workdir / "heimdall.png"
    with heimdall_lite([hdf]) as url:
        seen = json.loads(
            _node("heimdall.mjs", url, str(screenshot), f"--chromium={browser}", *(f"--expand={c}" for c in expand))
        )
    cards = {}
    for text in seen["cards"]:
        match = re.fullmatch(r"(Passed|Failed|Not Applicable|Not Reviewed): (\d+)", text)
        assert match, f"unexpected status card {text!r}"
        cards[match[1]] = int(match[2])
    cards["Profile Error"] = _notice(seen["alerts"], r"ALERT: (\d+) Profile Errors")  # shown only when there are some
    rows = {row["id"]: row["status"] for row in seen["rows"]}
    assert len(rows) == len(seen["rows"]), f"a control shows twice: {seen['rows']}"
    return HeimdallPage(
        seen["fileInfo"],
        cards,
        _notice(seen["alerts"], r"INFO: (\d+) Waived Tests"),
        rows,
        {row["id"]: row["title"] for row in seen["rows"]},
        seen["expanded"],
        screenshot,
    )


def _notice(alerts: list[str], pattern: str) -> int:
    counts = [int(m[1]) for m in (re.fullmatch(pattern, a) for a in alerts) if m]
    assert len(counts) <= 1, alerts
    return counts[0] if counts else 0


def assert_heimdall_shows(page: HeimdallPage, expected: dict[str, str], waived_skipped: int) -> None:
    assert page.rows == expected, "the results table disagrees with the run"
    assert page.cards == {status: Counter(expected.values())[status] for status in page.cards}, page.cards
    assert sum(page.cards.values()) == len(expected)
    assert page.waived == waived_skipped
    assert page.screenshot.stat().st_size > 0


# --- MITRE's converter to a STIG Viewer checklist --------------------------------------------------


@dataclass
class Vuln:
    vuln_num: str
    rule_ver: str
    title: str
    status: str
    finding_details: str


def to_ckl(hdf: dict[str, Any], workdir: Path, name: str) -> dict[str, Vuln]:
    """Convert with @mitre/hdf-converters and read the checklist back: control ID -> its VULN entry.

    The converter writes one VULN per control, in the profile's order; each must be numbered as
    STIG Viewer will show it: by the control's STIG V-ID (tag `gid`) when the file asks for that
    (`vulidmapping = gid`), else by our control ID. Several of our controls may share one STIG rule.
    """
    source, target = workdir / f"{name}.json", workdir / f"{name}.ckl"
    source.write_text(json.dumps(hdf))
    _node("hdf2ckl.js", str(source), str(target))
    vulns = []
    for vuln in ET.parse(target).getroot().iter("VULN"):
        data = {d.findtext("VULN_ATTRIBUTE"): d.findtext("ATTRIBUTE_DATA") or "" for d in vuln.iter("STIG_DATA")}
        fields = (data["Vuln_Num"], data["Rule_Ver"], data["Rule_Title"])
        vulns.append(Vuln(*fields, vuln.findtext("STATUS") or "", vuln.findtext("FINDING_DETAILS") or ""))
    controls = _controls(hdf)
    assert len(vulns) == len(controls), f"{target}: {len(vulns)} VULN entries for {len(controls)} controls"
    by_gid = hdf.get("passthrough", {}).get("metadata", {}).get("vulidmapping") == "gid"
    numbers = [c["tags"].get("gid", c["id"]) if by_gid else c["id"] for c in controls]
    assert [v.vuln_num for v in vulns] == numbers
    return {control["id"]: vuln for control, vuln in zip(controls, vulns, strict=True)}


def with_stig_references(hdf: dict[str, Any]) -> dict[str, Any]:
    """A copy where every control without a STIG V-ID gets one (test-only, V-900001 on), numbered by it.

    A control that fully checks one STIG rule already carries its gid; one that checks several, or only
    CIS sections, does not (tags.gid is ours to set only when it is unambiguous). The tags are the ones hdf-converters
    reads (gid = V-ID, rid = rule ID, stig_id = STIG ID), and `vulidmapping = gid` makes the
    checklist's Vuln_Num the V-ID, as in a checklist from a real STIG.
    """
    result = copy.deepcopy(hdf)
    for number, control in enumerate(_controls(result), start=900001):
        tags = control.setdefault("tags", {})
        if not tags.get("gid"):
            tags.update(gid=f"V-{number}", rid=f"SV-{number}r1_rule", stig_id=f"SVCAUDIT-{control['id']}")
    metadata = result.setdefault("passthrough", {}).setdefault("metadata", {})
    metadata["vulidmapping"] = "gid"
    metadata.setdefault("profiles", [])  # the converter looks its STIG header metadata up there
    return result


def _node(script: str, *args: str) -> str:
    node = shutil.which("node")
    assert node, f"node is not installed: {INSTALL_HINT}"
    assert (CONSUMERS / "node_modules").is_dir(), f"tests_meta/consumers/node_modules is missing: {INSTALL_HINT}"
    proc = subprocess.run([node, script, *args], cwd=CONSUMERS, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, f"node {script} failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    return proc.stdout


# --- the hand-written fixture: the harness itself --------------------------------------------------


def test_heimdall_lite_shows_the_fixture_controls_and_statuses(tmp_path: Path) -> None:
    hdf = json.loads(FIXTURE.read_text())
    page = open_in_heimdall(FIXTURE, tmp_path, expand=("CRON-06", "CRON-07"))
    assert_heimdall_shows(page, expected_statuses(FIXTURE_OUTCOMES, hdf, "heimdall"), waived_skipped=1)
    assert "Filename: minimal.hdf.json" in page.file_info and "Platform: aix7.3" in page.file_info
    assert "found: /var/spool/cron/crontabs/root: mode 0644" in page.details["CRON-06"]
    assert "NOT ASSESSED: /var/spool/cron/crontabs/adm: not read (fifo)" in page.details["CRON-07"]
    # Every status Heimdall knows for results is on the page: the comparison above is not vacuous.
    assert {s for s, n in page.cards.items() if n} == {"Passed", "Failed", "Not Applicable", "Profile Error"}


def test_the_fixture_converts_to_a_checklist_with_our_statuses(tmp_path: Path) -> None:
    hdf = json.loads(FIXTURE.read_text())
    expected = expected_statuses(FIXTURE_OUTCOMES, hdf, "ckl")
    as_written = to_ckl(hdf, tmp_path, "as-written")  # no STIG reference: each control listed under its own ID
    assert {control: v.status for control, v in as_written.items()} == expected
    checklist = to_ckl(with_stig_references(hdf), tmp_path, "with-stig-references")
    assert {control: v.status for control, v in checklist.items()} == expected
    assert all(v.vuln_num.startswith("V-9") and v.rule_ver == f"SVCAUDIT-{c}" for c, v in checklist.items())
    assert set(expected.values()) == {"Open", "NotAFinding", "Not_Applicable", "Not_Reviewed"}


# --- a real run of the suite, written with --hdf -------------------------------------------------


@dataclass
class RealRun:
    hdf: Path
    outcomes: dict[str, str]  # from JUnit: pass, fail, na, waived, error


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> RealRun:
    workdir = tmp_path_factory.mktemp("hdf-run")
    # The as-installed AIX host, one crontab a FIFO (not read: CRON-07/08 not assessed) and CRON-04 waived.
    root = build(AIX_AS_INSTALLED.changed("aix-hdf", [Absent("/var/spool/cron/crontabs/adm")], {}), workdir / "root")
    os.mkfifo(root / "var/spool/cron/crontabs/adm", 0o600)
    expires = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    profile = workdir / "profile.toml"
    profile.write_text(
        f'[[waivers]]\ncontrol = "CRON-04"\nhosts = ["*"]\njustification = "vendor job scheduler needs it"\nexpires = {expires}\n'
    )
    hdf = workdir / "local.json"
    result = run_suite(["--sysroot", str(root), "--platform", "aix", f"--profile={profile}", f"--hdf={hdf}"], workdir)
    assert hdf.is_file(), result.output[-3000:]
    outcomes = outcomes_from_junit(result.outcomes, result.messages)
    assert set(outcomes.values()) == {"pass", "fail", "na", "waived", "error"}, outcomes  # every outcome kind
    return RealRun(hdf, outcomes)


def test_heimdall_lite_shows_a_real_run_as_it_was(real_run: RealRun, tmp_path: Path) -> None:
    hdf = json.loads(real_run.hdf.read_text())
    page = open_in_heimdall(real_run.hdf, tmp_path, expand=("CRON-06", "CRON-07"))
    expected = expected_statuses(real_run.outcomes, hdf, "heimdall")
    skipped = sum(1 for c, o in real_run.outcomes.items() if o == "waived" and _skipped_by_waiver(hdf, c))
    assert_heimdall_shows(page, expected, waived_skipped=skipped)
    assert page.titles == {control: CONTROLS[control].title for control in expected}
    assert f"Filename: {real_run.hdf.name}" in page.file_info and "Platform: aix" in page.file_info
    # The auditor who opens a control reads our evidence, not a Python traceback.
    assert "/var/spool/cron/crontabs/root: mode 0644" in page.details["CRON-06"]
    assert "not read (fifo)" in page.details["CRON-07"]
    assert not any("Traceback" in text or "def test_" in text for text in page.details.values()), page.details


def test_a_real_run_converts_to_a_checklist_with_its_statuses_and_evidence(real_run: RealRun, tmp_path: Path) -> None:
    hdf = json.loads(real_run.hdf.read_text())
    expected = expected_statuses(real_run.outcomes, hdf, "ckl")
    as_written = to_ckl(hdf, tmp_path, "as-written")
    assert {control: entry.status for control, entry in as_written.items()} == expected
    by_control = to_ckl(with_stig_references(hdf), tmp_path, "with-stig-references")
    assert {control: entry.status for control, entry in by_control.items()} == expected
    assert {control: entry.title for control, entry in by_control.items()} == {c: CONTROLS[c].title for c in expected}
    assert set(expected.values()) == {"Open", "NotAFinding", "Not_Applicable", "Not_Reviewed"}
    # A control that fully checks one STIG rule is that rule's VULN: its V-ID and STIG ID, not a test-only number.
    identities = {c: hdf_tags.reference_tags(CONTROLS[c].references) for c in expected}
    real = {c: (t["gid"], t["stig_id"]) for c, t in identities.items() if "gid" in t}
    assert real["CRON-04"] == ("V-245560", "AIX7-00-002143") and len(real) >= 8, real
    assert {c: (by_control[c].vuln_num, by_control[c].rule_ver) for c in real} == real
    # The auditor reads our evidence in the checklist's finding details.
    assert "/var/spool/cron/crontabs/root: mode 0644" in by_control["CRON-06"].finding_details
    assert "not read (fifo)" in by_control["CRON-07"].finding_details
