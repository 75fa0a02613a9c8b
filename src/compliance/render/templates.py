"""The Jinja environments every template is rendered in: ours (reports, letters), and a user's own templates
(`--templates`), read within the file limits and rendered in Jinja's sandbox in a child process with a time and a
memory limit: a template can neither run code nor hang or exhaust the machine.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)

from ..problem import Failure
from .safe import markdown_text

TEMPLATE_BYTES = 1024 * 1024
TEMPLATE_SECONDS = 5
TEMPLATE_MEMORY = 512 * 1024 * 1024  # bytes above what the process already uses


def _markdown_value(value: object) -> object:
    """What `{{ … }}` prints in a Markdown letter: text from a profile cannot become a link, image, HTML or
    a mention where the Markdown is shown."""
    return markdown_text(value) if isinstance(value, str) else value


def _settings(markdown: bool) -> dict[str, Any]:
    """Both kinds of environment: HTML escaped, undefined names an error; Markdown values escaped for Markdown."""
    return {"undefined": StrictUndefined, "autoescape": select_autoescape(["html", "html.j2"]),
            "keep_trailing_newline": True, **({"finalize": _markdown_value} if markdown else {})}


@lru_cache(maxsize=2)
def environment(markdown: bool = False) -> Environment:
    """Our own templates (trusted): reports and letters."""
    return Environment(loader=PackageLoader("compliance", "templates"), **_settings(markdown))


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

    return SandboxedEnvironment(loader=ChoiceLoader([_Files(directory), PackageLoader("compliance", "templates")]),
                                **_settings(markdown))


def render(env: Environment, name: str, **context: Any) -> str:
    """Template `name` rendered with `context`; a user's templates within the time and memory limits."""
    def work() -> str:
        return env.get_template(name).render(**context)

    if isinstance(env.loader, PackageLoader) or not hasattr(os, "fork"):
        return work()  # our own templates: trusted, no limits needed
    return limited(work)


class TemplateFailure(Failure):
    """A user's template failed or hit a limit: where (`file:line: `, when known), and why (a message key)."""

    def __init__(self, where: str, key: str, **values: object):
        super().__init__(key, **values)
        self.where = where

    def message(self, lang: str = "zh") -> str:
        from ..i18n import t

        return self.where + t(self.key, lang, **self.values)

    def messages(self, lang: str = "zh") -> list[str]:
        return [self.message(lang)]


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


