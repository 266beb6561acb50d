"""Space-separated option values that pytest mistook for test paths (pytest-dev/pytest#8846).

pytest finds its rootdir and ini file before it loads entry-point plugins, so in
`pytest --sysroot /mnt/img --platform aix` it takes /mnt/img for a test path: the rootdir becomes
/mnt/img, the repository's ini file (testpaths, addopts) is not read and the run would collect
the wrong tests and write its cache into the image. Once the plugin's options are known the
mistake can be seen; the command is then run again with `--option=value`, which pytest reads
correctly from the start.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from _pytest.config.findpaths import determine_setup

#: Set in the environment of the corrected command, so a run is corrected at most once.
RERUN_ENV = "SVCAUDIT_JOINED_OPTIONS"


def argument_parser(parser: pytest.Parser) -> argparse.ArgumentParser:
    """pytest's argparse parser, with every plugin's options."""
    found = getattr(parser, "optparser", None)
    if isinstance(found, argparse.ArgumentParser):
        return found
    build = "_getparser"  # pytest 8 builds it on demand
    made: argparse.ArgumentParser = getattr(parser, build)()
    return made


def misread(
    optparser: argparse.ArgumentParser, args: Sequence[str], invocation_dir: Path, rootpath: Path, inipath: Path | None
) -> bool:
    """Whether pytest's rootdir or ini file differs from the one the real test paths give."""
    ns, _ = optparser.parse_known_args(list(args))
    if getattr(ns, "inifilename", None) or getattr(ns, "rootdir", None):
        return False  # the user chose them
    try:
        found = determine_setup(
            inifile=None,
            override_ini=getattr(ns, "override_ini", None),
            args=list(getattr(ns, "file_or_dir", None) or []),
            rootdir_cmd_arg=None,
            invocation_dir=invocation_dir,
        )
    except TypeError:  # a pytest whose determine_setup takes other arguments: leave its choice alone
        return False
    return (found[0], found[1]) != (rootpath, inipath)


def spaced(args: Sequence[str], names: frozenset[str]) -> bool:
    """Whether one of the named options is given its value as the next argument."""
    return any(arg in names for arg in args[:-1])


def joined(optparser: argparse.ArgumentParser, args: Sequence[str]) -> list[str]:
    """args with each `--name value` of a one-value long option written `--name=value`, as pytest reads it first."""
    actions = optparser._option_string_actions
    out: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        action = actions.get(arg)
        if (
            arg.startswith("--")
            and action is not None
            and action.nargs is None
            and isinstance(action, argparse._StoreAction)
            and index + 1 < len(args)
        ):
            out.append(f"{arg}={args[index + 1]}")
            index += 2
            continue
        if arg == "--":
            out += args[index:]
            break
        out.append(arg)
        index += 1
    return out


def rerun_mark() -> bool:
    """Whether this process is a corrected command; the mark is removed, so the suite's own subprocesses do not inherit it."""
    return os.environ.pop(RERUN_ENV, None) is not None


def rerun_command(args: Sequence[str], fixed: list[str]) -> list[str] | None:
    """The interpreter's command line with `fixed` for pytest's arguments; None when pytest was not started from one."""
    if list(sys.argv[1:]) != list(args):
        return None
    orig = list(getattr(sys, "orig_argv", []))
    keep = len(orig) - len(sys.argv) + 1
    if keep < 1 or orig[keep:] != list(args):
        return None
    return [sys.executable, *orig[1:keep], *fixed]


def rerun(config: pytest.Config, command: list[str]) -> None:
    """Replace this process with the corrected command (nothing has run or been printed yet)."""
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        capture.stop_global_capturing()  # give the new process the real stdout and stderr back
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(command[0], command, {**os.environ, RERUN_ENV: "1"})
