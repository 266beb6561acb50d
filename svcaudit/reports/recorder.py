"""What a run tells people and pipelines: per-test results, per-host summaries, JSON and HTML.

Workers attach plain dicts to their reports (`svcaudit_result`, `svcaudit_host`);
pytest serialises report attributes across xdist, so the controller sees every
result exactly as a serial run would and writes the documents once.
"""

from __future__ import annotations

import datetime
import html
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

import pytest

from svcaudit.controls.catalog import CONTROLS
from svcaudit.outcomes import OUTCOMES
from svcaudit.reports import hdf
from svcaudit.reports import html as report_html
from svcaudit.reports.store import ResultStore, result_key

FORMAT = "svcaudit-results/1"


class RunRecorder:
    """Collects results and host figures on the controller; writes the summary, JSON and HTML parts.

    Registered only in runs that check controls, so a run of other tests shows none of it. Memory
    keeps each host's figures and counts and the terminal's caveat lines; the results themselves go
    to a `ResultStore` on disk, and to memory as well only for the HTML report (`keep`), whose
    pytest-html rows are held in memory anyway.
    """

    def __init__(self, results_json: str = "", *, keep: bool = True) -> None:
        self.results_json = results_json
        self.keep = keep
        self.hosts: dict[str, dict[str, Any]] = {}
        self.results: dict[str, dict[str, Any]] = {}
        self.store = ResultStore()
        self.tally: dict[str, Counter[str]] = {}
        #: Terminal lines: passes whose waiver was not needed, then caveats (by result key).
        self.unneeded: list[str] = []
        self.caveats: list[tuple[tuple[str, str, str], str]] = []
        # For --hdf only (HDF carries a start time and a duration; the results JSON stays free of timings).
        self.started = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        self.clock = time.monotonic()

    # -- gathering -----------------------------------------------------------
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        info = getattr(report, "svcaudit_host", None)
        if info:
            known = self.hosts.get(info["host"], {})
            workers = sorted(set(known.get("workers", [])) | {info["worker"]}) if "worker" in info else known.get("workers", [])
            merged = {**known, **info, "workers": workers}
            merged.pop("worker", None)
            self.hosts[info["host"]] = merged
        result = getattr(report, "svcaudit_result", None)
        if result:
            self.add(report.nodeid, result)

    def add(self, nodeid: str, result: dict[str, Any]) -> None:
        """One test's result: counted, its caveats kept for the terminal, the result itself stored."""
        self.store.add(nodeid, result)
        if self.keep:
            self.results[nodeid] = result
        self.tally.setdefault(result["host"], Counter())[result["outcome"]] += 1
        if result["outcome"] == "pass" and result.get("waiver"):
            self.unneeded.append(f"{result['host']}: {result['control']}: {result['waiver']}")
        if result.get("notes"):
            self.caveats.append((result_key(result), caveats_line(result)))

    def names(self) -> list[str]:
        return sorted(set(self.hosts) | set(self.tally))

    # -- terminal --------------------------------------------------------------
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.hosts and not self.tally:
            return
        terminalreporter.section("svcaudit hosts")
        for name in self.names():
            terminalreporter.line(describe_host(self.hosts.get(name, {"host": name}), self.tally.get(name, Counter())))
        for line in self.unneeded:
            terminalreporter.line(line)
        for _, line in sorted(self.caveats):
            terminalreporter.line(line)

    def ordered(self) -> list[dict[str, Any]]:
        """Results by host, control and test: the same order whatever the worker that ran them."""
        return list(self.store)

    # -- JSON ------------------------------------------------------------------
    def host_info(self, name: str) -> dict[str, Any]:
        """A host as the results document shows it: figures without timings, collections, counts."""
        info = dict(self.hosts.get(name, {}))
        info.pop("collect_seconds", None)
        # Worker names change from run to run; how many processes collected the host does not.
        info["collections"] = len(info.pop("workers", []))
        info["counts"] = {o: self.tally.get(name, Counter()).get(o, 0) for o in OUTCOMES}
        return info

    def document(self) -> dict[str, Any]:
        """One document per run, sorted and free of timings, so two runs can be diffed."""
        return {"format": FORMAT, "hosts": {n: self.host_info(n) for n in self.names()}, "results": self.ordered()}

    def write_document(self, out: TextIO) -> None:
        """The results document, written host by host: the same text as dumps(document()), without holding it."""
        hosts = {n: self.host_info(n) for n in self.names()}
        out.write('{\n "format": ' + json.dumps(FORMAT) + ',\n "hosts": ' + _nested(hosts, 1) + ',\n "results": ')
        first = True
        for result in self.store:
            out.write(("[\n  " if first else ",\n  ") + _nested(result, 2))
            first = False
        out.write("[]\n}\n" if first else "\n ]\n}\n")

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.results_json and not hasattr(session.config, "workerinput"):
            with open(self.results_json, "w", encoding="utf-8") as out:
                self.write_document(out)
        target = session.config.getoption("hdf", "")
        if target and not hasattr(session.config, "workerinput"):
            self.write_hdf(target, session)

    def pytest_unconfigure(self) -> None:
        self.store.close()

    def write_hdf(self, target: str, session: pytest.Session) -> None:
        """--hdf: one HDF document per host (svcaudit.reports.hdf); PATH is the file, or with several hosts a directory.

        A report that cannot be written fails the run (exit status 4) with one line, after the other reports.
        """
        names = self.names()  # every stored result was counted: its host is among them
        files = hdf.record_files()
        duration = time.monotonic() - self.clock
        try:
            for host, path in hdf.paths(target, names, directory=Path(target).is_dir()).items():
                results, info = self.store.of_host(host), self.host_info(host)
                found = hdf.host_document(host, info, results, CONTROLS, start_time=self.started, duration=duration, files=files)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            sys.stderr.write(f"svcaudit: --hdf {target}: {exc}\n")
            session.exitstatus = pytest.ExitCode.USAGE_ERROR

    # -- HTML (optional hooks: pytest-html may be disabled with -p no:html) -----
    @pytest.hookimpl(optionalhook=True)
    def pytest_html_results_table_header(self, cells: list[str]) -> None:
        report_html.html_header(cells)

    @pytest.hookimpl(optionalhook=True)
    def pytest_html_results_table_row(self, report: pytest.TestReport, cells: list[str]) -> None:
        report_html.html_row(report, cells)

    @pytest.hookimpl(optionalhook=True)
    def pytest_html_results_table_html(self, report: pytest.TestReport, data: list[str]) -> None:
        """A control's log is its outcome, evidence and fix in words: no traceback, no source line, no tuple."""
        result = getattr(report, "svcaudit_result", None)
        if not result:
            return
        message = report.longrepr if isinstance(report.longrepr, str) and result["outcome"] in ("fail", "waived") else ""
        captured = [f"{' ' + header + ' ':-^80}\n{content}" for header, content in report.sections]
        data[:] = [html.escape(part) for part in [report_html.log_text(result, message), *captured]]

    @pytest.hookimpl(optionalhook=True)
    def pytest_html_results_summary(
        self, prefix: list[str], summary: list[str], postfix: list[str], session: pytest.Session
    ) -> None:
        """At the top of the HTML report: hosts, the controls x hosts matrix, families, profiles and waivers."""
        counts = self.tally
        names = self.names()
        rows = []
        for name in names:
            info = self.hosts.get(name, {})
            c = counts.get(name, Counter())
            platform = " ".join([info.get("platform", ""), *(f"({n})" for n in info.get("platform_notes") or [])])
            cells = [name, platform, info.get("error", "") or profile_line(info)] + [str(c.get(o, 0)) for o in OUTCOMES]
            rows.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in cells) + "</tr>")
        header = "".join(
            f"<th>{h}</th>" for h in ("Host", "Platform", "Profile / problem", "Pass", "Fail", "N/A", "Waived", "Error")
        )
        run = session.config.pluginmanager.get_plugin("svcaudit-run")
        declared = list(run.profile_file.waivers) if run is not None else []
        prefix += [
            report_html.STYLE,
            f'<div class="svcaudit-part"><h2>Hosts</h2><table id="svcaudit-hosts"><tr>{header}</tr>{"".join(rows)}</table></div>',
            report_html.matrix(self.results, names),
            report_html.family_summary(self.results.values()),
            report_html.profiles({n: self.hosts.get(n, {}) for n in names}),
            report_html.waivers(declared, names, self.results.values(), datetime.date.today()),
        ]


def _nested(value: Any, depth: int) -> str:
    """`value` as dumps() writes it `depth` levels down: indented by one space a level, keys sorted."""
    return json.dumps(value, indent=1, sort_keys=True).replace("\n", "\n" + " " * depth)


def dumps(document: dict[str, Any]) -> str:
    """A results document as written: sorted keys, so two runs diff cleanly."""
    return json.dumps(document, indent=1, sort_keys=True) + "\n"


def profile_line(info: dict[str, Any]) -> str:
    profile = info.get("profile")
    if not profile:
        return ""
    matched = profile.get("matched") or []
    return str(profile["source"]) + (" + " + ", ".join(f'[hosts."{m}"]' for m in matched) if matched else "")


def caveats_line(result: dict[str, Any]) -> str:
    """A passing control's caveats, one terminal line per control and host."""
    return f"{result['host']}: {result['control']}: passed with caveats: " + "; ".join(result["notes"])


def describe_host(info: dict[str, Any], counts: Counter[str]) -> str:
    name = info["host"]
    tally = ", ".join(f"{counts.get(o, 0)} {o}" for o in OUTCOMES)
    if "error" in info:
        return f"{name}: NOT ASSESSED: {info['error']} ({tally})"
    if "platform" not in info:
        return f"{name}: {tally}"
    where = f", sysroot {info['sysroot']}" if info.get("sysroot") else ""
    level = f" {info['oslevel']}" if info.get("oslevel") else ""
    profile = profile_line(info)
    said = "".join(f" ({note})" for note in info.get("platform_notes") or [])
    return (
        f"{name}: platform {info['platform']}{said}{level}{where}; remote commands: {info['remote_commands']}; "
        f"collecting: {info['collect_seconds']:.2f}s; {tally}" + (f"; profile {profile}" if profile else "")
    )
