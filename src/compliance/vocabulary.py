"""The words results are made of, each list written once: severities, --fail-on levels, ladder stages, next
steps, letter kinds, ladder weights, episodes and flags. Their labels in both languages are in `i18n.LABELS`; types derive here.
"""

from __future__ import annotations

from typing import Literal

LANGS = ("zh", "en")
SEVERITIES = ("violation", "warning", "advice")  # most serious first
FAIL_ON = (*SEVERITIES, "never")
STAGES = ("normal", "interview", "rectification", "prereview_failed", "revoked")
NEXT_STEPS = ("none", "interview", "rectification", "prereview", "revocation", "follow_up", "await_deadline", "close",
              "continue")
# the next steps a letter is written for, mildest first (the summary lists the harsher first: report.harshness)
LETTER_KINDS = ("interview", "rectification", "prereview", "revocation")
# A supervisory episode in progress: what opened it (an interview, a rectification order, a failed pre-review), and
# whether each issue it cited is still found on the as-of day.
EPISODES = ("interview", "order", "prereview")
CITED_STATUS = ("resolved", "remaining")
# What the ladder reports beside its step: matters for the association to decide or to know (README: 退出机制与公文).
FLAGS = ("study_seriousness", "determination_unmet", "determination_early", "escalation_inferred", "followup_inferred",
         "order_unmet", "report_missing", "report_late", "report_no_evidence", "cites_nothing")
# How much a rule's finding weighs on the ladder of item 7 (a rule's `ladder` field): item 7's four triggers
# (内部治理不规范、活力不足 → 约谈; 履职不力、组织涣散 → 责令限期整改) and the two revocation conditions. A rule with no
# category says so explicitly (`ladder: none`).
WEIGHTS = ("irregular_governance", "lacking_vitality", "poor_performance", "lax_organisation", "revocation_grades",
           "revocation_inactive")
NO_WEIGHT = "none"
INTERVIEW_WEIGHTS = ("irregular_governance", "lacking_vitality")  # 内部治理不规范、活力不足 → 约谈
ORDER_WEIGHTS = ("poor_performance", "lax_organisation")  # 履职不力、组织涣散 → 责令限期整改
# What kind of requirement a rule enforces (a rule's `class` field): 不得 (prohibition); the party's organisation and
# leadership (political); 要/应当/必须 otherwise (obligation); 鼓励/支持/争取/提倡 (recommendation).
RULE_CLASSES = ("prohibition", "political", "obligation", "recommendation")
NEVER_WAIVABLE = ("prohibition", "political")  # the loader refuses `waivable: true` on these, audits refuse waivers
# banned conduct is at least an order (DECISIONS.md, item 7): the loader refuses a prohibition in another category
PROHIBITION_WEIGHTS = ORDER_WEIGHTS
# The stage a letter's step puts a society at once the letter is issued and recorded: a work list by stage also
# takes the step's name (--stage 责令限期整改, the stage 责令限期整改中)
STAGE_AFTER = {"interview": "interview", "rectification": "rectification", "prereview": "prereview_failed",
               "revocation": "revoked"}
# The oversight entry (profile field `oversight[].kind`) a letter is recorded as once issued
LETTER_RECORD = {"interview": "约谈", "rectification": "责令限期整改", "prereview": "前置审查",
                 "revocation": "撤销团体会员资格"}

Lang = Literal[LANGS]  # type: ignore[valid-type]
Severity = Literal[SEVERITIES]  # type: ignore[valid-type]
FailOn = Literal[FAIL_ON]  # type: ignore[valid-type]
Stage = Literal[STAGES]  # type: ignore[valid-type]
NextStep = Literal[NEXT_STEPS]  # type: ignore[valid-type]
Episode = Literal[EPISODES]  # type: ignore[valid-type]
CitedStatus = Literal[CITED_STATUS]  # type: ignore[valid-type]
FlagCode = Literal[FLAGS]  # type: ignore[valid-type]
LetterKind = Literal[LETTER_KINDS]  # type: ignore[valid-type]
Weight = Literal[WEIGHTS]  # type: ignore[valid-type]
RuleClass = Literal[RULE_CLASSES]  # type: ignore[valid-type]

# Each vocabulary with a label per term (i18n.LABELS has one entry per name here)
VOCABULARIES: dict[str, tuple[str, ...]] = {"severity": SEVERITIES, "stage": STAGES, "next": NEXT_STEPS,
                                            "step": NEXT_STEPS, "letter": LETTER_KINDS, "rule_class": RULE_CLASSES,
                                            "weight": (*WEIGHTS, NO_WEIGHT), "episode": EPISODES,
                                            "cited_status": CITED_STATUS, "flag": FLAGS}


def rank(severity: str) -> int:
    """How serious a severity (or a --fail-on level) is: advice 1, warning 2, violation 3, never above all."""
    return len(SEVERITIES) - SEVERITIES.index(severity) if severity in SEVERITIES else 99
