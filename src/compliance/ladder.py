"""The escalation ladder of item 7 as a durable_rules statechart: 正常 → 约谈 → 责令限期整改 →
年度工作报告前置审查不通过, with 撤销团体会员资格 as the end state. It recommends; the association decides.

The oversight history moves the chart to the current stage; one last `assess` event, carrying what the
findings at the as-of date show, picks the recommended next step. Which findings weigh how is declared
in each rule's `ladder` field.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .engine import Chart
from .i18n import pick
from .parameters import reader_view
from .profile import Profile
from .report import Finding

STAGES = ("normal", "interview", "rectification", "prereview_failed", "revoked")
STAGE_LABEL = {
    "normal": {"zh": "正常", "en": "normal"},
    "interview": {"zh": "已约谈", "en": "interviewed"},
    "rectification": {"zh": "责令限期整改中", "en": "under a rectification order"},
    "prereview_failed": {"zh": "年度工作报告前置审查不通过", "en": "failed the annual-report pre-review"},
    "revoked": {"zh": "已撤销团体会员资格", "en": "membership revoked"},
}
NEXT_LABEL = {
    "none": {"zh": "无需采取监管措施", "en": "no supervisory step needed"},
    "interview": {"zh": "建议对主要负责人进行工作约谈", "en": "interview the principal leaders"},
    "rectification": {"zh": "建议责令限期整改", "en": "order rectification with a deadline"},
    "prereview": {"zh": "建议给予年度工作报告前置审查不通过处理", "en": "fail the annual-report pre-review"},
    "revocation": {"zh": "建议按规定撤销团体会员资格", "en": "propose revoking the group membership"},
    "follow_up": {"zh": "继续跟踪约谈所提问题的整改", "en": "follow up the problems raised at the interview"},
    "await_deadline": {"zh": "整改期限未到，督促按期整改", "en": "rectification deadline not reached: keep monitoring"},
    "close": {"zh": "问题已整改，可恢复正常管理", "en": "problems resolved: return to normal supervision"},
    "continue": {"zh": "督促继续整改，下一年度继续前置审查", "en": "keep pressing for rectification; pre-review again next year"},
}
NEXT_SHORT = {
    "none": {"zh": "—", "en": "—"}, "interview": {"zh": "约谈", "en": "interview"},
    "rectification": {"zh": "责令限期整改", "en": "rectification"}, "prereview": {"zh": "前置审查不通过", "en": "fail pre-review"},
    "revocation": {"zh": "撤销团体会员资格", "en": "revocation"}, "follow_up": {"zh": "跟踪整改", "en": "follow up"},
    "await_deadline": {"zh": "等待整改期满", "en": "await deadline"}, "close": {"zh": "恢复正常", "en": "close"},
    "continue": {"zh": "继续整改", "en": "continue"},
}
LETTER_FOR = {"interview": "interview", "rectification": "rectification", "prereview": "prereview",
              "revocation": "revocation"}
INTERVIEW_WEIGHTS = ("irregular_governance", "lacking_vitality")  # 内部治理不规范、活力不足 → 约谈
RECTIFY_WEIGHTS = ("poor_performance", "lax_organisation")  # 履职不力、组织涣散 → 责令限期整改
HISTORY_EVENT = {"约谈": "interview", "责令限期整改": "order", "整改报告": "report", "前置审查": "prereview",
                 "撤销团体会员资格": "revoke"}


def _t(k: str, v: Any) -> dict:
    return {k: v}


def _all(*parts: dict) -> dict:
    return {"$and": list(parts)}


ASSESS = _t("kind", "assess")
REV, NOREV = _t("revocation", True), _t("revocation", False)
RECT, NORECT = _t("rect_trigger", True), _t("rect_trigger", False)

# state -> trigger -> condition on the event, target. History triggers first, then the assess triggers.
CHART: dict[str, dict[str, dict[str, Any]]] = {
    "normal": {
        "h_interview": {"when": _t("kind", "interview"), "to": "interview"},
        "h_order": {"when": _t("kind", "order"), "to": "rectification"},
        "h_prereview_fail": {"when": _all(_t("kind", "prereview"), _t("passed", False)), "to": "prereview_failed"},
        "h_revoke": {"when": _t("kind", "revoke"), "to": "revoked"},
        "revocation": {"when": _all(ASSESS, REV), "to": "normal"},
        "rectification": {"when": _all(ASSESS, NOREV, RECT), "to": "normal"},
        "interview": {"when": _all(ASSESS, NOREV, NORECT, _t("interview_trigger", True)), "to": "normal"},
        "none": {"when": _all(ASSESS, NOREV, NORECT, _t("interview_trigger", False)), "to": "normal"},
    },
    "interview": {
        "h_order": {"when": _t("kind", "order"), "to": "rectification"},
        "h_prereview_fail": {"when": _all(_t("kind", "prereview"), _t("passed", False)), "to": "prereview_failed"},
        "h_revoke": {"when": _t("kind", "revoke"), "to": "revoked"},
        "revocation": {"when": _all(ASSESS, REV), "to": "interview"},
        "rectification": {"when": _all(ASSESS, NOREV, _t("escalate", True)), "to": "interview"},
        "close": {"when": _all(ASSESS, NOREV, _t("escalate", False), _t("violations", 0)), "to": "interview"},
        "follow_up": {"when": _all(ASSESS, NOREV, _t("escalate", False), {"$gt": {"violations": 0}}),
                      "to": "interview"},
    },
    "rectification": {
        "h_order": {"when": _t("kind", "order"), "to": "rectification"},
        "h_prereview_fail": {"when": _all(_t("kind", "prereview"), _t("passed", False)), "to": "prereview_failed"},
        "h_prereview_pass": {"when": _all(_t("kind", "prereview"), _t("passed", True)), "to": "normal"},
        "h_revoke": {"when": _t("kind", "revoke"), "to": "revoked"},
        "revocation": {"when": _all(ASSESS, REV), "to": "rectification"},
        "prereview": {"when": _all(ASSESS, NOREV, _t("deadline_passed", True), _t("persist", True)),
                      "to": "rectification"},
        "close": {"when": _all(ASSESS, NOREV, _t("deadline_passed", True), _t("persist", False)),
                  "to": "rectification"},
        "await_deadline": {"when": _all(ASSESS, NOREV, _t("deadline_passed", False)), "to": "rectification"},
    },
    "prereview_failed": {
        "h_prereview_pass": {"when": _all(_t("kind", "prereview"), _t("passed", True)), "to": "normal"},
        "h_revoke": {"when": _t("kind", "revoke"), "to": "revoked"},
        "revocation": {"when": _all(ASSESS, REV), "to": "prereview_failed"},
        "close": {"when": _all(ASSESS, NOREV, _t("violations", 0)), "to": "prereview_failed"},
        "continue": {"when": _all(ASSESS, NOREV, {"$gt": {"violations": 0}}), "to": "prereview_failed"},
    },
    "revoked": {
        "none": {"when": ASSESS, "to": "revoked"},
    },
}

_chart: Chart | None = None


def _get_chart() -> Chart:
    global _chart
    if _chart is None:  # compiled once per process
        _chart = Chart(CHART)
    return _chart


def assess(profile: Profile, findings: list[Finding], as_of: date, params: dict[str, Any], lang: str) -> dict:
    """The society's stage, the recommended next step, its reasons and the rectification deadline."""
    params = reader_view(params, "ladder")
    active = [f for f in findings if not f.waived and f.severity == "violation"]
    weights = {f.ladder for f in active}
    history = sorted(enumerate(profile.oversight), key=lambda x: (x[1].date, x[0]))
    events: list[dict[str, Any]] = []
    for _, entry in history:
        events.append({"kind": HISTORY_EVENT[entry.kind], "passed": entry.result != "不通过"})

    last_order = next((e for _, e in reversed(history) if e.kind == "责令限期整改"), None)
    last_interview = next((e for _, e in reversed(history) if e.kind == "约谈"), None)
    deadline = None
    if last_order:
        deadline = last_order.deadline or last_order.date + timedelta(days=params["rectification_days"])
    persist_order = _persist(last_order, active)
    persist_interview = _persist(last_interview, active)
    followup_passed = bool(last_interview and (as_of - last_interview.date).days > params["interview_followup_days"])

    grades = "revocation_grades" in weights
    inactive = "revocation_inactive" in weights
    revocation = (grades and inactive) if params["revocation_mode"] == "both" else (grades or inactive)
    rect_trigger = bool(weights & set(RECTIFY_WEIGHTS))
    events.append({
        "kind": "assess", "revocation": revocation, "rect_trigger": rect_trigger,
        "interview_trigger": bool(weights & set(INTERVIEW_WEIGHTS)),
        "escalate": rect_trigger or (persist_interview and followup_passed),
        "deadline_passed": bool(deadline and as_of > deadline), "persist": persist_order,
        "violations": len(active),
    })
    taken = _get_chart().run(events, label=profile.society.name)
    stage = "normal"
    next_step = "none"
    for trigger, target, index in taken:
        if events[index]["kind"] == "assess":
            next_step = trigger
        else:
            stage = target

    reasons = _reasons(next_step, active, history, last_order, last_interview, lang)
    ladder: dict[str, Any] = {
        "stage": stage, "stage_label": pick(STAGE_LABEL[stage], lang),
        "next_step": next_step, "next_step_label": pick(NEXT_LABEL[next_step], lang),
        "letter": LETTER_FOR.get(next_step), "reasons": reasons,
        "deadline": deadline.isoformat() if deadline and stage == "rectification" else None,
        "days_remaining": (deadline - as_of).days if deadline and stage == "rectification" else None,
        "revocation_mode": params["revocation_mode"],
        "decision_required": True,
    }
    return ladder


def _persist(entry, active: list[Finding]) -> bool:
    """Whether the problems an interview or order cited are still found (violations only)."""
    if entry is None:
        return False
    if entry.cited_rules:
        return any(f.rule in entry.cited_rules for f in active)
    if entry.cited_clauses:
        return any(f.clause in entry.cited_clauses for f in active)
    return bool(active)


def _reasons(step: str, active: list[Finding], history, last_order, last_interview, lang: str) -> list[dict]:
    weights = {
        "interview": INTERVIEW_WEIGHTS + RECTIFY_WEIGHTS,
        "rectification": RECTIFY_WEIGHTS + INTERVIEW_WEIGHTS,
        "revocation": ("revocation_grades", "revocation_inactive"),
    }.get(step)
    if step in ("prereview", "close", "await_deadline") and last_order is not None:
        cited = last_order.cited_rules
        chosen = [f for f in active if not cited or f.rule in cited]
    elif step == "follow_up" and last_interview is not None:
        chosen = [f for f in active if not last_interview.cited_rules or f.rule in last_interview.cited_rules]
    elif weights:
        chosen = [f for f in active if f.ladder in weights]
    else:
        chosen = list(active)
    out: list[dict] = [{"kind": "finding", "rule": f.rule, "clause": f.clause, "path": f.path, "line": f.line,
                        "text": f.message} for f in chosen]
    for _, e in history:
        text = f"{e.date.isoformat()} {e.kind}" + (f"（{e.doc_no}）" if e.doc_no else "")
        if e.deadline:
            text += (f"，整改期限 {e.deadline.isoformat()}" if lang == "zh" else f", deadline {e.deadline.isoformat()}")
        if e.result:
            text += f"：{e.result}" if lang == "zh" else f": {e.result}"
        out.append({"kind": "history", "date": e.date.isoformat(), "entry": e.kind, "doc_no": e.doc_no, "text": text})
    return out
