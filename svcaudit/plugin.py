"""pytest wiring: options, targets, the facts fixture, report properties and the summary.

Behaviour lives in the modules this file calls; here is only what connects them to pytest.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from svcaudit.catalog import CONTROLS
from svcaudit.collect import CollectionError
from svcaudit.facts import HostFacts, NotAssessed
from svcaudit.gather import gather
from svcaudit.live import LiveProbes, backend_address, probe_address
from svcaudit.profile import Profile, ProfileError, ProfileFile, load

PROFILE_KEY = pytest.StashKey[ProfileFile]()
FACTS_KEY = pytest.StashKey[dict]()
TARGETS_KEY = pytest.StashKey[list]()
PROBES_KEY = pytest.StashKey[dict]()


@dataclass(frozen=True)
class Target:
    """One host to check: a testinfra host spec, or a recorded facts file."""

    name: str
    spec: object = None  # a testinfra Host
    replay: str = ""
    address: str | None = None  # where live probes go unless the profile says otherwise

    def __str__(self) -> str:
        return self.name


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("svcaudit", "svcaudit service hardening checks")
    group.addoption("--sysroot", metavar="DIR", default="", help="check the file tree under DIR instead of /; owner names come from DIR/etc/passwd and DIR/etc/group")
    group.addoption("--platform", choices=("auto", "aix", "linux"), default="auto", help="target platform (default: auto-detect)")
    group.addoption("--profile", metavar="FILE", default=None, help="TOML profile overriding the seed's defaults")
    group.addoption("--record", metavar="DIR", default="", help="save each host's collected facts as DIR/<host>.json")
    group.addoption("--replay", metavar="DIR", default="", help="evaluate saved facts from DIR instead of contacting hosts")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "control(id): the catalog control this test implements")
    try:
        config.stash[PROFILE_KEY] = load(config.getoption("profile"))
    except ProfileError as exc:
        raise pytest.UsageError(str(exc)) from None
    sysroot = config.getoption("sysroot")
    if sysroot and not Path(sysroot).is_dir():
        raise pytest.UsageError(f"--sysroot {sysroot}: not a directory")
    replay = config.getoption("replay")
    if replay and not Path(replay).is_dir():
        raise pytest.UsageError(f"--replay {replay}: not a directory")
    if replay and config.getoption("hosts"):
        raise pytest.UsageError("--replay evaluates saved facts; it cannot be combined with --hosts")
    config.stash[FACTS_KEY] = {}
    config.stash[PROBES_KEY] = {}
    config.pluginmanager.register(HostSummary(), "svcaudit-host-summary")
    config.stash[TARGETS_KEY] = _targets(config)
    # Keep every test of one host on one xdist worker, so each host is collected once.
    if getattr(config.option, "numprocesses", None) and getattr(config.option, "dist", "no") in ("no", "load"):
        config.option.dist = "loadgroup"


def _targets(config: pytest.Config) -> list[Target]:
    """Hosts to check, known before collection so that bad input stops the run at once."""
    replay = config.getoption("replay")
    if replay:
        targets = []
        for file in sorted(Path(replay).glob("*.json")):
            try:
                name = HostFacts.from_json(file.read_text(encoding="utf-8"), str(file)).host
            except (ValueError, OSError) as exc:
                raise pytest.UsageError(f"--replay: {exc}") from None
            targets.append(Target(name=name, replay=str(file)))
        if not targets:
            raise pytest.UsageError(f"--replay {replay}: no *.json facts files")
    else:
        import testinfra

        opt = config.option
        hosts = opt.hosts.split(",") if opt.hosts else [None]
        try:
            params = testinfra.get_hosts(
                hosts, connection=opt.connection, ssh_config=opt.ssh_config, ssh_identity_file=opt.ssh_identity_file,
                sudo=opt.sudo, sudo_user=opt.sudo_user, ansible_inventory=opt.ansible_inventory, force_ansible=opt.force_ansible,
            )
        except Exception as exc:  # testinfra raises plain exceptions for bad specs and missing backends
            raise pytest.UsageError(f"--hosts: {exc}") from None
        targets = [Target(name=h.backend.get_pytest_id(), spec=h, address=backend_address(h)) for h in params]
    return targets


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "target" in metafunc.fixturenames:
        targets = metafunc.config.stash[TARGETS_KEY]
        metafunc.parametrize("target", targets, ids=[t.name for t in targets], scope="module", indirect=True)


@pytest.fixture(scope="module")
def target(request: pytest.FixtureRequest) -> Target:
    return request.param


@pytest.fixture(scope="module")
def facts(request: pytest.FixtureRequest, target: Target) -> HostFacts:
    """The host's facts, collected once per run (and per xdist worker); errors are kept, not retried."""
    cache = request.config.stash[FACTS_KEY]
    if target.name not in cache:
        cache[target.name] = _collect(request.config, target)
    found = cache[target.name]
    if isinstance(found, Exception):
        raise found
    return found


@pytest.fixture(scope="module")
def profile(request: pytest.FixtureRequest, target: Target) -> Profile:
    return request.config.stash[PROFILE_KEY].for_host(target.name)


@pytest.fixture(scope="module")
def live(request: pytest.FixtureRequest, target: Target, profile: Profile) -> LiveProbes:
    """Where live probes go for this host, or why they do not apply; answers are cached per run."""
    address, reason = probe_address(profile, target.address, request.config.getoption("sysroot"), bool(target.replay))
    return LiveProbes(address, reason, timeout=float(profile.probes.timeout), cache=request.config.stash[PROBES_KEY])


def _collect(config: pytest.Config, target: Target) -> HostFacts | Exception:
    if target.replay:
        try:
            return HostFacts.from_json(Path(target.replay).read_text(encoding="utf-8"), target.replay)
        except (ValueError, OSError) as exc:
            return CollectionError(str(exc))
    try:
        profile = config.stash[PROFILE_KEY].for_host(target.name)
        found = gather(target.spec, target.name, profile, platform=config.getoption("platform"), sysroot=config.getoption("sysroot"))
    except CollectionError as exc:
        return CollectionError(f"{target.name}: facts not collected: {exc}")
    record = config.getoption("record")
    if record:
        os.makedirs(record, exist_ok=True)
        Path(record, _file_name(target.name) + ".json").write_text(found.to_json(), encoding="utf-8")
    return found


def _file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.@-]+", "_", name).strip("._") or "host"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("control")
        if marker is None:
            continue
        control = CONTROLS.get(marker.args[0]) if marker.args else None
        if control is None:
            raise pytest.UsageError(f"{item.nodeid}: control marker names no catalog control: {marker.args!r}")
        callspec = getattr(item, "callspec", None)
        host = str(callspec.params["target"]) if callspec and "target" in callspec.params else ""
        item.user_properties += [("control", control.id), ("severity", control.severity), ("title", control.title), ("host", host)]
        if host:
            item.add_marker(pytest.mark.xdist_group(host))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    excinfo = call.excinfo
    if excinfo is not None and excinfo.errisinstance((NotAssessed, CollectionError)):
        report.longrepr = f"NOT ASSESSED: {excinfo.value}"
    callspec = getattr(item, "callspec", None)
    target = callspec.params.get("target") if callspec else None
    if target is not None:
        found = item.config.stash[FACTS_KEY].get(target.name)
        if isinstance(found, HostFacts):
            report.svcaudit_host = {
                "host": found.host, "platform": found.platform, "oslevel": found.oslevel, "sysroot": found.sysroot,
                "remote_commands": found.remote_commands, "collect_seconds": found.collect_seconds,
            }
        elif isinstance(found, Exception):
            report.svcaudit_host = {"host": target.name, "error": str(found)}


class HostSummary:
    """Gathers per-host collection figures from reports (they cross xdist) for the terminal."""

    def __init__(self) -> None:
        self.hosts: dict[str, dict] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        info = getattr(report, "svcaudit_host", None)
        if info:
            self.hosts[info["host"]] = info

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.hosts:
            return
        terminalreporter.section("svcaudit hosts")
        for name in sorted(self.hosts):
            terminalreporter.line(describe_host(self.hosts[name]))


def describe_host(info: dict) -> str:
    if "error" in info:
        return f"{info['host']}: NOT ASSESSED: {info['error']}"
    where = f", sysroot {info['sysroot']}" if info.get("sysroot") else ""
    level = f" {info['oslevel']}" if info.get("oslevel") else ""
    return (
        f"{info['host']}: platform {info['platform']}{level}{where}; remote commands: {info['remote_commands']}; "
        f"collecting: {info['collect_seconds']:.2f}s"
    )


def _props(report: pytest.TestReport) -> dict[str, str]:
    return {k: str(v) for k, v in getattr(report, "user_properties", [])}


def pytest_html_results_table_header(cells: list[str]) -> None:
    cells.insert(1, '<th class="sortable" data-column-type="control">Control</th>')
    cells.insert(2, '<th class="sortable" data-column-type="severity">Severity</th>')
    cells.insert(3, '<th class="sortable" data-column-type="host">Host</th>')


def pytest_html_results_table_row(report: pytest.TestReport, cells: list[str]) -> None:
    props = _props(report)
    cells.insert(1, f'<td class="col-control">{html.escape(props.get("control", ""))}</td>')
    cells.insert(2, f'<td class="col-severity">{html.escape(props.get("severity", ""))}</td>')
    cells.insert(3, f'<td class="col-host">{html.escape(props.get("host", ""))}</td>')
