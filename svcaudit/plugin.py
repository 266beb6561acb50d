"""pytest wiring: options, the rule that turns the suite on, fixtures and hooks.

Loaded through the `pytest11` entry point, so the options exist before pytest parses the command
line (`pytest --sysroot /mnt/img --platform aix`, `pytest --replay facts/`). Behaviour lives in
the modules called here: targets (what to check), outcomes (what a report means), reports (what
is written).

A run that does not check controls is left as it was: the options are known, nothing else. The
run checks controls when one of this plugin's options is given a value or one of the paths pytest
collects (the command line's, else the ini `testpaths`) is or holds a control folder; only then
are the profile loaded, the targets built, the hooks and fixtures below registered.
"""

from __future__ import annotations

import datetime
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from svcaudit import cmdline
from svcaudit.controls import checks
from svcaudit.controls.catalog import (
    CONTROLS,
    FAMILY_FOLDERS,
    MARKERS,
    Control,
    catalog_text,
)
from svcaudit.facts.host import HostFacts
from svcaudit.gate import GateError, GatePlugin
from svcaudit.gate import parse as parse_gate
from svcaudit.outcomes import classify, defect, defect_message, expired_note, not_assessed, reword
from svcaudit.probes.live import LiveProbes, probe_address
from svcaudit.profile import PRESETS, Profile, ProfileError, ProfileFile, load
from svcaudit.reports.lean import LeanReports, lighten
from svcaudit.reports.recorder import RunRecorder
from svcaudit.reports.results import host_entry, result_entry
from svcaudit.reports.wire import ReportWire
from svcaudit.stream import HostStream, has_target, host_maker, keyword_names_hosts, run_serially
from svcaudit.targets import (
    Target,
    TargetError,
    host_specs,
    host_targets,
    image_target,
    obtain_facts,
    replay_targets,
    shard,
)

#: The folders that hold control tests: collecting any of them turns the suite on.
CONTROL_FOLDERS = frozenset(FAMILY_FOLDERS.values())

#: This plugin's options and their defaults: any other value turns the suite on.
DEFAULTS: dict[str, Any] = {
    "sysroot": "",
    "image": "",
    "image_platform": "",
    "platform": "auto",
    "profile": None,
    "record": "",
    "replay": "",
    "hosts_file": "",
    "results_json": "",
    "hdf": "",
    "list_controls": False,
    "fail_on": "any",
    "shard": "",
}

#: This plugin's options that take a path; see pytest_load_initial_conftests.
PATH_OPTIONS = frozenset({"--sysroot", "--image", "--profile", "--record", "--replay", "--hosts-file", "--results-json", "--hdf"})

RUN_NAME = "svcaudit-run"
#: Hosts collected at once per process: enough to hide a wide-area round trip behind the tests of the host
#: before, few enough that a fleet's facts never pile up in memory.
DEFAULT_COLLECT_CONCURRENCY = 8
#: xdist load modes a control run replaces by its own host-by-host scheduling.
BY_HOST_DISTS = frozenset({"no", "load", "loadscope", "loadfile", "loadgroup", "worksteal"})


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("svcaudit", "svcaudit service hardening checks")
    group.addoption(
        "--sysroot",
        metavar="DIR",
        default="",
        help="check the file tree under DIR instead of /; owner names come from DIR/etc/passwd and DIR/etc/group",
    )
    group.addoption(
        "--image",
        metavar="PATH",
        default="",
        help="check a container image without extracting it: a docker save tarball or an OCI image layout "
        "(directory or tar), plain or gzip; owners and modes from the layers' tar headers, names from its etc/passwd",
    )
    group.addoption(
        "--image-platform",
        metavar="OS/ARCH[/VARIANT]",
        default="",
        help="the image to check when --image's index holds several (e.g. linux/amd64)",
    )
    group.addoption(
        "--platform",
        choices=("auto", "aix", "linux", "debian", "rhel", "suse"),
        default="auto",
        help="target platform (default: auto-detect; linux: the family os-release names; debian, rhel, suse: that layout)",
    )
    group.addoption(
        "--profile",
        metavar="FILE|PRESET",
        default=None,
        help="TOML profile overriding the seed's defaults, or a built-in preset: " + ", ".join(PRESETS),
    )
    group.addoption("--record", metavar="DIR", default="", help="save each host's collected facts as DIR/<host>.json")
    group.addoption("--replay", metavar="DIR", default="", help="evaluate saved facts from DIR instead of contacting hosts")
    group.addoption(
        "--hosts-file",
        metavar="FILE",
        default="",
        help="more hosts, one testinfra host spec a line (# comments and blank lines ignored)",
    )
    group.addoption(
        "--results-json",
        metavar="FILE",
        default="",
        help="write every host's and control's outcome, evidence, remediation and waiver as JSON",
    )
    group.addoption(
        "--hdf",
        metavar="PATH",
        default="",
        help="write Heimdall Data Format results (InSpec JSON): PATH is the file; with several hosts, a folder of <host>.json",
    )
    group.addoption(
        "--fail-on",
        metavar="LEVEL[,not-assessed=LEVEL|report]",
        default="any",
        help="fail the run only on findings at or above LEVEL (any, low, medium, high; default any); "
        "controls not assessed fail it whatever their severity unless not-assessed= says otherwise",
    )
    group.addoption(
        "--collect-concurrency",
        metavar="N",
        type=int,
        default=DEFAULT_COLLECT_CONCURRENCY,
        help="hosts each pytest process (each xdist worker) collects at once, ahead of their tests "
        f"(default {DEFAULT_COLLECT_CONCURRENCY}; 1 collects each host when its first test runs)",
    )
    group.addoption(
        "--shard",
        metavar="K/N",
        default="",
        help="check only the K-th of N parts of the hosts (dealt by sorted record name), e.g. one CI runner of N "
        "evaluating --replay DIR; merge the parts' --results-json with python3 -m svcaudit.reports.merge",
    )
    group.addoption(
        "--list-controls", action="store_true", default=False, help="print the control catalog and exit without touching any host"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list[str]) -> None:
    """`--sysroot DIR` (space-separated) made pytest take DIR for a test path: run the command again as `--sysroot=DIR`.

    pytest-dev/pytest#8846; see svcaudit.cmdline. Runs that give none of these options are untouched.
    """
    corrected = cmdline.rerun_mark()
    if not cmdline.spaced(args, PATH_OPTIONS):
        return
    optparser = cmdline.argument_parser(parser)
    if not cmdline.misread(optparser, args, early_config.invocation_params.dir, early_config.rootpath, early_config.inipath):
        return
    given = list(early_config.invocation_params.args)
    fixed = cmdline.joined(optparser, given)
    command = None if corrected else cmdline.rerun_command(given, fixed)
    if command is None:
        raise pytest.UsageError(
            "pytest took an option's value for a test path and did not read its configuration file "
            f"(pytest-dev/pytest#8846); write the options as: {' '.join(fixed)}"
        )
    cmdline.rerun(early_config, command)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> int | None:
    if config.getoption("list_controls"):
        print(catalog_text())
        return 0
    return None


def checks_controls(config: pytest.Config) -> bool:
    """Whether this run checks controls (see the module's docstring); xdist workers follow their controller."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        return bool(workerinput.get("svcaudit_active"))
    if any(config.getoption(name) != default for name, default in DEFAULTS.items()):
        return True
    base = config.invocation_params.dir
    for arg in config.args:
        path = Path(base, arg.split("::", 1)[0])
        if CONTROL_FOLDERS & set(path.resolve().parts) or any((path / folder).is_dir() for folder in CONTROL_FOLDERS):
            return True
    return False


def pytest_configure(config: pytest.Config) -> None:
    if not checks_controls(config):
        return
    try:
        gate = parse_gate(config.getoption("fail_on"))
        run = ControlRun(config)
    except (GateError, ProfileError, TargetError) as exc:
        raise pytest.UsageError(str(exc)) from None
    config.pluginmanager.register(run, RUN_NAME)
    config.pluginmanager.register(HostOrder(run), "svcaudit-host-order")
    if not hasattr(config, "workerinput"):  # results are gathered where reports arrive: an xdist worker sends them
        # Results are held in memory only for the HTML report: pytest-html keeps its rows in memory anyway.
        recorder = RunRecorder(config.getoption("results_json"), keep=bool(getattr(config.option, "htmlpath", None)))
        config.pluginmanager.register(recorder, "svcaudit-recorder")
    config.pluginmanager.register(LeanReports(config), "svcaudit-lean-reports")
    config.pluginmanager.register(GatePlugin(gate), "svcaudit-gate")
    config.pluginmanager.register(ReportWire(sending=hasattr(config, "workerinput")), "svcaudit-report-wire")


class ControlRun:
    """A run that checks controls: its profile, targets, facts and probe caches, fixtures and hooks."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        for name, doc in MARKERS.items():
            config.addinivalue_line("markers", f"{name}: {doc}")
        config.addinivalue_line("markers", "control(id): the catalog control this test implements")
        self.profile_file: ProfileFile = load(config.getoption("profile"))
        sysroot = config.getoption("sysroot")
        hosts = config.getoption("hosts", None)
        inventory = config.getoption("hosts_file")
        if sysroot:
            # --sysroot is every host's default; [hosts."glob".scan] sysroot still wins for its hosts.
            self.profile_file.base["scan"]["sysroot"] = sysroot
            if not hosts and not inventory and not Path(sysroot).is_dir():
                raise TargetError(f"--sysroot {sysroot}: not a directory")
        replay = config.getoption("replay")
        if replay and Path(replay).is_dir() and (hosts or inventory):
            raise TargetError("--replay evaluates saved facts; it cannot be combined with --hosts")
        image = config.getoption("image")
        if image and (hosts or inventory or replay or sysroot):
            raise TargetError("--image checks one image archive; it cannot be combined with --hosts, --replay or --sysroot")
        if config.getoption("image_platform") and not image:
            raise TargetError("--image-platform chooses an image inside --image's archive; give --image too")
        # Named apart from the fixtures below: pytest finds fixtures by attribute name.
        self.collected: dict[str, HostFacts | Exception] = {}
        self.probe_answers: dict[Any, Any] = {}
        self.host_profiles: dict[str, Profile] = {}
        self.properties: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {}
        #: Platform family of each host whose facts were collected: kept when the facts are released.
        self.families: dict[str, str] = {}
        self.sent: set[str] = set()
        # Known before collection, so that bad input stops the run at once.
        self.listed = self._targets()
        self.targets = shard(self.listed, config.getoption("shard"))
        self.by_name = {t.name: t for t in self.targets}
        # A fleet's tests are made host by host (svcaudit.stream), except for --collect-only, which lists them all.
        self.streaming = len(self.targets) > 1 and not config.option.collectonly
        #: The hosts pytest_generate_tests parametrizes with: the first host while streaming, then each in turn.
        self.generating: list[Target] = self.targets[:1] if self.streaming else self.targets
        self.stream: HostStream | None = None
        #: The collectors that made the first host's tests, before -k or -m deselected any.
        self.host_parents: list[pytest.Collector] | None = None
        self.concurrency: int = config.getoption("collect_concurrency")
        if self.concurrency < 1:
            raise TargetError(f"--collect-concurrency {self.concurrency}: must be 1 or more")
        self.fetching: dict[str, Future[HostFacts | Exception]] = {}
        self._pool: ThreadPoolExecutor | None = None
        # Keep every test of one host on one xdist worker, so each host is collected once: whatever load
        # mode was asked for, tests go by host (schedule.HostScheduling); --dist each stays what it says.
        if getattr(config.option, "numprocesses", None) and getattr(config.option, "dist", "no") in BY_HOST_DISTS:
            config.option.dist = "loadgroup"
        # Workers parse the command line again and would not know: the controller tells them.
        if getattr(config, "workerinput", {}).get("svcaudit_loadgroup"):
            config.option.loadgroup = True

    def _targets(self) -> list[Target]:
        opt = self.config.option
        if opt.replay:
            listed = getattr(self.config, "workerinput", {}).get("svcaudit_replay")
            if listed is not None:  # the controller read and checked every record: its xdist workers take its list
                return [Target(name=name, replay=path) for name, path in listed]
            return replay_targets(opt.replay)
        if opt.image:
            return [image_target(opt.image, opt.image_platform)]
        return host_targets(
            host_specs(opt.hosts, opt.hosts_file),
            connection=opt.connection,
            ssh_config=opt.ssh_config,
            ssh_identity_file=opt.ssh_identity_file,
            sudo=opt.sudo,
            sudo_user=opt.sudo_user,
            ansible_inventory=opt.ansible_inventory,
            force_ansible=opt.force_ansible,
        )

    def profile_for(self, host: str) -> Profile:
        """The host's effective profile, worked out once per run (every report would otherwise redo it)."""
        if host not in self.host_profiles:
            self.host_profiles[host] = self.profile_file.for_host(host)
        return self.host_profiles[host]

    def family_of(self, host: str) -> str:
        return self.families.get(host, "")

    def prefetch(self, names: Iterable[str]) -> None:
        """Start collecting these hosts (in order) in the background, at most --collect-concurrency at once."""
        if self.concurrency < 2:
            return
        for name in names:
            if len(self.fetching) >= self.concurrency:
                return
            if name in self.collected or name in self.fetching or name not in self.by_name:
                continue
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="svcaudit-collect")
            self.fetching[name] = self._pool.submit(self._obtain, self.by_name[name], self.profile_for(name))

    def _obtain(self, target: Target, profile: Profile) -> HostFacts | Exception:
        return obtain_facts(target, profile, platform=self.config.option.platform, record=self.config.option.record)

    def pytest_unconfigure(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def release(self, host: str) -> None:
        """The host's last test in this process has run: its facts and profile go, so memory does not grow
        with the fleet (tests run host by host: HostOrder, schedule.HostScheduling). Should a test of the host come
        later anyway (a plugin that reorders tests after ours), the facts fixture collects it again."""
        self.collected.pop(host, None)
        self.host_profiles.pop(host, None)

    # -- xdist -------------------------------------------------------------------
    @pytest.hookimpl(optionalhook=True, tryfirst=True)
    def pytest_xdist_make_scheduler(self, config: pytest.Config, log: Any) -> Any:
        """Tests go to workers a whole host at a time, in time linear in the tests (xdist's loadgroup is not)."""
        if config.option.dist != "loadgroup":
            return None
        from svcaudit.schedule import HostScheduling  # xdist is imported only when it schedules

        return HostScheduling(config, log)

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """Tell each worker that the run checks controls, and whether tests go by host group."""
        node.workerinput["svcaudit_active"] = True
        node.workerinput["svcaudit_loadgroup"] = node.config.option.dist == "loadgroup"
        if self.config.option.replay:
            node.workerinput["svcaudit_replay"] = [[t.name, t.replay] for t in self.listed]

    # -- fixtures ----------------------------------------------------------------
    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "target" in metafunc.fixturenames:
            hosts = self.generating
            metafunc.parametrize("target", hosts, ids=[t.name for t in hosts], scope="module", indirect=True)

    @pytest.fixture(scope="module")
    def target(self, request: pytest.FixtureRequest) -> Target:
        param: Target = request.param
        return param

    @pytest.fixture(scope="module")
    def facts(self, target: Target) -> HostFacts:
        """The host's facts, collected once per run (and per xdist worker); errors are kept, not retried."""
        if target.name not in self.collected:
            started = self.fetching.pop(target.name, None)
            if started is not None:
                self.collected[target.name] = started.result()
            else:
                self.collected[target.name] = self._obtain(target, self.profile_for(target.name))
        found = self.collected[target.name]
        if isinstance(found, HostFacts):
            self.families[target.name] = found.paths.family
        if isinstance(found, Exception):
            raise found
        return found

    @pytest.fixture(scope="module")
    def profile(self, target: Target) -> Profile:
        return self.profile_for(target.name)

    @pytest.fixture(scope="module")
    def live(self, target: Target, profile: Profile) -> LiveProbes:
        """Where live probes go for this host, or why they do not apply; answers are cached per run."""
        address, reason = probe_address(profile, target.address, profile.scan.sysroot, bool(target.replay), target.image)
        return LiveProbes(address, reason, timeout=float(profile.probes.timeout), cache=self.probe_answers)

    # -- collection ----------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Properties for JUnit and HTML, markers for -m, the ID for -k; before -m/-k deselect anything."""
        if self.host_parents is None:
            parents = (i.parent for i in items if has_target(i))
            self.host_parents = list(dict.fromkeys(p for p in parents if isinstance(p, pytest.Collector)))
        for item in items:
            marker = item.get_closest_marker("control")
            if marker is None:
                continue
            control = _control_of(item)
            if control is None:
                raise pytest.UsageError(f"{item.nodeid}: control marker names no catalog control: {marker.args!r}")
            target = _target_of(item)
            host = str(target) if target is not None else ""
            head, references = self._properties(control)
            item.user_properties += [*head, ("host", host), *references]
            item.add_marker(getattr(pytest.mark, control.severity))
            item.add_marker(getattr(pytest.mark, control.family))
            item.extra_keyword_matches.add(control.id)
            if host:
                item.add_marker(pytest.mark.xdist_group(host))

    def _properties(self, control: Control) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
        """A control's JUnit properties, built once and shared by its tests on every host (a fleet has many)."""
        if control.id not in self.properties:
            head = (("control", control.id), ("severity", control.severity), ("title", control.title))
            self.properties[control.id] = (head, tuple(("reference", r.text()) for r in control.references))
        return self.properties[control.id]

    @pytest.hookimpl(wrapper=True)
    def pytest_collection_finish(self, session: pytest.Session) -> Generator[None, object, object]:
        """While streaming, session.items becomes the host-by-host stream; an xdist worker's stream gives node ids
        alone while the worker sends them (inside this hook), so that no host's tests are made only to be named."""
        if not self.streaming:
            return (yield)
        items = list(session.items)
        worker = hasattr(self.config, "workerinput")
        self.stream = HostStream(
            [i for i in items if not has_target(i)],
            [i for i in items if has_target(i)],
            len(self.targets),
            host_maker(session, self.host_parents or [], self._generate_for),
            names=[t.name for t in self.targets] if self._ids_follow_host_names() else None,
        )
        session.items = self.stream  # type: ignore[assignment]
        if not worker:
            return (yield)
        with self.stream.ids_only():
            return (yield)

    def _ids_follow_host_names(self) -> bool:
        """Whether every host's tests are the first host's with its name swapped, as far as options can tell:
        names pytest keeps as they are, and no -k name, --deselect or last-failed cache that could tell hosts apart."""
        opt, names = self.config.option, [t.name for t in self.targets]
        if not all(name.isascii() and name.isprintable() and name for name in names):
            return False
        if any(getattr(opt, flag, None) for flag in ("deselect", "lf", "failedfirst", "newfirst", "stepwise")):
            return False
        return not keyword_names_hosts(opt.keyword or "", names)

    def _generate_for(self, index: int) -> None:
        self.generating = [self.targets[index]]

    @pytest.hookimpl(wrapper=True)
    def pytest_collection(self, session: pytest.Session) -> Generator[None, object, object]:
        result = yield
        if self.stream is not None:
            session.testscollected = self.stream.estimate()
        return result

    def pytest_report_collectionfinish(self, config: pytest.Config) -> list[str]:
        if self.stream is None:
            return []
        hosts, tests = len(self.targets), self.stream.estimate()
        return [f"svcaudit: {hosts} hosts, about {tests} tests, made host by host as each is reached"]

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool | None:
        """A serial run walks the stream once; an xdist worker runs what its controller sends (by index)."""
        if self.stream is None or hasattr(self.config, "workerinput"):
            return None
        if session.testsfailed and not session.config.option.continue_on_collection_errors:
            raise session.Interrupted(f"{session.testsfailed} error{'s' if session.testsfailed != 1 else ''} during collection")
        run_serially(session, self.stream)
        return True

    # -- running -------------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> None:
        """A fresh context per control: the fix and any expired waiver for its failure message, and its caveats."""
        control, target = _control_of(item), _target_of(item)
        if control is None or target is None:
            return
        waiver = self.profile_for(target.name).waiver_for(control.id)
        checks.CONTEXT.set(
            checks.Context(fix=control.fix(self.family_of(target.name)), note=expired_note(waiver, datetime.date.today()))
        )

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        excinfo = call.excinfo
        if excinfo is not None and not_assessed(excinfo.value):
            report.longrepr = f"NOT ASSESSED: {excinfo.value}"
        elif (
            report.failed
            and report.when == "call"
            and excinfo is not None
            and defect(excinfo.value)
            and _control_of(item) is not None
        ):
            report.longrepr = f"NOT ASSESSED: {defect_message(excinfo.value)}\n\n{report.longreprtext}"
        target, control = _target_of(item), _control_of(item)
        if target is not None:
            lighten(report)
        if target is None or report.when == "teardown":
            return report
        found = self.collected.get(target.name)
        profile = self.profile_for(target.name)
        # Each process sends a host's figures once, when they are final: reports cross xdist, and
        # the profile echo is large.
        if target.name not in self.sent and found is not None:
            self.sent.add(target.name)
            report.svcaudit_host = host_entry(target.name, found, profile)  # type: ignore[attr-defined]
        if control is None or (report.when == "setup" and report.passed):
            return report
        waiver = profile.waiver_for(control.id)
        outcome = classify(report, excinfo, waiver, datetime.date.today())
        where, line, _ = item.reportinfo()
        reword(report, outcome, excinfo, str(where), (line or 0) + 1)
        notes = list(checks.CONTEXT.get().notes) if outcome.outcome == "pass" and report.when == "call" else []
        result = result_entry(
            control, target.name, item.nodeid.removesuffix(f"@{target.name}"), self.family_of(target.name), outcome, notes
        )
        if outcome.waived:
            report.outcome = "skipped"
            report.wasxfail = outcome.waiver
        added = ([("waiver", outcome.waiver)] if outcome.waiver else []) + ([("notes", "\n".join(notes))] if notes else [])
        if added:
            item.user_properties.extend(added)  # JUnit reads them from the teardown report
        report.svcaudit_result = result  # type: ignore[attr-defined]
        return report


class HostOrder:
    """Runs a process's tests host by host, and releases a host's facts after its last test.

    pytest orders module-scoped parameters module by module (every host's cron tests, then every host's
    FTP tests, ...), which would keep every host's facts alive to the end. Sorted by host (stably, after
    pytest's own ordering), a host's tests are contiguous, here and on each xdist worker (HostScheduling
    sends a host's tests together, in collection order).
    """

    def __init__(self, run: ControlRun) -> None:
        self.run = run
        self.order = {t.name: i for i, t in enumerate(run.targets)}
        #: Hosts in the order this process runs them (serial runs; a worker reads its own queue instead).
        # Streamed, a process runs the hosts in the targets' order; otherwise collection decides (below).
        self.sequence: list[str] = [t.name for t in run.targets]
        self.position: dict[str, int] = dict(self.order)
        self.items: list[pytest.Item] = []
        self.queue: Any = None
        self.current = ""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        def host_rank(item: pytest.Item) -> int:
            target = _target_of(item)
            return self.order.get(target.name, -1) if target is not None else -1

        items.sort(key=host_rank)
        if self.run.streaming:  # one host's tests at a time: the order of hosts is the targets'
            return
        names = (_target_of(item) for item in items)
        self.sequence = list(dict.fromkeys(t.name for t in names if t is not None))
        self.position = {name: i for i, name in enumerate(self.sequence)}
        self.items = items

    @pytest.hookimpl(trylast=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        # An xdist worker runs what its controller sends: the tests waiting in its queue say which hosts come.
        for plugin in session.config.pluginmanager.get_plugins():
            if type(plugin).__name__ == "WorkerInteractor" and hasattr(plugin, "torun"):
                self.queue = plugin.torun

    def upcoming(self, item: pytest.Item) -> list[str]:
        """At a host's first test: this host, then the next hosts this process will run, in order."""
        current = _target_of(item)
        if current is None or current.name == self.current:
            return []
        self.current = current.name
        if self.queue is None:
            index = self.position.get(current.name, 0)
            return self.sequence[index : index + self.run.concurrency]
        with self.queue.lock() as waiting:
            indices = [i for i in waiting if isinstance(i, int)]
        found = [current.name]
        for index in indices:
            target = self._target_at(index)
            if target is not None and target.name != found[-1]:
                found.append(target.name)
                if len(found) >= self.run.concurrency:
                    break
        return list(dict.fromkeys(found))

    def _target_at(self, index: int) -> Target | None:
        """The host of the test at `index` in this process's collection, without making a streamed host's tests."""
        stream = self.run.stream
        if stream is not None:
            host = stream.host_of(index)
            return self.run.targets[host] if host >= 0 else None
        return _target_of(self.items[index]) if index < len(self.items) else None

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, object, object]:
        self.run.prefetch(self.upcoming(item))
        result = yield
        target = _target_of(item)
        following = _target_of(nextitem) if nextitem is not None else None
        if target is not None and (following is None or following.name != target.name):
            self.run.release(target.name)
        return result


def _control_of(item: pytest.Item) -> Control | None:
    marker = item.get_closest_marker("control")
    return CONTROLS.get(marker.args[0]) if marker and marker.args else None


def _target_of(item: pytest.Item) -> Target | None:
    callspec = getattr(item, "callspec", None)
    found = callspec.params.get("target") if callspec else None
    return found if isinstance(found, Target) else None
