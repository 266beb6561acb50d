"""Wiring for the self-tests: the `daemons` tier, and a real sshd for the whole session.

Tests are put in the `daemons` tier here, at collection, so that no test module has to
remember it (see support/tier.py for what the tier means). A test is marked when
- it uses a fixture named in DAEMON_FIXTURES, or
- its code reaches a name in DAEMON_ENTRY_POINTS: the test function itself, the fixtures
  it uses and the functions of its own module they call, followed transitively, or
- it is listed in SUBPROCESS_SUITES (the suite run in a subprocess without run_suite).
A test the rules miss still cannot slow the fast tier down: the machinery behind those
names refuses to run for an unmarked test (support.tier.require_daemons_tier).
"""

from __future__ import annotations

import inspect
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import CodeType, FunctionType
from typing import Any

import pytest

from tests_meta.support import tier
from tests_meta.support.sshd import Sshd, ensure_reader

HERE = Path(__file__).resolve().parent
DAEMON_FIXTURES = frozenset({"sshd"})
DAEMON_ENTRY_POINTS = frozenset({"run_suite", "Sshd", "Snmpd", "Vsftpd", "Sendmail", "Postfix", "Proftpd", "PureFtpd"})
#: "module.py::test_name" (parameters ignored) of tests that run pytest in a subprocess themselves.
SUBPROCESS_SUITES = frozenset({"test_gates.py::test_list_controls_prints_the_catalog_without_a_host"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if isinstance(item, pytest.Function) and HERE in item.path.parents and _needs_daemons(item):
            item.add_marker(tier.MARKER)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if HERE in item.path.parents:
        tier.entering(item.nodeid, fast=item.get_closest_marker(tier.MARKER) is None)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "teardown":
        tier.leaving()


def _needs_daemons(item: pytest.Function) -> bool:
    if DAEMON_FIXTURES.intersection(item.fixturenames):
        return True
    if f"{item.path.name}::{item.originalname}" in SUBPROCESS_SUITES:
        return True
    functions = [item.function, *_fixture_functions(item)]
    return not DAEMON_ENTRY_POINTS.isdisjoint(_names_reached(functions))


def _fixture_functions(item: pytest.Function) -> Iterator[Callable[..., Any]]:
    info = getattr(item, "_fixtureinfo", None)
    for definitions in info.name2fixturedefs.values() if info else ():
        for definition in definitions:
            yield definition.func


def _names_reached(functions: Iterable[Callable[..., Any]]) -> set[str]:
    """Global and attribute names used by the functions and, transitively, by the functions of their module they name."""
    names: set[str] = set()
    plain = (inspect.unwrap(getattr(f, "__func__", f)) for f in functions)  # methods and decorated tests too
    pending = [f for f in plain if isinstance(f, FunctionType)]
    seen: set[FunctionType] = set()
    while pending:
        function = pending.pop()
        if function in seen:
            continue
        seen.add(function)
        used = _code_names(function.__code__)
        names |= used
        for name in used:
            helper = function.__globals__.get(name)
            if isinstance(helper, FunctionType) and helper.__module__ == function.__module__:
                pending.append(helper)
    return names


def _code_names(code: CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):  # nested functions, lambdas, comprehensions
            names |= _code_names(const)
    return names


@pytest.fixture(scope="session")
def sshd() -> Iterator[Sshd]:
    ensure_reader()
    # Not under pytest's 0700 temp root: the unprivileged login must reach its key file.
    server = Sshd(Path(tempfile.mkdtemp(prefix="svcaudit-sshd-"))).start()
    yield server
    server.stop()
