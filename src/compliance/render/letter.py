"""Render a composed letter as HTML (GB/T 9704-2012 layout, prints as A4), Markdown, or DOCX (python-docx).

A user's own templates (`--templates`) are read within the file limits and rendered in Jinja's sandbox, in a
child process with a time and a memory limit: a template can neither run code nor hang or exhaust the machine.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from functools import lru_cache

from jinja2 import (
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)

from ..letters import CN, Letter, cn_number
from .safe import markdown_text, xml_text

TEMPLATE_BYTES = 1024 * 1024
TEMPLATE_SECONDS = 5
TEMPLATE_MEMORY = 512 * 1024 * 1024  # bytes above what the process already uses


def _markdown_value(value: object) -> object:
    """What `{{ … }}` prints in a Markdown letter: text from a profile cannot become a link, image, HTML or
    a mention where the Markdown is shown."""
    return markdown_text(value) if isinstance(value, str) else value


@lru_cache(maxsize=2)
def _env(markdown: bool = False) -> Environment:
    env = Environment(loader=PackageLoader("compliance", "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html", "html.j2"]), keep_trailing_newline=True)
    if markdown:
        env.finalize = _markdown_value
    return env


class _Files(FileSystemLoader):
    """A user's template folder, each file read with the same limits as a profile (regular file, size)."""

    def get_source(self, environment: Environment, template: str):
        from jinja2.loaders import split_template_path

        from ..loading import LoadError, read_text

        for folder in self.searchpath:
            path = os.path.join(folder, *split_template_path(template))
            if not os.path.lexists(path):
                continue
            try:
                text = read_text(path, TEMPLATE_BYTES)  # type: ignore[arg-type]
            except LoadError as exc:
                raise TemplateError(exc.problem.format()) from None
            return text, os.path.normpath(path), lambda: False  # read once per run: never cached
        return super().get_source(environment, template)  # raises TemplateNotFound


def user_env(directory: str, markdown: bool = False) -> Environment:
    """Templates from a user's folder (falling back to ours), in Jinja's sandbox: a template cannot run code."""
    from jinja2 import ChoiceLoader
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(loader=ChoiceLoader([_Files(directory), PackageLoader("compliance", "templates")]),
                               undefined=StrictUndefined, autoescape=select_autoescape(["html", "html.j2"]),
                               keep_trailing_newline=True)
    if markdown:
        env.finalize = _markdown_value
    return env


def to_html(letter: Letter, env: Environment | None = None) -> str:
    return _render(env or _env(), "letter.html.j2", letter)


def to_markdown(letter: Letter, env: Environment | None = None) -> str:
    return _render(env or _env(True), "letter.md.j2", letter)


def _render(env: Environment, name: str, letter: Letter) -> str:
    def render() -> str:
        return env.get_template(name).render(letter=letter, cn=CN)

    if isinstance(env.loader, PackageLoader) or not hasattr(os, "fork"):
        return render()  # our own templates: trusted, no limits needed
    return limited(render)


class TemplateFailure(Exception):
    """A user's template failed or hit a limit: where (`file:line: `, when known), and why (a message key)."""

    def __init__(self, where: str, key: str, **values: object):
        super().__init__(f"{where}{key}")
        self.where, self.key, self.values = where, key, values

    def message(self, lang: str = "zh") -> str:
        from ..i18n import t

        return self.where + t(self.key, lang, **self.values)


def limited(work: Callable[[], str]) -> str:
    """Run `work` in a forked child with a memory limit, killed after TEMPLATE_SECONDS; its text or a
    TemplateFailure with the template file and line."""
    import pickle
    import select
    import signal
    import time

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send the outcome, never return into the caller's code
        try:
            os.close(read_end)
            _limit_memory()
            try:
                outcome: tuple = ("ok", work())
            except BaseException as exc:  # noqa: BLE001 - every failure becomes a message for the parent
                failure = _describe(exc)
                outcome = ("error", (failure.where, failure.key, failure.values))
            data = pickle.dumps(outcome)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write_end)
    chunks, deadline = [], time.monotonic() + TEMPLATE_SECONDS
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_end], [], [], left)[0]:
                raise TemplateFailure("", "template_timeout", seconds=TEMPLATE_SECONDS)
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    try:
        kind, value = pickle.loads(b"".join(chunks))  # noqa: S301 - written by our own child process
    except Exception:  # noqa: BLE001 - the child died without an answer (killed by the memory limit)
        raise TemplateFailure("", "template_memory", limit=TEMPLATE_MEMORY >> 20) from None
    if kind != "ok":
        where, key, values = value
        raise TemplateFailure(where, key, **values)
    return value


def _limit_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = used + TEMPLATE_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    except (ImportError, OSError, ValueError):
        pass


def _describe(exc: BaseException) -> TemplateFailure:
    """Where in which template an exception was raised while rendering, and why."""
    import traceback

    from jinja2 import TemplateSyntaxError

    if isinstance(exc, MemoryError):
        return TemplateFailure("", "template_memory", limit=TEMPLATE_MEMORY >> 20)
    where = ""
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        where = f"{exc.filename}:{exc.lineno}: "
    else:  # a template's frames carry its file name and line; Python's own end in .py
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.endswith(".py")]
        if frames:
            where = f"{frames[-1].filename}:{frames[-1].lineno}: "
    if isinstance(exc, RecursionError):
        return TemplateFailure(where, "template_recursion")
    return TemplateFailure(where, "template_error", error=f"{type(exc).__name__}: {str(exc)[:300]}")


FANGSONG, XIAOBIAOSONG, HEITI = "仿宋_GB2312", "方正小标宋简体", "黑体"


def to_docx(letter: Letter) -> bytes:
    """A DOCX with the GB/T 9704 page, fonts and sizes; offices edit, number and stamp it. Characters XML
    forbids (controls) are written as escapes: python-docx would refuse them."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    def run_font(run, name: str, size: float, color: RGBColor | None = None, bold: bool = False) -> None:
        run.font.name = name
        run.font.size = Pt(size)
        run.font.bold = bold
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
        if color is not None:
            run.font.color.rgb = color

    def para(text: str, font: str = FANGSONG, size: float = 16, align=None, indent: bool = True,
             color: RGBColor | None = None, style: str | None = None):
        p = doc.add_paragraph(style=style)
        p.paragraph_format.line_spacing = Pt(28.9)  # 22 lines on the 225 mm text block
        p.paragraph_format.space_after = Pt(0)
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        if align is not None:
            p.alignment = align
        run_font(p.add_run(xml_text(text)), font, size, color)
        return p

    red = RGBColor(0xDD, 0, 0)
    para(letter.draft_note, HEITI, 12, indent=False)
    para(letter.mark, XIAOBIAOSONG, 26, WD_ALIGN_PARAGRAPH.CENTER, False, red)
    para(letter.doc_no, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    rule = para("", indent=False)
    border = rule._p.get_or_add_pPr().makeelement(qn("w:pBdr"), {})
    bottom = border.makeelement(qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "12", qn("w:color"): "DD0000"})
    border.append(bottom)
    rule._p.get_or_add_pPr().append(border)
    title = doc.add_heading(level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run_font(title.add_run(xml_text(letter.title)), XIAOBIAOSONG, 22, RGBColor(0, 0, 0))
    para(letter.recipient, indent=False)
    para(letter.opening)
    for i, fact in enumerate(letter.facts, 1):
        para(f"{i}. {fact.text}")
    para(letter.basis)
    for i, (head, text) in enumerate(letter.items, 1):
        p = para("")
        run_font(p.add_run(xml_text(f"{cn_number(i)}、{head}")), HEITI, 16)
        run_font(p.add_run(xml_text(text)), FANGSONG, 16)
    for i, r in enumerate(letter.requirements, 1):
        para(f"（{cn_number(i)}）{r}")
    for a in letter.after:
        para(a)
    para(letter.closing)
    if letter.contact:
        para(f"（{letter.contact.rstrip('。')}）")
    para("", indent=False)
    para(letter.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(letter.date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para("", indent=False)
    if letter.cc:
        para(f"抄送：{'，'.join(letter.cc)}。", size=14, indent=False)
    para(f"{letter.printer}　　　　{letter.print_date_text}印发", size=14, indent=False)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
