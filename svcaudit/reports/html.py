"""The HTML report's own parts: a controls x hosts matrix, a picture per family, profiles and waivers, row cells, row logs.

pytest-html renders the page; the recorder calls these from its hooks with the plain result and
host dicts of the run (see results.py). Everything is static HTML with an inline <style> and
inline SVG: the report is opened offline, often as one self-contained file. Every cell says its
outcome in words as well as in colour.
"""

from __future__ import annotations

import datetime
import fnmatch
import hashlib
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import pytest

from svcaudit.controls.catalog import CONTROLS, Reference
from svcaudit.outcomes import OUTCOMES
from svcaudit.profile import Waiver, defaults

#: How each outcome is written in the report.
LABELS = {"pass": "PASS", "fail": "FAIL", "na": "N/A", "waived": "WAIVED", "error": "NOT ASSESSED"}
#: What a tooltip says each outcome means.
MEANINGS = {
    "pass": "the control holds",
    "fail": "a finding",
    "na": "not applicable here",
    "waived": "a finding accepted by a waiver",
    "error": "could not be assessed",
}
#: Background and text colour per outcome: five distinct hues; the label says it too, for whoever cannot tell them apart.
COLOURS = {
    "pass": ("#2e7d32", "#ffffff"),
    "fail": ("#c62828", "#ffffff"),
    "na": ("#cfd8dc", "#263238"),
    "waived": ("#6a1b9a", "#ffffff"),
    "error": ("#ef6c00", "#000000"),
}
#: Which outcome a cell shows when a control ran several times on one host (MAIL-06..08, one test per aliases file).
WORST_FIRST = ("error", "fail", "waived", "pass", "na")

STYLE = (
    "<style>"
    ".svcaudit-part{margin:1em 0;overflow-x:auto}"
    ".svcaudit-part table{border-collapse:collapse}"
    ".svcaudit-part th,.svcaudit-part td{border:1px solid #b0bec5;padding:2px 6px;text-align:left;vertical-align:top}"
    ".svcaudit-matrix td.svc-cell{text-align:center;font-weight:bold;white-space:nowrap;min-width:7em}"
    ".svcaudit-matrix td.svc-cell a{color:inherit;display:block;text-decoration:none}"
    ".svcaudit-matrix td.svc-cell a:hover{text-decoration:underline}"
    ".svcaudit-matrix th.svc-host{writing-mode:horizontal-tb;max-width:14em;overflow-wrap:anywhere}"
    ".svc-none{background:#ffffff;color:#607d8b}"
    ".svc-count{font-weight:normal;font-size:85%}"
    ".svc-refs{margin:.2em 0 0;padding-left:1.2em;font-size:80%;color:#444}.svc-ref-conflict{color:#8a1c1c}"
    + "".join(f".svc-{o}{{background:{bg};color:{fg}}}" for o, (bg, fg) in COLOURS.items())
    + ".svcaudit-legend span{display:inline-block;padding:1px 6px;margin-right:4px;font-weight:bold}"
    ".svcaudit-waivers tr.svc-expired td{background:#fff3e0}"
    ".svc-expired-label{color:#b71c1c;font-weight:bold}"
    "</style>"
)


def esc(value: object) -> str:
    return html.escape(str(value))


def anchor(nodeid: str) -> str:
    """The id of a result row: links from the matrix land on it (a test id holds characters a fragment would mangle)."""
    return "svcaudit-r-" + hashlib.sha256(nodeid.encode("utf-8")).hexdigest()[:16]


def worst(outcomes: Iterable[str]) -> str:
    found = set(outcomes)
    return next(o for o in WORST_FIRST if o in found)


def control_order(ids: Iterable[str]) -> list[str]:
    """Catalog order, then any ID the catalog does not know (never dropped)."""
    wanted = set(ids)
    known = [c for c in CONTROLS if c in wanted]
    return known + sorted(wanted - set(known))


def legend() -> str:
    spans = "".join(f'<span class="svc-{o}" title="{esc(MEANINGS[o])}">{esc(LABELS[o])}</span>' for o in OUTCOMES)
    return f'<p class="svcaudit-legend">{spans}</p>'


# -- the matrix -------------------------------------------------------------------------------------
def matrix(results: dict[str, dict[str, Any]], hosts: Sequence[str]) -> str:
    """One row per control (ID, title, severity), one column per host, one labelled, coloured, linked cell each.

    `results` maps a test's node id to its result dict; a control that ran several times on a host
    shows its worst outcome and how many of its runs had it, and links to that run's row.
    """
    cells: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = {}
    for nodeid, result in sorted(results.items()):
        cells.setdefault((result["control"], result["host"]), []).append((nodeid, result))
    header = "".join(f'<th class="svc-host" scope="col">{esc(h)}</th>' for h in hosts)
    rows = []
    for cid in control_order(r["control"] for r in results.values()):
        record = CONTROLS.get(cid)
        title, severity = (record.title, record.severity) if record else ("", "")
        refs = references_html(record.references) if record else ""
        row = [f'<th scope="row">{esc(cid)}</th><td>{esc(title)}{refs}</td><td>{esc(severity)}</td>']
        row += [matrix_cell(cid, host, cells.get((cid, host), [])) for host in hosts]
        rows.append(f'<tr data-control="{esc(cid)}">{"".join(row)}</tr>')
    return (
        '<div class="svcaudit-part"><h2>Controls by host</h2>'
        + legend()
        + '<table id="svcaudit-matrix" class="svcaudit-matrix">'
        + f"<thead><tr><th>Control</th><th>Title</th><th>Severity</th>{header}</tr></thead>"
        + f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def references_html(references: Sequence[Reference]) -> str:
    """The standard rules a control checks, one line each with full, partial or conflict and why."""
    if not references:
        return ""
    items = "".join(
        f'<li class="svc-ref svc-ref-{r.status}" title="{esc(r.rule.title)}">{esc(r.text())}</li>' for r in references
    )
    return f'<ul class="svc-refs">{items}</ul>'


def matrix_cell(cid: str, host: str, runs: list[tuple[str, dict[str, Any]]]) -> str:
    if not runs:
        return f'<td class="svc-cell svc-none" data-host="{esc(host)}" data-outcome="none">not run</td>'
    outcome = worst(r["outcome"] for _, r in runs)
    nodeid, result = next((n, r) for n, r in runs if r["outcome"] == outcome)
    count = sum(1 for _, r in runs if r["outcome"] == outcome)
    extra = f' <span class="svc-count">({count} of {len(runs)})</span>' if len(runs) > 1 else ""
    tip = f"{cid} on {host}: {MEANINGS[outcome]}"
    detail = result.get("waiver") if outcome == "waived" else result.get("evidence")
    if detail:
        tip += "\n" + str(detail).splitlines()[0]
    return (
        f'<td class="svc-cell svc-{outcome}" data-host="{esc(host)}" data-outcome="{outcome}" title="{esc(tip)}">'
        f'<a href="#{anchor(nodeid)}">{esc(LABELS[outcome])}{extra}</a></td>'
    )


# -- the picture per family ---------------------------------------------------------------------------
def family_summary(results: Iterable[dict[str, Any]]) -> str:
    """A stacked bar per family (all hosts together) with its counts in words beside it."""
    per_family: dict[str, Counter[str]] = {}
    for result in results:
        record = CONTROLS.get(result["control"])
        family = record.prefix if record else result["control"].split("-")[0]
        per_family.setdefault(family, Counter())[result["outcome"]] += 1
    order = list(dict.fromkeys(c.prefix for c in CONTROLS.values()))
    rows = []
    for family in order + sorted(set(per_family) - set(order)):
        if family not in per_family:
            continue
        counts = per_family[family]
        words = ", ".join(f"{counts[o]} {LABELS[o]}" for o in OUTCOMES if counts[o])
        rows.append(
            f'<tr data-family="{esc(family)}"><th scope="row">{esc(family)}</th>'
            f"<td>{bar(counts, f'{family}: {words}')}</td><td>{esc(words)}</td></tr>"
        )
    return (
        '<div class="svcaudit-part"><h2>Families</h2>'
        f'<table id="svcaudit-families" class="svcaudit-families">{"".join(rows)}</table></div>'
    )


def bar(counts: Counter[str], label: str, width: int = 320, height: int = 16) -> str:
    """An inline SVG stacked bar, one rectangle per outcome in proportion to its count."""
    total = sum(counts[o] for o in OUTCOMES) or 1
    x = 0.0
    rects = []
    for outcome in OUTCOMES:
        if not counts[outcome]:
            continue
        w = width * counts[outcome] / total
        rects.append(
            f'<rect class="svc-bar-{outcome}" x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" '
            f'fill="{COLOURS[outcome][0]}"><title>{counts[outcome]} {esc(LABELS[outcome])}</title></rect>'
        )
        x += w
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(label)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{"".join(rects)}</svg>'
    )


# -- profiles and waivers -------------------------------------------------------------------------------
def profile_changes(values: dict[str, dict[str, Any]]) -> list[str]:
    """`section.key = value` for each value in effect that differs from the built-in defaults."""
    base = defaults()
    changed = []
    for section, keys in sorted(values.items()):
        for key, value in sorted(keys.items()):
            if base.get(section, {}).get(key) != value:
                shown = oct(value) if isinstance(value, int) and key.endswith("mode") else repr(value)
                changed.append(f"{section}.{key} = {shown}")
    return changed


def profiles(hosts: dict[str, dict[str, Any]]) -> str:
    """The profile in effect per host: its file, the host tables that matched, the values it changes."""
    rows = []
    for name in sorted(hosts):
        echo = hosts[name].get("profile") or {}
        matched = ", ".join(f'[hosts."{m}"]' for m in echo.get("matched", [])) or "none"
        changes = profile_changes(echo.get("values") or {})
        shown = "<br>".join(esc(c) for c in changes) if changes else "the built-in defaults"
        rows.append(
            f'<tr data-host="{esc(name)}"><td>{esc(name)}</td><td>{esc(echo.get("source", ""))}</td>'
            f"<td>{esc(matched)}</td><td>{shown}</td></tr>"
        )
    return (
        '<div class="svcaudit-part"><h2>Profile in effect</h2><table id="svcaudit-profiles">'
        "<tr><th>Host</th><th>Profile</th><th>Host tables matched</th><th>Values changed from the defaults</th></tr>"
        f"{''.join(rows)}</table></div>"
    )


def waivers(declared: Sequence[Waiver], hosts: Sequence[str], results: Iterable[dict[str, Any]], today: datetime.date) -> str:
    """Every waiver of the profile: control, host globs, what it did on each host of this run, why, until when, ticket."""
    effects: dict[tuple[str, str], str] = {}
    for result in results:
        if result.get("waiver"):
            effects[(result["control"], result["host"])] = {
                "waived": "waived",
                "fail": "expired: the finding stands",
                "pass": "not needed: the control passes",
            }.get(result["outcome"], result["outcome"])
    if not declared:
        return '<div class="svcaudit-part"><h2>Waivers</h2><p id="svcaudit-waivers">No waivers in the profile.</p></div>'
    rows = []
    for waiver in declared:
        expired = waiver.expired(today)
        covered = [h for h in hosts if any(fnmatch.fnmatchcase(h, g) for g in waiver.hosts)]
        applied = "<br>".join(
            esc(f"{h}: {effects.get((waiver.control, h), 'no result for this control')}") for h in covered
        ) or esc("no host of this run")
        expiry = esc(waiver.expires.isoformat()) + (' <span class="svc-expired-label">EXPIRED</span>' if expired else "")
        rows.append(
            f'<tr class="{"svc-expired" if expired else "svc-active"}" data-control="{esc(waiver.control)}">'
            f"<td>{esc(waiver.control)}</td><td>{esc(', '.join(waiver.hosts))}</td><td>{applied}</td>"
            f"<td>{esc(waiver.justification)}</td><td>{expiry}</td><td>{esc(waiver.ticket)}</td></tr>"
        )
    return (
        '<div class="svcaudit-part"><h2>Waivers</h2><table id="svcaudit-waivers" class="svcaudit-waivers">'
        "<tr><th>Control</th><th>Hosts</th><th>In this run</th><th>Justification</th><th>Expires</th><th>Ticket</th></tr>"
        f"{''.join(rows)}</table></div>"
    )


# -- the results table ----------------------------------------------------------------------------------
COLUMNS = ("Control", "Severity", "Host", "Evidence", "Remediation")


def html_header(cells: list[str]) -> None:
    for offset, name in enumerate(COLUMNS, 1):
        cells.insert(offset, f'<th class="sortable" data-column-type="{name.lower()}">{name}</th>')


def evidence_text(result: dict[str, Any]) -> str:
    """The Evidence cell: what a finding found, or the caveats of a pass."""
    return result.get("evidence", "") or "\n".join(f"note: {n}" for n in result.get("notes", []))


def html_row(report: pytest.TestReport, cells: list[str]) -> None:
    props = {k: str(v) for k, v in getattr(report, "user_properties", [])}
    result = getattr(report, "svcaudit_result", None) or {}
    values = (
        result.get("control") or props.get("control", ""),
        result.get("severity") or props.get("severity", ""),
        result.get("host") or props.get("host", ""),
        evidence_text(result),
        result.get("remediation", "") if result.get("outcome") in ("fail", "waived") else "",
    )
    nodeid = getattr(report, "nodeid", "")
    for offset, (name, value) in enumerate(zip(COLUMNS, values, strict=True), 1):
        text = html.escape(value).replace("\n", "<br>")
        # The row's anchor sits on its first cell: the matrix links here.
        where = f'id="{anchor(nodeid)}" ' if offset == 1 and result and nodeid else ""
        cells.insert(offset, f'<td {where}class="col-{name.lower()}">{text}</td>')


def log_text(result: dict[str, Any], message: str = "") -> str:
    """A control's log under its row: the outcome in words, its evidence and fix, never Python source.

    `message` is the whole failure message when pytest kept it (the result's evidence is capped).
    """
    outcome = result["outcome"]
    evidence = message or result.get("evidence", "")
    lines = [f"{LABELS[outcome]}: {result['control']} on {result['host']}: {MEANINGS[outcome]}"]
    if outcome == "waived":
        lines += [result.get("waiver", ""), "", "the finding:", evidence]
    elif outcome == "pass":
        lines += [f"note: {n}" for n in result.get("notes", [])]
        if result.get("waiver"):
            lines.append(result["waiver"])
    else:
        lines.append(evidence)
    return "\n".join(lines)
