"""A run's results kept on disk, host by host, so that the reporting process stays small for any fleet.

Each result is appended to an unnamed temporary file as one JSON line; memory keeps only where
each host's lines start. Documents are written host by host from it (`RunRecorder`).
"""

from __future__ import annotations

import json
import tempfile
from array import array
from collections.abc import Iterator
from typing import Any


def result_key(result: dict[str, Any]) -> tuple[str, str, str]:
    """Results by host, control and test: the order of a results document."""
    return (result["host"], result["control"], result["test"])


class ResultStore:
    """Results by host, in a temporary file that goes when the store is closed or the process ends."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(buffering=1 << 20)  # noqa: SIM115 - open for the store's life, closed by close()
        self._where: dict[str, array[int]] = {}
        self._end = 0
        # Writes go on at the end without a seek (a seek flushes the write buffer): only after a read.
        self._read = False

    def add(self, nodeid: str, result: dict[str, Any]) -> None:
        line = json.dumps([nodeid, result]).encode("utf-8") + b"\n"
        if self._read:
            self._file.seek(self._end)
            self._read = False
        self._file.write(line)
        self._where.setdefault(result["host"], array("q")).append(self._end)
        self._end += len(line)

    def hosts(self) -> list[str]:
        return sorted(self._where)

    def of_host(self, host: str) -> list[dict[str, Any]]:
        """One host's results in document order; a test reported twice keeps its last result."""
        found: dict[str, dict[str, Any]] = {}
        self._read = True
        for offset in self._where.get(host, ()):
            self._file.seek(offset)
            nodeid, result = json.loads(self._file.readline())
            found[nodeid] = result
        return sorted(found.values(), key=result_key)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Every result, host by host, in document order."""
        for host in self.hosts():
            yield from self.of_host(host)

    def close(self) -> None:
        self._file.close()
