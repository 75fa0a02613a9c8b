"""Waivers and baselines: what is waived or already known stays in the report but does not fail the run."""

from __future__ import annotations

import json

from tests.conftest import AS_OF, SAMPLES


def _profile(tmp_path, name: str, waivers: str = "", extra: tuple[str, str] | None = None):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    if extra:
        text = text.replace(*extra, 1)
    f = tmp_path / "p.yaml"
    f.write_text(text + (f"waivers:\n{waivers}" if waivers else ""), encoding="utf-8")
    return f


def _audit(cli, f, *extra):
    r = cli("audit", str(f), "--as-of", AS_OF, "-f", "json", *extra)
    return r.code, json.loads(r.out) if r.out.strip() else None, r


def test_waived_finding_is_marked_and_does_not_fail(cli, tmp_path):
    w = ("- {rule: GOV-OFFICER-AGE, justification: 换届在即，经批准留任至换届, approved_by: 学会部, "
         "approved_on: 2026-10-01, expires_on: 2027-06-30}\n"
         "- {rule: GOV-OFFICER-TERMS, justification: 同上, approved_by: 学会部, approved_on: 2026-10-01}\n")
    code, report, _ = _audit(cli, _profile(tmp_path, "宁夏水利学会.yaml", w))
    assert code == 0
    by_rule = {f["rule"]: f for f in report["results"][0]["findings"]}
    assert by_rule["GOV-OFFICER-AGE"]["waived"] and "换届在即" in by_rule["GOV-OFFICER-AGE"]["waiver"]
    assert report["summary"]["waived"] == 2 and report["summary"]["violation"] == 0
    assert report["results"][0]["ladder"]["next_step"] == "none"  # waived findings do not escalate


def test_expired_waiver_reverts_and_says_so(cli, tmp_path):
    w = ("- {rule: GOV-OFFICER-AGE, justification: 临时留任, approved_by: 学会部, approved_on: 2025-01-01, "
         "expires_on: 2026-06-30}\n")
    code, report, _ = _audit(cli, _profile(tmp_path, "宁夏水利学会.yaml", w))
    assert code == 1
    f = next(f for f in report["results"][0]["findings"] if f["rule"] == "GOV-OFFICER-AGE")
    assert not f["waived"] and "豁免已于 2026-06-30 过期" in f["waiver"]


def test_waiver_limited_to_one_item(cli, tmp_path):
    w = ("- {rule: BRANCH-INACTIVE, path: 'branches[1]', justification: 另一个机构, approved_by: 学会部, "
         "approved_on: 2026-10-01}\n")
    code, report, _ = _audit(cli, _profile(tmp_path, "宁夏气象学会.yaml", w))
    f = next(f for f in report["results"][0]["findings"] if f["rule"] == "BRANCH-INACTIVE")
    assert f["path"].startswith("branches[0]") and not f["waived"] and code == 1


def test_non_waivable_rule_is_rejected(cli, tmp_path):
    w = "- {rule: ACT-COMPULSORY, justification: 会员自愿, approved_by: 秘书长, approved_on: 2026-10-01}\n"
    code, report, r = _audit(cli, _profile(tmp_path, "宁夏煤炭学会.yaml", w))
    assert code == 2
    err = report["results"][0]["errors"][0]
    assert err["code"] == "waiver_not_allowed" and "不允许豁免" in err["message"] and err["line"] > 300
    assert not any(f["waived"] for f in report["results"][0]["findings"])


def test_waiver_file(cli, tmp_path):
    f = _profile(tmp_path, "宁夏医学会.yaml")
    wf = tmp_path / "waivers.yaml"
    wf.write_text("- {society: NX-S04, rule: GOV-SG-PART-TIME, justification: 正在公开招聘专职秘书长, "
                  "approved_by: 学会部, approved_on: 2026-09-01, expires_on: 2027-03-01}\n", encoding="utf-8")
    code, report, _ = _audit(cli, f, "--waivers", str(wf), "--fail-on", "warning")
    assert code == 0 and report["results"][0]["findings"][0]["waived"]
    wf.write_text("- {society: NX-S04, rule: GOV-SG-PART-TIME}\n", encoding="utf-8")
    code, _, r = _audit(cli, f, "--waivers", str(wf))
    assert code == 2 and "waivers.yaml:1:" in r.err


def test_baseline_fails_only_on_new_findings(cli, tmp_path):
    f = _profile(tmp_path, "宁夏农学会.yaml")
    code, report, r = _audit(cli, f)
    assert code == 1
    base = tmp_path / "baseline.json"
    base.write_text(r.out, encoding="utf-8")
    # the same problems, with lines shifted: still known
    f.write_text("# 新增的说明行\n# 再一行\n" + f.read_text(encoding="utf-8"), encoding="utf-8")
    code, report, _ = _audit(cli, f, "--baseline", str(base))
    assert code == 0 and all(x["new"] is False for x in report["results"][0]["findings"])
    # a new problem fails the run, and only it is new
    f.write_text(f.read_text(encoding="utf-8").replace("party_building_clause: true", "party_building_clause: false"),
                 encoding="utf-8")
    code, report, _ = _audit(cli, f, "--baseline", str(base))
    assert code == 1
    assert [x["rule"] for x in report["results"][0]["findings"] if x["new"]] == ["PARTY-CHARTER-BUILDING"]


def test_pre_commit_hook_and_workflow_example_exist():
    from tests.conftest import ROOT

    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: compliance-audit" in hooks and "entry: compliance audit" in hooks
    workflow = (ROOT / "docs" / "github-actions-compliance.yml").read_text(encoding="utf-8")
    assert "upload-sarif" in workflow and "--changed-since" in workflow
