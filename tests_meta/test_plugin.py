"""The plugin as pytest sees it: registered by entry point, inert in other suites, wiring in ours.

pytester runs pytest in this process wherever a subprocess is not needed; the command-line
forms a user types (`pytest --sysroot DIR --platform aix`, `pytest --replay DIR`) run in one.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from svcaudit import cmdline
from svcaudit.controls.catalog import CONTROLS
from svcaudit.outcomes import defect
from tests_meta.support.scenario import File, build, run_suite
from tests_meta.support.scenarios_cron import AIX_HARDENED, CRON_IDS
from tests_meta.support.scenarios_ftp_snmp import AIX_FTPUSERS
from tests_meta.support.scenarios_ftp_snmp import AIX_HARDENED as AIX_FTP_HARDENED

pytest_plugins = ["pytester"]

#: A user's own suite: a fixture named like ours, a severity-named marker, a test needing a fixture nobody defines.
UNRELATED = {
    "conftest.py": """
import json
import pytest

@pytest.fixture
def target():
    return "mine"

def pytest_sessionfinish(session):
    config = session.config
    seen = {"dist": getattr(config.option, "dist", None), "markers": sorted(config.getini("markers")),
            "svcaudit": sorted(n for n, _ in config.pluginmanager.list_name_plugin() if n and n.startswith("svcaudit-"))}
    with open("seen.json", "w") as out:
        json.dump(seen, out)
""",
    "test_theirs.py": """
import pytest

def test_own_target(target):
    assert target == "mine"

@pytest.mark.high
def test_marked():
    pass

def test_needs_profile(profile):
    pass
""",
}


def _run(pytester: pytest.Pytester, *args: str) -> tuple[pytest.RunResult, dict[str, object]]:
    result = pytester.runpytest(*args)
    seen = json.loads((pytester.path / "seen.json").read_text())
    return result, seen


def test_the_plugin_is_registered_by_entry_point() -> None:
    found = [e for e in entry_points(group="pytest11") if e.value == "svcaudit.plugin"]
    assert [e.name for e in found] == ["svcaudit"]


def test_an_unrelated_suite_runs_exactly_as_without_the_plugin(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(**{name.removesuffix(".py"): text for name, text in UNRELATED.items()})
    for args in ((), ("--strict-markers",)):
        with_plugin, seen_with = _run(pytester, "-p", "no:randomly", *args)
        without, seen_without = _run(pytester, "-p", "no:randomly", "-p", "no:svcaudit", *args)
        assert with_plugin.ret == without.ret
        assert with_plugin.parseoutcomes() == without.parseoutcomes()
        assert seen_with == seen_without and seen_with["svcaudit"] == []
        assert "svcaudit hosts" not in with_plugin.stdout.str()
    with_plugin.stdout.fnmatch_lines(["*'high' not found in `markers`*"])  # --strict-markers: no marker of ours added
    plain, _ = _run(pytester, "-p", "no:randomly")
    plain.assert_outcomes(passed=2, errors=1)  # `profile` stays unknown to their tests
    plain.stdout.fnmatch_lines(["*fixture 'profile' not found*"])


def test_an_unrelated_suite_keeps_its_xdist_distribution(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(**{name.removesuffix(".py"): text for name, text in UNRELATED.items()})
    quiet = ("-p", "no:randomly", "-p", "no:benchmark", "-n", "2")
    _, seen_with = _run(pytester, *quiet)
    _, seen_without = _run(pytester, *quiet, "-p", "no:svcaudit")
    assert seen_with["dist"] == seen_without["dist"] == "load"


def test_a_control_folder_turns_the_plugin_on(pytester: pytest.Pytester) -> None:
    pytester.mkdir("tests_cron").joinpath("test_probe.py").write_text(
        "def test_target(target):\n    assert target.name == 'local'\n"
    )
    pytester.runpytest("-p", "no:randomly", "tests_cron").assert_outcomes(passed=1)
    pytester.mkdir("elsewhere").joinpath("test_probe.py").write_text("def test_target(target):\n    pass\n")
    result = pytester.runpytest("-p", "no:randomly", "elsewhere")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'target' not found*"])


@pytest.mark.parametrize(
    "args, words",
    [
        (("--replay=EMPTY",), "--replay EMPTY: no *.json facts files"),
        (("--sysroot=/nonexistent/tree",), "--sysroot /nonexistent/tree: not a directory"),
        (("--hosts-file=/nonexistent/hosts",), "--hosts-file /nonexistent/hosts:"),
        (("--profile=/nonexistent/profile.toml",), "/nonexistent/profile.toml"),
    ],
)
def test_bad_input_stops_an_active_run_with_one_line(pytester: pytest.Pytester, args: tuple[str, ...], words: str) -> None:
    empty = pytester.mkdir("facts")
    args = tuple(a.replace("EMPTY", str(empty)) for a in args)
    result = pytester.runpytest("-p", "no:randomly", *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = [line for line in result.stderr.lines if line.startswith("ERROR:")]
    assert len(errors) == 1 and words.replace("EMPTY", str(empty)) in errors[0], result.stderr.str()
    assert "Traceback" not in result.stderr.str() + result.stdout.str()


CONTROL_TEST = """
import pytest
from svcaudit.controls.checks import verdict

@pytest.mark.control("CRON-01")
def test_with_caveats(target):
    verdict("cron.allow lists only admins", [], ["/var/adm/cron/cron.allow:3: ignored (two names): root bin"])

@pytest.mark.control("CRON-02")
def test_plain(target):
    verdict("nothing to see", [])
"""


def test_notes_of_a_passing_control_reach_every_report(pytester: pytest.Pytester) -> None:
    pytester.mkdir("tests_cron").joinpath("test_notes.py").write_text(CONTROL_TEST)
    result = pytester.runpytest(
        "-p",
        "no:randomly",
        "tests_cron",
        "--results-json=results.json",
        "--junitxml=junit.xml",
        "--html=report.html",
        "--self-contained-html",
    )
    result.assert_outcomes(passed=2)
    note = "/var/adm/cron/cron.allow:3: ignored (two names): root bin"
    result.stdout.fnmatch_lines([f"local: CRON-01: passed with caveats: {note}"])
    assert "CRON-02: passed with caveats" not in result.stdout.str()
    results = {r["control"]: r for r in json.loads((pytester.path / "results.json").read_text())["results"]}
    assert results["CRON-01"]["notes"] == [note] and results["CRON-01"]["outcome"] == "pass"
    assert results["CRON-02"]["notes"] == []
    props = {
        case.get("name"): {p.get("name"): p.get("value") for p in case.iter("property")}
        for case in ET.parse(pytester.path / "junit.xml").getroot().iter("testcase")
    }
    assert props["test_with_caveats[local]"]["notes"] == note
    assert "notes" not in props["test_plain[local]"]
    assert f"note: {note}" in (pytester.path / "report.html").read_text()


CRASHING_CONTROL = """
import pytest

@pytest.mark.control("CRON-01")
def test_crashes(target):
    {}["mode"]
"""


@pytest.mark.parametrize(
    "exc, is_defect",
    [
        (KeyError("mode"), True),
        (TypeError("bug"), True),
        (AssertionError("expected: x"), False),
        (pytest.skip.Exception("N/A: no crontab"), False),
        (pytest.fail.Exception("failed"), False),
        (pytest.xfail.Exception("waived"), False),
    ],
)
def test_only_exceptions_of_ours_are_defects(exc: BaseException, is_defect: bool) -> None:
    """pytest's own outcomes (an N/A skip above all) are never taken for a crash."""
    assert defect(exc) is is_defect


def test_a_control_that_crashes_is_not_assessed_never_a_finding(pytester: pytest.Pytester) -> None:
    """A defect of ours says nothing about the host: not assessed everywhere, with its traceback kept."""
    pytester.mkdir("tests_cron").joinpath("test_crash.py").write_text(CRASHING_CONTROL)
    waiver = '[[waivers]]\ncontrol = "CRON-01"\njustification = "accepted"\nexpires = 2999-01-01\n'
    pytester.path.joinpath("site.toml").write_text(waiver)
    result = pytester.runpytest(
        "-p", "no:randomly", "tests_cron", "--results-json=r.json", "--junitxml=j.xml", "--profile=site.toml"
    )
    result.assert_outcomes(failed=1)
    (entry,) = json.loads((pytester.path / "r.json").read_text())["results"]
    assert entry["outcome"] == "error" and "KeyError" in entry["evidence"] and "defect of the suite" in entry["evidence"]
    failure = ET.parse(pytester.path / "j.xml").getroot().find(".//failure")
    assert failure is not None
    text = (failure.get("message") or "") + (failure.text or "")
    assert "NOT ASSESSED" in text and "KeyError" in text and '{}["mode"]' in text  # the traceback stays


def test_results_json_entries_carry_the_record(pytester: pytest.Pytester) -> None:
    pytester.mkdir("tests_cron").joinpath("test_notes.py").write_text(CONTROL_TEST)
    pytester.runpytest("-p", "no:randomly", "tests_cron", "--results-json=results.json").assert_outcomes(passed=2)
    for entry in json.loads((pytester.path / "results.json").read_text())["results"]:
        record = CONTROLS[entry["control"]]
        assert entry["references"] == [r.as_dict() for r in record.references]
        assert (entry["severity"], entry["title"]) == (record.severity, record.title)
        assert isinstance(entry["notes"], list)


def test_space_separated_paths_are_written_joined() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--sysroot")
    parser.add_argument("--platform", choices=("aix", "linux"))
    parser.add_argument("--list-controls", action="store_true")
    parser.add_argument("-k")
    args = ["--sysroot", "/mnt/img", "--list-controls", "-k", "CRON", "--platform", "aix", "tests_cron"]
    assert cmdline.joined(parser, args) == ["--sysroot=/mnt/img", "--list-controls", "-k", "CRON", "--platform=aix", "tests_cron"]
    assert cmdline.spaced(args, frozenset({"--sysroot"})) and not cmdline.spaced(["--sysroot=/x"], frozenset({"--sysroot"}))


def test_an_in_process_run_that_pytest_misread_says_how_to_write_it(pytester: pytest.Pytester, tmp_path: Path) -> None:
    pytester.makeini("[pytest]\ntestpaths = tests_cron\n")
    pytester.mkdir("tests_cron").joinpath("test_notes.py").write_text(CONTROL_TEST)
    outside = tmp_path / "image"
    outside.mkdir()
    result = pytester.runpytest("-p", "no:randomly", "--sysroot", str(outside))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: pytest took an option's value for a test path*--sysroot={outside}*"])


# -- the command lines a user types, from the repository root (subprocess) ---------------------


def test_space_separated_sysroot_and_replay_work_without_a_test_path(tmp_path: Path) -> None:
    tree = build(AIX_HARDENED, tmp_path / "root")
    facts = tmp_path / "facts"
    first = run_suite(["--sysroot", str(tree), "--platform", "aix", "--record", str(facts)], tmp_path, folders=())
    assert first.returncode in (0, 1), first.output[-3000:]
    cron = {c: o for c, o in first.outcomes.items() if c in CRON_IDS}
    assert cron == AIX_HARDENED.expect
    assert {c.split("-")[0] for c in first.outcomes} == {"FTP", "MAIL", "SMTP", "SNMP", "CRON", "AT"}  # the ini testpaths
    again = run_suite(["--replay", str(facts)], tmp_path, folders=())
    assert again.outcomes == first.outcomes, again.output[-3000:]
    assert not list(tree.rglob(".pytest_cache"))  # the image is never written


def test_a_passing_control_with_a_malformed_line_says_so_everywhere(tmp_path: Path) -> None:
    scenario = AIX_FTP_HARDENED.changed(
        "aix-ftpusers-odd-line", [File("/etc/ftpusers", AIX_FTPUSERS + "root bin\n", 0o640, "root", "system")], {}
    )
    tree = build(scenario, tmp_path / "root")
    out = tmp_path / "results.json"
    result = run_suite([f"--sysroot={tree}", "--platform=aix", f"--results-json={out}"], tmp_path, folders=("tests_ftp",))
    assert result.outcomes["FTP-05"] == "pass", result.output[-3000:]
    entry = next(r for r in json.loads(out.read_text())["results"] if r["control"] == "FTP-05")
    assert entry["notes"] and "/etc/ftpusers:14" in entry["notes"][0] and "root bin" in entry["notes"][0]
    assert "local: FTP-05: passed with caveats: /etc/ftpusers:14" in result.output
    ftp05 = next(p for p in result.properties if p.get("control") == "FTP-05")
    assert ftp05["notes"] == "\n".join(entry["notes"])
    assert entry["references"] == [r.as_dict() for r in CONTROLS["FTP-05"].references]
    case = next(c for c in ET.parse(tmp_path / "junit.xml").iter("testcase") if "ftpusers_denies" in c.get("name", ""))
    junit_refs = [p.get("value") for p in case.iter("property") if p.get("name") == "reference"]
    assert junit_refs == [r.text() for r in CONTROLS["FTP-05"].references] and len(junit_refs) == 3
