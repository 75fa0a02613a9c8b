"""Audit many files, in worker processes when asked, and return the results in input order.

Each worker compiles the rule set once; profiles stream through (only results come back), so memory does not
grow with the number of files, and the order of results never depends on `jobs`. A worker that crashes
costs the result of the one file it was auditing, never the batch.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from .gctune import quiet_gc
from .problem import Failure
from .report import ErrorItem, Result, SocietyRef
from .suppress import Placed

_worker = None  # the Auditor of this worker process
_names: list[str] = []  # the batch's file names, in this worker
_status = None  # shared with the parent: 0 not started, 1 being audited, 2 done, per file

Waivers = dict[str, list[Placed]]
STOP_SIGNALS = tuple(getattr(signal, s) for s in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, s))
# One file is audited in this process; two or more, even with --jobs 1, in worker processes, so that a crash
# (durable_rules is C) costs one file's result, never the batch. Measured on 2 cores: a worker costs 50-85 ms
# to start and ~5 % more CPU for 200 files (results cross a pipe); one file alone would pay +65 ms on 0.29 s.
IN_PROCESS_BELOW = 2


_LIVE: set = set()  # pools whose workers may be running: stopped whatever interrupts the batch


class BatchError(Failure):
    """The workers cannot run at all (not one file's fault); the message is already in the run's language."""

    def messages(self, lang: str = "zh") -> list[str]:
        return [str(self)]


def _init(rules_dir: str | None, as_of: date, lang: str, waivers: Waivers | None, names: list[str], status) -> None:
    global _worker, _names, _status
    # The parent stops the workers itself (and may have a Python handler that raises): a worker neither
    # reacts to Ctrl-C nor a hang-up, and dies at once on SIGTERM. The parent blocked these signals while
    # forking us, so none is lost or handled half-way; unblock them only now.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    _die_with_parent()
    # A worker writes nothing: it must not keep the caller's stdout (or stderr) pipe open
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)
    _names, _status = names, status
    _worker = _make(rules_dir, as_of, lang, waivers)
    quiet_gc()  # modules, schemas and the compiled rules are never garbage


def _die_with_parent() -> None:
    """Linux: the kernel sends SIGTERM to this worker if the parent dies without stopping it (SIGKILL)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _make(rules_dir: str | None, as_of: date, lang: str, waivers: Waivers | None):
    from .audit import Auditor
    from .rulebook import load_rulebook

    return Auditor(load_rulebook(rules_dir), as_of, lang, extra_waivers=waivers)


def _audit(index: int) -> Result:
    assert _worker is not None and _status is not None
    _status[index] = 1
    result = _worker.audit(_names[index])
    _status[index] = 2
    return result


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def audit_files(files: list[Path], rules_dir: str | None, as_of: date, lang: str, jobs: int,
                waivers: Waivers | None = None, progress: Callable[[int], None] | None = None) -> Iterator[Result]:
    """Results for `files`, in the same order, audited by `jobs` processes (never more than files).

    A file whose name is not UTF-8 is reported as bad input, not audited.
    """
    from .discover import name_is_text

    names = [str(f) for f in files]
    readable = [n for n in names if name_is_text(n)]
    if len(readable) < IN_PROCESS_BELOW:
        audited = _in_process(readable, rules_dir, as_of, lang, waivers)
    else:
        audited = _pooled(readable, rules_dir, as_of, lang, max(1, min(jobs, len(readable))), waivers)
    with contextlib.closing(audited):  # stopping early (an error, a signal) stops the workers at once
        for name in names:
            yield next(audited) if name_is_text(name) else _bad_name(name, lang)
            if progress:
                progress(1)


def _in_process(names: list[str], rules_dir: str | None, as_of: date, lang: str,
                waivers: Waivers | None) -> Iterator[Result]:
    if not names:
        return
    auditor = _make(rules_dir, as_of, lang, waivers)
    for name in names:
        yield auditor.audit(name)


def _pooled(names: list[str], rules_dir: str | None, as_of: date, lang: str, jobs: int,
            waivers: Waivers | None) -> Iterator[Result]:
    """Results in input order from a pool; after a crash, the files that were being audited are re-run one
    by one in a fresh worker each (the one that crashes again is reported), the rest in a new pool."""
    from multiprocessing import RawArray

    status = RawArray("b", len(names))
    make = (rules_dir, as_of, lang, waivers, names, status)
    known: dict[int, Result] = {}  # results of files re-run on their own after a crash
    start = 0
    try:
        while start < len(names):
            pending = [i for i in range(start, len(names)) if i not in known]
            if not pending:
                yield from (known.pop(i) for i in range(start, len(names)))
                return
            pool, results = _start(make, pending, jobs)
            try:
                for i in range(start, len(names)):
                    result = known.pop(i) if i in known else next(results)
                    start = i + 1
                    yield result
            except _Broken:
                _stop(pool)
                suspects = [i for i in pending if i >= start and status[i] == 1] or [start]
                for i in suspects:
                    known[i] = _alone(make, i, lang)
            else:
                pool.shutdown(wait=True)
                _LIVE.discard(pool)
    except BaseException:  # Ctrl-C, a signal, an error or the caller stopping: no worker is left running
        for pool in list(_LIVE):
            _stop(pool)
        raise


class _Broken(Exception):
    pass


def _start(make: tuple, pending: list[int], jobs: int):
    """A pool over `pending`, forked with the stop signals blocked: a signal that arrives while the workers
    start is handled by this process once they are running, never by a half-started worker."""
    from concurrent.futures import ProcessPoolExecutor  # not imported for one file: it costs ~15 ms
    from concurrent.futures.process import BrokenProcessPool

    workers = max(1, min(jobs, len(pending)))
    chunk = max(1, min(64, len(pending) // (workers * 8) or 1))
    old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    pool = None
    try:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=make)
        _LIVE.add(pool)
        try:
            mapped = pool.map(_audit, pending, chunksize=chunk)
        except BrokenProcessPool as exc:  # a worker died before every file was handed out
            mapped = _raise(exc)
        signal.pthread_sigmask(signal.SIG_SETMASK, old)  # a signal that came meanwhile is raised here
    except BaseException:
        if pool is not None:
            _stop(pool)
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
        raise
    return pool, _guard(mapped)


def _raise(exc: BaseException) -> Iterator[Result]:
    raise exc
    yield  # a generator


def _guard(results: Iterator[Result]) -> Iterator[Result]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield from results
    except BrokenProcessPool as exc:
        raise _Broken(str(exc)) from None


def _alone(make: tuple, index: int, lang: str) -> Result:
    """Audit one file in a worker of its own: its result, or the report that it crashed the worker."""
    from concurrent.futures.process import BrokenProcessPool

    status = make[-1]
    status[index] = 0
    pool, results = _start(make, [index], 1)
    procs = list((getattr(pool, "_processes", None) or {}).values())
    try:
        result = next(results)
    except _Broken:
        _stop(pool)
        if status[index] == 0:  # the worker died before it reached the file: no file is to blame
            raise BatchError(_crash_text(procs, lang, started=False)) from None
        return _crashed(make[4][index], _crash_text(procs, lang), lang)
    except BaseException:
        _stop(pool)
        raise
    with contextlib.suppress(BrokenProcessPool):
        pool.shutdown(wait=True)
    _LIVE.discard(pool)
    return result


def _crash_text(procs: list, lang: str, started: bool = True) -> str:
    from .i18n import t

    codes = [p.exitcode for p in procs if p.exitcode is not None]
    how = ""
    if codes and codes[0] < 0:
        with contextlib.suppress(ValueError):
            how = f"{signal.Signals(-codes[0]).name}"
    elif codes:
        how = f"exit {codes[0]}"
    return t("worker_crashed" if started else "worker_cannot_start", lang, how=how or "?")


def _crashed(name: str, message: str, lang: str) -> Result:
    return Result(file=name, society=SocietyRef(id=None, name=None), valid=False,
                  errors=[ErrorItem(file=name, line=None, column=None, path="", code="worker_crashed",
                                    message=message)])


def _bad_name(name: str, lang: str) -> Result:
    from .discover import name_guess, shown
    from .i18n import t

    file = shown(name)
    return Result(file=file, society=SocietyRef(id=None, name=None), valid=False,
                  errors=[ErrorItem(file=file, line=None, column=None, path="", code="name_not_utf8",
                                    message=t("name_not_utf8", lang, guess=name_guess(name)))])


def _stop(pool) -> None:
    """Stop a pool at once: terminate its workers and wait for them, so none is left running."""
    _LIVE.discard(pool)
    procs = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)  # shutdown() forgets it
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.terminate()
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=5)
    # Its manager thread notices the dead workers and closes its pipes; wait for that, or the interpreter's exit
    # hook may write to a pipe the thread is closing (a traceback at exit, measured on 3.11)
    if manager is not None:
        with contextlib.suppress(Exception):
            manager.join(timeout=5)


def unique_ids(results: Iterator[Result], lang: str) -> Iterator[Result]:
    """Refuse a second profile with a `society.id` already seen in this batch: it would share the first one's
    baseline fingerprints, waivers and output names. The first keeps its result; the copy becomes an error
    naming both files."""
    from .i18n import t

    first: dict[str, str] = {}
    with contextlib.closing(results):
        for r in results:
            sid = r.society.id
            if r.valid and sid:
                if sid in first:
                    line, column = _locate(r.file, "society.id")
                    r = Result(file=r.file, society=r.society, valid=False, errors=[ErrorItem(
                        file=r.file, line=line, column=column, path="society.id", code="duplicate_id",
                        message=t("duplicate_id", lang, id=sid, first=first[sid]))])
                else:
                    first[sid] = r.file
            yield r


def _locate(file: str, path: str) -> tuple[int | None, int | None]:
    from .loading import LoadError, load

    try:
        return load(file).locate(path)
    except LoadError:
        return None, None
