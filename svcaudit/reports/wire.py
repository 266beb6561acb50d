"""A test report's form between an xdist worker and its controller: one marshalled string.

xdist sends every report (setup, call and teardown of every test) as the dict pytest makes of
it (``pytest_report_to_serializable``), and execnet serializes that dict value by value in
Python: on the worker, and again on the controller's receiving thread. For a fleet's replay
that is most of what ``-n`` adds. Here the worker marshals the same dict into one byte string
(the marshal module is written in C), and the controller unmarshals it and hands it back to
pytest's own hook, which makes the same report as before. Marshal keeps tuples, which pytest's
skip summary requires of a skip's reason, and it runs no code when it reads.

A report holding anything marshal cannot carry (another plugin's object) goes the usual way.
Marshal's format version 4 is read by every Python 3 from 3.4 on, so a worker on another Python
release (xdist's ``--tx``) is still understood.
"""

from __future__ import annotations

import marshal
from typing import Any

import pytest

#: The one key of a marshalled report's dict (xdist adds its own keys beside it).
KEY = "svcaudit_marshal"
VERSION = 4


class ReportWire:
    """``pytest_report_to_serializable`` in xdist workers, ``pytest_report_from_serializable`` in the controller."""

    def __init__(self, *, sending: bool) -> None:
        #: An xdist worker packs its reports; the controller (or a run without xdist) only unpacks.
        self.sending = sending
        self._inner = False

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_to_serializable(self, config: pytest.Config, report: object) -> dict[str, Any] | None:
        if self._inner or not self.sending or not isinstance(report, pytest.TestReport):
            return None
        self._inner = True  # pytest's own implementation makes the dict; this one only packs it
        try:
            data: dict[str, Any] | None = config.hook.pytest_report_to_serializable(config=config, report=report)
        finally:
            self._inner = False
        if data is None:
            return None
        try:
            return {KEY: marshal.dumps(data, VERSION)}
        except ValueError:  # an object of another plugin: xdist's serializer says what it thinks of it
            return data

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_from_serializable(self, config: pytest.Config, data: dict[str, Any]) -> object:
        packed = data.get(KEY)
        if not isinstance(packed, bytes):
            return None
        plain = marshal.loads(packed)
        plain.update((key, value) for key, value in data.items() if key != KEY)  # xdist's worker_id, testrun_uid
        return config.hook.pytest_report_from_serializable(config=config, data=plain)
