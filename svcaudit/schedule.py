"""The xdist scheduler of a control run: every test of one host on one worker, at a cost linear in tests.

A host's facts are collected by the worker that runs its first test, so the host's
tests must all go to that worker (or the host is collected again elsewhere). The
plugin marks each test with ``xdist_group(host)``, which xdist turns into a
``@host`` suffix of the node id. xdist's own ``loadgroup`` scheduler groups by it,
but it looks each test up by ``list.index`` and recounts every finished test on
every report: quadratic, minutes for a thousand hosts. This one keeps the same
behaviour (a worker gets a whole host at a time, more when it runs low) with a
precomputed index and running counts.
"""

from __future__ import annotations

from typing import Any

from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

#: A worker is given the next host when fewer of its tests than this are still pending, or when it holds
#: fewer hosts than it collects at once.
LOW_WATER = 2


class HostScheduling(LoadScopeScheduling):  # type: ignore[misc]
    """LoadScopeScheduling with the host (the ``@host`` node id suffix) as the scope, in linear time."""

    def __init__(self, config: Any, log: Any = None) -> None:
        super().__init__(config, log)
        #: Hosts queued on a worker at once: its collection pool (--collect-concurrency) fetches them ahead.
        self.hosts_ahead = max(1, int(getattr(config.option, "collect_concurrency", 1) or 1))
        self._index: dict[str, int] = {}
        self._pending: dict[Any, int] = {}
        self._left: dict[tuple[Any, str], int] = {}

    def _split_scope(self, nodeid: str) -> str:
        """The host after the last ``@`` (when it follows the parameters); other tests group by module."""
        at, bracket = nodeid.rfind("@"), nodeid.rfind("]")
        if at > bracket:
            return nodeid[at + 1 :]
        return nodeid.rsplit("::", 1)[0]

    @property
    def tests_finished(self) -> bool:
        if not self.collection_is_completed or self.workqueue:
            return False
        return all(self._pending.get(node, 0) < LOW_WATER for node in self.assigned_work)

    @property
    def has_pending(self) -> bool:
        return bool(self.workqueue) or any(self._pending.get(node, 0) > 0 for node in self.assigned_work)

    def schedule(self) -> None:
        if self.collection is None and self.collection_is_completed and self.registered_collections:
            first = next(iter(self.registered_collections.values()))
            self._index = {nodeid: i for i, nodeid in enumerate(first)}
        super().schedule()
        # Then one host at a time round the workers, until each holds as many as it collects at once.
        while self.workqueue:
            hungry = [n for n in self.nodes if not n.shutting_down and len(self.assigned_work[n]) < self.hosts_ahead]
            if not hungry:
                break
            for node in hungry:
                if self.workqueue:
                    self._assign_work_unit(node)

    def _assign_work_unit(self, node: Any) -> None:
        scope, work_unit = self.workqueue.popitem(last=False)
        self.assigned_work.setdefault(node, {})[scope] = work_unit
        indices = [self._index[nodeid] for nodeid, done in work_unit.items() if not done]
        self._pending[node] = self._pending.get(node, 0) + len(indices)
        self._left[(node, scope)] = len(indices)
        node.send_runtest_some(indices)

    def mark_test_complete(self, node: Any, item_index: int, duration: float = 0) -> None:
        nodeid = self.registered_collections[node][item_index]
        scope = self._split_scope(nodeid)
        self.assigned_work[node][scope][nodeid] = True
        self._pending[node] -= 1
        self._left[(node, scope)] -= 1
        if not self._left[(node, scope)]:  # a finished host is forgotten: nothing grows with the fleet
            del self._left[(node, scope)]
            del self.assigned_work[node][scope]
        self._reschedule(node)

    def remove_node(self, node: Any) -> str | None:
        self._pending.pop(node, None)
        for key in [k for k in self._left if k[0] is node]:
            del self._left[key]
        return super().remove_node(node)  # type: ignore[no-any-return]

    def _reschedule(self, node: Any) -> None:
        if node.shutting_down:
            return
        if not self.workqueue:
            node.shutdown()
            return
        if len(self.assigned_work.get(node, ())) < self.hosts_ahead or self._pending.get(node, 0) <= LOW_WATER:
            self._assign_work_unit(node)
