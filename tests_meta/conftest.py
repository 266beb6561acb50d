"""Wiring for the self-tests: a real sshd for the whole session, stopped after."""

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests_meta.support.sshd import Sshd, ensure_reader


@pytest.fixture(scope="session")
def sshd() -> Iterator[Sshd]:
    ensure_reader()
    # Not under pytest's 0700 temp root: the unprivileged login must reach its key file.
    server = Sshd(Path(tempfile.mkdtemp(prefix="svcaudit-sshd-"))).start()
    yield server
    server.stop()
