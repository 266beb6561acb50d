"""Merge the results of shards: `python3 -m svcaudit.reports.merge A.json B.json ... -o ALL.json`.

Each CI runner evaluates its part of the hosts (`pytest --replay DIR --shard K/N --results-json
part-K.json`); this joins the parts into the one document an unsharded run would have written
(hosts, and results in host, control, test order), for `svcaudit.reports.compare` and for people.
A host found in two parts (shards that overlap, or a part given twice) is an error, as is a file
that is not a results document: one line, exit status 4. Exit status 0 otherwise, whatever the
results say: each shard's own exit status is its gate.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from svcaudit.reports.compare import CompareError, load
from svcaudit.reports.recorder import FORMAT, dumps
from svcaudit.reports.store import result_key

BAD_INPUT = 4


class MergeError(ValueError):
    """The parts cannot be joined: the merge stops with this line."""


def merge(parts: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """One results document from (name, document) parts that each hold other hosts."""
    hosts: dict[str, Any] = {}
    where: dict[str, str] = {}
    results: list[dict[str, Any]] = []
    for name, document in parts:
        for host, info in document["hosts"].items():
            if host in where:
                raise MergeError(f"host {host!r} is in both {where[host]} and {name}: do the shards overlap?")
            where[host] = name
            hosts[host] = info
        for result in document["results"]:
            if result["host"] not in document["hosts"]:
                raise MergeError(f"{name}: a result of host {result['host']!r}, which its 'hosts' does not list")
            results.append(result)
    return {"format": FORMAT, "hosts": dict(sorted(hosts.items())), "results": sorted(results, key=result_key)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m svcaudit.reports.merge", description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="+", metavar="PART.json", help="the shards' --results-json documents")
    parser.add_argument(
        "-o", "--output", metavar="ALL.json", default="", help="where to write the merged document (default: stdout)"
    )
    args = parser.parse_args(argv)
    try:
        merged = merge([(path, load(path)) for path in args.parts])
    except (CompareError, MergeError) as exc:
        print(f"svcaudit merge: {exc}", file=sys.stderr)
        return BAD_INPUT
    text = dumps(merged)
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"svcaudit merge: {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return BAD_INPUT
    print(f"{args.output}: {len(merged['hosts'])} hosts, {len(merged['results'])} results from {len(args.parts)} parts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
