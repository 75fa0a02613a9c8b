"""The `pdf` letter format: the HTML letter laid out by WeasyPrint (optional extra `compliance[pdf]`), so the
office prints exactly the pages the tool made: page numbers, the 版记 at the foot of the last page, no browser
header or footer. Nothing outside the letter is ever fetched (a user's template cannot read a file or a URL).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from typing import Any

from ..letters import Letter
from ..problem import Failure
from .letter import to_html
from .letter_layout import LINE_PT
from .templates import user_env

# The line pitch: the 22-line grid, then closer lines, the standard's remedy when the last page cannot hold the
# 署名, seal and date (GB/T 9704-2012 7.3.5.4: 调整行距、字距): about 23, 24, 25 and 26 lines a page, never closer (at
# 26 lines a 3号 line still keeps more than half a character of space above the next). With these a notice citing
# one problem, whatever its rule's wording, prints on one page even under a two-line title.
PITCHES = (LINE_PT, 27.6, 26.6, 25.5, 24.5)


def render(letter: Letter, templates: str | None = None) -> bytes:
    """The `pdf` letter format; `templates`: a user's template folder (its `letter.html.j2`)."""
    try:
        import weasyprint
    except ImportError:
        raise Failure("letter_pdf_missing") from None
    if not _chinese_font():
        raise Failure("letter_pdf_no_font")
    env = user_env(templates) if templates else None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it skips is not the user's concern
    try:
        laid = _layout(weasyprint, to_html(letter, env))
        for pitch in PITCHES[1:] if len(laid.pages) > 1 else ():
            closer = _layout(weasyprint, to_html(letter, env, pitch))
            if len(closer.pages) < len(laid.pages):
                laid = closer
                break
        return laid.write_pdf()
    except Failure:
        raise
    except Exception as exc:  # noqa: BLE001 - a layout failure (a user's template) is a message, not a crash
        raise Failure("letter_pdf_failed", error=f"{type(exc).__name__}: {str(exc)[:300]}") from None


def _layout(weasyprint: Any, page: str) -> Any:
    return weasyprint.HTML(string=page, url_fetcher=_fetcher(weasyprint)).render()


def _fetcher(weasyprint: Any) -> Any:
    """Only `data:` URLs (our own page furniture); a file or network address in a template is not read."""
    if hasattr(weasyprint, "URLFetcher"):
        return weasyprint.URLFetcher(allowed_protocols=("data",))

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # WeasyPrint before URLFetcher (< 66)
        if not url.startswith("data:"):
            raise ValueError(f"not fetched: {url[:80]}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


def _chinese_font() -> bool:
    """Whether fontconfig knows a font for Chinese (without one every character would print as a box)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return True  # cannot tell: WeasyPrint finds fonts its own way on this system
    try:
        found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30,
                               check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return True
    return bool(found.strip())
