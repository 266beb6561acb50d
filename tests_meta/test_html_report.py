"""The HTML report a person reads at a glance: the controls x hosts matrix, family bars, profiles and waivers, logs in words.

The parts are checked as functions on plain result dicts (fast tier), then on a real three-host
run (a hardened host, a host as installed with a waiver and an expired one, an unreachable host)
rendered by headless Chromium: the DOM it builds and a screenshot of the page.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from PIL import Image

from svcaudit.controls.catalog import CONTROLS
from svcaudit.outcomes import OUTCOMES
from svcaudit.profile import Waiver
from svcaudit.reports import html as report_html
from tests_meta.support.scenario import build, run_suite
from tests_meta.support.scenarios_cron import AIX_AS_INSTALLED, AIX_HARDENED, CRON_IDS
from tests_meta.test_gates import CHROMIUM_FLAGS

TODAY = datetime.date.today()
LATER = TODAY + datetime.timedelta(days=30)
EARLIER = TODAY - datetime.timedelta(days=1)
#: The Python source and traceback markers pytest puts in a failure's long report.
SOURCE_MARKERS = ("def test_", "Traceback", "facts = HostFacts(", "profile = Profile(", "@pytest.mark")


def _result(host: str, control: str, outcome: str, **extra: Any) -> dict[str, Any]:
    return {"host": host, "control": control, "outcome": outcome, "evidence": "", "notes": [], "waiver": "", **extra}


def _soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def _cell(table: Tag, control: str, host: str) -> Tag:
    row = table.select_one(f'tr[data-control="{control}"]')
    assert row is not None, control
    found = [td for td in row.select("td.svc-cell") if td["data-host"] == host]
    assert len(found) == 1, (control, host)
    return found[0]


# -- the parts, on plain results (fast tier) -----------------------------------------------------------
def test_labels_and_colours_tell_every_outcome_apart() -> None:
    assert set(report_html.LABELS) == set(report_html.COLOURS) == set(report_html.MEANINGS) == set(OUTCOMES)
    assert len(set(report_html.LABELS.values())) == len(OUTCOMES)
    assert len({bg for bg, _ in report_html.COLOURS.values()}) == len(OUTCOMES)


def test_matrix_cells_are_labelled_linked_and_show_the_worst_of_several_runs() -> None:
    results = {
        "tests_mail/test_aliases.py::test_owner[h1-/etc/aliases]": _result("h1", "MAIL-06", "pass"),
        "tests_mail/test_aliases.py::test_owner[h1-/etc/mail/aliases]": _result("h1", "MAIL-06", "fail", evidence="mode 0666"),
        "tests_mail/test_aliases.py::test_owner[h1-/opt/aliases]": _result("h1", "MAIL-06", "na"),
        "tests_mail/test_aliases.py::test_owner[h2-/etc/aliases]": _result("h2", "MAIL-06", "waived", waiver="waived: x"),
        "tests_mail/test_aliases.py::test_dir[h1]": _result("h1", "MAIL-07", "error", evidence="<unreadable>"),
    }
    table = _soup(report_html.matrix(results, ["h1", "h2"])).select_one("#svcaudit-matrix")
    assert table is not None
    assert [th.get_text() for th in table.select("thead th.svc-host")] == ["h1", "h2"]
    assert [tr["data-control"] for tr in table.select("tbody tr")] == ["MAIL-06", "MAIL-07"]  # catalog order
    worst = _cell(table, "MAIL-06", "h1")
    assert worst["data-outcome"] == "fail" and "svc-fail" in worst["class"]
    assert worst.get_text(" ", strip=True) == "FAIL (1 of 3)"
    link = worst.select_one("a")
    assert link is not None
    assert link["href"] == "#" + report_html.anchor("tests_mail/test_aliases.py::test_owner[h1-/etc/mail/aliases]")
    assert _cell(table, "MAIL-06", "h2").get_text(strip=True) == "WAIVED"
    assert _cell(table, "MAIL-07", "h1").get_text(strip=True) == "NOT ASSESSED"
    missing = _cell(table, "MAIL-07", "h2")
    assert missing["data-outcome"] == "none" and missing.get_text(strip=True) == "not run"
    row = table.select_one('tr[data-control="MAIL-06"]')
    assert row is not None and "Aliases files owned by root" in row.get_text()
    refs = [li.get_text() for li in row.select("ul.svc-refs li")]
    assert refs == [r.text() for r in CONTROLS["MAIL-06"].references] and "V-831" in refs[0]


def test_matrix_escapes_host_names_and_evidence() -> None:
    markup = report_html.matrix({"t[x]": _result("<b>h</b>", "CRON-01", "fail", evidence='"><script>')}, ["<b>h</b>"])
    assert "<b>h</b>" not in markup and "<script>" not in markup and "&lt;b&gt;h&lt;/b&gt;" in markup


def test_family_bars_count_every_outcome() -> None:
    results = [_result("h", "CRON-01", "fail"), _result("h", "CRON-02", "na"), _result("h2", "CRON-01", "fail")]
    results += [_result("h", "AT-01", "pass")]
    soup = _soup(report_html.family_summary(results))
    cron = soup.select_one('tr[data-family="CRON"]')
    assert cron is not None and "2 FAIL, 1 N/A" in cron.get_text()
    assert [r["class"] for r in cron.select("svg rect")] == [["svc-bar-fail"], ["svc-bar-na"]]
    widths = [float(r["width"]) for r in cron.select("svg rect")]
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.5)
    assert [tr["data-family"] for tr in soup.select("tr")] == ["CRON", "AT"]


def test_waivers_show_hosts_effect_and_expiry() -> None:
    declared = [
        Waiver("CRON-04", ("lpar-*",), "vendor scheduler", LATER, "CHG-1", 3),
        Waiver("CRON-06", ("*",), "old exception", EARLIER, "", 9),
    ]
    results = [
        _result("lpar-a", "CRON-04", "waived", waiver="waived: vendor scheduler"),
        _result("lpar-a", "CRON-06", "fail", waiver=f"expired on {EARLIER}"),
        _result("db", "CRON-06", "pass", waiver="waiver no longer needed"),
    ]
    table = _soup(report_html.waivers(declared, ["db", "lpar-a"], results, TODAY)).select_one("#svcaudit-waivers")
    assert table is not None
    active, expired = table.select("tr[data-control]")
    assert "svc-active" in active["class"] and "EXPIRED" not in active.get_text()
    assert "lpar-a: waived" in active.get_text() and "db" not in active.get_text() and "CHG-1" in active.get_text()
    assert "svc-expired" in expired["class"] and "EXPIRED" in expired.get_text()
    assert "lpar-a: expired: the finding stands" in expired.get_text() and "db: not needed" in expired.get_text()
    none = _soup(report_html.waivers([], ["db"], [], TODAY)).get_text()
    assert "No waivers" in none


def test_profile_table_lists_values_changed_from_the_defaults() -> None:
    from svcaudit.profile import defaults

    values = defaults()
    values["cron"]["dir_mode"] = 0o770
    hosts = {"h": {"profile": {"source": "site.toml", "matched": ["h*"], "values": values}}}
    text = _soup(report_html.profiles(hosts)).get_text(" ")
    assert "site.toml" in text and '[hosts."h*"]' in text and "cron.dir_mode = 0o770" in text
    assert "scan." not in text


@pytest.mark.parametrize(
    "outcome, message, words",
    [
        (
            "fail",
            "expected: mode <= 0600\nfound:\n  /x: mode 0644\nfix: chmod 600 /x",
            ["FAIL: CRON-06 on h", "expected:", "fix:"],
        ),
        (
            "waived",
            "expected: a\nfound:\n  b\nfix: c",
            ["WAIVED", "waived: why (expires", "the finding:", "expected: a", "fix: c"],
        ),
        ("na", "", ["N/A: CRON-02 on h", "N/A: neither file exists"]),
        ("error", "", ["NOT ASSESSED: CRON-07 on h", "Permission denied"]),
    ],
)
def test_a_control_log_is_words_not_source(outcome: str, message: str, words: list[str]) -> None:
    control = {"fail": "CRON-06", "waived": "CRON-04", "na": "CRON-02", "error": "CRON-07"}[outcome]
    evidence = {"na": "N/A: neither file exists", "error": "/var/spool: Permission denied"}.get(outcome, "capped")
    result = _result("h", control, outcome, evidence=evidence, waiver="waived: why (expires 2099-01-01)")
    text = report_html.log_text(result, message)
    for word in words:
        assert word in text
    assert not any(marker in text for marker in SOURCE_MARKERS)


# -- a real three-host run in a real browser (daemons tier) ---------------------------------------------
#: JUnit's word for each outcome (read_junit: a waived control is pytest's xfail, reported as skipped).
FROM_JUNIT = {"pass": "pass", "fail": "fail", "na": "na", "skip": "waived", "error": "error"}
HOSTS = ("ssh://scenario", "ssh://scenario2", "ssh://unreachable")


def _waiver(control: str, host: str, justification: str, expires: datetime.date, ticket: str = "") -> str:
    return (
        f'[[waivers]]\ncontrol = "{control}"\nhosts = ["{host}"]\njustification = "{justification}"\n'
        f'expires = {expires.isoformat()}\nticket = "{ticket}"\n'
    )


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    browser = shutil.which("chromium")
    assert browser, "chromium is not installed: scripts/install-selftest-deps installs it"
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp_path)
    return subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def fleet_report(tmp_path_factory: pytest.TempPathFactory, sshd) -> tuple[Path, dict[str, dict[str, str]], Path]:
    """A hardened host, a host as installed (CRON-04 waived, CRON-06's waiver expired), an unreachable host."""
    tmp_path = tmp_path_factory.mktemp("fleet-html")
    hardened = build(AIX_HARDENED, tmp_path / "hardened")
    installed = build(AIX_AS_INSTALLED, tmp_path / "installed")
    profile = tmp_path / "fleet.toml"
    profile.write_text(
        f'[hosts."ssh://scenario".scan]\nsysroot = "{hardened}"\n[hosts."ssh://scenario2".scan]\nsysroot = "{installed}"\n\n'
        + _waiver("CRON-04", "ssh://scenario2", "vendor scheduler writes its crontab as group cron", LATER, "CHG-1234")
        + _waiver("CRON-06", "ssh://scenario2", "old exception", EARLIER)
    )
    report = tmp_path / "report.html"
    result = run_suite(
        [
            "--hosts=" + ",".join(HOSTS),
            f"--ssh-config={sshd.config}",
            "--platform",
            "aix",
            f"--profile={profile}",
            f"--html={report}",
            "--self-contained-html",
        ],
        tmp_path,
    )
    expected = {h: {c: FROM_JUNIT[o] for c, o in result.by_host[h].items()} for h in HOSTS}
    # The run itself is what the scenarios say: every outcome kind is there to be drawn.
    assert expected["ssh://scenario"] == AIX_HARDENED.expect
    assert expected["ssh://scenario2"] == {**AIX_AS_INSTALLED.expect, "CRON-04": "waived"}
    assert expected["ssh://unreachable"] == {c: "error" for c in CRON_IDS}
    return report, expected, tmp_path


def test_matrix_in_the_browser_shows_every_host_and_control_with_working_links(fleet_report) -> None:
    report, expected, tmp_path = fleet_report
    proc = _chromium(tmp_path, "--dump-dom", report.as_uri())
    dom = _soup(proc.stdout)
    table = dom.select_one("#svcaudit-matrix")
    assert table is not None, proc.stderr[-2000:]
    assert [th.get_text() for th in table.select("th.svc-host")] == sorted(HOSTS)
    assert [tr["data-control"] for tr in table.select("tbody tr")] == CRON_IDS
    seen = set()
    for host, outcomes in expected.items():
        for control, outcome in outcomes.items():
            cell = _cell(table, control, host)
            assert (cell["data-outcome"], cell.get_text(strip=True)) == (outcome, report_html.LABELS[outcome]), (host, control)
            assert f"svc-{outcome}" in cell["class"]
            link = cell.select_one("a")
            assert link is not None and link["href"].startswith("#")
            # The link lands on the result row of this control on this host, rendered by pytest-html's script.
            target = dom.find(id=link["href"][1:])
            assert isinstance(target, Tag) and "col-control" in target["class"] and target.get_text() == control
            row = target.find_parent("tr")
            assert row is not None
            host_cell = row.select_one("td.col-host")
            assert host_cell is not None and host_cell.get_text() == host
            seen.add(outcome)
    assert seen == set(OUTCOMES)
    families = dom.select_one("#svcaudit-families")
    assert families is not None and [tr["data-family"] for tr in families.select("tr")] == ["CRON", "AT"]
    assert families.select("svg rect.svc-bar-error") and families.select("svg rect.svc-bar-waived")
    waivers = dom.select_one("#svcaudit-waivers")
    assert waivers is not None
    active = waivers.select_one('tr[data-control="CRON-04"]')
    expired = waivers.select_one('tr[data-control="CRON-06"]')
    assert active is not None and "CHG-1234" in active.get_text() and "ssh://scenario2: waived" in active.get_text()
    assert expired is not None and "svc-expired" in expired["class"] and "EXPIRED" in expired.get_text()
    profiles = dom.select_one("#svcaudit-profiles")
    assert profiles is not None and all(h in profiles.get_text() for h in HOSTS)
    assert "scan.sysroot" in profiles.get_text()


def test_failure_text_in_the_report_is_evidence_and_fix_not_python(fleet_report) -> None:
    report, expected, tmp_path = fleet_report
    # Every log, collapsed or not, is in the page's data, and none carries a line of Python source.
    raw = report.read_text()
    assert not any(marker in raw for marker in SOURCE_MARKERS)
    assert "Skipped: N/A" not in raw
    dom = _soup(_chromium(tmp_path, "--dump-dom", report.as_uri()).stdout)
    failed = dom.select("tbody.failed")
    assert len(failed) == sum(o == "fail" for outcomes in expected.values() for o in outcomes.values())
    for body in failed:
        log = body.select_one("div.log")
        assert log is not None
        text = log.get_text()
        assert "expected:" in text and "found:" in text and "fix:" in text, text
        assert not any(line.startswith(">") for line in text.splitlines()), text
    skipped = [b.select_one("div.log") for b in dom.select("tbody.skipped")]
    assert skipped and all(log is not None and "N/A: " in log.get_text() and "('" not in log.get_text() for log in skipped)
    waived = [b.select_one("div.log") for b in dom.select("tbody.xfailed")]
    assert len(waived) == 1 and waived[0] is not None
    assert "waived: vendor scheduler" in waived[0].get_text() and "fix:" in waived[0].get_text()


def test_screenshot_shows_the_matrix_in_colour(fleet_report) -> None:
    report, expected, tmp_path = fleet_report
    shot = tmp_path / "matrix.png"
    proc = _chromium(tmp_path, "--window-size=1400,1400", "--hide-scrollbars", f"--screenshot={shot}", report.as_uri())
    assert shot.exists(), proc.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20  # not a blank page
    painted = {rgb: n for n, rgb in colours}
    cells = [o for outcomes in expected.values() for o in outcomes.values()]
    for outcome, (background, _) in report_html.COLOURS.items():
        rgb = tuple(int(background[i : i + 2], 16) for i in (1, 3, 5))
        # Each matrix cell is at least 60 x 12 pixels of its colour: the legend and bars alone are far less.
        assert painted.get(rgb, 0) >= 60 * 12 * cells.count(outcome), (outcome, painted.get(rgb, 0))
