"""Every interruption (Ctrl-C, SIGTERM, SIGHUP) ends a command the same way: the work unwinds like Ctrl-C
(workers stopped, temporary files removed), one line says so, and the exit code is 128 + the signal's number.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived: unwinds like Ctrl-C (workers stopped, temp files removed), but is not a
    KeyboardInterrupt, which click would turn into "Aborted!" and exit 1."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def stop_signals() -> list[signal.Signals]:
    return [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]


def _on_signal(signum: int, frame) -> None:
    for sig in stop_signals():  # a second signal must not interrupt the clean-up of the first
        signal.signal(sig, signal.SIG_IGN)
    raise Interrupted(signum)


@contextmanager
def handled() -> Iterator[None]:
    """The stop signals raise `Interrupted` while the block runs (in the main thread only; a signal ignored on
    purpose — nohup, a background job — stays ignored); the previous handlers come back after."""
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in stop_signals():
            if signal.getsignal(sig) is not signal.SIG_IGN:
                previous[sig] = signal.signal(sig, _on_signal)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def outcome(exc: BaseException, lang: str) -> tuple[str, int]:
    """What to say about an interruption, and the exit code."""
    from .i18n import t

    signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
    text = t("interrupted", lang) if signum == signal.SIGINT else \
        t("interrupted_signal", lang, signal=signal.Signals(signum).name)
    return text, 128 + signum
