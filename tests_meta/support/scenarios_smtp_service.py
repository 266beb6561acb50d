"""Scenario hosts for SMTP-05 .. SMTP-08: backdoors, EXPN/VRFY, sendmail's release, relaying.

The AIX base is the mail family's hardened AIX 7 host (its sendmail.cf has `O PrivacyOptions=goaway`) with
the daemon bound to loopback, as `DAEMON_OPTIONS(`Addr=127.0.0.1')` writes it; the Debian base is the mail
family's postfix host with `disable_vrfy_command = yes`. Scenarios run on a file tree (--sysroot) with no
probe address, so the live parts are N/A here and SMTP-07 is not assessed (sendmail's binary cannot run in a
mounted tree): its pass and fail are in tests_meta/test_live_smtp_service.py, against a real sendmail.
"""

from __future__ import annotations

from tests_meta.support import scenarios_mail as mail
from tests_meta.support.scenario import Absent, File, Scenario

IDS = [f"SMTP-{n:02d}" for n in range(5, 9)]
FOLDERS = ("tests_mail/test_smtp_service.py",)

LOOPBACK_DAEMON = "O DaemonPortOptions=Port=smtp, Addr=127.0.0.1, Name=MTA\n"
#: What FEATURE(`promiscuous_relay') leaves in a generated sendmail.cf (sendmail-cf 8.17, m4 of cf.m4).
PROMISCUOUS_MARKER = "#####  $Id: promiscuous_relay.m4,v 8.13 2013-11-22 20:51:11 ca Exp $  #####\n"


def _cf(extra: str = LOOPBACK_DAEMON, privacy: str = "O PrivacyOptions=goaway\n", head: str = "") -> str:
    """The mail family's hardened AIX sendmail.cf with its PrivacyOptions line replaced and `extra` lines added."""
    return head + mail._cf().replace("O PrivacyOptions=goaway\n", privacy) + extra


def _aix_cf(**kwargs: str) -> File:
    return File("/etc/mail/sendmail.cf", _cf(**kwargs), 0o640, "root", "system")


AIX_HARDENED = Scenario(
    name="aix-smtp-service-hardened",
    platform="aix",
    users=mail.AIX_HARDENED.users,
    groups=mail.AIX_HARDENED.groups,
    nodes=mail.AIX_HARDENED.nodes,
    expect={"SMTP-05": "pass", "SMTP-06": "pass", "SMTP-07": "error", "SMTP-08": "pass"},
).changed("aix-smtp-service-hardened", [_aix_cf()], {})

_RELAY = "[smtp]\nrelay = true\n"

AIX_SINGLE_DEFECTS = [
    AIX_HARDENED.changed("aix-SMTP-05-wizard-password", [_aix_cf(extra=LOOPBACK_DAEMON + "OWsesame\n")], {"SMTP-05": "fail"}),
    AIX_HARDENED.changed(
        "aix-SMTP-05-long-wizard-password", [_aix_cf(extra=LOOPBACK_DAEMON + "O WizardPassword=zoo\n")], {"SMTP-05": "fail"}
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-05-decode-alias",
        [File("/etc/mail/aliases", mail.AIX_ALIASES.replace("#decode", "decode"), 0o644, "root", "system")],
        {"SMTP-05": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-05-alias-pipes-to-uudecode",
        [File("/etc/mail/aliases", mail.AIX_ALIASES + 'unpack: "|/usr/bin/uudecode"\n', 0o644, "root", "system")],
        {"SMTP-05": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-06-authwarnings-only", [_aix_cf(privacy="O PrivacyOptions=authwarnings\n")], {"SMTP-06": "fail"}
    ),
    AIX_HARDENED.changed("aix-SMTP-06-no-privacy-options", [_aix_cf(privacy="")], {"SMTP-06": "fail"}),
    AIX_HARDENED.changed(
        "aix-SMTP-06-noexpn-without-goaway-stig-aix7",
        [_aix_cf(privacy="O PrivacyOptions=noexpn,novrfy\n")],
        {"SMTP-06": "fail"},
        'extends = "stig-aix7"\n',
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-06-no-authwarnings-cis",
        [_aix_cf(privacy="O PrivacyOptions=noexpn,novrfy\n")],
        {"SMTP-06": "fail"},
        'extends = "cis-aix7-l1"\n',
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-08-any-address", [_aix_cf(extra="O DaemonPortOptions=Port=smtp, Name=MTA\n")], {"SMTP-08": "fail"}
    ),
    AIX_HARDENED.changed("aix-SMTP-08-no-daemon-options", [_aix_cf(extra="")], {"SMTP-08": "fail"}),
    AIX_HARDENED.changed(
        "aix-SMTP-08-default-msa-on-every-address",
        [_aix_cf(extra=LOOPBACK_DAEMON + "O DaemonPortOptions=Port=587, Name=MSA, M=E\n")],
        {"SMTP-08": "fail"},
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-08-promiscuous-relay",
        [_aix_cf(extra="O DaemonPortOptions=Port=smtp, Name=MTA\n", head=PROMISCUOUS_MARKER)],
        {"SMTP-08": "fail"},
        _RELAY,
    ),
]

AIX_OTHER = [
    AIX_HARDENED.changed("aix-SMTP-05-wizard-locked-with-OW-star", [_aix_cf(extra=LOOPBACK_DAEMON + "OW*\n")], {}),
    AIX_HARDENED.changed("aix-SMTP-06-one-letter-Op-noexpn-novrfy", [_aix_cf(privacy="Opnoexpn,novrfy\n")], {"SMTP-06": "pass"}),
    AIX_HARDENED.changed(
        "aix-SMTP-06-flags-over-two-lines-cis",
        [_aix_cf(privacy="O PrivacyOptions=authwarnings\nO PrivacyOptions=noexpn, novrfy\n")],
        {},
        'extends = "cis-aix7-l1"\n',
    ),
    AIX_HARDENED.changed("aix-SMTP-06-goaway-satisfies-cis", [], {}, 'extends = "cis-aix7-l1"\n'),
    AIX_HARDENED.changed(
        "aix-SMTP-08-ipv6-loopback", [_aix_cf(extra="O DaemonPortOptions=Family=inet6, Addr=::1, Name=MTA6\n")], {}
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-08-relay-on-every-address-not-promiscuous",
        [_aix_cf(extra="O DaemonPortOptions=Port=smtp, Name=MTA\n")],
        {},
        _RELAY,
    ),
    AIX_HARDENED.changed(
        "aix-SMTP-08-host-name-address", [_aix_cf(extra="O DaemonPortOptions=Addr=mailhost, Name=MTA\n")], {"SMTP-08": "error"}
    ),
    AIX_HARDENED.changed(
        "aix-smtp-service-no-mta",
        [Absent("/etc/mail"), Absent("/etc/aliases")],
        {"SMTP-05": "na", "SMTP-06": "na", "SMTP-07": "na", "SMTP-08": "na"},
    ),
]

DEBIAN_MAIN_CF = mail.DEBIAN_MAIN_CF + "disable_vrfy_command = yes\n"


def _main(text: str) -> File:
    return File("/etc/postfix/main.cf", text)


DEBIAN_POSTFIX = Scenario(
    name="debian-smtp-service-postfix",
    platform="linux",
    users=mail.DEBIAN_POSTFIX.users,
    groups=mail.DEBIAN_POSTFIX.groups,
    nodes=mail.DEBIAN_POSTFIX.nodes,
    expect={"SMTP-05": "pass", "SMTP-06": "pass", "SMTP-07": "na", "SMTP-08": "pass"},
    root_group="root",
).changed("debian-smtp-service-postfix", [_main(DEBIAN_MAIN_CF)], {})

DEBIAN_SINGLE_DEFECTS = [
    DEBIAN_POSTFIX.changed("debian-SMTP-06-vrfy-enabled", [_main(mail.DEBIAN_MAIN_CF)], {"SMTP-06": "fail"}),
    DEBIAN_POSTFIX.changed(
        "debian-SMTP-08-all-interfaces",
        [_main(DEBIAN_MAIN_CF.replace("inet_interfaces = loopback-only", "inet_interfaces = all"))],
        {"SMTP-08": "fail"},
    ),
    DEBIAN_POSTFIX.changed(
        "debian-SMTP-08-relay-for-the-world",
        [_main(DEBIAN_MAIN_CF + "mynetworks = 127.0.0.0/8 0.0.0.0/0\n")],
        {"SMTP-08": "fail"},
        _RELAY,
    ),
    DEBIAN_POSTFIX.changed(
        "debian-SMTP-05-decode-alias",
        [File("/etc/aliases", "postmaster: root\ndecode: root\n", 0o644)],
        {"SMTP-05": "fail"},
    ),
]

DEBIAN_OTHER = [
    DEBIAN_POSTFIX.changed(
        "debian-SMTP-08-relay-for-loopback-only",
        [_main(DEBIAN_MAIN_CF + "mynetworks = 127.0.0.0/8 [::1]/128\n")],
        {},
        _RELAY,
    ),
    DEBIAN_POSTFIX.changed(
        "debian-SMTP-08-relay-subnet-style",
        [_main(DEBIAN_MAIN_CF + "mynetworks_style = subnet\n")],
        {"SMTP-08": "fail"},
        _RELAY,
    ),
    DEBIAN_POSTFIX.changed(
        "debian-SMTP-08-loopback-address",
        [_main(DEBIAN_MAIN_CF.replace("inet_interfaces = loopback-only", "inet_interfaces = 127.0.0.1, [::1]"))],
        {},
    ),
]

SCENARIOS = [AIX_HARDENED, *AIX_SINGLE_DEFECTS, *AIX_OTHER, DEBIAN_POSTFIX, *DEBIAN_SINGLE_DEFECTS, *DEBIAN_OTHER]
BASES = {"aix": AIX_HARDENED, "debian": DEBIAN_POSTFIX}
SINGLE_DEFECTS = AIX_SINGLE_DEFECTS + DEBIAN_SINGLE_DEFECTS
