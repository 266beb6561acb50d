"""Heimdall Data Format (HDF): a run's results as InSpec's `json` reporter writes them, one document per host.

Heimdall, the SAF CLI and MITRE's converters (to STIG Viewer checklists among others) read this
format. The documents are built from the results document (recorder.py) and the control records:
nothing here reads a host, so evidence is exactly what the other reports show (already redacted).

How our outcomes map (as InSpec reports the same situations):

| outcome | result status | control |
|---|---|---|
| pass | passed | impact from severity |
| fail | failed, message: evidence and fix | impact from severity |
| na | skipped, skip_message: the N/A reason | impact 0.0 when every test case of it was N/A |
| waived | failed, message: evidence and fix | waiver_data: justification, expiry, run, not skipped |
| error | error, message: why it was not assessed | impact from severity |
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from svcaudit.controls.catalog import FAMILY_FOLDERS, Control, Reference
from svcaudit.facts.platforms import PLATFORMS
from svcaudit.targets import record_name

#: InSpec's impact for each severity (its own `impact 0.7` is "high").
IMPACT = {"high": 0.7, "medium": 0.5, "low": 0.3}

STATUS = {"pass": "passed", "fail": "failed", "waived": "failed", "na": "skipped", "error": "error"}

PROFILE_NAME = "svcaudit"
PROFILE_TITLE = "svcaudit: AIX and Linux service hardening (FTP, mail/SMTP, SNMP, cron/at)"
RECORDS = "svcaudit/controls/records"

# The waiver texts of svcaudit.outcomes.classify (from Waiver.describe): what a waiver did to a result.
_WAIVED = re.compile(r"waived: (?P<justification>.*) \(expires (?P<expires>\d{4}-\d\d-\d\d)(?:, ticket (?P<ticket>.*))?\)", re.S)
_UNNEEDED = re.compile(
    r"waiver no longer needed: the control passes \((?P<justification>.*) \(expires (?P<expires>\d{4}-\d\d-\d\d)"
    r"(?:, ticket (?P<ticket>.*))?\)\)",
    re.S,
)
_EXPIRED = re.compile(r"expired on (?P<expires>\d{4}-\d\d-\d\d): (?P<justification>.*)", re.S)


def version() -> str:
    try:
        return metadata.version("svcaudit")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def record_files() -> dict[str, str]:
    """Each family's record file text, by family (`ftp`, `mail`, ...), in catalog order."""
    folder = resources.files("svcaudit.controls").joinpath("records")
    return {f: folder.joinpath(f"{f}.toml").read_text(encoding="utf-8") for f in dict.fromkeys(p.lower() for p in FAMILY_FOLDERS)}


def records_sha256(files: Mapping[str, str]) -> str:
    """The profile's checksum: the record files, in catalog order (InSpec hashes the profile's files)."""
    digest = hashlib.sha256()
    for family, text in files.items():
        digest.update(f"{family}.toml\0".encode())
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def record_source(control_id: str, text: str) -> tuple[str, int]:
    """The record's own TOML (its table and sub-tables) and the line it starts on: a control's `code`."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.strip() == f"[{control_id}]"), None)
    if start is None:
        return "", 0
    end = start + 1
    while end < len(lines):
        header = lines[end].strip()
        if header.startswith("[") and not header.startswith(f"[{control_id}."):
            break
        end += 1
    return "\n".join(lines[start:end]).strip() + "\n", start + 1


def reference_tags(references: Iterable[Reference]) -> dict[str, Any]:
    """The record's references, with STIG and CIS rule ids split out, and the STIG identity of the control.

    `gid`, `rid` and `stig_id` (what hdf2ckl makes a checklist's Vuln_Num, Rule_ID and Rule_Ver) are set
    when the control fully checks exactly one rule of the AIX 7.x STIG, else exactly one of the AIX 6.1 STIG:
    a control that checks several rules is not passed off as one of them. `nist` is left out: no reference
    names a CCI, and a NIST mapping is not invented.
    """
    refs = list(references)
    tags: dict[str, Any] = {"references": [r.text() for r in refs]}
    stig = [r for r in refs if r.rule.is_stig]
    cis = [r.rule.id.removeprefix("CIS ") for r in refs if not r.rule.is_stig]
    if stig:
        tags["stig"] = [r.text() for r in stig]
        for standard in ("stig-aix7", "stig-aix61"):
            full = [r.rule for r in stig if r.status == "full" and r.rule.standard.key == standard]
            if len(full) == 1:
                tags.update(gid=full[0].id, rid=full[0].rule_id, stig_id=full[0].stig_id)
                break
    if cis:
        tags["cis"] = cis
    return tags


def waiver_data(text: str) -> dict[str, Any] | None:
    """InSpec's waiver_data for what a waiver did to a result; None when no waiver applied."""
    for pattern, message in ((_WAIVED, ""), (_UNNEEDED, "waiver no longer needed: the control passes"), (_EXPIRED, None)):
        found = pattern.fullmatch(text)
        if found is None:
            continue
        expires = found["expires"]
        data: dict[str, Any] = {
            "justification": found["justification"],
            "expiration_date": expires,
            "run": True,
            "skipped_due_to_waiver": False,
            "message": message if message is not None else f"Waiver expired on {expires}, evaluating control normally",
        }
        ticket = found.groupdict().get("ticket")
        if ticket:
            data["ticket"] = ticket
        return data
    return None


def result_entry(result: Mapping[str, Any], start_time: str) -> dict[str, Any]:
    """One test case of a control on a host, as an InSpec result."""
    outcome = result["outcome"]
    entry: dict[str, Any] = {
        "status": STATUS[outcome],
        "code_desc": f"{result['test']}: {result['title']}",
        "run_time": 0,
        "start_time": start_time,
    }
    evidence = str(result.get("evidence") or "")
    if outcome == "na":
        entry["skip_message"] = evidence
    elif outcome in ("fail", "waived"):
        fix = str(result.get("remediation") or "")
        entry["message"] = evidence if "fix:" in evidence or not fix else f"{evidence}\nfix: {fix}"
    elif outcome == "error":
        entry["message"] = evidence
        entry["exception"] = "not assessed"
    elif result.get("notes"):
        entry["message"] = "passed with caveats: " + "; ".join(result["notes"])
    return entry


def control_entry(
    control: Control, results: Sequence[Mapping[str, Any]], start_time: str, files: Mapping[str, str], family: str = ""
) -> dict[str, Any]:
    """One control on one host with all its test cases, as an InSpec control; `family` picks the fix (aix, linux)."""
    code, line = record_source(control.id, files.get(control.family, ""))
    na = all(r["outcome"] == "na" for r in results)
    entry: dict[str, Any] = {
        "id": control.id,
        "title": control.title,
        "desc": control.rationale,
        "descriptions": [
            {"label": "default", "data": control.rationale},
            {"label": "check", "data": control.check},
            {"label": "fix", "data": control.fix(family) or fix_text(control)},
            {"label": "rationale", "data": control.rationale},
        ],
        "impact": 0.0 if na else IMPACT[control.severity],
        "refs": [],
        "tags": {"severity": control.severity, **reference_tags(control.references)},
        "code": code,
        "source_location": {"ref": f"{RECORDS}/{control.family}.toml", "line": line},
        "results": [result_entry(r, start_time) for r in results],
    }
    waivers = [w for w in (waiver_data(str(r.get("waiver") or "")) for r in results) if w]
    if waivers:
        # Test cases of one control share its waiver; what it did to a finding says more than "not needed".
        entry["waiver_data"] = min(waivers, key=lambda w: (bool(w["message"]), not w["message"].startswith("Waiver expired")))
    return entry


def fix_text(control: Control) -> str:
    """Every platform's fix, for a host whose platform is not known."""
    return "\n".join(f"{family.upper()}: {text}" for family, text in control.remediation.items())


def platform_family(info: Mapping[str, Any]) -> str:
    """aix or linux for a collected host; "" when it was not collected."""
    found = PLATFORMS.get(str(info.get("platform") or ""))
    return found.family if found else ""


def platform_entry(host: str, info: Mapping[str, Any]) -> dict[str, Any]:
    """InSpec's platform: the name (aix, debian, rhel), the release (AIX oslevel), and the host as target."""
    return {"name": str(info.get("platform") or "unknown"), "release": str(info.get("oslevel") or ""), "target_id": host}


def host_document(
    host: str,
    info: Mapping[str, Any],
    results: Sequence[Mapping[str, Any]],
    controls: Mapping[str, Control],
    *,
    start_time: str,
    duration: float,
    files: Mapping[str, str],
) -> dict[str, Any]:
    """One host's HDF document: its platform, one profile (the suite) with the controls that ran on it."""
    by_control: dict[str, list[Mapping[str, Any]]] = {}
    for result in sorted(results, key=lambda r: str(r["test"])):
        by_control.setdefault(result["control"], []).append(result)
    ran = [c for c in controls.values() if c.id in by_control]
    groups: dict[str, list[str]] = {}
    for control in ran:
        groups.setdefault(control.family, []).append(control.id)
    profile = {
        "name": PROFILE_NAME,
        "title": PROFILE_TITLE,
        "version": version(),
        "sha256": records_sha256(files),
        "summary": "Hardening controls for FTP, sendmail/SMTP, SNMP and cron/at, one pytest test per control",
        "maintainer": "svcaudit",
        "supports": [{"platform-name": "aix"}, {"platform-family": "linux"}],
        "attributes": [],
        "groups": [
            {"id": f"{RECORDS}/{family}.toml", "title": f"{family.upper()} controls", "controls": ids}
            for family, ids in groups.items()
        ],
        "controls": [control_entry(c, by_control[c.id], start_time, files, platform_family(info)) for c in ran],
        "status": "loaded",
        "status_message": "",
    }
    return {
        "platform": platform_entry(host, info),
        "profiles": [profile],
        "statistics": {"duration": round(duration, 3)},
        "version": version(),
    }


def documents(
    document: Mapping[str, Any], controls: Mapping[str, Control], *, start_time: str, duration: float
) -> dict[str, dict[str, Any]]:
    """Every host's HDF document from a results document (RunRecorder.document), by host name."""
    files = record_files()
    per_host: dict[str, list[Mapping[str, Any]]] = {name: [] for name in document.get("hosts", {})}
    for result in document.get("results", []):
        per_host.setdefault(result["host"], []).append(result)
    hosts = document.get("hosts", {})
    return {
        name: host_document(name, hosts.get(name, {}), results, controls, start_time=start_time, duration=duration, files=files)
        for name, results in sorted(per_host.items())
    }


def paths(target: str, hosts: Iterable[str], *, directory: bool) -> dict[str, Path]:
    """Where each host's document goes: with one host, `target` itself; with several (or when `target`
    is a directory), `target/<host>.json`, the host named as --record names its file."""
    names = list(hosts)
    if len(names) == 1 and not directory:
        return {names[0]: Path(target)}
    return {name: Path(target, record_name(name) + ".json") for name in names}
