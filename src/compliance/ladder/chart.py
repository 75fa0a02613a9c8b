"""The statechart of item 7 (durable_rules, see `engine.Chart`): the stages the oversight history moves a society
through, and the transitions that pick the recommended step from one `review` and one `assess` event.

Each trigger is named after the next step it recommends (vocabulary.NEXT_STEPS), history triggers start with h_.
"""

from __future__ import annotations

from typing import Any

from ..engine import Chart


def _t(k: str, v: Any) -> dict:
    return {k: v}


def _all(*parts: dict) -> dict:
    return {"$and": list(parts)}


REVIEW, ASSESS = _t("kind", "review"), _t("kind", "assess")
# revocation: the objective condition of item 7's last sentence under revocation_mode AND a determination of
# 情节严重 recorded after it arose; without the determination the ordinary ladder applies
REV = _all(_t("revocation", True), _t("determined", True))
NOREV = {"$or": [_t("revocation", False), _t("determined", False)]}
RECT, NORECT = _t("rect_trigger", True), _t("rect_trigger", False)
LEFT, NONE_LEFT = _t("remaining", True), _t("remaining", False)
PASSED, PENDING = _t("deadline_passed", True), _t("deadline_passed", False)

_ORDER = {"when": _t("kind", "order"), "to": "rectification"}
_PREREVIEW_FAIL = {"when": _all(_t("kind", "prereview"), _t("passed", False)), "to": "prereview_failed"}
_PREREVIEW_PASS = {"when": _all(_t("kind", "prereview"), _t("passed", True)), "to": "normal"}
_REVOKE = {"when": _t("kind", "revoke"), "to": "revoked"}

# state -> trigger -> condition on the event, target. History triggers move the stage; the `review` event closes or
# continues the episode in progress (an episode that closes moves the chart to `normal`); the `assess` event, from
# `normal` only, weighs today's findings. Recommendations leave the recorded stage as it is.
CHART: dict[str, dict[str, dict[str, Any]]] = {
    "normal": {
        "h_interview": {"when": _t("kind", "interview"), "to": "interview"},
        "h_order": _ORDER,
        "h_prereview_fail": _PREREVIEW_FAIL,
        "h_revoke": _REVOKE,
        "revocation": {"when": _all(ASSESS, REV), "to": "normal"},
        "rectification": {"when": _all(ASSESS, NOREV, RECT), "to": "normal"},
        "interview": {"when": _all(ASSESS, NOREV, NORECT, _t("interview_trigger", True)), "to": "normal"},
        "none": {"when": _all(ASSESS, NOREV, NORECT, _t("interview_trigger", False)), "to": "normal"},
    },
    "interview": {
        "h_order": _ORDER,
        "h_prereview_fail": _PREREVIEW_FAIL,
        "h_revoke": _REVOKE,
        "revocation": {"when": _all(REVIEW, REV), "to": "interview"},
        # the problems the interview cited are resolved: the episode closes, today's findings are assessed
        "close": {"when": _all(REVIEW, NOREV, NONE_LEFT), "to": "normal"},
        # they remain after the follow-up period (an inference), or an order is called for anyway
        "rectification": {"when": _all(REVIEW, NOREV, LEFT, {"$or": [_t("followup_passed", True), RECT]}),
                          "to": "interview"},
        "follow_up": {"when": _all(REVIEW, NOREV, LEFT, _t("followup_passed", False), NORECT), "to": "interview"},
    },
    "rectification": {
        "h_order": _ORDER,
        "h_prereview_fail": _PREREVIEW_FAIL,
        "h_prereview_pass": _PREREVIEW_PASS,
        "h_revoke": _REVOKE,
        "revocation": {"when": _all(REVIEW, REV), "to": "rectification"},
        # 明显改进 at the deadline, or every cited problem resolved (and reported) before it
        "close": {"when": _all(REVIEW, NOREV, {"$or": [_all(PASSED, _t("improved", True)), _t("early_close", True)]}),
                  "to": "normal"},
        "prereview": {"when": _all(REVIEW, NOREV, PASSED, _t("improved", False)), "to": "rectification"},
        "await_deadline": {"when": _all(REVIEW, NOREV, PENDING, _t("early_close", False)), "to": "rectification"},
    },
    "prereview_failed": {
        "h_order": _ORDER,
        "h_prereview_pass": _PREREVIEW_PASS,
        "h_revoke": _REVOKE,
        "revocation": {"when": _all(REVIEW, REV), "to": "prereview_failed"},
        # the problems the order cited are all resolved: the episode closes, today's findings are assessed
        "close": {"when": _all(REVIEW, NOREV, _t("order_remaining", False)), "to": "normal"},
        "continue": {"when": _all(REVIEW, NOREV, _t("order_remaining", True)), "to": "prereview_failed"},
    },
    "revoked": {
        "none": {"when": REVIEW, "to": "revoked"},
    },
}

_chart: Chart | None = None


def chart() -> Chart:
    """The compiled chart (once per process)."""
    global _chart
    if _chart is None:
        _chart = Chart(CHART)
    return _chart


def reads(expr: Any) -> list[str]:
    """The event properties a transition's condition tests (what the step it recommends rests on)."""
    if isinstance(expr, list):
        return [k for e in expr for k in reads(e)]
    if not isinstance(expr, dict):
        return []
    out = [k for k in expr if not k.startswith("$") and k != "kind"]
    return out + [k for key, value in expr.items() if key.startswith("$") for k in reads(value)]
