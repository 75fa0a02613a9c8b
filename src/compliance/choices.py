"""The values the work-list options --stage and --next-step take: typed as a term or a label in either language,
listed in the user's language (Chinese labels with the term in brackets) in errors and in `audit --help`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import LABELS, named
from .problem import closest
from .vocabulary import NEXT_STEPS, STAGE_AFTER, STAGES


@dataclass(frozen=True)
class Vocabulary:
    """The values --stage or --next-step takes: `terms`, shown by the labels of `shown` (`also` where that is "—"),
    and typed as a term or any label in `labels`, or as the label of a step that leads to the term (`after`)."""

    terms: tuple[str, ...]
    shown: str
    labels: tuple[str, ...]
    also: str | None = None
    after: dict[str, str] = field(default_factory=dict)

    def written(self) -> dict[str, str]:
        """Each written form (term, label in either language, casefolded too) → the term it names."""
        out = {term: term for term in self.terms}
        pairs = [(voc, term, term) for voc in self.labels for term in self.terms]
        pairs += [("step", step, term) for step, term in self.after.items()]
        for voc, key, term in pairs:
            out.setdefault(key, term)
            for text in LABELS[voc][key].values():
                out.setdefault(text, term)
                out.setdefault(text.casefold(), term)
        out.pop("—", None)
        return out

    def nearest(self, value: str, written: dict[str, str]) -> str | None:
        """The term `value` most likely means: the first whose written form contains it (整改 → rectification,
        before 跟踪整改), else the closest spelling."""
        folded = value.casefold()
        if len(folded) > 1:
            for term in self.terms:
                if any(folded in w.casefold() for w, named_term in written.items() if named_term == term):
                    return term
        near = closest(folded, written)  # the labels are there casefolded too
        return written[near] if near else None


STAGE_VOCABULARY = Vocabulary(STAGES, "stage", ("stage",), after=STAGE_AFTER)
STEP_VOCABULARY = Vocabulary(NEXT_STEPS, "step", ("step", "next"), also="next")


def allowed(vocabulary: Vocabulary, lang: str) -> list[str]:
    """The values an option takes, as `lang` lists them (also in `compliance audit --help`)."""
    return [named(vocabulary.shown, term, lang, vocabulary.also) for term in vocabulary.terms]
