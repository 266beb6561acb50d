"""Scenario hosts: a declarative file tree built for real, and the suite run on it as a user would.

A scenario names accounts, files, directories, symlinks, owners and modes. `build`
writes it under a directory with real numeric owners (taken from the scenario's own
etc/passwd and etc/group), and `run_suite` runs pytest on it in a subprocess and
reads the verdict of every control back from the JUnit file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import Path

from tests_meta.support.tier import require_daemons_tier

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Node:
    path: str
    kind: str = "file"  # file, dir, link, fifo
    content: str = ""
    mode: int = 0o644
    owner: str = "root"
    group: str | None = None  # None: the scenario's root group
    target: str = ""


def File(path: str, content: str = "", mode: int = 0o644, owner: str = "root", group: str | None = None) -> Node:
    return Node(path, "file", content, mode, owner, group)


def Dir(path: str, mode: int = 0o755, owner: str = "root", group: str | None = None) -> Node:
    return Node(path, "dir", "", mode, owner, group)


def Link(path: str, target: str) -> Node:
    return Node(path, "link", target=target)


def Absent(path: str) -> Node:
    return Node(path, "absent")


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

    def changed(self, name: str, nodes: list[Node], expect: dict[str, str], profile: str | None = None) -> Scenario:
        """The same host with some paths replaced or removed, and the verdicts that must move."""
        touched = {n.path for n in nodes}
        kept = tuple(n for n in self.nodes if n.path not in touched and not _under_absent(n.path, nodes))
        added = tuple(n for n in nodes if n.kind != "absent")
        return replace(self, name=name, nodes=kept + added, expect={**self.expect, **expect},
                       profile=self.profile if profile is None else profile)


def _under_absent(path: str, nodes: list[Node]) -> bool:
    return any(n.kind == "absent" and path.startswith(n.path.rstrip("/") + "/") for n in nodes)


def build(scenario: Scenario, root: Path) -> Path:
    """Write the tree under root with numeric owners; parents default to root:<root group> 0755."""
    passwd = "".join(f"{name}:!:{uid}:{_primary_gid(scenario, name)}::/home/{name}:/bin/sh\n" if name != "root"
                     else "root:!:0:0::/root:/bin/sh\n" for name, uid in scenario.users.items())
    group = "".join(f"{name}:!:{gid}:\n" for name, gid in scenario.groups.items())
    nodes = list(scenario.nodes)
    paths = {n.path for n in nodes}
    for path, text in (("/etc/passwd", passwd), ("/etc/group", group)):
        if path not in paths:
            nodes.insert(0, File(path, text, 0o644))
    root.mkdir(parents=True, exist_ok=True)
    for node in sorted(nodes, key=lambda n: (n.path.count("/"), n.path)):
        _make(scenario, root, node)
    return root


def _primary_gid(scenario: Scenario, user: str) -> int:
    return scenario.groups.get(user, scenario.groups.get("staff", scenario.groups.get("users", 0)))


def _ids(scenario: Scenario, node: Node) -> tuple[int, int]:
    group = node.group or scenario.root_group
    return scenario.users[node.owner], scenario.groups[group]


def _parents(scenario: Scenario, root: Path, path: str) -> None:
    current = root
    for part in [p for p in path.split("/") if p][:-1]:
        current = current / part
        if not current.exists() and not current.is_symlink():
            current.mkdir()
            os.chown(current, 0, scenario.groups[scenario.root_group])
            os.chmod(current, 0o755)


def _make(scenario: Scenario, root: Path, node: Node) -> None:
    if node.kind == "absent":
        return
    _parents(scenario, root, node.path)
    full = root / node.path.lstrip("/")
    if node.kind == "link":
        full.symlink_to(node.target)
        return
    if node.kind == "dir":
        full.mkdir(exist_ok=True)
    elif node.kind == "fifo":
        os.mkfifo(full)
    else:
        full.write_bytes(node.content.encode("utf-8", "surrogateescape"))
    uid, gid = _ids(scenario, node)
    os.chown(full, uid, gid)
    os.chmod(full, node.mode)


@dataclass
class SuiteResult:
    outcomes: dict[str, str]
    messages: dict[str, list[str]]
    properties: list[dict[str, str]]
    returncode: int
    output: str
    by_host: dict[str, dict[str, str]] = field(default_factory=dict)

    def remote_commands(self) -> list[int]:
        import re

        return [int(n) for n in re.findall(r"remote commands: (\d+)", self.output)]


def run_suite(args: list[str], workdir: Path, folders: tuple[str, ...] = ("tests_cron",), env: dict | None = None) -> SuiteResult:
    """Run the control suite in a subprocess, as a user would, and read every verdict from JUnit."""
    require_daemons_tier("runs the suite in a subprocess")
    junit = workdir / "junit.xml"
    cmd = [sys.executable, "-m", "pytest", *folders, "-q", "-rN", f"--junitxml={junit}", *args]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})
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
