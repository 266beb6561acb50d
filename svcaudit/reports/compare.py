"""What changed between two runs: `python3 -m svcaudit.reports.compare OLD.json NEW.json [--json]`.

Reads two `--results-json` documents and lists, per host and control, what moved: new findings,
fixes, waivers newly in effect or expired, controls newly not assessed, hosts added or removed,
and how many results stayed as they were. For the golden-image pipeline that wants "no new
findings since the last image": the exit status is 1 when the new run has a failing result the
old one did not (a new finding, an expired waiver, or a control newly not assessed: fail closed),
0 otherwise; 4 when a file is unreadable or not a results document (one line on stderr), and 2
for a command line argparse cannot read.

Results are matched by host, control and test; a result of a host or test only in the new run
counts as new, one only in the old run as no longer checked.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from svcaudit.outcomes import OUTCOMES
from svcaudit.reports.recorder import FORMAT

COMPARE_FORMAT = "svcaudit-compare/1"
BAD_INPUT = 4

#: Kinds of change, in the order they are reported; the first three fail the comparison.
NEW_FINDING = "new finding"
WAIVER_EXPIRED = "waiver expired"
NEWLY_NOT_ASSESSED = "newly not assessed"
FIXED = "fixed"
NEWLY_WAIVED = "newly waived"
ASSESSED_AGAIN = "assessed again"
EVIDENCE_CHANGED = "evidence changed"
OTHER = "changed"
NEWLY_CHECKED = "newly checked"
NOT_CHECKED = "no longer checked"
KINDS = (
    NEW_FINDING,
    WAIVER_EXPIRED,
    NEWLY_NOT_ASSESSED,
    FIXED,
    NEWLY_WAIVED,
    ASSESSED_AGAIN,
    EVIDENCE_CHANGED,
    OTHER,
    NEWLY_CHECKED,
    NOT_CHECKED,
)
FAILING = frozenset({NEW_FINDING, WAIVER_EXPIRED, NEWLY_NOT_ASSESSED})
#: Kinds the text lists as one line of controls per host: a host or control added or removed brings many.
FOLDED = (NEWLY_CHECKED, NOT_CHECKED)
REQUIRED = ("host", "control", "test", "outcome")

Key = tuple[str, str, str]


class CompareError(Exception):
    """A file that cannot be read as a results document."""


@dataclass(frozen=True)
class Change:
    host: str
    control: str
    test: str
    title: str
    kind: str
    old: str  # the old outcome, "" when the result is new
    new: str  # the new outcome, "" when the result is no longer there
    evidence: str  # the new run's evidence (the old one's when the result is gone)
    waiver: str  # what the waiver did in the new run (the old one's when the result is gone)


@dataclass
class HostDiff:
    host: str
    status: str  # "both", "added" (only in the new run) or "removed" (only in the old run)
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0


def transition(old: str, new: str, same_evidence: bool = True) -> str | None:
    """The kind of change from one outcome to another ("" for a result missing on that side); None when unchanged."""
    if not new:
        return NOT_CHECKED
    if new == old:
        return None if same_evidence or new != "fail" else EVIDENCE_CHANGED
    if new == "fail":
        return WAIVER_EXPIRED if old == "waived" else NEW_FINDING
    if new == "error":
        return NEWLY_NOT_ASSESSED
    if new == "waived":
        return NEWLY_WAIVED
    if old in ("fail", "waived"):
        return FIXED
    if old == "error":
        return ASSESSED_AGAIN
    return OTHER if old else NEWLY_CHECKED  # pass <-> N/A, or a passing or N/A result new in this run


def _by_key(document: dict[str, Any]) -> dict[Key, dict[str, Any]]:
    return {(r["host"], r["control"], r["test"]): r for r in document["results"]}


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[HostDiff]:
    """Per host (sorted), the changes (sorted by control and test) and the count of unchanged results."""
    before, after = _by_key(old), _by_key(new)
    old_hosts = set(old["hosts"]) | {k[0] for k in before}
    new_hosts = set(new["hosts"]) | {k[0] for k in after}
    diffs: dict[str, HostDiff] = {}
    for host in sorted(old_hosts | new_hosts):
        status = "both" if host in old_hosts and host in new_hosts else "added" if host in new_hosts else "removed"
        diffs[host] = HostDiff(host, status)
    for key in sorted(set(before) | set(after)):
        was, now = before.get(key, {}), after.get(key, {})
        old_outcome, new_outcome = str(was.get("outcome", "")), str(now.get("outcome", ""))
        kind = transition(old_outcome, new_outcome, was.get("evidence") == now.get("evidence"))
        diff = diffs[key[0]]
        if kind is None:
            diff.unchanged += 1
        else:
            latest = now or was
            fields = (str(latest.get(name, "")) for name in ("title", "evidence", "waiver"))
            diff.changes.append(Change(*key, next(fields), kind, old_outcome, new_outcome, *fields))
    return list(diffs.values())


def totals(diffs: list[HostDiff]) -> dict[str, int]:
    """How many changes of each kind (every kind present, zero or not), and how many results are unchanged."""
    counted = Counter(c.kind for d in diffs for c in d.changes)
    return {**{k: counted.get(k, 0) for k in KINDS}, "unchanged": sum(d.unchanged for d in diffs)}


def failing(diffs: list[HostDiff]) -> bool:
    """Whether the new run has a failing result that the old one did not."""
    return any(c.kind in FAILING for d in diffs for c in d.changes)


def load(path: str) -> dict[str, Any]:
    """A results document, checked for what the comparison reads; CompareError with the reason otherwise."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CompareError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise CompareError(f"{path}: not JSON: line {exc.lineno}: {exc.msg}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else type(document).__name__
        raise CompareError(f"{path}: not a svcaudit results document (format {found!r}, expected {FORMAT!r})")
    if not isinstance(document.get("hosts"), dict) or not isinstance(document.get("results"), list):
        raise CompareError(f"{path}: a results document needs 'hosts' (an object) and 'results' (a list)")
    for number, result in enumerate(document["results"], 1):
        if not isinstance(result, dict) or not all(isinstance(result.get(k), str) for k in REQUIRED):
            raise CompareError(f"{path}: results #{number}: needs the strings {', '.join(REQUIRED)}")
        if result["outcome"] not in OUTCOMES:
            raise CompareError(f"{path}: results #{number}: unknown outcome {result['outcome']!r}")
    return document


def summary(change: Change, limit: int = 240) -> str:
    """One line of a change's detail: the waiver for a waiver's change, else the evidence without its fix."""
    if change.kind in (NEWLY_WAIVED, WAIVER_EXPIRED) and change.waiver:
        return change.waiver
    kept = [
        line.strip() for line in change.evidence.splitlines() if line.strip() and not line.startswith(("fix:", "fix (general):"))
    ]
    joined = " ".join(kept)
    return joined if len(joined) <= limit else joined[: limit - 3] + "..."


def text(diffs: list[HostDiff], old_name: str, new_name: str) -> str:
    """The comparison for people: one line a change, grouped by host, then the totals."""
    lines = [f"svcaudit: {old_name} -> {new_name}"]
    for diff in diffs:
        label = {"added": " (host added)", "removed": " (host removed)"}.get(diff.status, "")
        lines.append(f"{diff.host}{label}: {len(diff.changes)} changed, {diff.unchanged} unchanged")
        changes = sorted(diff.changes, key=lambda c: (KINDS.index(c.kind), c.control, c.test))
        for change in (c for c in changes if c.kind not in FOLDED):
            moved = f"{change.old or 'absent'} -> {change.new or 'absent'}"
            detail = "" if change.kind == FIXED else summary(change)
            lines.append(f"  {change.kind}: {change.control} {change.title} ({moved})" + (f": {detail}" if detail else ""))
        for kind in FOLDED:
            controls = sorted({c.control for c in changes if c.kind == kind})
            if controls:
                lines.append(f"  {kind}: " + ", ".join(controls))
    counted = totals(diffs)
    lines.append("total: " + ", ".join(f"{kind}: {n}" for kind, n in counted.items() if n or kind in FAILING))
    lines.append("new findings since the old run" if failing(diffs) else "no new findings since the old run")
    return "\n".join(lines)


def document(diffs: list[HostDiff], old_name: str, new_name: str) -> dict[str, Any]:
    """The comparison for machines."""
    return {
        "format": COMPARE_FORMAT,
        "old": old_name,
        "new": new_name,
        "new_findings": failing(diffs),
        "totals": totals(diffs),
        "hosts": {d.host: {k: v for k, v in asdict(d).items() if k != "host"} for d in diffs},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m svcaudit.reports.compare", description=__doc__.splitlines()[0])
    parser.add_argument("old", metavar="OLD.json", help="the earlier run's --results-json")
    parser.add_argument("new", metavar="NEW.json", help="the later run's --results-json")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON instead of text")
    args = parser.parse_args(argv)
    try:
        old, new = load(args.old), load(args.new)
    except CompareError as exc:
        print(f"svcaudit compare: {exc}", file=sys.stderr)
        return BAD_INPUT
    diffs = compare(old, new)
    if args.json:
        print(json.dumps(document(diffs, args.old, args.new), indent=1, sort_keys=True))
    else:
        print(text(diffs, args.old, args.new))
    return 1 if failing(diffs) else 0


if __name__ == "__main__":
    sys.exit(main())
