"""The suite checks itself: every record has exactly one test function, every control test has a record.

The records (svcaudit/controls/records/*.toml) are the catalog; nothing outside the repository is read.
"""

import ast
import re
from pathlib import Path

import pytest

from svcaudit.controls.catalog import (
    CONTROLS,
    FAMILY_FOLDERS,
    PLATFORM_FAMILIES,
    SEVERITIES,
    RecordError,
    parse_records,
)
from tests_meta.support.scenario import REPO

CONTROL_FOLDERS = sorted(set(FAMILY_FOLDERS.values()))


def _control_tests() -> list[tuple[Path, str, list[str]]]:
    """(file, test name, control IDs in its markers) for every test function under the control folders."""
    found = []
    for folder in CONTROL_FOLDERS:
        for file in sorted((REPO / folder).glob("test_*.py")):
            tree = ast.parse(file.read_text())
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                    ids = [
                        d.args[0].value
                        for d in node.decorator_list
                        if isinstance(d, ast.Call)
                        and ast.unparse(d.func) == "pytest.mark.control"
                        and d.args
                        and isinstance(d.args[0], ast.Constant)
                    ]
                    found.append((file, node.name, ids))
    return found


def test_every_control_test_carries_exactly_one_known_id_in_the_right_folder() -> None:
    tests = _control_tests()
    assert tests
    for file, name, ids in tests:
        assert len(ids) == 1, f"{file.name}::{name} has control markers {ids}"
        control = CONTROLS.get(ids[0])
        assert control is not None, f"{file.name}::{name}: {ids[0]} has no record in svcaudit/controls/records/"
        assert file.parent.name == control.folder, f"{ids[0]} belongs in {control.folder}, found in {file.parent.name}"


def test_every_record_has_exactly_one_test_function() -> None:
    tests: dict[str, list[str]] = {cid: [] for cid in CONTROLS}
    for file, name, ids in _control_tests():
        for cid in ids:
            tests.setdefault(cid, []).append(f"{file.parent.name}/{file.name}::{name}")
    assert {cid: found for cid, found in tests.items() if len(found) != 1} == {}


def test_records_are_complete() -> None:
    assert CONTROLS
    for control in CONTROLS.values():
        assert re.fullmatch(r"[A-Z]+-\d\d", control.id)
        assert control.severity in SEVERITIES
        for key in ("title", "requirement", "rationale", "check", "na_when"):
            assert getattr(control, key).strip(), f"{control.id}: {key} is empty"
        for family in PLATFORM_FAMILIES:
            assert control.fix(family).strip(), f"{control.id}: no remediation for {family}"
        assert "[Linux" not in control.check and "[/etc" not in control.check, f"{control.id}: bracket shorthand in check"


GOOD = """
[FTP-09]
severity = "low"
title = "t"
requirement = "r"
rationale = "why"
check = "how"
na_when = "never"
references = []

[FTP-09.remediation]
aix = "fix aix"
linux = "fix linux"
"""


def test_a_complete_record_loads() -> None:
    control = parse_records(GOOD, "ftp")["FTP-09"]
    assert control.fix("aix") == "fix aix" and control.family == "ftp" and control.references == ()


@pytest.mark.parametrize(
    "change, family, message",
    [
        (('rationale = "why"', 'rationale = "  "'), "ftp", "[FTP-09] rationale: expected a non-empty string"),
        (('check = "how"', 'check = ""'), "ftp", "[FTP-09] check: expected a non-empty string"),
        (('na_when = "never"', 'na_when = ""'), "ftp", "[FTP-09] na_when: expected a non-empty string"),
        (('linux = "fix linux"', 'linux = ""'), "ftp", "[FTP-09] remediation.linux: expected a non-empty string"),
        (('aix = "fix aix"\n', ""), "ftp", "[FTP-09] remediation: expected a table with keys aix, linux"),
        (("references = []", 'references = [""]'), "ftp", "[FTP-09] references: expected { rule = ..."),
        (("references = []", 'references = [{ rule = "V-1", status = "full" }]'), "ftp", "'V-1' is no rule of"),
        (("references = []", 'references = [{ rule = "V-840", status = "most" }]'), "ftp", "V-840: status must be one of"),
        (("references = []", 'references = [{ rule = "V-840", status = "partial" }]'), "ftp", "needs a note saying what"),
        (("references = []", 'references = [{ rule = "V-840" }, { rule = "V-840" }]'), "ftp", "V-840: status must be one of"),
        (('rationale = "why"\n', ""), "ftp", "[FTP-09]: missing rationale"),
        (('title = "t"', 'title = "t"\nseed = "s"'), "ftp", "[FTP-09]: unknown seed"),
        (('severity = "low"', 'severity = "urgent"'), "ftp", "[FTP-09] severity: expected one of low, medium, high"),
        (("", ""), "mail", "[FTP-09] belongs in ftp.toml"),
        (("[FTP-09]", "[FTP-9]"), "ftp", "[FTP-9]: a control ID is a family prefix and two digits"),
    ],
)
def test_the_loader_refuses_an_incomplete_record(change: tuple[str, str], family: str, message: str) -> None:
    old, new = change
    text = GOOD.replace(old, new) if old else GOOD
    if old == "[FTP-09]":
        text = text.replace("[FTP-09.remediation]", "[FTP-9.remediation]")
    with pytest.raises(RecordError) as raised:
        parse_records(text, family)
    assert message in str(raised.value) and f"svcaudit/controls/records/{family}.toml" in str(raised.value)


def test_every_rule_of_every_standard_is_covered_or_manual_with_its_reason() -> None:
    """No rule of the STIGs or the CIS benchmark on these services is left unchecked without a word why."""
    from svcaudit.controls.catalog import CONTROLS, RULES
    from svcaudit.reports.catalog_doc import _rule_coverage

    found = {rid: _rule_coverage(rule, CONTROLS) for rid, rule in RULES.items()}
    assert not [rid for rid, (status, _) in found.items() if status == "none"]
    for rid, (status, controls) in found.items():
        assert status != "manual" or controls.startswith("no control: "), rid


def test_a_manual_rule_must_say_why(tmp_path: Path) -> None:
    from svcaudit.controls.catalog import RecordError, load_standards

    text = (REPO / "svcaudit/controls/standards.toml").read_text()
    broken = re.sub(r'manual = "[^"]*"', "manual = true", text, count=1)
    assert broken != text
    with pytest.raises(RecordError, match="manual: expected the reason"):
        load_standards(broken)
