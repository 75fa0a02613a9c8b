"""Who issues the letters and how each kind is laid out: 版头 (文件格式 or 信函格式), 发文字号 prefix, title
pattern and 抄送 per letter kind. Every field has a default (argued in the README); `--issuer FILE` overrides.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .problem import ProblemsFailure, problems_of
from .vocabulary import LETTER_KINDS

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
TITLE_NAMES = ("short_name", "organ", "name", "year")  # what a title pattern may name
MARK_NAMES = ("organ", "short_name")
TITLE_BREAK = "|"  # in a title pattern: where the title may break between lines

# 文件格式 (GB/T 9704-2012 ch. 7) for the decision, 信函格式 (§10.1) for the three notices sent to one society.
KIND_DEFAULTS: dict[str, dict[str, Any]] = {
    "interview": {"layout": "letter", "mark": "{organ}", "doc_prefix": "宁科协学函", "cc": [],
                  "title": "{short_name}关于|对{name}|主要负责人|进行工作约谈的通知"},
    "rectification": {"layout": "letter", "mark": "{organ}", "doc_prefix": "宁科协学函", "cc": [],
                      "title": "{short_name}关于|责令{name}|限期整改的通知"},
    "prereview": {"layout": "letter", "mark": "{organ}", "doc_prefix": "宁科协学函", "cc": ["自治区民政厅"],
                  "title": "{short_name}关于|{name}|{year}年度工作报告|前置审查不通过的通知"},
    "revocation": {"layout": "file", "mark": "{organ}文件", "doc_prefix": "宁科协发学字", "cc": ["自治区民政厅"],
                   "title": "{short_name}关于|撤销{name}|团体会员资格的决定"},
}


LAYOUT_MARKS = {"file": "{organ}文件", "letter": "{organ}"}


def _pattern(value: str, names: tuple[str, ...]) -> str:
    for name in _PLACEHOLDER.findall(value):
        if name not in names:
            raise PydanticCustomError("letter_placeholder", "unknown placeholder",
                                      {"name": name, "names": "、".join(f"{{{n}}}" for n in names)})
    return value


class KindStyle(BaseModel):
    """How one letter kind is laid out and numbered."""

    model_config = ConfigDict(extra="forbid", strict=True)
    layout: Literal["file", "letter"] = Field(description="版式：file＝文件格式，letter＝信函格式")
    mark: str = Field(min_length=1, description="发文机关标志（红色版头），可用 {organ}、{short_name}")
    doc_prefix: str = Field(min_length=1, description="发文字号前缀，如 宁科协学函")
    title: str = Field(min_length=1, description="标题，可用 {short_name}、{organ}、{name}、{year}；| 标出可以换行处")
    cc: list[str] = Field(description="抄送机关")

    @field_validator("mark")
    @classmethod
    def _mark(cls, value: str) -> str:
        return _pattern(value, MARK_NAMES)

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _pattern(value, TITLE_NAMES)


class Kinds(BaseModel):
    """One style per letter kind; a kind given in part keeps the defaults of the fields it does not name."""

    model_config = ConfigDict(extra="forbid", strict=True)
    interview: KindStyle
    rectification: KindStyle
    prereview: KindStyle
    revocation: KindStyle

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        return {kind: _style_defaults(kind, data.get(kind)) for kind in LETTER_KINDS} | {
            k: v for k, v in data.items() if k not in LETTER_KINDS}


def _style_defaults(kind: str, given: Any) -> Any:
    """A kind's style: the fields given, the kind's defaults for the others (a layout given without a mark
    takes that layout's mark: “{organ}文件” for the 文件格式, “{organ}” for the 信函格式)."""
    if given is None:
        return KIND_DEFAULTS[kind]
    if not isinstance(given, dict):
        return given
    out = {**KIND_DEFAULTS[kind], **given}
    if "layout" in given and "mark" not in given:
        out["mark"] = LAYOUT_MARKS.get(given["layout"], out["mark"])
    return out


class Issuer(BaseModel):
    """Who issues the letters; every field has a default, a YAML file given with --issuer overrides them."""

    model_config = ConfigDict(extra="forbid", strict=True)
    organ: str = Field("宁夏回族自治区科学技术协会", min_length=1, description="发文机关全称")
    short_name: str = Field("宁夏科协", min_length=1, description="发文机关规范化简称（用于标题和正文）")
    signature: str = Field("宁夏回族自治区科学技术协会", min_length=1, description="署名")
    department: str = Field("宁夏科协学会部", min_length=1, description="承办部门（材料和整改报告报送对象）")
    printer: str = Field("宁夏科协办公室", min_length=1, description="印发机关（文件格式的版记）")
    contact_person: str = Field("", description="联系人姓名（附注）；默认空，公文中留空待填")
    contact_phone: str = Field("", description="联系电话（附注）；默认空，公文中留空待填")
    interview_place: str = Field("宁夏科协会议室", min_length=1, description="约谈地点")
    objection_days: int = Field(15, ge=1, description="对撤销决定提出异议的天数")
    kinds: Kinds = Field(default_factory=lambda: Kinds.model_validate({}), description="每类文书的版式、字号和标题")

    def style(self, kind: str) -> KindStyle:
        return getattr(self.kinds, kind)

    def mark(self, kind: str) -> str:
        return _PLACEHOLDER.sub(lambda m: {"organ": self.organ, "short_name": self.short_name}[m.group(1)],
                                self.style(kind).mark)

    def title_parts(self, kind: str, **values: str) -> list[str]:
        """The title of `kind` in the pieces it may break between (the pattern's `|`)."""
        every = {"short_name": self.short_name, "organ": self.organ, **values}
        parts = self.style(kind).title.split(TITLE_BREAK)  # split before filling: a name may hold a "|"
        return [_PLACEHOLDER.sub(lambda m: every[m.group(1)], part) for part in parts if part]


def load_issuer(path: str | Path | None) -> Issuer:
    """The issuer settings of `--issuer` (defaults without one); a bad file raises positioned problems."""
    if path is None:
        return Issuer()
    from .loading import load

    doc = load(path)
    try:
        return Issuer.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        raise ProblemsFailure(problems_of(doc, exc, Issuer)) from None
