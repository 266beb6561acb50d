"""The same checks written the straightforward testinfra way: one remote call per property.

Run by bench/run.py as

    BENCH_NAIVE_SPEC=spec.json python3 -m pytest bench/naive.py --noconftest --hosts=ssh://host000 --ssh-config=CFG

The spec (written by bench/fleet.py) lists every file the svcaudit catalog looks at, each with
the rule a hand-written test would assert, and every home directory of passwd. Each file test
asks `exists`, then `mode`, `uid`, `gid` and, where the control reads the file, `content_string`:
testinfra runs one command (one ssh invocation with the default backend) per property. Each
home costs one `ls -A`. A counter around the ssh backend reports `naive remote commands: N`
in the terminal summary.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

import pytest
from testinfra.backend.ssh import SshBackend

SPEC_ENV = "BENCH_NAIVE_SPEC"


def _load() -> dict:
    path = os.environ.get(SPEC_ENV)
    if not path:
        pytest.skip(f"{SPEC_ENV} is not set: run this file through bench/run.py", allow_module_level=True)
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


SPEC = _load()
ROOT = SPEC["sysroot"].rstrip("/")
#: BENCH_NAIVE_SAMPLE=K keeps every K-th case, for a quick run that bench/run.py scales up and marks as such.
SAMPLE = max(1, int(os.environ.get("BENCH_NAIVE_SAMPLE", "1")))
FILES: list[dict] = SPEC["files"][::SAMPLE]
HOMES: list[str] = SPEC["homes"][::SAMPLE]
FORWARD = re.compile(r"^\.forward($|[.+])")


def P(path: str) -> str:
    """The path inside the host's tree: the naive suite has no --sysroot, so it prefixes by hand."""
    return ROOT + path if path != "/" else ROOT + "/"


class _Report:
    """Prints the count in the terminal summary: output of a fixture's teardown would be captured."""

    def __init__(self) -> None:
        self.count = 0

    def pytest_terminal_summary(self, terminalreporter) -> None:  # type: ignore[no-untyped-def]
        terminalreporter.write_line(f"naive remote commands: {self.count}")


@pytest.fixture(scope="session", autouse=True)
def remote_commands(request: pytest.FixtureRequest) -> Iterator[_Report]:
    """Count every ssh invocation testinfra makes (the `host` fixture's own `uname` included)."""
    report = _Report()
    request.config.pluginmanager.register(report, "naive-remote-commands")
    original = SshBackend.run_ssh

    def counting(self: SshBackend, command: str):  # type: ignore[no-untyped-def]
        report.count += 1
        return original(self, command)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SshBackend, "run_ssh", counting)
        yield report


@pytest.mark.parametrize("item", FILES, ids=[i["path"] for i in FILES])
def test_file(host, item: dict) -> None:
    f = host.file(P(item["path"]))
    if not f.exists:
        assert not item["must"], f"{item['path']} is missing"
        pytest.skip(f"{item['path']} absent")
    mode = f.mode
    assert mode & item["forbid"] == 0, f"{item['path']}: mode {mode:o} has bits of {item['forbid']:o}"
    assert f.uid in item["uids"], f"{item['path']}: unexpected owner"
    assert f.gid in item["gids"], f"{item['path']}: unexpected group"
    if not item["read"]:
        return
    text = f.content_string
    for pattern in item["require"]:
        assert re.search(pattern, text, re.M), f"{item['path']}: no line matches {pattern}"
    for pattern in item["refuse"]:
        assert not re.search(pattern, text, re.M), f"{item['path']}: a line matches {pattern}"
    if item["empty"]:
        assert text == "", f"{item['path']} is not empty"


@pytest.mark.parametrize("home", HOMES)
def test_no_forward_file(host, home: str) -> None:
    listing = host.run("ls -1A -- %s", P(home))
    if listing.rc != 0:
        pytest.skip(f"{home}: no home directory")
    found = [name for name in listing.stdout.split("\n") if FORWARD.match(name)]
    assert not found, f"{home}: {found}"
