"""The documents generated from the control records are current, and no link leaves the repository."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from svcaudit.controls.catalog import CONTROLS
from svcaudit.reports import catalog_doc
from tests_meta.support.scenario import REPO

#: Mentions of places a clone of the repository does not have: the workspace's shared folder and its
#: absolute paths (spelled in pieces so that this file does not match itself).
OUTSIDE = re.compile(r"\.\./" + "shared" + r"\b|(?<![\w.])/" + "work" + "/")
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def test_controls_md_and_the_readme_table_are_current() -> None:
    stale = catalog_doc.stale(REPO)
    assert not stale, f"stale: {', '.join(p.name for p in stale)}; regenerate with: {catalog_doc.COMMAND}"


def test_controls_md_has_every_control_and_profile_key() -> None:
    text = (REPO / "CONTROLS.md").read_text()
    for control in CONTROLS.values():
        assert f"\n### {control.id}\n" in text
        assert f"[{control.id}](#{control.id.lower()})" in text  # its row in the family table and in seed coverage
    assert "## Conventions" in text and "## Seed coverage" in text
    assert "| `[cron] dir_mode` | `0o755` |" in text and "| `[sysgroups] extra` | `[]` |" in text


def _repo_copy(tmp_path: Path, readme: str) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text(readme)
    return root


def test_the_command_names_stale_files_then_rewrites_only_the_generated_block(tmp_path: Path, capsys) -> None:
    before, after = "# A project\n\nintro\n\n", "\n\n## Later\ntext\n"
    root = _repo_copy(tmp_path, f"{before}{catalog_doc.README_BEGIN}\n| old | table |\n{catalog_doc.README_END}{after}")
    assert catalog_doc.main(["--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"CONTROLS.md: stale; regenerate with: {catalog_doc.COMMAND}" in out and "README.md: stale" in out
    assert not (root / "CONTROLS.md").exists()
    assert catalog_doc.main(["--root", str(root), "--write"]) == 0
    assert (root / "README.md").read_text() == f"{before}{catalog_doc.readme_block()}{after}"
    assert (root / "CONTROLS.md").read_text() == catalog_doc.controls_md()
    capsys.readouterr()
    assert catalog_doc.main(["--root", str(root)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_a_readme_without_the_table_markers_is_an_error(tmp_path: Path, capsys) -> None:
    root = _repo_copy(tmp_path, "# A project\n\n| ID | severity |\n")
    assert catalog_doc.main(["--root", str(root), "--write"]) == 2
    assert "README.md: no control table block" in capsys.readouterr().err
    assert (root / "README.md").read_text() == "# A project\n\n| ID | severity |\n"


def test_the_module_runs_as_a_command() -> None:
    proc = subprocess.run(
        ["python3", "-m", "svcaudit.reports.catalog_doc"], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "up to date: CONTROLS.md, README.md" in proc.stdout


@pytest.mark.parametrize(
    "text, markdown",
    [
        ("`|/usr/bin/perl x` or |prog", r"`\|/usr/bin/perl x` or \|prog"),
        ("/etc/rsyslog.d/*.conf and `*.info`", r"/etc/rsyslog.d/\*.conf and `*.info`"),
        ("chown root <dir>, `<version>`", "chown root &lt;dir>, `<version>`"),
        ("two\n  lines", "two lines"),
    ],
)
def test_record_text_is_escaped_for_a_table_cell(text: str, markdown: str) -> None:
    assert catalog_doc.cell(text) == markdown


def test_commands_with_backticks_stay_one_code_span() -> None:
    assert catalog_doc.code("define(`confLOG_LEVEL', `9')dnl") == "`` define(`confLOG_LEVEL', `9')dnl ``"
    assert catalog_doc.code("chmod 600 /etc/x") == "`chmod 600 /etc/x`"


def _tracked_files() -> list[Path]:
    proc = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=False)
    if proc.returncode == 0 and proc.stdout:
        names = [n for n in proc.stdout.split("\0") if n]
    else:  # not a git checkout: every file but caches
        names = [
            str(p.relative_to(REPO))
            for p in REPO.rglob("*")
            if p.is_file() and not {".git", "__pycache__", ".pytest_cache"} & set(p.parts)
        ]
    return [REPO / n for n in names if (REPO / n).is_file()]


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {_slug(h) for h in HEADING.findall(path.read_text(encoding="utf-8"))}


def test_no_file_points_outside_the_repository() -> None:
    files = _tracked_files()
    assert any(f.name == "README.md" for f in files)
    found = []
    for path in files:
        text = _text(path)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def _link_problems(path: Path, root: Path) -> list[str]:
    """Links of one Markdown file that leave `root`, name a missing file, or a heading that is not there."""
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for target in MARKDOWN_LINK.findall(line):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...
                continue
            file_part, _, fragment = target.partition("#")
            where = f"{path.relative_to(root)}:{number}: {target}"
            resolved = (path.parent / file_part).resolve() if file_part else path.resolve()
            if root.resolve() not in resolved.parents:
                problems.append(f"{where}: points outside the repository")
            elif not resolved.exists():
                problems.append(f"{where}: {file_part} does not exist")
            elif fragment and resolved.suffix == ".md" and fragment not in _anchors(resolved):
                problems.append(f"{where}: no heading #{fragment} in {resolved.name}")
    return problems


def test_every_markdown_link_resolves_inside_the_repository() -> None:
    problems = [p for path in _tracked_files() if path.suffix == ".md" for p in _link_problems(path, REPO)]
    assert not problems, "\n".join(problems)


def test_the_link_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    assert OUTSIDE.search("see ../" + "shared/CONTROLS.md") and OUTSIDE.search("cd /" + "work/main && x")
    assert not OUTSIDE.search("crontab line ../x") and not OUTSIDE.search("network/work/x")
    assert MARKDOWN_LINK.findall("[the catalog](../elsewhere/CONTROLS.md) and [x](CONTROLS.md#ftp-01)") == [
        "../elsewhere/CONTROLS.md",
        "CONTROLS.md#ftp-01",
    ]
    assert _slug("FTP-01") == "ftp-01" and _slug("Seed coverage") == "seed-coverage"
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO / "CONTROLS.md", root / "CONTROLS.md")
    assert {"ftp-01", "conventions", "cron-controls"} <= _anchors(root / "CONTROLS.md")
    (root / "README.md").write_text(
        "[a](../" + "shared/CONTROLS.md) [b](missing.md) [c](CONTROLS.md#nope)\n"
        "[d](CONTROLS.md#ftp-01) [e](#here) [f](https://example.org/x)\n\n## Here\n"
    )
    assert _link_problems(root / "README.md", root) == [
        "README.md:1: ../" + "shared/CONTROLS.md: points outside the repository",
        "README.md:1: missing.md: missing.md does not exist",
        "README.md:1: CONTROLS.md#nope: no heading #nope in CONTROLS.md",
    ]
