"""The real-world corpus: whole hosts built from real configuration files, run through the suite.

Each host of tests_meta/support/realworld.py is built for real and the suite runs on it once
(`--sysroot` + `--platform`, every control folder); every control's verdict is then its own test
case, so a control the suite gets wrong on a real file shows by name. Known suite defects are
xfail(strict=True): when the suite is fixed they pass and the mark must go.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from svcaudit.controls.catalog import CONTROLS
from tests_meta.support import realworld
from tests_meta.support.scenario import Scenario, SuiteResult, build, run_suite

_RESULTS: dict[str, SuiteResult] = {}


def _run_host(host: Scenario, workdir: Path) -> SuiteResult:
    if host.name not in _RESULTS:
        args = ["--sysroot", str(build(host, workdir / "root")), "--platform", host.platform]
        if host.profile:
            profile = workdir / "profile.toml"
            profile.write_text(host.profile)
            args += ["--profile", str(profile)]
        _RESULTS[host.name] = run_suite(args, workdir, realworld.FOLDERS)
    return _RESULTS[host.name]


def _cases() -> list:
    cases = []
    for host in realworld.HOSTS:
        defects = realworld.DEFECTS.get(host.name, {})
        for control in sorted(realworld.EXPECT[host.name]):
            marks = [pytest.mark.xfail(strict=True, reason=f"suite defect: {defects[control]}")] if control in defects else []
            cases.append(pytest.param(host, control, marks=marks, id=f"{host.name}:{control}"))
    return cases


@pytest.mark.parametrize("host, control", _cases())
def test_corpus_verdict(host: Scenario, control: str, tmp_path: Path) -> None:
    result = _run_host(host, tmp_path)
    assert control in result.outcomes, f"{host.name}: no verdict for {control}\n{result.output[-3000:]}"
    verdict, reason = realworld.EXPECT[host.name][control]
    got = result.outcomes[control]
    assert got == verdict, f"{host.name} {control}: expected {verdict} ({reason}), suite says {got}\n{result.messages[control]}"


@pytest.mark.parametrize("host", realworld.HOSTS, ids=[h.name for h in realworld.HOSTS])
def test_corpus_host_costs_at_most_three_remote_commands(host: Scenario, tmp_path: Path) -> None:
    commands = _run_host(host, tmp_path).remote_commands()
    assert commands and max(commands) <= 3, commands


def test_every_control_has_an_expectation_on_every_host() -> None:
    """A new control cannot skip the corpus: each catalog control needs a verdict and a reason on each host."""
    missing = {h.name: sorted(set(CONTROLS) - set(realworld.EXPECT[h.name])) for h in realworld.HOSTS}
    assert not any(missing.values()), f"add the expected verdict (and a one-line reason) to realworld.EXPECT: {missing}"
    stale = {h.name: sorted(set(realworld.EXPECT[h.name]) - set(CONTROLS)) for h in realworld.HOSTS}
    assert not any(stale.values()), stale
    for host in realworld.HOSTS:
        for control, (verdict, reason) in realworld.EXPECT[host.name].items():
            assert verdict in {"pass", "fail", "na", "error"} and reason.strip(), (host.name, control)
        assert set(realworld.DEFECTS.get(host.name, {})) <= set(CONTROLS)


def test_at_least_eight_hosts_on_several_platforms() -> None:
    assert len(realworld.HOSTS) >= 8
    assert {h.platform for h in realworld.HOSTS} == {"aix", "linux"}
    assert len({h.name for h in realworld.HOSTS}) == len(realworld.HOSTS)


def test_provenance_lists_every_corpus_file_with_its_sha256() -> None:
    """PROVENANCE.md names every file of the corpus with the sha256 of its bytes."""
    text = (realworld.CORPUS / "PROVENANCE.md").read_text()
    listed = dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", text, re.M))
    files = {
        str(p.relative_to(realworld.CORPUS)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(realworld.CORPUS.rglob("*"))
        if p.is_file() and p.name not in {"PROVENANCE.md", "extract_debian.sh"}
    }
    assert sorted(set(files) - set(listed)) == [], "files missing from PROVENANCE.md"
    assert sorted(set(listed) - set(files)) == [], "PROVENANCE.md lists files that are not in the corpus"
    wrong = {f: (listed[f], files[f]) for f in files if listed[f] != files[f]}
    assert not wrong, f"sha256 in PROVENANCE.md differs from the file: {wrong}"
