"""A fleet's tests made host by host, so that a run's memory does not grow with its hosts.

pytest makes every test item before the first one runs, and an item costs about 3 KB: 88
controls on 1,000 hosts held 300 MB of items alone. Here pytest's own collection makes the
tests of the first host only (the plugin parametrizes ``target`` with `ControlRun.generating`),
and `HostStream` stands in for ``session.items``: it makes the next host's tests by asking the
same collectors again, passes them through ``pytest_collection_modifyitems`` as pytest would
(-k, -m, markers, xdist's ``@host`` suffix), and forgets a host's items once they are behind.

A serial run walks the stream once, with one host of look-ahead for ``nextitem``
(`run_serially`). An xdist worker must first send every test's node id to the controller:
that pass makes each host's tests once and keeps only their ids and counts; a test is then
found by its index and its host's items made again when the controller sends them.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

import pytest

#: Hosts whose items an indexed stream keeps: the running host, the next one (``nextitem``) and one spare.
KEPT_HOSTS = 3


class StreamError(Exception):
    """A host's tests came out differently when made again: the run cannot match reports to tests."""


class HostStream(Sequence[pytest.Item]):
    """``session.items`` for a run of many hosts: the first items (tests of no host, then the first host's),
    then each further host's tests made when they are reached.

    `make(index)` returns host `index`'s tests, already through ``pytest_collection_modifyitems``.
    """

    def __init__(
        self,
        first: list[pytest.Item],
        first_host: list[pytest.Item],
        hosts: int,
        make: Callable[[int], list[pytest.Item]],
        *,
        indexed: bool,
    ) -> None:
        self.make = make
        #: Record node ids on the first walk (xdist workers); a serial run walks once and keeps none.
        self.indexed = indexed
        self.hosts = hosts
        self._first = first + first_host
        # Built by the first full pass (or on demand): each host's node ids, and where each host starts.
        self._ids: list[list[str]] | None = None
        self._starts: list[int] = []
        self._length = 0
        self._kept: OrderedDict[int, list[pytest.Item]] = OrderedDict()
        self._lead = len(first)

    # -- walking once -------------------------------------------------------------
    def __iter__(self) -> Iterator[pytest.Item]:
        """Every test in order, host by host; the first walk also records each host's node ids."""
        recording = self.indexed and self._ids is None
        ids: list[list[str]] = []
        yield from self._first[: self._lead]
        for host in range(self.hosts):
            items = self._host(host, keep=False)
            if recording:
                ids.append([item.nodeid for item in items])
            yield from items
        if recording:
            self._index(ids)

    def _index(self, ids: list[list[str]]) -> None:
        self._ids = ids
        self._starts = []
        position = self._lead
        for host_ids in ids:
            self._starts.append(position)
            position += len(host_ids)
        self._length = position

    def estimate(self) -> int:
        """How many tests the run holds: exact once indexed, else the first host's count for every host."""
        if self._ids is not None:
            return self._length
        return len(self._first) + (len(self._first) - self._lead) * (self.hosts - 1)

    # -- by index (xdist workers) -----------------------------------------------------
    def __len__(self) -> int:
        if self._ids is None:
            self._index([[item.nodeid for item in self._host(h, keep=False)] for h in range(self.hosts)])
        return self._length

    @overload
    def __getitem__(self, index: int) -> pytest.Item: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[pytest.Item]: ...

    def __getitem__(self, index: int | slice) -> pytest.Item | Sequence[pytest.Item]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        length = len(self)
        if index < 0:
            index += length
        if not 0 <= index < length:
            raise IndexError(index)
        if index < self._lead:
            return self._first[index]
        host = self.host_of(index)
        return self._host(host, keep=True)[index - self._starts[host]]

    def host_of(self, index: int) -> int:
        """The host (by its position in the run) of the test at `index`; -1 for a test of no host."""
        len(self)
        if index < self._lead:
            return -1
        return bisect.bisect_right(self._starts, index) - 1

    def _host(self, host: int, *, keep: bool) -> list[pytest.Item]:
        if host == 0:
            return self._first[self._lead :]
        if host in self._kept:
            self._kept.move_to_end(host)
            return self._kept[host]
        items = self.make(host)
        if keep:
            # Made again after the walk that sent the node ids: they must be the same tests, in order.
            if self._ids is not None and [item.nodeid for item in items] != self._ids[host]:
                raise StreamError(f"the tests of host #{host} changed between collection and run")
            self._kept[host] = items
            while len(self._kept) > KEPT_HOSTS:
                self._kept.popitem(last=False)
        return items


def has_target(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    return callspec is not None and "target" in callspec.params


def host_maker(
    session: pytest.Session, parents: list[pytest.Collector], generating: Callable[[int], Any]
) -> Callable[[int], list[pytest.Item]]:
    """A function making host `index`'s tests: `parents` (the collectors that made the first host's tests,
    before anything was deselected) asked again.

    `generating(index)` sets the host the plugin's ``pytest_generate_tests`` parametrizes with.
    """

    def make(index: int) -> list[pytest.Item]:
        generating(index)
        items: list[pytest.Item] = []
        for parent in parents:
            items += [node for node in _items(parent) if has_target(node)]
        session.config.hook.pytest_collection_modifyitems(session=session, config=session.config, items=items)
        return items

    return make


def _items(collector: pytest.Collector) -> Iterator[pytest.Item]:
    for node in collector.collect():
        if isinstance(node, pytest.Item):
            yield node
        elif isinstance(node, pytest.Collector):
            yield from _items(node)


def run_serially(session: pytest.Session, items: Sequence[pytest.Item]) -> None:
    """pytest's own run loop, walking the stream once (``nextitem`` is the next test, made one host ahead)."""
    walk = iter(items)
    item = next(walk, None)
    while item is not None:
        nextitem = next(walk, None)
        item.config.hook.pytest_runtest_protocol(item=item, nextitem=nextitem)
        if session.shouldfail:
            raise session.Failed(session.shouldfail)
        if session.shouldstop:
            raise session.Interrupted(session.shouldstop)
        item = nextitem
