"""`compliance init`, `template`, `import`, `export`: a new profile to fill in, and profiles in and out of an
Excel/WPS workbook (see `intake`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import AsOfOpt, LangOpt, as_of_date, err

SchemaOpt = Annotated[str | None, typer.Option(
    "--schema", help="档案首行模式声明指向的 JSON Schema（路径或网址） / schema the profile's modeline points at")]


def init(
    name: Annotated[str, typer.Argument(metavar="NAME", help="学会名称（登记证书上的全称） / the society's name")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="档案文件（默认：学会名称.yaml），不覆盖已有文件 / profile to write, never overwritten")] = None,
    schema: SchemaOpt = None,
    lang: LangOpt = "zh",
) -> None:
    """新建一个待填写的学会档案 / write a new profile to fill in."""
    from ..i18n import t
    from ..intake import init_profile

    target = output or Path(_file_name(name) + ".yaml")
    count = init_profile(name, target, schema, lang.value)
    err(t("init_written", lang.value, path=target, count=count))


def template(
    output: Annotated[Path, typer.Argument(metavar="WORKBOOK", help="要生成的 .xlsx 工作簿 / workbook to write")],
    lang: LangOpt = "zh",
) -> None:
    """生成供填写的 Excel 工作簿模板 / write a workbook template to fill in."""
    from ..i18n import t
    from ..intake import write_template

    write_template(output, lang.value)
    err(t("template_written", lang.value, path=output))


def import_(
    workbook: Annotated[Path, typer.Argument(metavar="WORKBOOK", help="填好的 .xlsx 工作簿 / filled-in workbook")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="档案文件（默认：工作簿同名 .yaml），不覆盖已有文件 / profile to write")] = None,
    as_of: AsOfOpt = None,
    schema: SchemaOpt = None,
    lang: LangOpt = "zh",
) -> None:
    """把填好的工作簿转成档案（先校验，有错不写） / turn a filled-in workbook into a profile."""
    from ..i18n import t
    from ..intake import import_book

    target = output or workbook.with_suffix(".yaml")
    society = import_book(workbook, target, as_of_date(as_of), schema, lang.value)
    err(t("import_written", lang.value, path=target, society=society))


def export(
    profile: Annotated[Path, typer.Argument(metavar="PROFILE", help="一个学会档案 / one society profile")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="工作簿（默认：档案同名 .xlsx），不覆盖已有文件 / workbook to write")] = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = "zh",
) -> None:
    """把档案导出为 Excel 工作簿（可修改后再导入） / write a profile into a workbook."""
    from ..i18n import t
    from ..intake import export_profile

    target = output or profile.with_suffix(".xlsx")
    export_profile(profile, target, as_of_date(as_of), lang.value)
    err(t("export_written", lang.value, path=target))


def _file_name(name: str) -> str:
    """A file name made of the society's name: characters no file system accepts become _."""
    cleaned = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip(" .")
    return cleaned or "profile"
