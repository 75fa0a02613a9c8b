"""Polish from a new-user trial: a refused revocation says which of item 7's conditions hold, the revocation_mode
and whether a 情节严重认定 is recorded; work-list options take the Chinese labels of the summary table."""

from __future__ import annotations

from compliance.i18n import t
from tests.conftest import AS_OF, ROOT
from tests.ladder_cases import profile, rules_with

SAMPLE = "宁夏地质学会.yaml"  # graded C for 2024 and 2025; active
DETERMINED = ("- {date: 2026-11-20, kind: 情节严重认定, doc_no: 宁科协纪〔2026〕3号, "
              "determined_by: 宁夏科协第十届常委会第三次会议, grounds: 连续两年C等次且两年多未开展活动}\n")
FORCE = "如确需发出，请加 --force（生成的监管记录中会注明未采纳检查建议）"


def _inactive(data: dict) -> None:
    data["activities"] = []
    data["branches"] = []


def _revocation(cli, f, *more: str):
    r = cli("letter", str(f), "--kind", "revocation", "-f", "md", "--as-of", AS_OF, "-o", str(f.with_suffix(".md")),
            *more)
    assert r.code == 1 and not f.with_suffix(".md").exists()
    return r.err.strip()


def test_the_sample_refusal_says_which_condition_is_missing(cli):
    r = cli("letter", str(ROOT / "samples" / SAMPLE), "--kind", "revocation", "-f", "md", "--as-of", AS_OF)
    assert r.code == 1
    assert r.err.strip() == (
        "不建议发出撤销团体会员资格的决定：检查建议为“建议对主要负责人进行工作约谈”。"
        "撤销的条件：年度评价连续两年C等次成立，长期不开展活动不成立（revocation_mode: both，须两项同时成立）；"
        "档案中没有情节严重认定。" + FORCE)


def test_the_refusal_in_english(cli, tmp_path):
    err = _revocation(cli, profile(tmp_path, SAMPLE), "--lang", "en")
    facts = t("letter_rev_facts", "en",
              conditions=", ".join([t("rev_holds", "en", name=t("rev_grades", "en")),
                                    t("rev_fails", "en", name=t("rev_inactive", "en"))]),
              mode="both", need=t("rev_need_both", "en"), determination=t("rev_no_determination", "en"))
    assert err == t("letter_refused", "en", letter="decision to revoke the group membership",
                    step="interview the principal leaders", facts=facts)
    assert "grade C two years running holds, long inactivity does not hold (revocation_mode: both, both are needed)" \
        in err


def test_either_mode_needs_only_the_determination(cli, tmp_path):
    rules = rules_with(tmp_path, revocation_mode="either")
    err = _revocation(cli, profile(tmp_path, SAMPLE), "--rules", str(rules))
    assert err.startswith("不建议发出撤销团体会员资格的决定：第7条撤销的条件已成立，但档案中没有条件成立后作出的情节严重认定")
    assert ("撤销的条件：年度评价连续两年C等次成立，长期不开展活动不成立（revocation_mode: either，任一成立即可）；"
            "档案中没有情节严重认定。请科协研究认定后") in err


def test_a_determination_without_the_conditions_is_named(cli, tmp_path):
    err = _revocation(cli, profile(tmp_path, SAMPLE, DETERMINED))
    assert ("撤销的条件：年度评价连续两年C等次成立，长期不开展活动不成立（revocation_mode: both，须两项同时成立）；"
            "档案中最近的情节严重认定作于 2026-11-20。" + FORCE) in err


def test_a_determination_before_the_conditions_arose_is_named(cli, tmp_path):
    err = _revocation(cli, profile(tmp_path, SAMPLE, DETERMINED.replace("2026-11-20", "2025-12-01"), _inactive))
    assert ("撤销的条件：年度评价连续两年C等次成立，长期不开展活动成立（revocation_mode: both，须两项同时成立）；"
            "档案中最近的情节严重认定作于 2025-12-01，早于条件成立之日 2026-01-01。请科协研究认定后") in err


def test_other_refused_letters_say_nothing_of_revocation(cli):
    r = cli("letter", str(ROOT / "samples" / SAMPLE), "--kind", "rectification", "-f", "md", "--as-of", AS_OF)
    assert r.code == 1
    assert r.err.strip() == "不建议发出限期整改通知书：检查建议为“建议对主要负责人进行工作约谈”。" + FORCE


def test_the_json_report_carries_the_conditions(cli):
    import json

    r = cli("audit", str(ROOT / "samples" / SAMPLE), "-f", "json", "--as-of", AS_OF)
    ladder = json.loads(r.out)["results"][0]["ladder"]
    assert ladder["revocation_conditions"] == {"holding": ["revocation_grades"], "met": False, "since": None,
                                               "determination_date": None}


# ---------------------------------------------------------------- work lists by the labels of the summary table

STAGES_ZH = ("可用：正常（normal）、已约谈（interview）、责令限期整改中（rectification）、"
             "年度工作报告前置审查不通过（prereview_failed）、已撤销团体会员资格（revoked）")
STEPS_ZH = ("可用：无需采取监管措施（none）、约谈（interview）、责令限期整改（rectification）、前置审查不通过（prereview）、"
            "撤销团体会员资格（revocation）、跟踪整改（follow_up）、等待整改期满（await_deadline）、恢复正常（close）、"
            "继续整改（continue）")


def _listed(cli, tmp_path, *args: str) -> set[str]:
    import json

    out = tmp_path / "r.json"
    r = cli("audit", str(ROOT / "samples"), "--as-of", AS_OF, "-f", "json", "-o", str(out), "-q", *args)
    assert r.code in (0, 1), r.err
    return {x["society"]["id"] for x in json.loads(out.read_text(encoding="utf-8"))["results"]}


def test_a_stage_is_also_named_by_the_step_that_leads_to_it(cli, tmp_path):
    ordered = _listed(cli, tmp_path, "--stage", "rectification")
    assert ordered  # the samples have a society under an order
    assert _listed(cli, tmp_path, "--stage", "责令限期整改") == ordered
    assert _listed(cli, tmp_path, "--stage", "责令限期整改中") == ordered
    assert _listed(cli, tmp_path, "--stage", "约谈") == _listed(cli, tmp_path, "--stage", "interview")
    assert _listed(cli, tmp_path, "--next-step", "前置审查不通过") == _listed(cli, tmp_path, "--next-step", "prereview")


def test_an_unknown_stage_lists_the_chinese_labels_and_suggests_the_nearest(cli, tmp_path):
    r = cli("audit", str(ROOT / "samples"), "--as-of", AS_OF, "--stage", "整改", "-o", str(tmp_path / "r.json"))
    assert r.code == 2 and r.out == ""
    assert r.err.strip() == "--stage 整改：没有这一项（是否应为 “责令限期整改中（rectification）”？）；" + STAGES_ZH


def test_an_unknown_step_suggests_the_order_not_the_follow_up(cli, tmp_path):
    r = cli("audit", str(ROOT / "samples"), "--as-of", AS_OF, "--next-step", "整改", "-o", str(tmp_path / "r.json"))
    assert r.code == 2
    assert r.err.strip() == "--next-step 整改：没有这一项（是否应为 “责令限期整改（rectification）”？）；" + STEPS_ZH


def test_an_unknown_step_in_english_lists_the_terms(cli, tmp_path):
    r = cli("audit", str(ROOT / "samples"), "--as-of", AS_OF, "--next-step", "intervew", "--lang", "en",
            "-o", str(tmp_path / "r.json"))
    assert r.code == 2
    assert r.err.strip() == t("unknown_choice", "en", option="--next-step", value="intervew", near="interview",
                              allowed=["none", "interview", "rectification", "prereview", "revocation", "follow_up",
                                       "await_deadline", "close", "continue"])


def test_audit_help_lists_the_values_and_names_days_in_chinese(cli):
    r = cli("audit", "--help")
    assert r.code == 0
    text = "".join(r.out.split())  # the help wraps at the terminal's width
    assert "工作清单：只列出处于此监管阶段的学会（可重复）：正常（normal）、已约谈（interview）、" in text
    assert "只列出建议下一步为此的学会：无需采取监管措施（none）、约谈（interview）、" in text
    assert "--due-within天数只列出整改期限在指定天数内的学会" in text and "DAYS" not in text
    en = "".join(cli("audit", "--help", "--lang", "en").out.split())
    assert "--due-withinDAYS" in en and "onlythisrecommendednextstep:none,interview,rectification," in en


def test_the_stage_a_step_leads_to_is_the_chart_s():
    """vocabulary.STAGE_AFTER agrees with the statechart: the letter's record moves a society there."""
    from compliance.ladder import CHART, HISTORY_EVENT
    from compliance.vocabulary import LETTER_RECORD, STAGE_AFTER

    for step, stage in STAGE_AFTER.items():
        event = HISTORY_EVENT[LETTER_RECORD[step]]
        targets = set()
        for name, tr in CHART["normal"].items():
            parts = tr["when"].get("$and", [tr["when"]])
            if name.startswith("h_") and {"kind": event} in parts and {"passed": True} not in parts:
                targets.add(tr["to"])
        assert targets == {stage}, step
