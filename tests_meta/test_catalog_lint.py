"""The suite checks itself: one control ID per test, IDs unique and in the catalog, folders matching."""

import ast
import re
from pathlib import Path

from svcaudit.controls.catalog import CONTROLS, FAMILY_FOLDERS, SEVERITIES
from tests_meta.support.scenario import REPO

CONTROL_FOLDERS = sorted(set(FAMILY_FOLDERS.values()))


def _control_tests() -> list[tuple[Path, str, list[str]]]:
    """(file, test name, control IDs in its markers) for every test function under tests_*."""
    found = []
    for folder in CONTROL_FOLDERS:
        for file in sorted((REPO / folder).glob("test_*.py")):
            tree = ast.parse(file.read_text())
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                    ids = [
                        d.args[0].value
                        for d in node.decorator_list
                        if isinstance(d, ast.Call) and ast.unparse(d.func) == "pytest.mark.control"
                        and d.args and isinstance(d.args[0], ast.Constant)
                    ]
                    found.append((file, node.name, ids))
    return found


def test_every_control_test_carries_exactly_one_known_id_in_the_right_folder() -> None:
    tests = _control_tests()
    assert tests
    for file, name, ids in tests:
        assert len(ids) == 1, f"{file.name}::{name} has control markers {ids}"
        control = CONTROLS.get(ids[0])
        assert control is not None, f"{file.name}::{name}: {ids[0]} is not in the catalog"
        assert file.parent.name == control.folder, f"{ids[0]} belongs in {control.folder}, found in {file.parent.name}"


def test_ids_are_unique() -> None:
    ids = [i for _, _, marks in _control_tests() for i in marks]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_catalog_entries_are_complete_and_match_controls_md() -> None:
    for control in CONTROLS.values():
        assert re.fullmatch(r"[A-Z]+-\d\d", control.id)
        assert control.severity in SEVERITIES and control.title and control.seed
    shared = REPO.parent / "shared" / "CONTROLS.md"
    if shared.exists():
        rows = dict(re.findall(r"^\| ((?:FTP|MAIL|SMTP|SNMP|CRON|AT)-\d\d) \| (\w+) \|", shared.read_text(), re.M))
        assert set(rows) == set(CONTROLS)
        assert {k: v for k, v in rows.items()} == {k: c.severity for k, c in CONTROLS.items()}


def test_cron_and_at_controls_are_all_implemented() -> None:
    implemented = {i for _, _, marks in _control_tests() for i in marks}
    cron = {i for i in CONTROLS if i.startswith(("CRON-", "AT-"))}
    assert cron <= implemented, sorted(cron - implemented)
