"""The escalation ladder of item 7 as a durable_rules statechart: 正常 → 约谈 → 责令限期整改 →
年度工作报告前置审查不通过, with 撤销团体会员资格 as the end state. It recommends; the association decides.

The oversight history moves the chart to the current stage (`chart`); a `review` event closes or continues the
episode in progress (`episode`), an `assess` event weighs today's findings from `normal` (`revocation` for the
last sentence of item 7). Which findings weigh how is declared in each rule's `ladder` field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from ..i18n import label, paren, pick, t
from ..parameters import reader_view
from ..profile import Oversight, Profile
from ..report import Finding
from ..vocabulary import INTERVIEW_WEIGHTS, LETTER_KINDS, ORDER_WEIGHTS
from .chart import CHART, chart, reads
from .episode import Episode, Order, episode, order
from .revocation import REVOCATION_WEIGHTS, Revocation, revocation

__all__ = ["CHART", "assess"]

# the two revocation conditions, when revocation is not recommended, count at least as 活力不足 (DECISIONS.md)
AT_LEAST = "lacking_vitality"
HISTORY_EVENT = {"约谈": "interview", "责令限期整改": "order", "整改报告": "report", "前置审查": "prereview",
                 "情节严重认定": "determination", "撤销团体会员资格": "revoke"}


def assess(profile: Profile, findings: list[Finding], as_of: date, params: dict[str, Any], lang: str,
           trace: dict[str, Any] | None = None, rules: Mapping[str, Any] | None = None) -> dict:
    """The society's stage, the recommended next step, its reasons, the episode in progress and the flags.

    `params`: every parameter in force; `rules`: the rules in force by id (titles and classes of cited issues).
    With `trace`, how the chart got there is put in it (for `explain`, see `_trace`).
    """
    rules = rules or {}
    own = reader_view(params, "ladder")
    active = [f for f in findings if not f.waived and f.severity == "violation"]
    history = [e for _, e in sorted(enumerate(profile.oversight), key=lambda x: (x[1].date, x[0]))]
    rev = revocation(profile, active, as_of, params)
    counted = [(f, _category(f, rev)) for f in active if f.ladder]
    cats = {c for _, c in counted}

    last_interview = _last(history, "约谈")
    last_order = _last(history, "责令限期整改")
    talk = episode(last_interview, findings)
    until = last_interview.date + timedelta(days=own["interview_followup_days"]) if last_interview else None
    judged = order(last_order, findings, history, as_of, own,
                   {rid: getattr(r, "rule_class", "") for rid, r in rules.items()})
    rect = bool(cats & set(ORDER_WEIGHTS))
    review = {"kind": "review", "revocation": rev.objective, "determined": rev.determined, "rect_trigger": rect,
              "remaining": talk.remaining, "followup_passed": bool(until and as_of > until),
              "order_remaining": judged.ep.remaining, "deadline_passed": judged.deadline_passed,
              "improved": judged.improved, "early_close": judged.early_close}
    assessed = {"kind": "assess", "revocation": rev.objective, "determined": rev.determined, "rect_trigger": rect,
                "interview_trigger": bool(cats & set(INTERVIEW_WEIGHTS))}
    events = [{"kind": HISTORY_EVENT[e.kind], "passed": e.result != "不通过"} for e in history] + [review, assessed]
    taken = chart().run(events, label=profile.society.name)

    stage, stages, steps, read = "normal", {}, {}, []
    state = "normal"
    for trigger, target, index in taken:
        kind = events[index]["kind"]
        if kind in ("review", "assess"):
            steps[kind] = trigger
            read += reads(CHART[state][trigger]["when"])
        else:
            stage = stages[index] = target
        state = target
    outcome = steps.get("review")
    after = steps.get("assess")
    next_step = after if after not in (None, "none") else (outcome or after or "none")

    ep = _episode_of(stage, talk, judged)
    cause = _cause(next_step, outcome, counted, rev, talk, judged)
    # an order after an interview whose cited problems outlast the follow-up period, with no 履职不力 or 组织涣散 to
    # call for one anyway, rests on this tool's inference (item 7 sets no follow-up period: DECISIONS.md)
    inferred = next_step == outcome == "rectification" and stage == "interview" and not rect
    flags = _flags(stage, outcome, rev, talk, judged, inferred, until, own, lang)
    if trace is not None:
        trace.update(_trace(history, stages, counted, findings, {**review, **assessed}, next_step, last_order,
                            last_interview, judged.deadline),
                     followup_passed=review["followup_passed"], reads=list(dict.fromkeys(read)))
    # the deadline is shown while the order is open: once it closes (明显改进), today's findings are assessed afresh
    in_order = stage == "rectification" and judged.deadline is not None and outcome != "close"
    return {
        "stage": stage, "stage_label": label("stage", stage, lang),
        "next_step": next_step,
        "next_step_label": t("next_inferred", lang, step=label("next", next_step, lang)) if inferred
        else label("next", next_step, lang),
        "inferred": inferred,
        "letter": next_step if next_step in LETTER_KINDS else None,
        "reasons": _reasons(cause, history, lang),
        "deadline": judged.deadline.isoformat() if in_order and judged.deadline else None,
        "days_remaining": (judged.deadline - as_of).days if in_order and judged.deadline else None,
        "revocation_mode": own["revocation_mode"], "decision_required": True,
        "episode": _episode_view(stage, ep, judged, outcome, next_step, rules, lang),
        "flags": flags,
        "determination": _determination(rev.determination) if next_step == "revocation" else None,
        "revocation_conditions": {"holding": rev.holding, "met": rev.objective,
                                  "since": rev.since.isoformat() if rev.since else None,
                                  "determination_date": rev.latest.date.isoformat() if rev.latest else None},
        "order_unmet": (stage, outcome) in (("rectification", "prereview"), ("prereview_failed", "continue")),
    }


def _last(history: list[Oversight], kind: str) -> Oversight | None:
    return next((e for e in reversed(history) if e.kind == kind), None)


def _category(f: Finding, rev: Revocation) -> str:
    """The category a violation counts under today: its rule's, except that the two revocation conditions count
    as 活力不足 unless revocation is recommended."""
    if f.ladder in REVOCATION_WEIGHTS and not rev.recommended:
        return AT_LEAST
    return f.ladder or ""


def _episode_of(stage: str, talk: Episode, judged: Order) -> Episode | None:
    if stage == "interview":
        return talk
    if stage in ("rectification", "prereview_failed"):
        return judged.ep
    return None


def _cause(step: str, outcome: str | None, counted: list[tuple[Finding, str]], rev: Revocation, talk: Episode,
           judged: Order) -> list[tuple[Finding, str | None]]:
    """The findings a step rests on, each with the category it counts under (None: tracked as cited)."""
    if step == "revocation":
        return [(f, f.ladder) for f, _ in counted if f.ladder in rev.holding]
    if step in ("prereview", "await_deadline", "continue"):
        return [(f, _of(f, counted)) for f in judged.ep.left]
    if step == "follow_up":
        return [(f, _of(f, counted)) for f in talk.left]
    if step == "rectification" and outcome == "rectification":  # escalated from the interview
        left = [(f, _of(f, counted)) for f in talk.left]
        seen = {(f.rule, f.path) for f, _ in left}
        return left + [(f, c) for f, c in counted if c in ORDER_WEIGHTS and (f.rule, f.path) not in seen]
    weights = {"interview": INTERVIEW_WEIGHTS + ORDER_WEIGHTS, "rectification": ORDER_WEIGHTS + INTERVIEW_WEIGHTS}
    if step in weights:
        order_of = weights[step]
        chosen = [(f, c) for f, c in counted if c in order_of]
        return sorted(chosen, key=lambda fc: order_of.index(fc[1]))
    if step == "close":
        return []
    return [(f, c or None) for f, c in counted] + [(f, None) for f in _uncounted(counted, judged, talk)]


def _of(f: Finding, counted: list[tuple[Finding, str]]) -> str | None:
    return next((c for g, c in counted if g is f), None)


def _uncounted(counted: list[tuple[Finding, str]], judged: Order, talk: Episode) -> list[Finding]:
    """Violations in no category (shown with `none` so the office sees what the step did not weigh)."""
    seen = {id(f) for f, _ in counted}
    return [f for f in judged.ep.violations if id(f) not in seen]


def _reasons(cause: list[tuple[Finding, str | None]], history: list[Oversight], lang: str) -> list[dict]:
    out: list[dict] = []
    for f, category in cause:
        out.append({"kind": "finding", "rule": f.rule, "clause": f.clause, "path": f.path, "line": f.line,
                    "text": f.message, "severity": f.severity, "category": category or None,
                    "category_label": label("weight", category, lang) if category else None})
    for e in history:
        text = f"{e.date.isoformat()} {e.kind}" + (paren(e.doc_no, lang) if e.doc_no else "")
        if e.deadline:
            text += t("reason_deadline", lang, deadline=e.deadline.isoformat())
        if e.result:
            text += t("reason_result", lang, result=e.result)
        if e.determined_by:
            text += t("reason_result", lang, result=e.determined_by)
        out.append({"kind": "history", "date": e.date.isoformat(), "entry": e.kind, "doc_no": e.doc_no, "text": text})
    return out


# ------------------------------------------------------------------ what is shown beside the step


def _flags(stage: str, outcome: str | None, rev: Revocation, talk: Episode, judged: Order, inferred: bool,
           until: date | None, own: dict[str, Any], lang: str) -> list[dict]:
    found: list[tuple[str, dict[str, Any]]] = []
    for code, values in rev.flags():
        if code == "study_seriousness":
            values = {"conditions": _conditions(values["holding"], rev.mode, lang), "mode": values["mode"],
                      "since": values["since"]}
        elif code == "determination_unmet":
            values = {"date": values["date"], "by": values["by"], "mode_text": t(f"x_mode_{values['mode']}", lang)}
        found.append((code, values))
    items = t("enum_sep", lang).join(c.item for c in talk.issues if c.remaining)
    if talk.entry is not None and stage == "interview" and until is not None:
        if inferred:
            found.append(("escalation_inferred", {"date": talk.entry.date.isoformat(), "items": items or "—",
                                                  "days": own["interview_followup_days"]}))
        elif outcome == "follow_up":
            found.append(("followup_inferred", {"date": talk.entry.date.isoformat(), "items": items or "—",
                                                "until": until.isoformat(), "days": own["interview_followup_days"]}))
    ep = _episode_of(stage, talk, judged)
    if ep is not None and ep.cites_nothing and ep.entry is not None:
        kind = "interview" if stage == "interview" else "order"
        found.append(("cites_nothing", {"episode": label("episode", kind, lang), "date": ep.entry.date.isoformat()}))
    if stage == "rectification":
        if judged.report_flag is not None:
            found.append(judged.report_flag)
        if outcome == "prereview" and judged.deadline is not None:
            found.append(("order_unmet", {"deadline": judged.deadline.isoformat()}))
    return [{"code": code, "label": label("flag", code, lang), "text": t(f"flag_{code}", lang, **values)}
            for code, values in found]


def _conditions(holding: list[str], mode: str, lang: str) -> str:
    names = [t("rev_grades" if w == "revocation_grades" else "rev_inactive", lang) for w in holding]
    return t("rev_and" if mode == "both" else "rev_or", lang).join(names)


def _episode_view(stage: str, ep: Episode | None, judged: Order, outcome: str | None, next_step: str,
                  rules: Mapping[str, Any], lang: str) -> dict | None:
    """The episode in progress as the report shows it: each cited issue resolved or remaining, and for an order
    whether 明显改进 holds."""
    if ep is None or ep.entry is None:
        return None
    kind = {"interview": "interview", "rectification": "order", "prereview_failed": "prereview"}[stage]
    issues = []
    for c in ep.issues:
        rule = rules.get(c.item) if c.by == "rule" else None
        title = pick(rule.title.model_dump(), lang) if rule is not None else ""
        status = "remaining" if c.remaining else "resolved"
        issues.append({"by": c.by, "item": c.item, "title": title, "status": status,
                       "status_label": label("cited_status", status, lang),
                       "paths": [f.path for f in c.found], "lines": [f.line for f in c.found],
                       "severity": c.found[0].severity if c.found else None})
    resolved = sum(i["status"] == "resolved" for i in issues)
    when = ep.entry.date.isoformat()
    if ep.entry.doc_no:
        when = t("ep_date_doc", lang, date=when, doc=ep.entry.doc_no)
    view: dict[str, Any] = {
        "kind": kind, "kind_label": label("episode", kind, lang), "date": ep.entry.date.isoformat(),
        "doc_no": ep.entry.doc_no, "cites_nothing": ep.cites_nothing, "cited": issues, "resolved": resolved,
        "remaining": len(issues) - resolved, "resolved_share": round(ep.resolved_share, 4),
        "outcome": outcome, "outcome_label": label("next", outcome, lang) if outcome else None,
        # the episode's own conclusion, said apart when today's assessment recommends something else (DECISIONS.md)
        "outcome_text": t("ep_outcome", lang, episode=label("episode", kind, lang), outcome=label("next", outcome, lang))
        if outcome and outcome != next_step else None,
        "head": t("ep_head", lang, episode=label("episode", kind, lang), when=when, resolved=resolved,
                  remaining=len(issues) - resolved),
        "improvement": None,
    }
    if kind == "order":
        view["improvement"] = _improvement(judged, lang)
    return view


def _improvement(judged: Order, lang: str) -> dict:
    report = judged.report
    if not judged.requires_report:
        shown = t("ep_report_not_required", lang)
    elif report is not None:
        shown = t("ep_report_ok", lang, date=report.date.isoformat(), n=len(report.evidence))
    else:
        shown = t("ep_report_none" if judged.deadline_passed else "ep_report_pending", lang)
    percent = lambda x: f"{x * 100:.0f}%"  # noqa: E731
    # judged at the deadline (or before it, once every cited issue is resolved and reported)
    decided = judged.deadline_passed or judged.early_close
    verdict = t("x_yes" if judged.improved else "x_no", lang) if decided else t("ep_not_yet", lang)
    return {
        "holds": judged.improved if decided else None, "share_ok": judged.share_ok, "min_share": judged.min_share,
        "prohibited_left": judged.prohibited, "report_required": judged.requires_report, "report_ok": judged.report_ok,
        "report": {"date": report.date.isoformat(), "doc_no": report.doc_no, "evidence": list(report.evidence)}
        if report is not None else None,
        "text": t("ep_improvement", lang, verdict=verdict,
                  share=percent(judged.ep.resolved_share), min=percent(judged.min_share),
                  prohibited=t("enum_sep", lang).join(judged.prohibited) or t("ep_none", lang), report=shown),
    }


def _determination(entry: Oversight | None) -> dict | None:
    if entry is None:
        return None
    return {"date": entry.date.isoformat(), "determined_by": entry.determined_by or "", "grounds": entry.grounds or "",
            "doc_no": entry.doc_no}


# ------------------------------------------------------------------ the trace `explain` reads


def _trace(history: list[Oversight], stages: dict[int, str], counted: list[tuple[Finding, str]],
           findings: list[Finding], inputs: dict[str, Any], next_step: str, last_order: Oversight | None, last_interview: Oversight | None,
           deadline: date | None) -> dict[str, Any]:
    """The chart's run in plain data, as `explain` reads it: `events` (date, entry, doc_no, result, deadline,
    moved, stage: the stage each history entry left the society in), `counted` (rule, clause, path, weight: the
    category each violation counted under, rule_weight: its rule's own), `inputs` (the review and assess events), `step`, `last`
    (order/interview: date, entry, doc_no, cited [{by, item, remaining}]) and `deadline`; `assess` adds
    `followup_passed` and `reads` (the event properties the steps taken rest on)."""
    stage, events = "normal", []
    for i, e in enumerate(history):
        stage = stages.get(i, stage)
        events.append({"date": e.date.isoformat(), "entry": e.kind, "doc_no": e.doc_no, "result": e.result,
                       "deadline": e.deadline.isoformat() if e.deadline else None, "moved": i in stages,
                       "stage": stage})
    last = {}
    for name, e in (("order", last_order), ("interview", last_interview)):
        if e is not None:
            ep = episode(e, findings)
            last[name] = {"date": e.date.isoformat(), "entry": e.kind, "doc_no": e.doc_no,
                          "cited": [{"by": c.by, "item": c.item, "remaining": c.remaining} for c in ep.issues]}
    return {"events": events,
            "counted": [{"rule": f.rule, "clause": f.clause, "path": f.path, "weight": c, "rule_weight": f.ladder}
                        for f, c in counted],
            "inputs": {k: v for k, v in inputs.items() if k != "kind"}, "step": next_step, "last": last,
            "deadline": deadline.isoformat() if deadline else None}
