"""Date arithmetic shared by the fact formulas: whole months between two days, age in years, grade years."""

from __future__ import annotations

from datetime import date


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later` (negative when later is earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def age(born: date, on: date) -> int:
    """Age in whole years (周岁) on a day."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def expected_grade_year(as_of: date, due_month: int) -> int:
    """The latest year whose association grade should exist at `as_of`, given the month it is due."""
    return as_of.year - 1 if as_of.month >= due_month else as_of.year - 2
