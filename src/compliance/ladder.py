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
from .i18n import label, paren, t
from .parameters import reader_view
from .profile import Profile
from .report import Finding
from .vocabulary import LETTER_KINDS

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
        "stage": stage, "stage_label": label("stage", stage, lang),
        "next_step": next_step, "next_step_label": label("next", next_step, lang),
        "letter": next_step if next_step in LETTER_KINDS else None, "reasons": reasons,
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
        text = f"{e.date.isoformat()} {e.kind}" + (paren(e.doc_no, lang) if e.doc_no else "")
        if e.deadline:
            text += t("reason_deadline", lang, deadline=e.deadline.isoformat())
        if e.result:
            text += t("reason_result", lang, result=e.result)
        out.append({"kind": "history", "date": e.date.isoformat(), "entry": e.kind, "doc_no": e.doc_no, "text": text})
    return out
