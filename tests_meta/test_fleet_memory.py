"""A fleet's run keeps its memory flat: tests made host by host (svcaudit.stream), results on disk
(reports.store), the terminal's reports slimmed (reports.lean), with the verdicts of single-host runs.

Memory is shown structurally, never timed or measured here: how many hosts' test items are alive
at once, counted by a small plugin in the run itself (bench/ measures the resident set).
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from svcaudit.reports.recorder import RunRecorder, dumps
from svcaudit.reports.store import ResultStore
from svcaudit.stream import HostStream, StreamError, id_template, keyword_names_hosts
from tests_meta.support.scenario import build, run_suite
from tests_meta.support.scenarios_cron import AIX_AS_INSTALLED, AIX_HARDENED
from tests_meta.support.scenarios_ftp_snmp import AIX_AS_INSTALLED as AIX_FTP_SNMP_AS_INSTALLED

ALL_FOLDERS = ("tests_cron", "tests_ftp", "tests_mail", "tests_snmp")
#: Release comes from running the binary: not assessed on any tree, and it says so alike everywhere.
SKIP_RELEASE = ("-k", "not sendmail_release_is_current")

#: Counts, at each host's first test, the hosts whose test items are alive in this process.
ALIVE_PLUGIN = """
import gc, json, os
import pytest

seen = {"max": 0, "hosts": 0, "made": 0}
current = [None]

def _host(item):
    spec = getattr(item, "callspec", None)
    return str(spec.params["target"]) if spec is not None and "target" in spec.params else None

def pytest_runtest_setup(item):
    host = _host(item)
    if host is None or host == current[0]:
        return
    current[0] = host
    seen["hosts"] += 1
    gc.collect()
    alive = {_host(o) for o in gc.get_objects() if isinstance(o, pytest.Function)} - {None}
    seen["max"] = max(seen["max"], len(alive))

def pytest_collection_modifyitems(items):
    seen["made"] += 1  # pytest's collection, then each host's tests the stream makes

def pytest_sessionfinish(session):
    # by process: a run inside an xdist worker inherits that worker's PYTEST_XDIST_WORKER
    with open(os.path.join(os.environ["ALIVE_DIR"], str(os.getpid()) + ".json"), "w") as out:
        json.dump(seen, out)
"""


# -- the stream by itself ---------------------------------------------------------------


def _items(host: int, count: int, name: str = "") -> list[Any]:
    name = name or f"h{host}"
    return [
        SimpleNamespace(nodeid=f"t.py::test_{i}[{name}]", name=f"test_{i}[{name}]", originalname=f"test_{i}")
        for i in range(count)
    ]


def _ids(walk: Any) -> list[str]:
    return [item.nodeid for item in walk]


def test_a_stream_makes_each_host_when_reached_and_finds_tests_by_index() -> None:
    made: list[int] = []

    def make(host: int) -> list[Any]:
        made.append(host)
        return _items(host, 3 if host != 2 else 1)  # host 2 had tests deselected

    lead = [SimpleNamespace(nodeid="test_of_no_host")]
    stream = HostStream(lead, _items(0, 3), 4, make)  # type: ignore[arg-type]
    assert stream.estimate() == 1 + 3 * 4  # before the ids are known: the first host's count for every host
    with stream.ids_only():  # no names given: each host's tests are made once to read their ids
        ids = _ids(stream)
    assert ids[:5] == ["test_of_no_host", "t.py::test_0[h0]", "t.py::test_1[h0]", "t.py::test_2[h0]", "t.py::test_0[h1]"]
    assert len(stream) == len(ids) == 1 + 3 + 3 + 1 + 3 and made == [1, 2, 3]
    assert stream[7].nodeid == "t.py::test_0[h2]" and stream.host_of(7) == 2 and stream.host_of(0) == -1
    assert stream[-1].nodeid == "t.py::test_2[h3]"
    assert made == [1, 2, 3, 2, 3]  # made again when asked by index, kept while near
    stream[8]
    assert made[-1] == 3
    with pytest.raises(IndexError):
        stream[len(ids)]


def test_node_ids_come_from_the_first_host_once_the_second_host_bears_them_out() -> None:
    made: list[int] = []

    def make(host: int) -> list[Any]:
        made.append(host)
        return _items(host, 2)

    stream = HostStream([], _items(0, 2), 500, make, names=[f"h{i}" for i in range(500)])  # type: ignore[arg-type]
    with stream.ids_only():
        walk = list(iter(stream))
    assert made == [1]  # the second host, to check the template; no other host's tests are made to be named
    assert all(type(item).__name__ == "NodeId" for item in walk) and len(walk) == 1000
    assert walk[-1].nodeid == "t.py::test_1[h499]" and stream.host_of(999) == 499
    assert stream[998].nodeid == "t.py::test_0[h499]" and made == [1, 499]
    assert [item.nodeid for item in stream][:3] == ["t.py::test_0[h0]", "t.py::test_1[h0]", "t.py::test_0[h1]"]


def test_ids_are_read_host_by_host_when_the_second_host_does_not_bear_the_template_out() -> None:
    stream = HostStream([], _items(0, 2), 3, lambda host: _items(host, 1 if host == 1 else 2), names=["h0", "h1", "h2"])  # type: ignore[arg-type]
    with stream.ids_only():
        assert _ids(stream) == [
            "t.py::test_0[h0]",
            "t.py::test_1[h0]",
            "t.py::test_0[h1]",
            "t.py::test_0[h2]",
            "t.py::test_1[h2]",
        ]


def test_a_later_host_whose_tests_do_not_follow_the_template_stops_the_run_when_made() -> None:
    stream = HostStream([], _items(0, 2), 4, lambda host: _items(host, 1 if host == 3 else 2), names=["h0", "h1", "h2", "h3"])  # type: ignore[arg-type]
    assert len(stream) == 8
    stream[5]
    with pytest.raises(StreamError, match=r"host #3 .*\(1 made, 2 sent\)"):
        stream[6]


def test_a_host_whose_tests_change_between_collection_and_run_stops_the_run() -> None:
    counts = iter([2, 3])
    stream = HostStream([], _items(0, 1), 2, lambda host: _items(host, next(counts)))  # type: ignore[arg-type]
    assert len(stream) == 3
    with pytest.raises(StreamError, match=r"host #1 .*\(3 made, 2 sent\)"):
        stream[1]


def test_a_serial_walk_records_no_node_ids() -> None:
    stream = HostStream([], _items(0, 2), 3, lambda host: _items(host, 2))  # type: ignore[arg-type]
    assert sum(1 for _ in stream) == 6  # (list() would ask len(), which indexes)
    assert stream._ids is None and stream._template is None  # nothing kept per host: a serial run walks once


def _test(nodeid: str, name: str, original: str) -> Any:
    return SimpleNamespace(nodeid=nodeid, name=name, originalname=original)


@pytest.mark.parametrize(
    ("nodeid", "name", "original", "host", "expected"),
    [
        ("m.py::test_a[lpar0]", "test_a[lpar0]", "test_a", "lpar0", "m.py::test_a[db-7]"),
        ("m.py::test_a[lpar0]@lpar0", "test_a[lpar0]", "test_a", "lpar0", "m.py::test_a[db-7]@db-7"),
        (
            "m.py::test_a[lpar0-/etc/aliases]@lpar0",
            "test_a[lpar0-/etc/aliases]",
            "test_a",
            "lpar0",
            "m.py::test_a[db-7-/etc/aliases]@db-7",
        ),
        ("m.py::test_a[x-lpar0]", "test_a[x-lpar0]", "test_a", "lpar0", "m.py::test_a[x-db-7]"),
        # the host's id stands twice, or not whole: no template
        ("m.py::test_a[a-a]", "test_a[a-a]", "test_a", "a", None),
        ("m.py::test_a[lpar01]", "test_a[lpar01]", "test_a", "lpar0", None),
        ("m.py::test_a[lpar0]@other", "test_a[lpar0]", "test_a", "lpar0", None),
        ("m.py::test_a", "test_a", "test_a", "lpar0", None),
    ],
)
def test_a_node_id_template_swaps_the_host_id_where_it_stands_whole(
    nodeid: str, name: str, original: str, host: str, expected: str | None
) -> None:
    parts = id_template(_test(nodeid, name, original), host)
    assert ("db-7".join(parts) if parts is not None else None) == expected
    if parts is not None:
        assert host.join(parts) == nodeid


@pytest.mark.parametrize(
    ("expression", "names_hosts"),
    [
        ("not sendmail_release_is_current", False),
        ("FTP-01 or SNMP-03", False),
        ("lpar5 and not sendmail", True),
        ("LPAR", True),  # -k ignores case
        ("test_at[", False),
        ("test_at[l", True),  # reaches into a host's id across the bracket
        ("x-db", True),  # ... across a join of parameter ids
        ("5-conf", True),  # ... out of a host's id
        ("snmp or cron", False),
    ],
)
def test_a_k_expression_is_read_for_names_that_could_pick_hosts(expression: str, names_hosts: bool) -> None:
    assert keyword_names_hosts(expression, ["lpar5", "db01"]) is names_hosts


# -- results on disk -----------------------------------------------------------------------


def _result(host: str, control: str, outcome: str, **extra: Any) -> dict[str, Any]:
    base = {"host": host, "control": control, "test": f"tests_cron/test_x.py::t[{host}]", "outcome": outcome}
    return base | {"severity": "high", "evidence": "", "notes": [], "waiver": ""} | extra


def test_the_results_document_is_written_host_by_host_as_it_would_be_whole() -> None:
    recorder = RunRecorder(keep=False)
    for host in ("ssh://b", "ssh://a"):
        recorder.hosts[host] = {"host": host, "platform": "aix", "workers": ["gw0"], "collect_seconds": 0.1}
        recorder.add(f"t1[{host}]", _result(host, "CRON-02", "fail", evidence="found 0644"))
        recorder.add(f"t2[{host}]", _result(host, "CRON-01", "pass", notes=["a caveat"]))
    written = _written(recorder)
    assert written == dumps(recorder.document())
    doc = json.loads(written)
    assert [r["host"] for r in doc["results"]] == ["ssh://a", "ssh://a", "ssh://b", "ssh://b"]
    assert doc["hosts"]["ssh://a"]["counts"]["fail"] == 1 and doc["hosts"]["ssh://a"]["collections"] == 1
    assert recorder.results == {}  # without the HTML report nothing is held in memory
    assert _written(RunRecorder(keep=False)) == dumps(RunRecorder().document())


def _written(recorder: RunRecorder) -> str:
    import io

    out = io.StringIO()
    recorder.write_document(out)
    return out.getvalue()


def test_a_test_reported_twice_keeps_its_last_result() -> None:
    store = ResultStore()
    store.add("t[h]", _result("h", "CRON-01", "error"))
    store.add("t[h]", _result("h", "CRON-01", "pass"))
    store.add("u[g]", _result("g", "AT-01", "pass"))
    assert [r["outcome"] for r in store.of_host("h")] == ["pass"]
    store.add("v[h]", _result("h", "AT-01", "fail"))  # written after a read
    assert [(r["control"], r["outcome"]) for r in store] == [("AT-01", "pass"), ("AT-01", "fail"), ("CRON-01", "pass")]
    store.close()


# -- whole runs ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """Eight replayed hosts from three different trees, and each tree's verdicts from a run of it alone."""
    base = tmp_path_factory.mktemp("fleet-memory")
    records, replay = base / "records", base / "replay"
    replay.mkdir()
    alone: dict[str, dict[str, str]] = {}
    for n, scenario in enumerate((AIX_HARDENED, AIX_AS_INSTALLED, AIX_FTP_SNMP_AS_INSTALLED)):
        tree = build(scenario, base / f"tree{n}")
        out = base / f"alone{n}.json"
        args = [f"--sysroot={tree}", "--platform=aix", f"--record={records / str(n)}", f"--results-json={out}", *SKIP_RELEASE]
        run_suite(args, base, ALL_FOLDERS)
        alone[str(n)] = _verdicts(json.loads(out.read_text()), next(iter(json.loads(out.read_text())["hosts"])))
        facts = json.loads(next((records / str(n)).glob("*.json")).read_text())
        for copy in range(n, 8, 3):
            facts["host"] = f"lpar{copy}"
            (replay / f"lpar{copy}.json").write_text(json.dumps(facts))
    return SimpleNamespace(base=base, replay=replay, alone=alone)


def _verdicts(doc: dict[str, Any], host: str) -> dict[str, str]:
    """Each test of a host (its name without the host) and its outcome."""
    return {r["test"].split("[", 1)[0] + f"/{r['control']}": r["outcome"] for r in doc["results"] if r["host"] == host}


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_a_streamed_fleet_gives_each_host_the_verdicts_of_its_run_alone_with_few_hosts_alive(
    fleet: SimpleNamespace, tmp_path: Path, workers: list[str]
) -> None:
    (tmp_path / "alive_probe.py").write_text(textwrap.dedent(ALIVE_PLUGIN))
    alive = tmp_path / "alive"
    alive.mkdir()
    out = tmp_path / "results.json"
    env = {"PYTHONPATH": str(tmp_path), "ALIVE_DIR": str(alive)}
    args = [f"--replay={fleet.replay}", f"--results-json={out}", "-p", "alive_probe", *SKIP_RELEASE, *workers]
    run = run_suite(args, tmp_path, ALL_FOLDERS, env)
    assert "made host by host" in run.output or workers, run.output
    doc = json.loads(out.read_text())
    assert sorted(doc["hosts"]) == [f"lpar{i}" for i in range(8)], run.output
    for i in range(8):
        assert _verdicts(doc, f"lpar{i}") == fleet.alone[str(i % 3)], f"lpar{i}"
        assert doc["hosts"][f"lpar{i}"]["collections"] == 1
    probes = [json.loads(p.read_text()) for p in alive.glob("*.json")]
    assert sum(p["hosts"] for p in probes) == 8, probes
    # The first host's tests (pytest's own collection), the one running, the next one and one spare at most.
    assert max(p["max"] for p in probes) <= 4, probes
    # Each host's tests are made once where they run; each worker also makes the second host's, to check that
    # the node ids it sends (the first host's, renamed) are right, and never makes a host's tests only to name them.
    assert sum(p["made"] for p in probes) <= 8 + (2 * 2 if workers else 0), probes


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_k_can_pick_a_host_that_is_not_the_first(fleet: SimpleNamespace, tmp_path: Path, workers: list[str]) -> None:
    out = tmp_path / "results.json"
    args = [f"--replay={fleet.replay}", f"--results-json={out}", "-k", "lpar5 and not sendmail_release_is_current", *workers]
    run = run_suite(args, tmp_path, ALL_FOLDERS)
    doc = json.loads(out.read_text())
    assert {r["host"] for r in doc["results"]} == {"lpar5"}, run.output
    assert _verdicts(doc, "lpar5") == fleet.alone["2"]


def test_the_terminal_still_counts_and_summarises_every_report(fleet: SimpleNamespace, tmp_path: Path) -> None:
    run = run_suite([f"--replay={fleet.replay}", "-rsA", "-k", "not test_at_access_restricted"], tmp_path, ("tests_cron",))
    lines = run.output.splitlines()
    last = lines[-1]
    parts = last.strip("= ").split(" in ")[0].split(",")
    counts = Counter({word: int(n) for n, word in (part.strip().split(" ")[:2] for part in parts)})
    assert counts["passed"] > 0 and counts["failed"] > 0 and counts["deselected"] == 8, last
    # -rA keeps passes for the summary: every host's passes are listed
    assert sum(1 for line in lines if line.startswith("PASSED ")) == counts["passed"]
    assert any(line.startswith("SKIPPED [") for line in lines) or counts["skipped"] == 0
