"""A fleet's tests made host by host, so that a run's memory does not grow with its hosts.

pytest makes every test item before the first one runs, and an item costs about 3 KB: 88
controls on 1,000 hosts held 300 MB of items alone. Here pytest's own collection makes the
tests of the first host only (the plugin parametrizes ``target`` with `ControlRun.generating`),
and `HostStream` stands in for ``session.items``: it makes the next host's tests by asking the
same collectors again, passes them through ``pytest_collection_modifyitems`` as pytest would
(-k, -m, markers, xdist's ``@host`` suffix), and forgets a host's items once they are behind.

A serial run walks the stream once, with one host of look-ahead for ``nextitem``
(`run_serially`). An xdist worker must first send every test's node id to the controller,
and finds a test by its index when the controller sends it, making its host's items then.
The ids come from the first host's, its parameter id swapped for each host's (`id_template`),
once the second host's tests, really made, show the swap is exact and nothing can select tests
by host (`keyword_names_hosts`); otherwise each host's tests are made once to read their ids.
Either way a host's tests are checked against its ids when they are made to run.
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, overload

import pytest

#: Hosts whose items a stream read by index (an xdist worker) keeps: the running host, the next one (``nextitem``) and one spare.
KEPT_HOSTS = 3


class StreamError(Exception):
    """A host's tests came out differently when made again: the run cannot match reports to tests."""


class NodeId:
    """A test's node id alone: what the stream gives while xdist's worker sends every id to its controller."""

    __slots__ = ("nodeid",)

    def __init__(self, nodeid: str) -> None:
        self.nodeid = nodeid


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
        names: Sequence[str] | None = None,
    ) -> None:
        self.make = make
        #: Each host's parameter id, when node ids may be made from the first host's (None: make each host's tests).
        self.names = names
        self._template: list[tuple[str, ...]] | None = None
        self._ids_only = False
        self.hosts = hosts
        self._first = first + first_host
        # Built on demand: each host's node ids (from the template, else by a full pass), and where each starts.
        self._ids: list[list[str]] | None = None
        self._indexed = False
        self._starts: list[int] = []
        self._length = 0
        self._kept: OrderedDict[int, list[pytest.Item]] = OrderedDict()
        self._lead = len(first)

    # -- walking once -------------------------------------------------------------
    def __iter__(self) -> Iterator[pytest.Item]:
        """Every test in order, host by host (inside `ids_only`, each test's `NodeId` instead)."""
        if self._ids_only:
            self._index()
            yield from self._first[: self._lead]
            for host in range(self.hosts):
                yield from (NodeId(nodeid) for nodeid in self.ids_of(host))  # type: ignore[misc]
            return
        yield from self._first[: self._lead]
        for host in range(self.hosts):
            yield from self._host(host, keep=False)

    @contextmanager
    def ids_only(self) -> Iterator[None]:
        """While xdist's worker sends the node ids: walks give ids, without making every host's tests."""
        self._ids_only = True
        try:
            yield
        finally:
            self._ids_only = False

    def ids_of(self, host: int) -> list[str]:
        self._index()
        if self._template is not None:
            assert self.names is not None
            name = self.names[host]
            return [name.join(parts) for parts in self._template]
        assert self._ids is not None
        return self._ids[host]

    def _index(self) -> None:
        if self._indexed:
            return
        first = self._first[self._lead :]
        self._template = self._templated(first)
        if self._template is not None:
            counts = [len(first)] * self.hosts
        else:
            self._ids = [[item.nodeid for item in self._host(h, keep=False)] for h in range(self.hosts)]
            counts = [len(ids) for ids in self._ids]
        self._starts = []
        position = self._lead
        for count in counts:
            self._starts.append(position)
            position += count
        self._length = position
        self._indexed = True

    def _templated(self, first: list[pytest.Item]) -> list[tuple[str, ...]] | None:
        """The first host's node ids as templates, if the second host's tests, made, come out of them exactly."""
        if self.names is None or self.hosts < 2:
            return None
        template = [id_template(item, self.names[0]) for item in first]
        parts = [t for t in template if t is not None]
        if len(parts) != len(template):
            return None
        second = [item.nodeid for item in self._host(1, keep=False)]
        return parts if second == [self.names[1].join(p) for p in parts] else None

    def estimate(self) -> int:
        """How many tests the run holds: exact once indexed, else the first host's count for every host."""
        if self._indexed:
            return self._length
        return len(self._first) + (len(self._first) - self._lead) * (self.hosts - 1)

    # -- by index (xdist workers) -----------------------------------------------------
    def __len__(self) -> int:
        self._index()
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
            # Made after the node ids were sent: they must be the same tests, in order.
            made, sent = [item.nodeid for item in items], self.ids_of(host) if self._indexed else None
            if sent is not None and made != sent:
                differ = next(
                    (f"{a} made, {b} sent" for a, b in zip(made, sent, strict=False) if a != b),
                    f"{len(made)} made, {len(sent)} sent",
                )
                raise StreamError(f"the tests of host #{host} are not those whose node ids were sent to xdist ({differ})")
            self._kept[host] = items
            while len(self._kept) > KEPT_HOSTS:
                self._kept.popitem(last=False)
        return items


def id_template(item: pytest.Item, name: str) -> tuple[str, ...] | None:
    """`item`'s node id split where its host's parameter id `name` stands (in the brackets, between
    other parameters' ids, and in xdist's ``@name`` suffix), so that ``other.join(parts)`` is the same
    test's id on host `other`; None when the id is not of that shape or `name` stands ambiguously."""
    nodeid, test, base = item.nodeid, item.name, getattr(item, "originalname", "")
    at = nodeid.rfind(test)
    if not base or at < 0 or not (test.startswith(base + "[") and test.endswith("]")):
        return None
    head, suffix, params = nodeid[:at] + base + "[", nodeid[at + len(test) :], test[len(base) + 1 : -1]
    spots = [m.start() for m in re.finditer(f"(?=(?:^|(?<=-)){re.escape(name)}(?:-|$))", params)]
    if len(spots) != 1 or suffix not in ("", "@" + name):
        return None
    before, after = head + params[: spots[0]], params[spots[0] + len(name) :] + "]"
    return (before, after + "@", "") if suffix else (before, after)


#: What pytest's -k reads as one name (pytest's own expression scanner).
_KEYWORD_NAME = re.compile(r"(?:\w|:|\+|-|\.|\[|\]|\\|/)+")


def keyword_names_hosts(expression: str, names: Iterable[str]) -> bool:
    """Whether a -k expression might select tests by host. -k finds each of its names within a test's name,
    ``test_x[host-other]``; a name can tell hosts apart only if it lies within a host's id, or reaches into one
    across the ``[``, ``-`` or ``]`` beside it: then the character past that mark is a host's first, or the one
    before it a host's last."""
    words = [w.lower() for w in _KEYWORD_NAME.findall(expression) if w not in ("and", "or", "not")]
    lowered = [n.lower() for n in names if n]
    firsts, lasts = {n[0] for n in lowered}, {n[-1] for n in lowered}
    for word in words:
        if any(word in name for name in lowered):
            return True
        for k, char in enumerate(word):
            if char in "[-]" and (word[k + 1 : k + 2] in firsts or word[k - 1 : k] in lasts):
                return True
    return False


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
