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
    "references": "list of standard rule references, e.g. 'DISA-STIG AIX7 V-215301', 'CIS AIX7 3.4.2'",
}


class RecordError(ValueError):
    """A record file that does not describe its controls completely."""


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
    references: tuple[str, ...] = ()

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
    if not isinstance(data["references"], list) or not all(isinstance(r, str) and r.strip() for r in data["references"]):
        raise RecordError(f"{source}: [{cid}] references: expected a list of non-empty strings")
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
        references=tuple(data["references"]),
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
    lines += [f"{c.id:<8} {c.severity:<8} {c.title:<{width}}  {c.requirement}" for c in CONTROLS.values()]
    return "\n".join(lines)


def markdown_table() -> str:
    """The README's control table, each ID linking to its section of CONTROLS.md.

    svcaudit.reports.catalog_doc writes it into README.md; a self-test fails when it is stale.
    """
    rows = ["| ID | severity | title | seed requirement |", "|---|---|---|---|"]
    rows += [f"| [{c.id}](CONTROLS.md#{c.id.lower()}) | {c.severity} | {c.title} | {c.requirement} |" for c in CONTROLS.values()]
    return "\n".join(rows)
