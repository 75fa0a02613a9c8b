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
