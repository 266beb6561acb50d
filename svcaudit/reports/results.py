"""The plain dicts a run reports: one per control and host, one per host.

Workers attach them to their test reports; they cross xdist as JSON-able data and end up in the
results JSON, the terminal summary and the HTML report (see recorder.py).
"""

from __future__ import annotations

import os
from typing import Any

from svcaudit.controls.catalog import Control
from svcaudit.facts.host import HostFacts
from svcaudit.outcomes import Outcome
from svcaudit.profile import Profile


def result_entry(
    control: Control, host: str, test: str, platform_family: str, outcome: Outcome, notes: list[str]
) -> dict[str, Any]:
    """One control on one host: the record's identity, the outcome and its evidence, the fix and the waiver.

    `references` lets a pipeline map the finding to the standard it is audited against; `notes`
    are the caveats of a passing control (a line that could not be parsed, a file skipped).
    """
    return {
        "host": host,
        "control": control.id,
        "severity": control.severity,
        "title": control.title,
        "references": [r.as_dict() for r in control.references],
        "test": test,
        "outcome": outcome.outcome,
        "evidence": outcome.evidence,
        "notes": list(notes),
        "remediation": control.fix(platform_family),
        "waiver": outcome.waiver,
    }


def host_entry(name: str, found: HostFacts | Exception | None, profile: Profile) -> dict[str, Any]:
    """One host: platform and collection figures, or why it was not collected, and the profile that applied."""
    echo = {"source": profile.source, "matched": list(profile.matched), "values": profile.values}
    # Which process collected it: with xdist every host must be collected by exactly one worker.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if isinstance(found, HostFacts):
        return {
            "host": found.host,
            "platform": found.platform,
            "platform_notes": list(found.notes),
            "oslevel": found.oslevel,
            "sysroot": found.sysroot,
            "remote_commands": found.remote_commands,
            "collect_seconds": found.collect_seconds,
            "profile": echo,
            "worker": worker,
        }
    if isinstance(found, Exception):
        return {"host": name, "error": str(found), "profile": echo, "worker": worker}
    return {"host": name, "profile": echo, "worker": worker}
