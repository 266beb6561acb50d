"""How SMTP-05 and SMTP-06 read the EXPN/VRFY/DEBUG/WIZ session (svcaudit.probes.findings), without a network.

The replies are the ones real sendmail 8.17 and postfix 3.7 gave (tests_meta/test_live_smtp_service.py).
"""

from __future__ import annotations

import pytest

from svcaudit.probes.findings import smtp_backdoors, smtp_expn_vrfy
from svcaudit.probes.live import LiveProbes
from svcaudit.probes.protocols import Reply, SmtpCommandsProbe

ADDRESS = "127.0.0.1"
GREETING = Reply(220, "220 mx ESMTP")


def _live(replies: dict[str, str], state: str = "answered", greeting: Reply | None = GREETING) -> LiveProbes:
    live = LiveProbes(ADDRESS)
    parsed = {q: Reply(int(text[:3]), text) for q, text in replies.items()}
    live.cache[("smtp_commands", ADDRESS, 25)] = SmtpCommandsProbe(ADDRESS, 25, state, "", greeting, parsed)
    return live


SENDMAIL_REFUSES = {
    "EXPN root": "502 5.7.0 Sorry, we do not allow this operation",
    "VRFY root": "252 2.5.2 Cannot VRFY user; try RCPT to attempt delivery (or try finger)",
    "DEBUG": '500 5.5.1 Command unrecognized: "DEBUG"',
    "WIZ": '500 5.5.1 Command unrecognized: "WIZ"',
}


def test_sendmail_refusals_pass_both() -> None:
    live = _live(SENDMAIL_REFUSES)
    assert not smtp_backdoors(live, 25).problems and not smtp_backdoors(live, 25).unassessed
    found = smtp_expn_vrfy(live, 25)
    assert not found.problems and not found.unassessed


@pytest.mark.parametrize(
    "question, reply",
    [
        ("EXPN root", "250 2.1.5 <root@localhost.localdomain>"),
        ("VRFY root", "250 2.1.5 <root@localhost.localdomain>"),
        ("VRFY root", "252 2.0.0 root"),  # postfix with disable_vrfy_command = no
    ],
)
def test_answers_that_confirm_the_address_fail(question: str, reply: str) -> None:
    found = smtp_expn_vrfy(_live({**SENDMAIL_REFUSES, question: reply}), 25)
    assert len(found.problems) == 1 and question in found.problems[0]


def test_an_accepted_debug_fails_and_a_temporary_reply_decides_nothing() -> None:
    assert smtp_backdoors(_live({**SENDMAIL_REFUSES, "DEBUG": "200 2.0.0 Debug set"}), 25).problems
    found = smtp_backdoors(_live({**SENDMAIL_REFUSES, "WIZ": "421 4.7.0 try later"}), 25)
    assert not found.problems and found.unassessed


def test_a_session_cut_short_is_not_assessed_and_a_closed_port_is_not_applicable() -> None:
    cut = _live({"EXPN root": SENDMAIL_REFUSES["EXPN root"]}, state="timeout")
    assert smtp_expn_vrfy(cut, 25).unassessed and smtp_backdoors(cut, 25).unassessed
    closed = _live({}, state="closed", greeting=None)
    assert smtp_backdoors(closed, 25).not_applicable.startswith("nothing listens")
