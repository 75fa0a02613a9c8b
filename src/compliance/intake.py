"""The work of `init`, `template`, `import` and `export`: a new profile, a workbook template, a workbook turned
into a profile and a profile into a workbook. Each output is written whole or not at all, never over a file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .i18n import t
from .output import check_target, write_atomic
from .problem import Failure, ProblemsFailure


def init_profile(name: str, target: Path, schema: str | None, lang: str) -> int:
    """Write the skeleton of society `name` to `target`; the number of fields left to fill in."""
    from .loading import parse
    from .profile_yaml import schema_ref
    from .skeleton import NAME_PATH, skeleton
    from .validate import validate

    _new(target)
    text, to_fill = skeleton(name, schema_ref(target, schema), lang)
    _, problems = validate(parse(text, str(target)), date.today())
    bad_name = next((p for p in problems if p.path == ".".join(NAME_PATH)), None)
    if bad_name is not None:  # the name typed on the command line is checked like the field it fills
        raise Failure("init_bad_name", problem=bad_name.message(lang))
    write_atomic(target, text, new=True)
    return len(to_fill)


def write_template(target: Path, lang: str) -> None:
    from .workbook.write import workbook

    _new(target)
    write_atomic(target, workbook(None, lang), new=True)


def export_profile(source: Path, target: Path, as_of: date, lang: str) -> None:
    """The profile at `source` as a filled workbook (every field, defaults spelled out)."""
    from .validate import load_profile
    from .workbook.write import workbook

    _new(target, [source])
    checked = load_profile(source, as_of)
    if checked.profile is None:
        raise ProblemsFailure(checked.problems)
    write_atomic(target, workbook(checked.profile.model_dump(mode="python"), lang), [source], new=True)


def import_book(source: Path, target: Path, as_of: date, schema: str | None, lang: str) -> str:
    """The workbook at `source` as a profile at `target`, validated first: on any problem nothing is written.
    The society's name, for the message."""
    from .profile_yaml import dump, schema_ref
    from .workbook.read import read

    _new(target, [source])
    found = read(source, as_of)
    if found.profile is None:
        raise ProblemsFailure(found.problems)
    note = t("import_note", lang, book=source.name)
    write_atomic(target, dump(found.data, [note], schema_ref(target, schema)), [source], new=True)
    return found.profile.society.name


def _new(target: Path, inputs: list[Path] | None = None) -> None:
    """Before any work: the target can be written, is not an input, and does not exist yet."""
    from .output import OutputRefused

    check_target(target, inputs)
    if target.exists() or target.is_symlink():
        raise OutputRefused(target, "output_exists")
