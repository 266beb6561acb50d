"""Scenario hosts: a declarative file tree built for real, and the suite run on it as a user would.

A scenario names accounts, files, directories, symlinks, owners and modes (the node
types come from testbed.tree, shared with the benchmark). `build` writes it under a
directory with real numeric owners (taken from the scenario's own etc/passwd and
etc/group), and `run_suite` runs pytest on it in a subprocess and
reads the verdict of every control back from the JUnit file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from testbed.tree import Absent, Accounts, Dir, File, Link, Node, build_tree
from tests_meta.support.tier import require_daemons_tier

__all__ = [
    "CRON_FILES",
    "REPO",
    "Absent",
    "Dir",
    "File",
    "Link",
    "Node",
    "Scenario",
    "SuiteResult",
    "build",
    "read_junit",
    "run_suite",
]

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Scenario:
    name: str
    platform: str  # aix or linux: passed as --platform
    users: dict[str, int]
    groups: dict[str, int]
    nodes: tuple[Node, ...]
    expect: dict[str, str]  # control ID -> pass, fail, na, error
    root_group: str = "system"
    profile: str = ""  # TOML text, written next to the tree when set
    #: (path, setfacl -m entry) applied after the tree is built: a real extended ACL, e.g. ("/etc/inetd.conf", "u:nobody:r").
    acls: tuple[tuple[str, str], ...] = ()

    def changed(self, name: str, nodes: list[Node], expect: dict[str, str], profile: str | None = None) -> Scenario:
        """The same host with some paths replaced or removed, and the verdicts that must move."""
        touched = {n.path for n in nodes}
        kept = tuple(n for n in self.nodes if n.path not in touched and not _under_absent(n.path, nodes))
        added = tuple(n for n in nodes if n.kind != "absent")
        return replace(
            self,
            name=name,
            nodes=kept + added,
            expect={**self.expect, **expect},
            profile=self.profile if profile is None else profile,
        )


def _under_absent(path: str, nodes: list[Node]) -> bool:
    return any(n.kind == "absent" and path.startswith(n.path.rstrip("/") + "/") for n in nodes)


def build(scenario: Scenario, root: Path) -> Path:
    """Write the tree under root with numeric owners (parents default to root:<root group> 0755), then its ACLs."""
    built = build_tree(root, Accounts(scenario.users, scenario.groups, scenario.root_group), scenario.nodes)
    for path, entry in scenario.acls:
        subprocess.run(["setfacl", "-m", entry, str(built / path.lstrip("/"))], check=True, capture_output=True)
    return built


@dataclass
class SuiteResult:
    outcomes: dict[str, str]
    messages: dict[str, list[str]]
    properties: list[dict[str, str]]
    returncode: int
    output: str
    by_host: dict[str, dict[str, str]] = field(default_factory=dict)

    def remote_commands(self) -> list[int]:
        return [int(n) for n in re.findall(r"remote commands: (\d+)", self.output)]


#: The default: the controls of scenarios_cron (CRON_IDS), without the issue-14 modules beside them in tests_cron.
CRON_FILES = ("tests_cron/test_cron.py", "tests_cron/test_at.py")


def run_suite(
    args: list[str],
    workdir: Path,
    folders: tuple[str, ...] = CRON_FILES,
    env: dict | None = None,
    wrap: Callable[[list[str]], list[str]] | None = None,
) -> SuiteResult:
    """Run the control suite in a subprocess, as a user would, and read every verdict from JUnit.

    `wrap` rewrites the command (e.g. to run it as another user: tests_meta.support.images.unprivileged).
    """
    require_daemons_tier("runs the suite in a subprocess")
    junit = workdir / "junit.xml"
    cmd = [sys.executable, "-m", "pytest", *folders, "-q", "-rN", f"--junitxml={junit}", *args]
    cmd = wrap(cmd) if wrap else cmd
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})})
    output = proc.stdout + proc.stderr
    if not junit.exists():
        return SuiteResult({}, {}, [], proc.returncode, output)
    outcomes, messages, properties, by_host = read_junit(junit)
    return SuiteResult(outcomes, messages, properties, proc.returncode, output, by_host)


_RANK = {"skip": 5, "error": 4, "fail": 3, "pass": 2, "na": 1}


def read_junit(path: Path):
    """Per control: the worst outcome of its test cases (overall and per host), and their messages."""
    outcomes: dict[str, str] = {}
    messages: dict[str, list[str]] = {}
    properties: list[dict[str, str]] = []
    by_host: dict[str, dict[str, str]] = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        properties.append(props)
        control = props.get("control")
        if not control:
            continue
        outcome, message = _case_outcome(case)
        messages.setdefault(control, []).append(message)
        for table in (outcomes, by_host.setdefault(props.get("host", ""), {})):
            if _RANK[outcome] > _RANK.get(table.get(control, ""), 0):
                table[control] = outcome
    return outcomes, messages, properties, by_host


def _case_outcome(case: ET.Element) -> tuple[str, str]:
    for tag in ("error", "failure", "skipped"):
        element = case.find(tag)
        if element is None:
            continue
        message = (element.get("message") or "") + "\n" + (element.text or "")
        if tag == "error":
            return "error", message
        if tag == "failure":
            return ("error" if "NOT ASSESSED" in message else "fail"), message
        if (element.get("message") or "").startswith("N/A:"):
            return "na", message
        return "skip", message
    return "pass", ""
