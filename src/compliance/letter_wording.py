"""How a 公文 writes what the tool knows: Chinese numerals and dates (2025年6月5日, never ISO), no ASCII space
beside Chinese text, citations of other regulations, and a rule's letter wording filled with a finding's values.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

_DIGITS = "零一二三四五六七八九"
_GROUPS = ("", "万", "亿", "万亿")
_ISO_DAY = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
# Chinese characters, full-width forms and the punctuation a Chinese sentence uses: no ASCII space beside them
_WIDE = r"[\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
_SPACE_BESIDE_WIDE = re.compile(rf"(?<={_WIDE})[ \t]+|[ \t]+(?={_WIDE})")
# A `basis.article`: a document number (民发〔2012〕166号), its parts (二; 一、五; 一（四）), or an article (第十条)
_DOC_NUMBER = re.compile(r"(?P<number>\S*〔\d{4}〕\S*?号)\s*(?P<part>.*)")
_WIDE_BRACKETS = str.maketrans("()", "（）")
_PART = re.compile(r"(?P<section>[一二三四五六七八九十百]+)(?:（(?P<item>[一二三四五六七八九十]+)）)?")


def cn_number(n: int) -> str:
    """A positive integer in Chinese numerals as official documents number items: 一 … 十, 十一, 二十一,
    一百零一, 一百一十, 一千零一十, 十万, 一万零五, 一亿零一万."""
    if not 0 < n < 10**16:
        raise ValueError(f"no Chinese numeral for {n}")
    groups = []  # four digits each, lowest first
    while n:
        n, group = divmod(n, 10_000)
        groups.append(group)
    out, gap = "", False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if not group:
            gap = bool(out)
            continue
        out += ("零" if out and (gap or group < 1000) else "") + _below_10000(group) + _GROUPS[index]
        gap = False
    return out[1:] if out.startswith("一十") else out  # 十一, not 一十一, at the start of a number


def _below_10000(n: int) -> str:
    out, gap = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if gap else "") + _DIGITS[digit] + name
            gap = False
        elif out:
            gap = True
    return out


class Numerals:
    """`cn(3)` is 三; `cn[i]` numbers the i-th item from zero (what templates wrote before: `cn[loop.index0]`)."""

    def __call__(self, n: int) -> str:
        return cn_number(n)

    def __getitem__(self, index: int) -> str:
        return cn_number(index + 1)


CN = Numerals()


def cn_date(d: date) -> str:
    """2025年6月5日: the year in full, no leading zeros (GB/T 9704-2012 7.3.5)."""
    return f"{d.year}年{d.month}月{d.day}日"


def tidy(text: str) -> str:
    """A sentence as a letter prints it: ISO dates written 2025年6月5日, no ASCII space beside a Chinese
    character or full-width punctuation (spaces between Latin words stay)."""
    text = _ISO_DAY.sub(lambda m: _iso_to_cn(m) or m.group(0), text)
    return _SPACE_BESIDE_WIDE.sub("", text)


def _iso_to_cn(m: re.Match) -> str | None:
    try:
        return cn_date(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    except ValueError:
        return None


def citation(basis: Any) -> str:
    """How a 公文 cites another regulation (a rule's `basis`): the issuing bodies and title as the rule file names
    them, then its 发文字号 in brackets (公文处理工作条例: 引用公文应当先引标题，后引发文字号), then the article or the
    parts of the document, e.g. 民政部、财政部、中国人民银行《关于加强社会团体分支（代表）机构财务管理的通知》（民发
    〔2014〕259号）第一条、第五条; 民政部、公安部《社会团体印章管理规定》第一条第四项; 《中国共产党章程》第三十条.
    The issuing bodies stay: a title like 《关于……的通知》 does not say who issued it."""
    if basis is None:
        return ""
    article = (basis.article or "").strip()
    number = ""
    if m := _DOC_NUMBER.fullmatch(article):
        number, article = f"（{m['number']}）", m["part"].strip()
    return f"{wide_brackets(basis.regulation)}{number}{_parts(article)}"


def wide_brackets(text: str) -> str:
    """Brackets as Chinese text writes them: 分支（代表）机构, 保障措施（三）, not 分支(代表)机构."""
    return text.translate(_WIDE_BRACKETS)


def _parts(article: str) -> str:
    """第十条 as written; the numbered parts of a notice (二, 一、五, 一（四）) as 第二条, 第一条、第五条, 第一条第四项."""
    if not article or article.startswith("第"):
        return article
    parts = [_PART.fullmatch(p) for p in article.split("、")]
    if not all(parts):
        return article
    return "、".join(f"第{m['section']}条" + (f"第{m['item']}项" if m["item"] else "") for m in parts if m)


def _letter_value(value: Any) -> Any:
    """A fact value as a letter writes it: dates (objects or ISO text) in Chinese, whole amounts without a decimal
    point (a float would print as 1e+06); containers walked."""
    if isinstance(value, date):
        return cn_date(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return tidy(value)
    if isinstance(value, dict):
        return {k: _letter_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_letter_value(v) for v in value]
    return value


def fill_letter(template: str, fact: Mapping[str, Any], params: Mapping[str, Any], ratios: Collection[str] = ()) -> str:
    """A rule's letter wording with the finding's values, filled as messages are (`rulebook.fill`: no attribute
    access, no evaluation) but written as a 公文 writes them."""
    from .rulebook import fill

    facts = dict(_letter_value(dict(fact)))
    facts["t"] = fact.get("t", "")  # the subject type picks the fact registry: not a value to rewrite
    return tidy(fill(template, facts, _letter_value(dict(params)), ratios))
