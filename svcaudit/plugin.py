"""pytest wiring: options, targets, the facts fixture, report properties and the summary.

Behaviour lives in the modules this file calls; here is only what connects them to pytest.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from svcaudit.controls import checks
from svcaudit.controls.catalog import CONTROLS, MARKERS, catalog_text
from svcaudit.collect.batch import CollectionError
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.collect.gather import gather
from svcaudit.probes.live import LiveProbes, backend_address, probe_address
from svcaudit.profile import Profile, ProfileError, ProfileFile, load
from svcaudit.controls.catalog import fix_for
from svcaudit.reports.recorder import RunRecorder, html_header, html_row, short

PROFILE_KEY = pytest.StashKey[ProfileFile]()
FACTS_KEY = pytest.StashKey[dict]()
TARGETS_KEY = pytest.StashKey[list]()
PROBES_KEY = pytest.StashKey[dict]()
HOST_PROFILES_KEY = pytest.StashKey[dict]()
SENT_KEY = pytest.StashKey[set]()


def _profile_for(config: pytest.Config, host: str) -> Profile:
    """The host's effective profile, worked out once per run (every report would otherwise redo it)."""
    cache = config.stash[HOST_PROFILES_KEY]
    if host not in cache:
        cache[host] = config.stash[PROFILE_KEY].for_host(host)
    return cache[host]


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
    group.addoption("--hosts-file", metavar="FILE", default="", help="more hosts, one testinfra host spec a line (# comments and blank lines ignored)")
    group.addoption("--results-json", metavar="FILE", default="", help="write every host's and control's outcome, evidence, remediation and waiver as JSON")
    group.addoption("--list-controls", action="store_true", default=False, help="print the control catalog and exit without touching any host")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """xdist: pass the loadgroup decision to each worker."""
    node.workerinput["svcaudit_loadgroup"] = node.config.option.dist == "loadgroup"


def _multiplex(host: object) -> None:
    """Let a host's few commands share one SSH connection (testinfra sets ControlMaster but no ControlPath).

    A user's own ?controlpath= or ControlPath in --ssh-config wins; the master lingers 10 s at most.
    """
    backend = getattr(host, "backend", None)
    if getattr(backend, "NAME", "") != "ssh" or getattr(backend, "controlpath", "x"):
        return
    extra = (getattr(backend, "ssh_extra_args", None) or "").lower()
    if "controlpath" in extra or "controlmaster" in extra:
        return
    # Two aliases of one host:port:user would share OpenSSH's %C; the alias, config and key keep them apart.
    spec = getattr(backend, "host", None)
    key = "|".join(str(x) for x in (getattr(spec, "name", ""), getattr(spec, "user", ""), getattr(spec, "port", ""),
                                     backend.ssh_config, backend.ssh_identity_file))
    tag = hashlib.sha256(key.encode()).hexdigest()[:16]
    # testinfra %-formats the ssh command line, so OpenSSH's %C is written %%C.
    backend.controlpath = os.path.join(tempfile.gettempdir(), f"svcaudit-{tag}-%%C")
    backend.controlpersist = min(getattr(backend, "controlpersist", 10) or 10, 10)


def _hosts_file(path: str) -> list[str]:
    """Host specs from an inventory file: one a line, so hundreds of LPARs need no long command line."""
    if not path:
        return []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise pytest.UsageError(f"--hosts-file {path}: {exc}") from None
    specs = [line.split("#", 1)[0].strip() for line in lines]
    return [s for s in specs if s]


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> int | None:
    if config.getoption("list_controls"):
        print(catalog_text())
        return 0
    return None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "control(id): the catalog control this test implements")
    for name, doc in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {doc}")
    try:
        profile_file = load(config.getoption("profile"))
    except ProfileError as exc:
        raise pytest.UsageError(str(exc)) from None
    sysroot = config.getoption("sysroot")
    if sysroot:
        # --sysroot is every host's default; [hosts."glob".scan] sysroot still wins for its hosts.
        profile_file.base["scan"]["sysroot"] = sysroot
        if not config.getoption("hosts") and not config.getoption("hosts_file") and not Path(sysroot).is_dir():
            raise pytest.UsageError(f"--sysroot {sysroot}: not a directory")
    config.stash[PROFILE_KEY] = profile_file
    replay = config.getoption("replay")
    if replay and not Path(replay).is_dir():
        raise pytest.UsageError(f"--replay {replay}: not a directory")
    if replay and (config.getoption("hosts") or config.getoption("hosts_file")):
        raise pytest.UsageError("--replay evaluates saved facts; it cannot be combined with --hosts")
    config.stash[FACTS_KEY] = {}
    config.stash[PROBES_KEY] = {}
    config.stash[HOST_PROFILES_KEY] = {}
    config.stash[SENT_KEY] = set()
    config.pluginmanager.register(RunRecorder(config.getoption("results_json")), "svcaudit-recorder")
    config.stash[TARGETS_KEY] = _targets(config)
    # Keep every test of one host on one xdist worker, so each host is collected once.
    if getattr(config.option, "numprocesses", None) and getattr(config.option, "dist", "no") in ("no", "load"):
        config.option.dist = "loadgroup"
    # Workers parse the command line again and would not know: the controller tells them (below).
    if getattr(config, "workerinput", {}).get("svcaudit_loadgroup"):
        config.option.loadgroup = True


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
        hosts = [h for h in (opt.hosts or "").split(",") if h] + _hosts_file(config.getoption("hosts_file"))
        hosts = list(dict.fromkeys(hosts)) or [None]
        try:
            params = testinfra.get_hosts(
                hosts, connection=opt.connection, ssh_config=opt.ssh_config, ssh_identity_file=opt.ssh_identity_file,
                sudo=opt.sudo, sudo_user=opt.sudo_user, ansible_inventory=opt.ansible_inventory, force_ansible=opt.force_ansible,
            )
        except Exception as exc:  # testinfra raises plain exceptions for bad specs and missing backends
            raise pytest.UsageError(f"--hosts: {exc}") from None
        for host in params:
            _multiplex(host)
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
    return _profile_for(request.config, target.name)


@pytest.fixture(scope="module")
def live(request: pytest.FixtureRequest, target: Target, profile: Profile) -> LiveProbes:
    """Where live probes go for this host, or why they do not apply; answers are cached per run."""
    address, reason = probe_address(profile, target.address, profile.scan.sysroot, bool(target.replay))
    return LiveProbes(address, reason, timeout=float(profile.probes.timeout), cache=request.config.stash[PROBES_KEY])


def _collect(config: pytest.Config, target: Target) -> HostFacts | Exception:
    if target.replay:
        try:
            return HostFacts.from_json(Path(target.replay).read_text(encoding="utf-8"), target.replay)
        except (ValueError, OSError) as exc:
            return CollectionError(str(exc))
    try:
        profile = _profile_for(config, target.name)
        found = gather(target.spec, target.name, profile, platform=config.getoption("platform"), sysroot=profile.scan.sysroot)
    except CollectionError as exc:
        return CollectionError(f"{target.name}: facts not collected: {exc}")
    record = config.getoption("record")
    if record:
        os.makedirs(record, exist_ok=True)
        Path(record, _file_name(target.name) + ".json").write_text(found.to_json(), encoding="utf-8")
    return found


def _file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.@-]+", "_", name).strip("._") or "host"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Properties for JUnit and HTML, markers for -m, the ID for -k; before -m/-k deselect anything."""
    for item in items:
        marker = item.get_closest_marker("control")
        if marker is None:
            continue
        control = _control_of(item)
        if control is None:
            raise pytest.UsageError(f"{item.nodeid}: control marker names no catalog control: {marker.args!r}")
        target = _target_of(item)
        host = str(target) if target is not None else ""
        item.user_properties += [("control", control.id), ("severity", control.severity), ("title", control.title), ("host", host)]
        item.add_marker(getattr(pytest.mark, control.severity))
        item.add_marker(getattr(pytest.mark, control.family))
        item.extra_keyword_matches.add(control.id)
        if host:
            item.add_marker(pytest.mark.xdist_group(host))


def _control_of(item: pytest.Item):
    marker = item.get_closest_marker("control")
    return CONTROLS.get(marker.args[0]) if marker and marker.args else None


def _target_of(item: pytest.Item) -> Target | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("target") if callspec else None


def pytest_runtest_call(item: pytest.Item) -> None:
    """Let the control's failure message carry its fix and any expired waiver."""
    control, target = _control_of(item), _target_of(item)
    if control is None or target is None:
        return
    found = item.config.stash[FACTS_KEY].get(target.name)
    family = found.paths.family if isinstance(found, HostFacts) else ""
    waiver = _profile_for(item.config, target.name).waiver_for(control.id)
    expired = waiver if waiver and waiver.expired(datetime.date.today()) else None
    checks.CONTEXT.set(checks.Context(
        fix=fix_for(control.id, family),
        note=f"waiver expired on {expired.expires.isoformat()} and no longer waives this: {expired.justification}" if expired else "",
    ))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    excinfo = call.excinfo
    not_assessed = excinfo is not None and excinfo.errisinstance((NotAssessed, CollectionError))
    if not_assessed:
        report.longrepr = f"NOT ASSESSED: {excinfo.value}"
    target, control = _target_of(item), _control_of(item)
    if target is None:
        return
    found = item.config.stash[FACTS_KEY].get(target.name)
    profile = _profile_for(item.config, target.name)
    # Each process sends a host's figures once, when they are final: reports cross xdist, and
    # the profile echo is large.
    sent = item.config.stash[SENT_KEY]
    if target.name not in sent and found is not None:
        sent.add(target.name)
        report.svcaudit_host = _host_info(target, found, profile)
    if control is None or (report.when == "setup" and report.passed) or report.when == "teardown":
        return
    family = found.paths.family if isinstance(found, HostFacts) else ""
    result = {"host": target.name, "control": control.id, "severity": control.severity, "title": control.title,
              "test": item.nodeid.removesuffix(f"@{target.name}"), "remediation": fix_for(control.id, family), "waiver": ""}
    waiver = profile.waiver_for(control.id)
    active = waiver is not None and not waiver.expired(datetime.date.today())
    if report.skipped:
        reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        result.update(outcome="na", evidence=reason.removeprefix("Skipped: "))
    elif report.passed:
        result.update(outcome="pass", evidence="")
        if waiver is not None:
            result["waiver"] = f"waiver no longer needed: the control passes ({waiver.describe()})"
    elif not_assessed or report.when == "setup":
        result.update(outcome="error", evidence=short(str(excinfo.value) if excinfo else report.longreprtext))
    else:
        evidence = str(excinfo.value) if excinfo else report.longreprtext
        result.update(outcome="fail", evidence=short(evidence))
        if active:
            result.update(outcome="waived", waiver=f"waived: {waiver.describe()}")
            report.outcome = "skipped"
            report.wasxfail = result["waiver"]
        elif waiver is not None:
            result["waiver"] = f"expired on {waiver.expires.isoformat()}: {waiver.justification}"
    if result["waiver"]:
        item.user_properties.append(("waiver", result["waiver"]))
        report.user_properties = list(item.user_properties)
    report.svcaudit_result = result


def _host_info(target: Target, found: object, profile: Profile) -> dict:
    echo = {"source": profile.source, "matched": list(profile.matched), "values": profile.values}
    # Which process collected it: with xdist every host must be collected by exactly one worker.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if isinstance(found, HostFacts):
        return {"host": found.host, "platform": found.platform, "oslevel": found.oslevel, "sysroot": found.sysroot,
                "remote_commands": found.remote_commands, "collect_seconds": found.collect_seconds, "profile": echo,
                "worker": worker}
    if isinstance(found, Exception):
        return {"host": target.name, "error": str(found), "profile": echo, "worker": worker}
    return {"host": target.name, "profile": echo, "worker": worker}


def pytest_html_results_table_header(cells: list[str]) -> None:
    html_header(cells)


def pytest_html_results_table_row(report: pytest.TestReport, cells: list[str]) -> None:
    html_row(report, cells)
