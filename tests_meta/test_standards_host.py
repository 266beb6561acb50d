"""One AIX host hardened to the AIX 7 STIG, judged under the STIG preset and under the CIS preset.

The STIG-hardened host passes every control of the catalog (or the control does not apply) with
`--profile=stig-aix7` (SMTP-07 is not assessed: no mounted tree says which sendmail release its
binary is, and the hardened greeting hides it); with `--profile=cis-aix7-l1` the same host fails exactly the controls where
the two standards want different things, and nothing is left not assessed under either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from svcaudit.controls.catalog import CONTROLS
from tests_meta.support.scenario import SuiteResult, build, run_suite
from tests_meta.support.stig_host import AIX_STIG_HARDENED, CIS_DISAGREES, FOLDERS, NOT_ASSESSABLE_ON_A_TREE


def _run(preset: str, tmp_path: Path) -> SuiteResult:
    root = build(AIX_STIG_HARDENED, tmp_path / "root")
    return run_suite(["--sysroot", str(root), "--platform", "aix", f"--profile={preset}"], tmp_path, FOLDERS)


def _not_passed(result: SuiteResult) -> dict[str, str]:
    return {control: outcome for control, outcome in result.outcomes.items() if outcome not in ("pass", "na")}


@pytest.mark.parametrize("preset", ["stig-aix7", "cis-aix7-l1"])
def test_the_stig_hardened_aix_host_fails_exactly_where_the_standards_disagree(preset: str, tmp_path: Path) -> None:
    result = _run(preset, tmp_path)
    assert set(result.outcomes) == set(CONTROLS), result.output[-3000:]
    expected = {} if preset == "stig-aix7" else dict.fromkeys(CIS_DISAGREES, "fail")
    expected.update(dict.fromkeys(NOT_ASSESSABLE_ON_A_TREE, "error"))
    found = _not_passed(result)
    assert found == expected, {c: result.messages[c] for c in set(found) ^ set(expected)}
    for control, reason in NOT_ASSESSABLE_ON_A_TREE.items():
        assert all("NOT ASSESSED" in m and reason in m for m in result.messages[control]), result.messages[control]


def test_every_disagreement_names_the_rules_of_both_standards() -> None:
    for control, why in CIS_DISAGREES.items():
        assert control in CONTROLS
        assert "CIS " in why and ("STIG" in why), (control, why)


def test_the_fix_names_the_preset_values_and_only_what_is_wrong(tmp_path: Path) -> None:
    """Remediation follows the profile in use: CIS wants cron.allow 0400 and the spool directories bin's."""
    messages = _run("cis-aix7-l1", tmp_path).messages
    assert "fix: chmod 400 /var/adm/cron/cron.allow" in "\n".join(messages["CRON-03"])
    assert "fix: chown bin /var/spool/cron/atjobs" in "\n".join(messages["AT-04"])
    assert "fix: chown bin /var/adm/cron/log" in "\n".join(messages["CRON-10"])
    assert "fix: restore /etc/mail/helpfile" in "\n".join(messages["SMTP-03"])
