"""Collection one command at a time, for an engine that runs the commands itself (ansible/collect.yml).

The engine (Ansible, with its own forks, become and connection settings) runs each collector
command on the target; this module, on the controller, says which command comes next and turns
the answers into the same `--record` file a direct run writes. It runs `gather()` itself against
a host that answers from the results saved so far: the first command without a saved result
stops it (CommandPending) and is the next one to run. So the requests, the follow-up rounds,
the parsing and the HostFacts are gather()'s own, and `remote_commands` counts every command.

State, per host, under --state DIR/<record name>/: NNN.sha256 (the command issued, by hash)
and NNN.json (the engine's result for it: rc, stdout, stderr, or unreachable and msg). Results
arrive as JSON on stdin (Ansible's registered result of its raw task): nothing read from a
target is ever put on a command line.

    python3 -m svcaudit.collect.stage next --state DIR --name HOST --round R [--profile P] [--platform X] < result.json
        saves the previous command's result (none for round 0, which starts afresh) and prints the
        next command, or nothing when collection is over (done, or failed)
    python3 -m svcaudit.collect.stage finish --state DIR --name HOST --record DIR [--profile P] [--platform X] < result.json
        writes RECORD/<record name>.json as --record does (a host not collected gets a record that
        replays as not assessed), prints one line, removes the host's state; exit status 0 when
        collected, 3 when not, 4 on bad input
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from svcaudit.collect.batch import CollectionError, CommandPending, _one_line
from svcaudit.collect.gather import gather
from svcaudit.facts.host import HostFacts, NotCollected
from svcaudit.profile import ProfileError, load
from svcaudit.targets import record_name, write_record

NOT_COLLECTED = 3
BAD_INPUT = 4


class StageError(Exception):
    """The state or the input makes no sense: stop with one line (exit status 4)."""


class Unreachable(Exception):
    """The engine could not reach the host (Ansible's `unreachable`)."""


@dataclass(frozen=True)
class Answer:
    """One command's result as the engine registered it."""

    stdout: str
    stderr: str
    rc: int


@dataclass
class SavedHost:
    """A host that answers each command from the results saved so far, in order; the first unanswered one is pending."""

    state: Path
    calls: int = 0

    def run(self, command: str, *args: str) -> Answer:
        number = self.calls
        self.calls += 1
        issued = self.state / f"{number:03d}.sha256"
        if not issued.exists():
            raise CommandPending(command)
        if issued.read_text(encoding="ascii").strip() != _digest(command):
            raise StageError(f"{self.state}: command {number} differs from the one issued (stale state? run again from round 0)")
        answered = self.state / f"{number:03d}.json"
        if not answered.exists():
            raise StageError(f"{self.state}: command {number} was issued but no result was saved for it")
        return answer(json.loads(answered.read_text(encoding="utf-8")))


def answer(result: dict[str, Any]) -> Answer:
    """An engine result as a command result; raises Unreachable (or RuntimeError) when the command did not run."""
    if result.get("unreachable"):
        raise Unreachable(_one_line(str(result.get("msg") or "host unreachable")))
    rc, stdout = result.get("rc"), result.get("stdout")
    if not isinstance(rc, int) or not isinstance(stdout, str):
        raise RuntimeError(_one_line(str(result.get("msg") or "the engine returned no exit status and output")))
    # A pty (ssh -tt) turns every \n into \r\n; the collector's own output is base64, tabs and newlines only.
    return Answer(stdout.replace("\r\n", "\n"), str(result.get("stderr") or ""), rc)


def engine_result(text: str) -> dict[str, Any] | None:
    """The engine's result from stdin: None when there is none (round 0, or a task that was skipped)."""
    if not text.strip():
        return None
    try:
        result = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StageError(f"the result on stdin is not JSON: {exc}") from None
    if result is None or (isinstance(result, dict) and result.get("skipped")):
        return None
    if not isinstance(result, dict):
        raise StageError(f"the result on stdin is a {type(result).__name__}, expected an object")
    return result


def save(state: Path, result: dict[str, Any] | None) -> None:
    """Keep the result of the command issued last and not answered yet; a result for no command is an error."""
    if result is None:
        return
    pending = [p for p in sorted(state.glob("*.sha256")) if not p.with_suffix(".json").exists()]
    if not pending:
        raise StageError(f"{state}: a result arrived but no command is waiting for one")
    kept = {k: result.get(k) for k in ("rc", "stdout", "stderr", "unreachable", "msg", "failed")}
    pending[0].with_suffix(".json").write_text(json.dumps(kept), encoding="utf-8")


def advance(state: Path, name: str, profile_spec: str | None, platform: str) -> str | HostFacts | NotCollected:
    """gather() over the saved results: the next command to run, or the host's facts, or why it was not collected."""
    try:
        profile = load(profile_spec or None).for_host(name)
    except ProfileError as exc:
        raise StageError(str(exc)) from None
    host = SavedHost(state)
    try:
        return gather(host, name, profile, platform=platform, sysroot=profile.scan.sysroot)
    except CommandPending as pending:
        return pending.command
    except CollectionError as exc:
        return NotCollected(name, str(exc))


def issue(state: Path, command: str) -> None:
    number = len(list(state.glob("*.sha256")))
    (state / f"{number:03d}.sha256").write_text(_digest(command) + "\n", encoding="ascii")


def host_state(base: str, name: str) -> Path:
    return Path(base, record_name(name))


def cmd_next(args: argparse.Namespace, stdin: str) -> int:
    state = host_state(args.state, args.name)
    if args.round == 0:
        shutil.rmtree(state, ignore_errors=True)
        state.mkdir(parents=True)
    elif not state.is_dir():
        raise StageError(f"{state}: no state for round {args.round} (round 0 starts it)")
    else:
        save(state, engine_result(stdin))
    found = advance(state, args.name, args.profile, args.platform)
    if isinstance(found, str):
        issue(state, found)
        sys.stdout.write(found)
    return 0


def cmd_finish(args: argparse.Namespace, stdin: str) -> int:
    state = host_state(args.state, args.name)
    if not state.is_dir():
        raise StageError(f"{state}: no state (was `next --round 0` run for this host?)")
    save(state, engine_result(stdin))
    found = advance(state, args.name, args.profile, args.platform)
    if isinstance(found, str):
        used = len(list(state.glob("*.sha256")))
        found = NotCollected(args.name, f"collection needed more than {used} remote commands (svcaudit_max_commands)")
    path = write_record(args.record, found)
    shutil.rmtree(state, ignore_errors=True)
    if isinstance(found, NotCollected):
        print(f"{args.name}: facts not collected: {found.error} (recorded in {path})")
        return NOT_COLLECTED
    print(f"{args.name}: platform {found.platform}; remote commands: {found.remote_commands}; recorded in {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python3 -m svcaudit.collect.stage", description=__doc__.splitlines()[0])
    steps = top.add_subparsers(dest="step", required=True)
    for step in ("next", "finish"):
        sub = steps.add_parser(step)
        sub.add_argument("--state", required=True, metavar="DIR", help="where each host's commands and results are kept")
        sub.add_argument("--name", required=True, metavar="HOST", help="the host's name in reports and [hosts] tables")
        sub.add_argument("--profile", default=None, metavar="FILE|PRESET")
        sub.add_argument("--platform", choices=("auto", "aix", "linux"), default="auto")
        if step == "next":
            sub.add_argument("--round", type=int, required=True, help="0 starts the host afresh")
        else:
            sub.add_argument("--record", required=True, metavar="DIR", help="where <host>.json is written")
    return top


def main(argv: Sequence[str] | None = None, stdin: str | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        text = sys.stdin.read() if stdin is None else stdin
        return cmd_next(args, text) if args.step == "next" else cmd_finish(args, text)
    except (StageError, OSError, ValueError) as exc:
        print(f"svcaudit stage: {args.name}: {exc}", file=sys.stderr)
        return BAD_INPUT


def _digest(command: str) -> str:
    return hashlib.sha256(command.encode("utf-8", "surrogateescape")).hexdigest()


if __name__ == "__main__":
    sys.exit(main())
