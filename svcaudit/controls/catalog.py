"""The control catalog: one record per control, read from records/*.toml (IDs are contracts, never reused).

Markers, JUnit properties, --list-controls, remediation text, the reports and the generated
CONTROLS.md all read these records; nothing else describes a control.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

SEVERITIES = ("low", "medium", "high")
PLATFORM_FAMILIES = ("aix", "linux")

#: Which folder holds which ID prefix, and the record file of each family.
FAMILY_FOLDERS = {
    "FTP": "tests_ftp",
    "MAIL": "tests_mail",
    "SMTP": "tests_mail",
    "SNMP": "tests_snmp",
    "CRON": "tests_cron",
    "AT": "tests_cron",
}

#: The keys a record must have, and what each holds.
FIELDS = {
    "severity": "low, medium or high",
    "title": "one line: what holds when the control passes",
    "requirement": "the seed document's words this control serves",
    "rationale": "why it matters: what an attacker gains when it fails",
    "check": "how it is checked: files, keys, probes, and which values pass",
    "na_when": "when the control does not apply (N/A), or 'never'",
    "remediation": "a table with the fix per platform family: aix, linux",
    "references": 'the standard rules it checks: { rule = "V-215259" | "CIS 4.3.4.9", status = full|partial|conflict, note }',
}

#: How much of a rule a control checks: all of it; the same subject with a difference the note names; or the
#: opposite of what the rule demands under the default profile (a preset may follow the rule; the note says which).
STATUSES = ("full", "partial", "conflict")


class RecordError(ValueError):
    """A record file that does not describe its controls completely."""


@dataclass(frozen=True)
class Standard:
    key: str  # stig-aix7, stig-aix61, cis-aix7
    name: str
    released: str
    label: str  # how a reference names it: DISA-STIG AIX7, CIS AIX7
    note: str = ""  # what a reader must know about the source


@dataclass(frozen=True)
class Rule:
    """One rule of a standard, as standards.toml lists it."""

    id: str  # V-215259, or CIS 4.3.4.9
    standard: Standard
    title: str
    check: str
    service: str
    severity: str = ""
    rule_id: str = ""  # SV-215259r987796_rule (STIGs only)
    stig_id: str = ""  # AIX7-00-002060 (STIGs only)
    #: Why no control can check it (an interview item); empty for a rule a control can check.
    manual: str = ""

    @property
    def is_stig(self) -> bool:
        return self.standard.key.startswith("stig-")

    def label(self) -> str:
        """`DISA-STIG AIX7 V-215259 (SV-215259r987796_rule, AIX7-00-002060)` or `CIS AIX7 4.3.4.9`."""
        if self.is_stig:
            return f"{self.standard.label} {self.id} ({self.rule_id}, {self.stig_id})"
        return f"{self.standard.label} {self.id.removeprefix('CIS ')}"


@dataclass(frozen=True)
class Reference:
    """A rule a control checks, fully or in part (the note says what differs)."""

    rule: Rule
    status: str
    note: str = ""

    def text(self) -> str:
        """One line: label, status and note; what JUnit properties and --list-controls show."""
        return f"{self.rule.label()} {self.status}" + (f": {self.note}" if self.note else "")

    def as_dict(self) -> dict[str, str]:
        """The reference as the JSON results and the HTML report carry it."""
        rule = self.rule
        found = {"standard": rule.standard.label, "id": rule.id, "rule_id": rule.rule_id, "stig_id": rule.stig_id}
        return {k: v for k, v in found.items() if v} | {"status": self.status, "note": self.note, "title": rule.title}


def load_standards(text: str, source: str = "svcaudit/controls/standards.toml") -> dict[str, Rule]:
    """Every rule of standards.toml by its id; RecordError names the rule when one is incomplete."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RecordError(f"{source}: {exc}") from None
    standards = {key: Standard(key, s["name"], s["released"], s["label"], s["note"]) for key, s in data["standards"].items()}
    rules: dict[str, Rule] = {}
    for rid, r in data["rules"].items():
        if r.get("standard") not in standards:
            raise RecordError(f"{source}: [rules.{rid!r}] standard: expected one of {', '.join(standards)}")
        known = {"standard", "title", "check", "service", "severity", "rule_id", "stig_id", "cis", "manual"}
        if set(r) - known or not r.get("title") or not r.get("service"):
            raise RecordError(f"{source}: [rules.{rid!r}]: expected title, check, service and only {', '.join(sorted(known))}")
        if "manual" in r and (not isinstance(r["manual"], str) or not r["manual"].strip()):
            raise RecordError(f"{source}: [rules.{rid!r}] manual: expected the reason no control can check it")
        values = {k: v for k, v in r.items() if k not in ("standard", "cis")}
        rules[rid] = Rule(id=rid, standard=standards[r["standard"]], **values)
    return rules


def _standards_file() -> str:
    return resources.files("svcaudit.controls").joinpath("standards.toml").read_text(encoding="utf-8")


RULES: dict[str, Rule] = load_standards(_standards_file())


def _references(cid: str, data: Any, source: str) -> tuple[Reference, ...]:
    where = f"{source}: [{cid}] references"
    if not isinstance(data, list):
        raise RecordError(f"{where}: expected a list of {{ rule = ..., status = ..., note = ... }} tables")
    refs: list[Reference] = []
    for entry in data:
        if not isinstance(entry, dict) or set(entry) - {"rule", "status", "note"}:
            raise RecordError(f"{where}: expected {{ rule = ..., status = full|partial|conflict, note = ... }}, got {entry!r}")
        rule = RULES.get(entry.get("rule", ""))
        if rule is None:
            raise RecordError(f"{where}: {entry.get('rule')!r} is no rule of svcaudit/controls/standards.toml")
        status, note = entry.get("status"), entry.get("note", "")
        if status not in STATUSES or not isinstance(note, str):
            raise RecordError(f"{where}: {rule.id}: status must be one of {', '.join(STATUSES)} and note a string")
        if status != "full" and not note.strip():
            raise RecordError(f"{where}: {rule.id}: a {status} reference needs a note saying what differs")
        if any(r.rule.id == rule.id for r in refs):
            raise RecordError(f"{where}: {rule.id} is listed twice")
        refs.append(Reference(rule, status, note.strip()))
    return tuple(refs)


@dataclass(frozen=True)
class Control:
    id: str
    severity: str
    title: str
    requirement: str  # the seed document's words this control serves
    rationale: str = ""
    check: str = ""
    na_when: str = ""
    remediation: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    references: tuple[Reference, ...] = ()

    @property
    def prefix(self) -> str:
        return self.id.split("-")[0]

    @property
    def folder(self) -> str:
        return FAMILY_FOLDERS[self.prefix]

    @property
    def family(self) -> str:
        """The marker that selects this control's family: ftp, mail, smtp, snmp, cron, at."""
        return self.prefix.lower()

    def fix(self, platform_family: str) -> str:
        """The remediation for "aix" or "linux"; "" when the platform family is unknown."""
        return self.remediation.get(platform_family, "")


def _control(cid: str, data: Any, source: str) -> Control:
    if not isinstance(data, dict):
        raise RecordError(f"{source}: [{cid}]: expected a table of {', '.join(FIELDS)}")
    missing = [k for k in FIELDS if k not in data]
    unknown = [k for k in data if k not in FIELDS]
    if missing or unknown:
        raise RecordError(
            f"{source}: [{cid}]: "
            + "; ".join(
                ([f"missing {', '.join(missing)}"] if missing else []) + ([f"unknown {', '.join(unknown)}"] if unknown else [])
            )
        )
    if data["severity"] not in SEVERITIES:
        raise RecordError(f"{source}: [{cid}] severity: expected one of {', '.join(SEVERITIES)}, got {data['severity']!r}")
    remediation = data["remediation"]
    if not isinstance(remediation, dict) or set(remediation) != set(PLATFORM_FAMILIES):
        raise RecordError(f"{source}: [{cid}] remediation: expected a table with keys {', '.join(PLATFORM_FAMILIES)}")
    texts = {key: data[key] for key in ("title", "requirement", "rationale", "check", "na_when")}
    texts |= {f"remediation.{family}": remediation[family] for family in PLATFORM_FAMILIES}
    for key, text in texts.items():
        if not isinstance(text, str) or not text.strip():
            raise RecordError(f"{source}: [{cid}] {key}: expected a non-empty string")
    return Control(
        id=cid,
        severity=data["severity"],
        title=data["title"],
        requirement=data["requirement"],
        rationale=data["rationale"],
        check=data["check"],
        na_when=data["na_when"],
        remediation=MappingProxyType({k: str(v) for k, v in remediation.items()}),
        references=_references(cid, data["references"], source),
    )


def parse_records(text: str, family: str) -> dict[str, Control]:
    """The records of one family file (`ftp`, `mail`, ...); RecordError names the file and control when one is incomplete."""
    source = f"svcaudit/controls/records/{family}.toml"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RecordError(f"{source}: {exc}") from None
    controls: dict[str, Control] = {}
    for cid, record in data.items():
        if not re.fullmatch(r"[A-Z]+-\d\d", cid):
            raise RecordError(f"{source}: [{cid}]: a control ID is a family prefix and two digits, e.g. FTP-01")
        if cid.split("-")[0].lower() != family:
            raise RecordError(f"{source}: [{cid}] belongs in {cid.split('-')[0].lower()}.toml")
        controls[cid] = _control(cid, record, source)
    return controls


def load_records() -> dict[str, Control]:
    """Every record of every family file, in family order, then in file order."""
    controls: dict[str, Control] = {}
    folder = resources.files("svcaudit.controls").joinpath("records")
    for family in dict.fromkeys(p.lower() for p in FAMILY_FOLDERS):
        controls |= parse_records(folder.joinpath(f"{family}.toml").read_text(encoding="utf-8"), family)
    return controls


CONTROLS: dict[str, Control] = load_records()


#: Markers every control carries, so `pytest -m "high and not cron"` selects by severity and family.
MARKERS = {
    **{s: f"controls of severity {s}" for s in SEVERITIES},
    **{p.lower(): f"{p} controls" for p in FAMILY_FOLDERS},
}


def fix_for(control: str, family: str) -> str:
    """The fix text for a control on a platform family ("aix" or "linux"); "" when none is known."""
    found = CONTROLS.get(control)
    return found.fix(family) if found else ""


def catalog_text() -> str:
    """The catalog as printed by --list-controls."""
    width = max(len(c.title) for c in CONTROLS.values())
    lines = [f"{'ID':<8} {'severity':<8} {'title':<{width}}  seed requirement"]
    for c in CONTROLS.values():
        lines.append(f"{c.id:<8} {c.severity:<8} {c.title:<{width}}  {c.requirement}")
        lines += [f"{'':<8} {'':<8} {r.text()}" for r in c.references]
    return "\n".join(lines)


def markdown_table() -> str:
    """The README's control table, each ID linking to its section of CONTROLS.md.

    svcaudit.reports.catalog_doc writes it into README.md; a self-test fails when it is stale.
    """
    rows = ["| ID | severity | title | seed requirement |", "|---|---|---|---|"]
    rows += [f"| [{c.id}](CONTROLS.md#{c.id.lower()}) | {c.severity} | {c.title} | {c.requirement} |" for c in CONTROLS.values()]
    return "\n".join(rows)
