"""Run compiled rules over one profile's facts with durable_rules; the only module that imports it.

One host and ruleset per process and as-of date; one session per profile, deleted afterwards.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import math
from typing import Any

import durable_rules_engine as _dre
from durable import engine as _engine

_CODES = {
    101: "内存不足或同时存在超过 1024 个会话 / out of memory or more than 1024 live sessions",
    102: "规则或事实中出现了意外的类型 / unexpected type in a rule or fact",
    105: "未知的键（拼写错误？） / unexpected name (a typo?)",
    113: "一个模式中跨事实表达式超过 31 个 / more than 31 expressions in one join",
    202: "未知的运算符 / unknown operator",
    204: "规则或事实不是 JSON 对象 / not a JSON object",
    302: "一个事实的属性超过 252 个 / a fact has too many properties",
    305: "规则引用了未定义的别名 / a rule refers to an undefined alias",
    309: "会话不存在 / unknown session",
    501: "正则表达式无法解析 / bad regular expression",
}


# Return codes of durable_rules_engine.assert_facts other than 0 (handled) and 1 (nothing matched).
_ASSERT_CODES = {
    2: "同一事实重复提交 / identical fact asserted twice",
    3: "规则引擎推迟了处理，动作未运行 / the engine deferred the facts: no action ran",
}


class EngineError(RuntimeError):
    """A durable_rules failure, explained; `path` is the profile path of the fact at fault, when known."""

    def __init__(self, message: str, path: str = ""):
        super().__init__(message)
        self.path = path


# durable_rules reads numbers with its own parser: "Infinity" and exponent notation ("1e+16", "1e-05") crash
# the process (SIGSEGV, measured with 2.0.28) and NaN silently matches nothing. Integers beyond 64 bits are
# not what a profile means either. Such a value must never reach the C core.
_INT_LIMIT = 2**63 - 1


def unsafe_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > _INT_LIMIT
    if isinstance(value, float):
        return not math.isfinite(value) or "e" in repr(value)
    return False


def _check_numbers(facts: list[dict[str, Any]]) -> None:
    """Refuse a fact carrying a number the engine cannot read, naming the fact and its field. (This runs on
    every value of every profile: the common types are passed by a type test, not a call.)"""
    for fact in facts:
        for key, value in fact.items():
            kind = type(value)
            if kind is str or kind is bool or value is None:
                continue
            if kind is int and -_INT_LIMIT <= value <= _INT_LIMIT:
                continue
            bad = [v for v in value if unsafe_number(v)] if isinstance(value, list | tuple) else \
                [v for v in value.values() if unsafe_number(v)] if isinstance(value, dict) else \
                ([value] if unsafe_number(value) else [])
            if bad:
                raise EngineError(f"{key} = {bad[0]!r}: 数值超出规则引擎可处理的范围 / "
                                  "a number the rules engine cannot take", str(fact.get("path") or ""))


def explain(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return _CODES[101]
    text = str(exc)
    if "error code" in text:
        try:
            code = int(text.rsplit(":", 1)[1])
        except ValueError:
            code = -1
        return f"durable_rules {code}: {_CODES.get(code, text)}"
    return text or type(exc).__name__


class _QuietHost(_engine.Host):
    """A host without the two background timer threads (actions run synchronously, here)."""

    def __init__(self, actions: dict[str, Any]):
        self._actions = actions
        super().__init__()

    def _run(self) -> None:  # no dispatch threads
        pass

    def get_action(self, name: str):
        return self._actions[name]


_END = "__end__"  # sentinel rule and fact: see Engine.run
_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False, separators=(",", ":")).encode


class Engine:
    """Compiled rules, ready to evaluate profiles one session at a time.

    Every session asserts a sentinel fact that a sentinel rule matches: durable_rules creates a session
    even when no rule matches, and `delete_state` on a session where no action ran segfaults (measured
    here with 2.0.28), so each session must fire at least once to be deletable.
    """

    _names = itertools.count()

    def __init__(self, compiled: dict[str, dict]):
        self._fired: list[tuple[str, int]] = []
        self.rule_ids = list(compiled)
        self._order = {rid: i for i, rid in enumerate(self.rule_ids)}
        actions = {rid: self._recorder(rid) for rid in [*compiled, _END]}
        name = f"compliance{next(self._names)}"
        rules = {rid: dict(body, run=rid) for rid, body in copy.deepcopy(compiled).items()}
        rules[_END] = {"all": [{"m": {"t": _END}}], "run": _END}
        try:
            self._host = _QuietHost(actions)
            self._host.set_rulesets({name: rules})
            self._ruleset = self._host.get_ruleset(name)
        except Exception as exc:  # the C core raises several types
            raise EngineError(explain(exc)) from exc
        self._sids = itertools.count()

    def _recorder(self, rule_id: str):
        fired = self._fired

        def record(c) -> None:  # one parameter: durable treats two-parameter actions as async
            fired.append((rule_id, c.m._d["k"]))

        return record

    def run(self, facts: list[dict[str, Any]], label: str = "") -> list[tuple[str, int]]:
        """(rule id, fact index) for every rule that matched, in rule order then fact order. Each fact gets the
        session's `sid` key."""
        sid = f"s{next(self._sids)}"
        self._fired.clear()
        handle = self._ruleset._handle
        asserted = False
        try:
            _check_numbers(facts)
            for f in facts:  # in place: a copy of every fact costs more than the key does to the caller
                f["sid"] = sid
            try:
                payload = _ENCODE([*facts, {"t": _END, "k": -1, "sid": sid}])
            except (ValueError, TypeError) as exc:  # _check_numbers already refuses inf/nan: belt and braces
                raise EngineError(str(exc)) from None
            code, offset = _dre.assert_facts(handle, payload)
            asserted = True
            if code not in (0, 1):  # 0: handled, 1: nothing matched (the sentinel always does, but harmless)
                raise EngineError(_ASSERT_CODES.get(code, f"durable_rules {code}: 意外的返回码 / unexpected return code"))
            outcome: list[tuple[Any, Any]] = []
            self._ruleset.do_actions(offset, lambda err, state: outcome.append((err, state)))
            err, state = outcome[0] if outcome else (None, None)
            if err:
                raise EngineError(explain(err))
            if state and "exception" in state:  # durable swallows action errors into the state
                raise EngineError(str(state["exception"])[:500])
            if (_END, -1) not in self._fired:
                raise EngineError("规则引擎没有运行任何动作 / the engine ran no action (results would be incomplete)")
        except EngineError as exc:
            raise EngineError(f"{label}: {exc}", exc.path) from None
        except (MemoryError, _dre.error) as exc:
            raise EngineError(f"{label}: {explain(exc)}") from exc
        finally:
            # delete_state segfaults on a session where no action ran: such a session (only after an engine
            # error) is left alone; one never created is harmless to delete
            if not asserted or (_END, -1) in self._fired:
                with contextlib.suppress(Exception):
                    self._ruleset.delete_state(sid)
        fired = sorted({f for f in self._fired if f[0] != _END}, key=lambda f: (self._order[f[0]], f[1]))
        self._fired.clear()
        return fired


class Chart:
    """A durable_rules statechart fed with dated events, one session per run.

    `states` maps state -> trigger -> {"when": durable expression on the event, "to": state}. The first
    state is where the chart starts. Returns the transitions taken, in order, as (trigger, target, event index).
    """

    _names = itertools.count()

    def __init__(self, states: dict[str, dict[str, dict[str, Any]]]):
        self._taken: list[tuple[str, str, int]] = []
        actions: dict[str, Any] = {}
        chart: dict[str, dict[str, dict]] = {"__start__": {"t_start": {"to": next(iter(states)), "run": "t_start"}}}
        actions["t_start"] = lambda c: None
        for state, triggers in states.items():
            chart[state] = {}
            for trigger, spec in triggers.items():
                name = f"{state}__{trigger}"
                cond = {"$and": [{"ev": 1}, spec["when"]]}
                chart[state][name] = {"all": [{"m": cond}], "to": spec["to"], "run": name}
                actions[name] = self._recorder(trigger, spec["to"])
        self._name = f"chart{next(self._names)}"
        try:
            self._host = _QuietHost(actions)
            self._host.set_rulesets({f"{self._name}$state": copy.deepcopy(chart)})
        except Exception as exc:  # noqa: BLE001
            raise EngineError(explain(exc)) from exc
        self._sids = itertools.count()

    def _recorder(self, trigger: str, target: str):
        taken = self._taken

        def record(c) -> None:
            taken.append((trigger, target, c.m._d.get("i", -1)))

        return record

    def run(self, events: list[dict[str, Any]], label: str = "") -> list[tuple[str, str, int]]:
        sid = f"c{next(self._sids)}"
        self._taken.clear()
        try:
            _check_numbers(events)
            self._host.update_state(self._name, {"sid": sid})  # enters the start state
            for i, event in enumerate(events):
                # an event with no transition from the current state is simply not taken
                with contextlib.suppress(_engine.MessageNotHandledException):
                    self._host.post(self._name, dict(event, sid=sid, ev=1, i=i))
        except EngineError as exc:
            raise EngineError(f"{label}: {exc}", exc.path) from None
        except (MemoryError, _dre.error) as exc:
            raise EngineError(f"{label}: {explain(exc)}") from exc
        finally:
            with contextlib.suppress(Exception):
                self._host.delete_state(self._name, sid)
        taken = list(self._taken)
        self._taken.clear()
        return taken


_patterns = itertools.count()


def pattern_error(pattern: str) -> int | None:
    """The durable_rules error code (501–508) for a `matches` pattern its regex compiler rejects, else None.

    Compiles the pattern alone in a throwaway ruleset. The caller first rules out what crashes the compiler
    outright (a character class wider than ~4,096 code points segfaults it).
    """
    rules = {"p": {"all": [{"m": {"$and": [{"t": "p"}, {"$mt": {"v": pattern}}]}}]}}
    try:
        handle = _dre.create_ruleset(f"pattern{next(_patterns)}", json.dumps(rules, ensure_ascii=False))
    except _dre.error as exc:
        text = str(exc)
        return int(text.rsplit(":", 1)[1]) if "error code" in text else -1
    _dre.delete_ruleset(handle)
    return None
