"""Write one letter: read and check the profile, audit it, take the letter the ladder calls for (refusing one it
does not call for unless forced), compose it, render it in the format asked and write it.

Letters are official Chinese documents: the audit behind them runs in Chinese whatever `--lang` says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .audit import Auditor
from .discover import shown
from .i18n import label, t
from .ladder.revocation import GRADES, INACTIVE
from .letters import Determination, Fact, compose, load_issuer, worded
from .output import check_target, write_atomic
from .problem import Failure, ProblemsFailure
from .render import LETTERS
from .render.templates import TemplateFailure
from .report import Ladder
from .rulebook import load_rulebook
from .validate import load_profile


@dataclass
class LetterRun:
    """What a letter is asked for (the options of `compliance letter`)."""

    profile: Path
    as_of: date
    kind: str = "auto"  # a letter kind, or auto: the one the ladder recommends
    fmt: str = "html"
    output: Path | None = None
    issuer: Path | None = None
    doc_no: str | None = None
    force: bool = False
    templates: Path | None = None
    rules: Path | None = None
    lang: str = "zh"  # of the messages; the letter itself is Chinese


@dataclass
class Written:
    kind: str
    target: Path
    history_entry: dict[str, Any]  # to append to the profile's oversight history once issued
    notices: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # for the office: message key, values

    def history_yaml(self) -> str:
        import yaml

        return yaml.safe_dump([self.history_entry], allow_unicode=True, sort_keys=False).rstrip()


class LetterAuditor(Auditor):
    """The audit, keeping each finding's letter wording (its rule's `letter` text with the finding's values): the
    only words a letter states a finding in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wording: dict[tuple[str, str], Fact] = {}

    def _finding(self, doc, fact: dict, rule_id: str, society_id: str):
        found = super()._finding(doc, fact, rule_id, society_id)
        self.wording[(found.rule, found.path)] = worded(self.rules[rule_id], fact, self.params, self.rulebook.ratios)
        return found


def cited_determination(ladder: Ladder) -> Determination | None:
    """The 情节严重 determination the ladder's revocation recommendation rests on (recorded in the oversight history,
    on or before the as-of day and after the conditions arose), for the decision to cite; None for a forced letter."""
    d = ladder.determination if ladder.next_step == "revocation" else None
    return Determination(date.fromisoformat(d.date), d.determined_by, d.grounds, d.doc_no) if d else None


def revocation_facts(ladder: Ladder, lang: str) -> str:
    """What the ladder knows of a revocation it does not call for: which of item 7's two objective conditions hold,
    `revocation_mode`, and the latest recorded 情节严重认定 (README: 退出机制与公文)."""
    cond = ladder.revocation_conditions
    names = {GRADES: t("rev_grades", lang), INACTIVE: t("rev_inactive", lang)}
    conditions = t("list_sep", lang).join(t("rev_holds" if w in cond.holding else "rev_fails", lang, name=name)
                                       for w, name in names.items())
    if cond.determination_date is None:
        determination = t("rev_no_determination", lang)
    elif cond.met and cond.since and cond.determination_date < cond.since:
        determination = t("rev_determination_early", lang, date=cond.determination_date, since=cond.since)
    else:
        determination = t("rev_determination_on", lang, date=cond.determination_date)
    return t("letter_rev_facts", lang, conditions=conditions, mode=ladder.revocation_mode,
             need=t(f"rev_need_{ladder.revocation_mode}", lang), determination=determination)


class NotCalledFor(Failure):
    """The ladder does not call for the letter asked (or for any): nothing is written, exit 1."""

    exit_code = 1


def write_letter(req: LetterRun) -> Written:
    """Write the letter; raises a `problem.Failure` (bad input, exit 2; a letter not called for, exit 1)."""
    checked = load_profile(req.profile, req.as_of)
    if checked.doc is None or checked.profile is None:
        raise ProblemsFailure(checked.problems)
    profile = checked.profile
    settings = load_issuer(req.issuer)
    auditor = LetterAuditor(load_rulebook(req.rules), req.as_of, "zh")
    result = auditor.audit_profile(checked.doc, profile)
    ladder = result.ladder
    assert ladder is not None
    chosen = ladder.letter if req.kind == "auto" else req.kind
    if chosen is None:
        raise NotCalledFor("letter_none", stage=label("stage", ladder.stage, req.lang),
                           step=label("next", ladder.next_step, req.lang))
    forced = chosen != ladder.letter
    if forced and not req.force:
        # a revocation whose conditions hold but whose 情节严重 is not yet determined: say what is missing
        undetermined = chosen == "revocation" and any(f.code == "study_seriousness" for f in ladder.flags)
        raise NotCalledFor("letter_needs_determination" if undetermined else "letter_refused",
                           letter=label("letter", chosen, req.lang), step=label("next", ladder.next_step, req.lang),
                           facts=revocation_facts(ladder, req.lang) if chosen == "revocation" else "")
    content = compose(profile, result, chosen, settings, req.as_of, auditor.params, auditor.wording, req.doc_no,
                      forced, cited_determination(ladder))
    target = req.output or Path(f"{profile.society.id}-{chosen}.{req.fmt}")
    check_target(target, [req.profile])
    templates = str(req.templates) if req.templates else None
    try:
        data = LETTERS[req.fmt].function()(content, templates)
    except TemplateFailure as exc:
        if not exc.where:
            exc.where = f"{shown(templates or '')}: "
        raise
    write_atomic(target, data, [req.profile])
    notices: list[tuple[str, dict[str, Any]]] = [("letter_review", {"organ": settings.short_name})]
    if forced:
        notices.append(("letter_forced", {"step": label("next", ladder.next_step, req.lang)}))
    blanks = [name for name in ("contact_person", "contact_phone") if content.note and not getattr(settings, name)]
    if blanks:
        notices.append(("letter_blank", {"fields": blanks}))
    return Written(chosen, target, content.history_entry, notices)
