"""--hdf: Heimdall Data Format results, validated against the exec-json schema Heimdall's parser checks.

The pure builder is tested on hand-made results documents with every outcome kind; the suite is
then run on scenario trees, one host and several, and each file it wrote must validate and carry
the verdicts JUnit shows.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jsonschema
import pytest

from svcaudit.controls.catalog import CONTROLS
from svcaudit.outcomes import classify
from svcaudit.profile import Waiver
from svcaudit.reports import hdf
from svcaudit.reports.recorder import RunRecorder
from svcaudit.targets import record_name
from tests_meta.support.scenario import build, run_suite
from tests_meta.support.scenarios_cron import AIX_AS_INSTALLED, AIX_HARDENED, CRON_IDS

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "tests_meta" / "schemas" / "hdf-exec-json.schema.json").read_text(encoding="utf-8"))
START = "2026-12-01T10:00:00+00:00"


def valid(document: dict[str, Any]) -> dict[str, Any]:
    """The document, after checking it against the schema and InSpec's impact range."""
    jsonschema.Draft7Validator(SCHEMA).validate(document)
    for control in document["profiles"][0]["controls"]:
        assert 0.0 <= control["impact"] <= 1.0, control["id"]
    return document


def _result(host: str, control: str, outcome: str, evidence: str = "", waiver: str = "", test: str = "") -> dict[str, Any]:
    record = CONTROLS[control]
    return {
        "host": host,
        "control": control,
        "severity": record.severity,
        "title": record.title,
        "references": [r.as_dict() for r in record.references],
        "test": test or f"tests_x/test_x.py::test_{control.lower().replace('-', '_')}[{host}]",
        "outcome": outcome,
        "evidence": evidence,
        "notes": [],
        "remediation": record.fix("aix"),
        "waiver": waiver,
    }


def _document(hosts: list[str]) -> dict[str, Any]:
    results = []
    for host in hosts:
        results += [
            _result(host, "CRON-07", "pass"),
            _result(
                host, "CRON-04", "fail", "expected: mode <= 0755\nfound:\n  /var/spool/cron/crontabs: mode 0770\nfix: chmod 750"
            ),
            _result(host, "CRON-02", "na", "N/A: neither cron.allow nor cron.deny exists (CRON-01 reports it)"),
            _result(
                host, "CRON-06", "waived", "found: crontab mode 0644", "waived: vendor job (expires 2099-03-31, ticket CHG-1)"
            ),
            _result(host, "CRON-10", "error", "NOT ASSESSED: /var/adm/cron/log: Permission denied"),
            _result(host, "MAIL-06", "pass", test=f"tests_mail/test_mail.py::test_aliases_owner[{host}-/etc/aliases]"),
            _result(
                host,
                "MAIL-06",
                "fail",
                "found: /etc/mail/aliases owner bin",
                test=f"tests_mail/test_mail.py::test_aliases_owner[{host}-/etc/mail/aliases]",
            ),
        ]
    info = {h: {"host": h, "platform": "aix", "oslevel": "7300-02-01-2346"} for h in hosts}
    return {"format": "svcaudit-results/1", "hosts": info, "results": results}


def _controls(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in document["profiles"][0]["controls"]}


def test_every_outcome_kind_maps_to_inspec_statuses() -> None:
    docs = hdf.documents(_document(["lpar1"]), CONTROLS, start_time=START, duration=1.5)
    doc = valid(docs["lpar1"])
    assert doc["platform"] == {"name": "aix", "release": "7300-02-01-2346", "target_id": "lpar1"}
    assert doc["statistics"] == {"duration": 1.5}
    controls = _controls(doc)
    assert [r["status"] for r in controls["CRON-07"]["results"]] == ["passed"]
    assert controls["CRON-07"]["impact"] == 0.7
    failed = controls["CRON-04"]["results"][0]
    assert failed["status"] == "failed" and "found:" in failed["message"] and "fix: chmod 750" in failed["message"]
    assert controls["CRON-02"]["impact"] == 0.0  # N/A on this host, as InSpec reports it
    assert controls["CRON-02"]["results"][0] == {
        "status": "skipped",
        "skip_message": "N/A: neither cron.allow nor cron.deny exists (CRON-01 reports it)",
        "code_desc": controls["CRON-02"]["results"][0]["code_desc"],
        "run_time": 0,
        "start_time": START,
    }
    waived = controls["CRON-06"]
    assert waived["results"][0]["status"] == "failed"
    assert "fix: " in waived["results"][0]["message"]  # the fix is added when the evidence has none
    assert waived["waiver_data"] == {
        "justification": "vendor job",
        "expiration_date": "2099-03-31",
        "run": True,
        "skipped_due_to_waiver": False,
        "message": "",
        "ticket": "CHG-1",
    }
    error = controls["CRON-10"]["results"][0]
    assert error["status"] == "error" and "Permission denied" in error["message"]
    assert controls["CRON-10"]["impact"] == 0.5  # not assessed is never N/A
    # A parametrized control: one result per test case, the control keeps its impact.
    assert [r["status"] for r in controls["MAIL-06"]["results"]] == ["passed", "failed"]
    assert controls["MAIL-06"]["impact"] == 0.5


def test_a_parametrized_control_reports_what_its_waiver_did_to_the_finding() -> None:
    document = _document(["lpar1"])
    waiver = "vendor job (expires 2099-03-31)"
    for result in document["results"]:
        if result["control"] == "MAIL-06":
            failed = result["outcome"] == "fail"
            result["outcome"] = "waived" if failed else "pass"
            result["waiver"] = f"waived: {waiver}" if failed else f"waiver no longer needed: the control passes ({waiver})"
    control = _controls(valid(hdf.documents(document, CONTROLS, start_time=START, duration=0)["lpar1"]))["MAIL-06"]
    assert [r["status"] for r in control["results"]] == ["passed", "failed"]
    assert control["waiver_data"]["message"] == ""  # waived, not "no longer needed"


def test_control_carries_the_record() -> None:
    control = _controls(hdf.documents(_document(["lpar1"]), CONTROLS, start_time=START, duration=0)["lpar1"])["CRON-04"]
    record = CONTROLS["CRON-04"]
    assert control["title"] == record.title and control["desc"] == record.rationale
    labels = {d["label"]: d["data"] for d in control["descriptions"]}
    assert labels == {"default": record.rationale, "check": record.check, "fix": record.fix("aix"), "rationale": record.rationale}
    assert control["tags"] == {"severity": "medium", **hdf.reference_tags(record.references)}
    assert control["tags"]["gid"] == "V-245560" and control["tags"]["stig_id"] == "AIX7-00-002143"  # the one full AIX 7 rule
    assert control["code"].startswith("[CRON-04]\n") and "[CRON-04.remediation]" in control["code"]
    assert "[CRON-05]" not in control["code"]
    lines = (REPO / "svcaudit/controls/records/cron.toml").read_text(encoding="utf-8").splitlines()
    assert control["source_location"]["ref"] == "svcaudit/controls/records/cron.toml"
    assert lines[control["source_location"]["line"] - 1] == "[CRON-04]"


def test_profile_lists_the_controls_that_ran_by_family() -> None:
    doc = hdf.documents(_document(["lpar1"]), CONTROLS, start_time=START, duration=0)["lpar1"]
    profile = doc["profiles"][0]
    assert profile["name"] == "svcaudit" and profile["status"] == "loaded" and profile["attributes"] == []
    assert len(profile["sha256"]) == 64
    assert {g["id"]: g["controls"] for g in profile["groups"]} == {
        "svcaudit/controls/records/mail.toml": ["MAIL-06"],
        "svcaudit/controls/records/cron.toml": ["CRON-02", "CRON-04", "CRON-06", "CRON-07", "CRON-10"],
    }
    assert [c["id"] for c in profile["controls"]] == ["MAIL-06", "CRON-02", "CRON-04", "CRON-06", "CRON-07", "CRON-10"]


def test_several_hosts_one_document_each_and_where_they_go(tmp_path: Path) -> None:
    hosts = ["ssh://root@lpar1", "ssh://root@lpar2", "local"]
    docs = hdf.documents(_document(hosts), CONTROLS, start_time=START, duration=2)
    assert sorted(docs) == sorted(hosts)
    for host, doc in docs.items():
        valid(doc)
        assert doc["platform"]["target_id"] == host
        descs = [r["code_desc"] for c in _controls(doc).values() for r in c["results"]]
        assert len(descs) == 7 and all(f"[{host}" in d for d in descs), descs  # this host's results, no other's
    where = hdf.paths(str(tmp_path / "hdf"), docs, directory=False)
    assert where == {h: tmp_path / "hdf" / f"{record_name(h)}.json" for h in hosts}
    assert hdf.paths(str(tmp_path / "one.json"), ["local"], directory=False) == {"local": tmp_path / "one.json"}
    assert hdf.paths(str(tmp_path), ["local"], directory=True) == {"local": tmp_path / "local.json"}


def test_a_host_not_collected_is_all_errors_on_an_unknown_platform() -> None:
    document = {
        "hosts": {"ssh://down": {"host": "ssh://down", "error": "cannot run the collector"}},
        "results": [
            _result("ssh://down", c, "error", "NOT ASSESSED: ssh://down: facts not collected") for c in ("CRON-01", "AT-01")
        ],
    }
    doc = valid(hdf.documents(document, CONTROLS, start_time=START, duration=0)["ssh://down"])
    assert doc["platform"] == {"name": "unknown", "release": "", "target_id": "ssh://down"}
    assert {c["id"]: [r["status"] for r in c["results"]] for c in doc["profiles"][0]["controls"]} == {
        "CRON-01": ["error"],
        "AT-01": ["error"],
    }
    fix = {d["label"]: d["data"] for d in doc["profiles"][0]["controls"][0]["descriptions"]}["fix"]
    assert fix.startswith("AIX: ") and "\nLINUX: " in fix  # platform unknown: every platform's fix


def test_a_report_that_cannot_be_written_fails_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    recorder = RunRecorder()
    for result in _document(["ssh://lpar1", "ssh://lpar2"])["results"]:
        recorder.add(result["test"], result)
    taken = tmp_path / "taken.json"
    taken.write_text("a file, where several hosts need a directory")
    session = SimpleNamespace(exitstatus=pytest.ExitCode.OK)
    recorder.write_hdf(str(taken), session)  # type: ignore[arg-type]
    assert session.exitstatus == pytest.ExitCode.USAGE_ERROR
    assert f"svcaudit: --hdf {taken}: " in capsys.readouterr().err
    recorder.write_hdf(str(tmp_path / "fleet"), session)  # type: ignore[arg-type]
    assert sorted(p.name for p in (tmp_path / "fleet").iterdir()) == ["ssh_lpar1.json", "ssh_lpar2.json"]


def _outcome(report: SimpleNamespace, waiver: Waiver) -> Any:
    return classify(report, None, waiver, datetime.date(2026, 12, 1))  # type: ignore[arg-type]


@pytest.mark.parametrize("ticket", ["", "CHG-7 (urgent)"])
def test_waiver_data_reads_what_the_run_wrote(ticket: str) -> None:
    """The waiver texts come from svcaudit.outcomes.classify: waived, no longer needed, expired."""
    live = Waiver("CRON-04", ("*",), "vendor (scheduler) writes as group cron", datetime.date(2027, 3, 31), ticket, 1)
    dead = Waiver("CRON-04", ("*",), "old", datetime.date(2020, 1, 1), ticket, 1)
    failed = SimpleNamespace(skipped=False, passed=False, when="call", longreprtext="found: x")
    passed = SimpleNamespace(skipped=False, passed=True, when="call")
    waived = hdf.waiver_data(_outcome(failed, live).waiver)
    extra = {"ticket": ticket} if ticket else {}
    assert waived == {
        "justification": live.justification,
        "expiration_date": "2027-03-31",
        "run": True,
        "skipped_due_to_waiver": False,
        "message": "",
        **extra,
    }
    unneeded = hdf.waiver_data(_outcome(passed, live).waiver)
    assert unneeded is not None and unneeded["message"] == "waiver no longer needed: the control passes"
    assert unneeded["justification"] == live.justification
    expired = hdf.waiver_data(_outcome(failed, dead).waiver)
    assert expired == {
        "justification": "old",
        "expiration_date": "2020-01-01",
        "run": True,
        "skipped_due_to_waiver": False,
        "message": "Waiver expired on 2020-01-01, evaluating control normally",
    }
    assert hdf.waiver_data("") is None


def test_references_split_into_stig_and_cis_tags_and_no_invented_nist() -> None:
    tags = hdf.reference_tags(CONTROLS["MAIL-01"].references)  # V-215353 full, CIS 4.3.2.12 full
    assert tags["references"] == [r.text() for r in CONTROLS["MAIL-01"].references]
    assert tags["stig"] == ["DISA-STIG AIX7 V-215353 (SV-215353r958478_rule, AIX7-00-003047) full"]
    assert (tags["gid"], tags["rid"], tags["stig_id"]) == ("V-215353", "SV-215353r958478_rule", "AIX7-00-003047")
    assert tags["cis"] == ["4.3.2.12"] and "nist" not in tags
    # CRON-05 fully checks two rules of each STIG: no one of them is its identity.
    assert "gid" not in hdf.reference_tags(CONTROLS["CRON-05"].references)
    # MAIL-02 fully checks one rule of each STIG: the newer STIG's rule is the VULN.
    assert hdf.reference_tags(CONTROLS["MAIL-02"].references)["gid"] == "V-215344"
    # CRON-02 checks only AIX 6.1 rules, two of them fully: none is picked.
    assert "gid" not in hdf.reference_tags(CONTROLS["CRON-02"].references)
    assert hdf.reference_tags([]) == {"references": []}


def test_schema_rejects_what_heimdall_would_reject() -> None:
    """The committed schema is not vacuous: the parser's required fields and enumerations are in it."""
    doc = hdf.documents(_document(["lpar1"]), CONTROLS, start_time=START, duration=0)["lpar1"]
    broken = json.loads(json.dumps(doc))
    broken["profiles"][0]["controls"][0]["results"][0]["status"] = "waived"
    with pytest.raises(jsonschema.ValidationError):
        valid(broken)
    broken = json.loads(json.dumps(doc))
    del broken["profiles"][0]["controls"][0]["source_location"]
    with pytest.raises(jsonschema.ValidationError):
        valid(broken)
    broken = json.loads(json.dumps(doc))
    del broken["platform"]["release"]
    with pytest.raises(jsonschema.ValidationError):
        valid(broken)


# -- the suite writes it -----------------------------------------------------------


def _verdicts(document: dict[str, Any]) -> dict[str, str]:
    """Per control, the verdict JUnit shows (support.scenario.read_junit): a waived failure is an xfail, a skip."""
    verdicts = {}
    for control in document["profiles"][0]["controls"]:
        statuses = {r["status"] for r in control["results"]}
        if "error" in statuses:
            verdicts[control["id"]] = "error"
        elif "failed" in statuses:
            waiver = control.get("waiver_data") or {}
            verdicts[control["id"]] = "skip" if waiver and not waiver["message"] else "fail"
        elif "passed" in statuses:
            verdicts[control["id"]] = "pass"
        else:
            verdicts[control["id"]] = "na"
            assert control["impact"] == 0.0
    return verdicts


WAIVER = '[[waivers]]\ncontrol = "CRON-04"\njustification = "vendor scheduler writes as group cron"\nexpires = 2099-03-31\n'


def test_a_run_writes_one_valid_file_with_the_junit_verdicts(tmp_path: Path) -> None:
    root = build(AIX_AS_INSTALLED, tmp_path / "root")
    profile = tmp_path / "waivers.toml"
    profile.write_text(WAIVER)
    out = tmp_path / "out" / "svcaudit-hdf.json"
    out.parent.mkdir()
    result = run_suite([f"--sysroot={root}", "--platform=aix", f"--profile={profile}", f"--hdf={out}"], tmp_path)
    assert result.by_host["local"] == {**AIX_AS_INSTALLED.expect, "CRON-04": "skip"}, result.output[-2000:]
    doc = valid(json.loads(out.read_text(encoding="utf-8")))
    assert doc["platform"]["name"] == "aix" and doc["platform"]["target_id"] == "local"
    assert _verdicts(doc) == result.by_host["local"]
    assert set(_verdicts(doc).values()) == {"pass", "fail", "na", "skip"}
    waived = _controls(doc)["CRON-04"]["waiver_data"]
    assert waived["justification"] == "vendor scheduler writes as group cron" and waived["expiration_date"] == "2099-03-31"
    for control in doc["profiles"][0]["controls"]:
        for entry in control["results"]:
            if entry["status"] == "failed":
                assert "fix:" in entry["message"] and "Traceback" not in entry["message"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["svcaudit-hdf.json"]


def test_a_fleet_run_writes_one_file_per_host(tmp_path: Path, sshd) -> None:
    hardened, installed = build(AIX_HARDENED, tmp_path / "hardened"), build(AIX_AS_INSTALLED, tmp_path / "installed")
    profile = tmp_path / "fleet.toml"
    profile.write_text(
        f'[hosts."ssh://scenario".scan]\nsysroot = "{hardened}"\n[hosts."ssh://scenario2".scan]\nsysroot = "{installed}"\n'
        + WAIVER.replace("[[waivers]]\n", '[[waivers]]\nhosts = ["ssh://scenario2"]\n')
    )
    out = tmp_path / "hdf"
    hosts = ("ssh://scenario", "ssh://scenario2", "ssh://unreachable")
    result = run_suite(
        [f"--hosts={','.join(hosts)}", f"--ssh-config={sshd.config}", "--platform=aix", f"--profile={profile}", f"--hdf={out}"],
        tmp_path,
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{record_name(h)}.json" for h in hosts)
    for host in hosts:
        doc = valid(json.loads((out / f"{record_name(host)}.json").read_text(encoding="utf-8")))
        assert doc["platform"]["target_id"] == host
        assert _verdicts(doc) == result.by_host[host], host
    assert result.by_host["ssh://scenario"] == AIX_HARDENED.expect
    assert result.by_host["ssh://scenario2"]["CRON-04"] == "skip"
    assert result.by_host["ssh://unreachable"] == {c: "error" for c in CRON_IDS}
