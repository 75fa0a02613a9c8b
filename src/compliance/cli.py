"""The `compliance` command line: validate, audit, schema, rules (and letters once the ladder exists).

Exit codes for every command: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad input or usage.
"""

from __future__ import annotations

import signal as _signal

# While the modules load, Ctrl-C ends the process at once (by the signal, so a shell sees 130) instead of
# printing a KeyboardInterrupt traceback; `main` installs the real handler. Restored at the end of this module.
_IMPORTING = _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler
if _IMPORTING:
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)

import json  # noqa: E402
import sys  # noqa: E402
from datetime import date  # noqa: E402
from enum import StrEnum  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Annotated  # noqa: E402

import typer  # noqa: E402

from . import __version__  # noqa: E402

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
    help="学会合规检查：按《宁夏科协关于加强新时代学会工作的意见》（宁科协发学字〔2024〕10号）审查学会档案。",
)
rules_app = typer.Typer(no_args_is_help=True, help="查看和测试规则集 / inspect and test the rule set")
app.add_typer(rules_app, name="rules")


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class FailOn(StrEnum):
    violation = "violation"
    warning = "warning"
    advice = "advice"
    never = "never"


class AuditFormat(StrEnum):
    table = "table"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"
    html = "html"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


LangOpt = Annotated[Lang, typer.Option("--lang", envvar="COMPLIANCE_LANG", help="语言 / language: zh | en")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="检查基准日 YYYY-MM-DD（默认今天） / as-of date")]
RulesOpt = Annotated[Path | None, typer.Option("--rules", help="规则目录（默认内置规则） / rule folder")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"compliance {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本")] = False,
) -> None:
    """学会合规检查工具 / compliance checker for scientific societies."""


def _console(file=None, width: int | None = None):
    from rich.console import Console

    return Console(file=file, width=width, highlight=False, emoji=False, soft_wrap=file is not None)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _as_of(value: str | None, lang: str) -> date:
    """The as-of date, within the range of dates a profile may hold (year 1 would overflow the date arithmetic)."""
    from .i18n import t
    from .profile import FIRST_DAY, LAST_DAY

    if value is None:
        return date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        _err(t("bad_date", lang, value=value))
        raise typer.Exit(2) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        _err(f"--as-of: {t('as_of_range', lang, value=value, low=FIRST_DAY, high=LAST_DAY)}")
        raise typer.Exit(2)
    return day


def _discover(paths: list[str], exclude: list[str], lang: str):
    from .discover import discover, shown
    from .i18n import t

    found = discover(paths, exclude)
    for raw in found.missing:
        _err(f"{shown(raw)}: {t('path_missing', lang, path=shown(raw))}")
    for loop in found.loops:
        _err(f"{shown(loop)}: {t('symlink_loop', lang, path=shown(loop))}")
    if not found.files and not found.missing:
        _err(t("no_files", lang, path=" ".join(shown(p) for p in paths)))
    return found


def _rulebook(rules: Path | None):
    from .rulebook import RuleFileError, load_rulebook

    try:
        return load_rulebook(rules)
    except RuleFileError as exc:
        for p in exc.problems:
            _err(p.format())
        raise typer.Exit(2) from None


# ------------------------------------------------------------------ validate


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="档案文件或目录 / profile files or folders")],
    lang: LangOpt = Lang.zh,
    as_of: AsOfOpt = None,
    exclude: Annotated[list[str], typer.Option("--exclude", help="排除的路径模式（可重复） / glob to skip")] = [],  # noqa: B006
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="只输出错误 / errors only")] = False,
) -> None:
    """检查档案格式（不运行规则） / check profiles against the schema only."""
    from .i18n import t

    lg = lang.value
    day = _as_of(as_of, lg)
    found = _discover(paths, exclude, lg)
    bad = _validate_files(found.files, day, lg, quiet)
    total = len(found.files)
    if not quiet:
        typer.echo(t("summary_validate", lg, total=total, ok=total - bad, bad=bad))
    raise typer.Exit(2 if bad or found.missing or not found.files else 0)


def _validate_files(files: list[Path], day: date, lg: str, quiet: bool) -> int:
    from .discover import name_guess, name_is_text, shown
    from .i18n import t
    from .loading import LoadError, load
    from .validate import validate as check

    if len(files) > 1:
        from .gctune import quiet_gc

        quiet_gc()  # the same GC settings as an audit's workers (about 20 % of a long batch)
    bad = 0
    for path in files:
        if not name_is_text(path):
            bad += 1
            typer.echo(f"{shown(path)}: {t('name_not_utf8', lg, guess=name_guess(path))}")
            continue
        try:
            doc = load(path)
            _, problems = check(doc, day)
        except LoadError as exc:
            problems = [exc.problem]
        if problems:
            bad += 1
            for p in problems:
                typer.echo(p.format(lg))
        elif not quiet:
            typer.echo(f"{path}: {t('valid', lg)}")
    return bad


# ------------------------------------------------------------------ schema


@app.command()
def schema(
    report: Annotated[bool, typer.Option("--report", help="输出 JSON 报告的模式 / the JSON report's schema")] = False,
) -> None:
    """输出档案的 JSON Schema（含中文说明） / print the profile JSON Schema."""
    if report:
        from .report import report_schema

        data = report_schema()
    else:
        from .profile import json_schema

        data = json_schema()
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


# ------------------------------------------------------------------ audit


def _parse_reports(values: list[str], lang: str) -> list[tuple[str, Path]]:
    from .render import FORMATS

    out = []
    for value in values:
        fmt, sep, file = value.partition("=")
        if not sep or fmt not in FORMATS or not file:
            _err(f"--report {value}: " + ("应为 格式=文件，格式为 " if lang == "zh" else "expected FORMAT=FILE, FORMAT one of ")
                 + " ".join(FORMATS))
            raise typer.Exit(2)
        out.append((fmt, Path(file)))
    return out


def _changed_since(ref: str, files: list[Path], lang: str) -> list[Path]:
    from .discover import GitError, changed_since
    from .i18n import t

    try:
        return changed_since(files, ref)
    except GitError as exc:
        _err(t(exc.key, lang, ref=ref, **exc.values))
        raise typer.Exit(2) from None


def _run_batch(files: list[Path], rules_dir: str | None, day: date, lg: str, workers: int, waivers: dict | None,
               show_progress: bool, console=None):
    """Results one at a time, in input order, with a progress bar on a terminal."""
    from .batch import audit_files, unique_ids
    from .i18n import t

    if not show_progress:
        yield from unique_ids(audit_files(files, rules_dir, day, lg, workers, waivers), lg)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(t("progress", lg)), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console or _console(sys.stderr), transient=True) as bar:
        task = bar.add_task("audit", total=len(files))
        yield from unique_ids(audit_files(files, rules_dir, day, lg, workers, waivers,
                                          lambda n: bar.advance(task, n)), lg)


def _baseline(path: Path, lang: str) -> set[str]:
    from .baseline import load_baseline
    from .loading import LoadError

    try:
        return load_baseline(path)
    except LoadError as exc:
        _err(exc.problem.format(lang))
        raise typer.Exit(2) from None


@app.command()
def audit(
    paths: Annotated[list[str], typer.Argument(help="档案文件或目录（以 -- 结束选项） / profile files or folders")],
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.zh,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="达到此级别即以 1 退出 / exit 1 at this severity")] = FailOn.violation,
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = AuditFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write to a file")] = None,
    reports: Annotated[list[str], typer.Option("--report", help="另存一种格式：格式=文件（可重复） / FORMAT=FILE")] = [],  # noqa: B006
    rules: RulesOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="并行进程数（默认 CPU 核数） / worker processes")] = None,
    exclude: Annotated[list[str], typer.Option("--exclude", help="排除的路径模式（可重复） / glob to skip")] = [],  # noqa: B006
    waivers: Annotated[Path | None, typer.Option("--waivers", help="豁免文件 / waiver file")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="基线：以前的 JSON 报告 / a previous JSON report")] = None,
    changed_since: Annotated[str | None, typer.Option("--changed-since", help="只检查自某 git 版本以来改动的档案")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度 / no progress bar")] = False,
) -> None:
    """按规则审查档案 / audit profiles against the rule set."""
    from contextlib import ExitStack, closing

    from .batch import BatchError, default_jobs
    from .discover import shown
    from .i18n import t
    from .output import ClosablePipe, OutputRefused, check_targets
    from .report import Tool, clause_order
    from .sinks import Sinks
    from .waivers import WaiverFileError, load_waiver_file

    lg = lang.value
    day = _as_of(as_of, lg)
    outputs = [*_parse_reports(reports, lg), (fmt.value, output)]
    if changed_since is not None and (not changed_since or changed_since.startswith("-")):
        _err(t("git_ref_option", lg))  # before anything else: user text never reaches git as an option
        raise typer.Exit(2)
    found = _discover(paths, exclude, lg)
    inputs = [Path(p) for p in found.files]
    try:  # every output is checked before any work: a wrong -o fails in a second, not after the batch
        check_targets([target for _, target in outputs if target is not None], inputs)
    except OutputRefused as exc:
        _err(exc.message(lg))
        raise typer.Exit(2) from None
    files = _changed_since(changed_since, found.files, lg) if changed_since else found.files
    book = _rulebook(rules)
    try:
        loaded_waivers = load_waiver_file(waivers, book.by_id)  # read once; a broken file is one clear error
    except WaiverFileError as exc:
        for p in exc.problems:
            _err(p.format(lg))
        raise typer.Exit(2) from None
    known = _baseline(baseline, lg) if baseline else None
    titles = {c.clause: (c.title_en or c.title) if lg == "en" else c.title for c in book.clauses}
    head = {"tool": Tool(version=__version__).model_dump(), "as_of": day.isoformat(), "lang": lg,
            "fail_on": fail_on.value}
    show_progress = not quiet and sys.stdout.isatty() and len(files) > 1
    stdout, sys.stdout = sys.stdout, ClosablePipe(sys.stdout)
    try:
        with ExitStack() as stack:
            sinks = Sinks(outputs, inputs, lg, head, _console, stack)
            results = stack.enter_context(closing(_run_batch(
                files, str(rules) if rules else None, day, lg, jobs or default_jobs(), loaded_waivers, show_progress,
                sinks.console)))  # closed first on any error or signal: the workers stop before the temp files go
            for result in results:
                if known is not None:
                    result = result.model_copy(update={"findings": [
                        f.model_copy(update={"new": f.fingerprint not in known}) for f in result.findings]})
                sinks.add(result, titles)
            code = sinks.tally.exit_code(bool(found.missing) or not found.files)
            cited = {c: titles[c] for c in sorted(sinks.tally.cited, key=clause_order) if c in titles}
            sinks.close(code, cited, book.in_force(day), inputs)
            sys.stdout.flush()
    except OutputRefused as exc:
        _err(exc.message(lg))
        raise typer.Exit(2) from None
    except BatchError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    finally:
        sys.stdout = stdout
    if not quiet:
        for _, target in outputs:
            if target is not None:
                _err(t("written", lg, path=shown(target)))
    raise typer.Exit(code)


# ------------------------------------------------------------------ letters


class LetterKind(StrEnum):
    auto = "auto"
    interview = "interview"
    rectification = "rectification"
    prereview = "prereview"
    revocation = "revocation"


class LetterFormat(StrEnum):
    html = "html"
    md = "md"
    docx = "docx"


@app.command()
def letter(
    profile_path: Annotated[Path, typer.Argument(metavar="PROFILE", help="一个学会档案 / one society profile")],
    kind: Annotated[LetterKind, typer.Option("--kind", help="文书类型（auto＝按检查建议） / which letter")] = LetterKind.auto,
    fmt: Annotated[LetterFormat, typer.Option("--format", "-f", help="html | md | docx")] = LetterFormat.html,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件（默认：档案编号-文书类型.扩展名）")] = None,
    as_of: AsOfOpt = None,
    issuer: Annotated[Path | None, typer.Option("--issuer", help="发文机关配置 YAML / issuer settings")] = None,
    doc_no: Annotated[str | None, typer.Option("--doc-no", help="发文字号中的序号 / document number")] = None,
    force: Annotated[bool, typer.Option("--force", help="不按检查建议也生成 / issue against the recommendation")] = False,
    templates: Annotated[Path | None, typer.Option("--templates", help="自定义模板目录（沙箱中渲染） / own templates, sandboxed")] = None,
    rules: RulesOpt = None,
    lang: LangOpt = Lang.zh,
) -> None:
    """生成约谈通知、限期整改通知书、前置审查不通过通知或撤销决定 / write the letter for a ladder step."""
    import yaml

    from .audit import Auditor
    from .discover import shown
    from .i18n import t
    from .letters import KIND_LABEL, compose, load_issuer
    from .loading import LoadError, load
    from .output import OutputRefused, check_target, write_atomic
    from .render.letter import TemplateFailure, to_docx, to_html, to_markdown, user_env
    from .validate import validate as check

    lg = lang.value
    day = _as_of(as_of, lg)
    try:
        doc = load(profile_path)
    except LoadError as exc:
        _err(exc.problem.format(lg))
        raise typer.Exit(2) from None
    profile, problems = check(doc, day)
    if profile is None:
        for p in problems:
            _err(p.format(lg))
        raise typer.Exit(2)
    try:
        settings = load_issuer(issuer)
    except LoadError as exc:
        _err(exc.problem.format(lg))
        raise typer.Exit(2) from None
    except ValueError as exc:
        _err(f"{issuer}: {exc}")
        raise typer.Exit(2) from None
    auditor = Auditor(_rulebook(rules), day, "zh")  # letters are official Chinese documents
    result = auditor.audit_profile(doc, profile)
    ladder = result.ladder
    assert ladder is not None
    chosen = ladder.letter if kind is LetterKind.auto else kind.value
    if chosen is None:
        _err(t("letter_none", lg, stage=ladder.stage_label, step=ladder.next_step_label))
        raise typer.Exit(1)
    forced = chosen != ladder.letter
    if forced and not force:
        _err(t("letter_refused", lg, letter=KIND_LABEL[chosen], step=ladder.next_step_label))
        raise typer.Exit(1)
    content = compose(profile, result, chosen, settings, day, auditor.params, doc_no, forced)
    target = output or Path(f"{profile.society.id}-{chosen}.{fmt.value}")
    try:
        check_target(target, [profile_path])
    except OutputRefused as exc:
        _err(exc.message(lg))
        raise typer.Exit(2) from None
    data: str | bytes
    try:
        if fmt is LetterFormat.html:
            data = to_html(content, user_env(str(templates)) if templates else None)
        elif fmt is LetterFormat.md:
            data = to_markdown(content, user_env(str(templates), markdown=True) if templates else None)
        else:
            data = to_docx(content)
    except TemplateFailure as exc:
        _err(exc.message(lg) if exc.where else f"{shown(templates or '')}: {exc.message(lg)}")
        raise typer.Exit(2) from None
    try:
        write_atomic(target, data, [profile_path])
    except OutputRefused as exc:
        _err(exc.message(lg))
        raise typer.Exit(2) from None
    _err(t("letter_written", lg, letter=KIND_LABEL[chosen], path=target))
    typer.echo(t("letter_history", lg))
    typer.echo(yaml.safe_dump([content.history_entry], allow_unicode=True, sort_keys=False).rstrip())


# ------------------------------------------------------------------ rules


@rules_app.command("list")
def rules_list(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    lang: LangOpt = Lang.zh,
    rules: RulesOpt = None,
) -> None:
    """列出全部规则 / list every rule."""
    from .i18n import pick

    book = _rulebook(rules)
    if fmt is ListFormat.json:
        data = [dict(r.model_dump(mode="json", exclude={"when"}), file=book.files[r.id]) for r in book.rules]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    from .i18n import t
    from .render.table import STYLE, clause_label, escape

    table = Table(show_lines=False)
    for col in ("id", "clause" if lang.value == "en" else "条款", "severity" if lang.value == "en" else "级别",
                "title" if lang.value == "en" else "标题"):
        table.add_column(col)
    for r in book.rules:
        table.add_row(escape(r.id), escape(clause_label(r.clause, lang.value)),
                      f"[{STYLE[r.severity]}]{t('sev_' + r.severity, lang.value)}[/]",
                      escape(pick(r.title.model_dump(), lang.value)))
    _console().print(table)


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(metavar="ID")],
    lang: LangOpt = Lang.zh,
    rules: RulesOpt = None,
) -> None:
    """显示一条规则：原文、条件、参数 / show one rule."""
    from .describe import describe_rule
    from .i18n import t

    book = _rulebook(rules)
    rule = book.by_id.get(rule_id.upper())
    if rule is None:
        _err(t("rule_unknown", lang.value, rule=rule_id))
        raise typer.Exit(2)
    typer.echo(describe_rule(book, rule, lang.value, date.today()))


@rules_app.command("coverage")
def rules_coverage(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    lang: LangOpt = Lang.zh,
    rules: RulesOpt = None,
) -> None:
    """《意见》各条款与规则的对应关系 / clause → rules matrix."""
    from .describe import coverage

    book = _rulebook(rules)
    rows = coverage(book)
    if fmt is ListFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    from .render.table import clause_label, escape

    en = lang.value == "en"
    table = Table(show_lines=True)
    for col in (("item", "class", "rules", "not checkable / why") if en else ("条款", "性质", "规则", "无法核查的部分及理由")):
        table.add_column(col)
    for row in rows:
        notes = "；".join(row["not_checkable"]) + (("；" if row["not_checkable"] else "") + row["reason"] if row["reason"] else "")
        title = (row["title_en"] or row["title"]) if en else row["title"]
        table.add_row(escape(f"{clause_label(row['clause'], lang.value)} {title}"), escape(row["classification"]),
                      "\n".join(escape(r) for r in row["rules"]) or "—", escape(notes))
    _console().print(table)


@rules_app.command("fields")
def rules_fields(
    subject: Annotated[str | None, typer.Argument(help="事实类型 / fact type (society, branch, …)")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    lang: LangOpt = Lang.zh,
    rules: RulesOpt = None,
) -> None:
    """规则条件可以使用的字段：含义、类型、单位、来源字段和参数 / the facts a rule may test, with their meaning."""
    from .describe import fields_data, fields_text
    from .facts import SUBJECTS
    from .i18n import t

    if subject is not None and subject not in SUBJECTS:
        _err(t("f_no_subject", lang.value, subject=subject, subjects=" ".join(SUBJECTS)))
        raise typer.Exit(2)
    subjects = [subject] if subject else list(SUBJECTS)
    params = _rulebook(rules).params_at(date.today())
    if fmt is ListFormat.json:
        typer.echo(json.dumps(fields_data(subjects, params), ensure_ascii=False, indent=2, default=str))
        return
    typer.echo(fields_text(subjects, lang.value, params))


@rules_app.command("test")
def rules_test(
    directory: Annotated[Path | None, typer.Argument(help="规则测试目录（默认 rules/tests） / fixture folder")] = None,
    rules: RulesOpt = None,
) -> None:
    """运行规则测试用例 / run the rule fixtures."""
    from .fixtures import run_fixtures
    from .rulebook import default_rules_dir

    book = _rulebook(rules)
    folder = directory or (Path(book.source) / "tests" if rules else default_rules_dir() / "tests")
    run = run_fixtures(book, folder)
    for e in run.errors:
        typer.echo(f"✖ {e}")
    for o in run.outcomes:
        typer.echo(f"{'✔' if o.ok else '✖'} {o.file}: {o.case}{'  ' + o.detail if o.detail else ''}")
    for rid, kinds in run.uncovered.items():
        typer.echo(f"✖ {rid}: 缺少测试用例 / no fixture: {', '.join(kinds)}")
    passed = sum(o.ok for o in run.outcomes)
    typer.echo(f"{passed} passed, {len(run.outcomes) - passed} failed")
    raise typer.Exit(0 if run.ok else 1)


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived: unwinds like Ctrl-C (workers stopped, temp files removed), but is not a
    KeyboardInterrupt, which click would turn into "Aborted!" and exit 1."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame) -> None:
    import signal

    for sig in _stop_signals():  # a second signal must not interrupt the clean-up of the first
        signal.signal(sig, signal.SIG_IGN)
    raise Interrupted(signum)


def _stop_signals() -> list:
    import signal

    return [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]


def _lang_of(args: list[str]) -> str:
    """The --lang of a command line that was interrupted before (or while) its options were read."""
    import os

    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
    return os.environ.get("COMPLIANCE_LANG") or "zh"


def main(argv: list[str] | None = None) -> None:
    """The console script; `argv` (default: the process arguments) lets tests run the CLI in-process.

    Every interruption ends the same way: workers stopped, no temp file left, exit 128 + the signal's number.
    """
    import signal
    import threading

    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in _stop_signals():
            if signal.getsignal(sig) is not signal.SIG_IGN:  # ignored on purpose (nohup, a background job): keep it so
                previous[sig] = signal.signal(sig, _on_signal)
    try:
        app(args=argv, prog_name="compliance")
    except (Interrupted, KeyboardInterrupt) as exc:
        from .i18n import t

        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        lang = _lang_of(argv if argv is not None else sys.argv[1:])
        _err(t("interrupted", lang) if signum == signal.SIGINT else
             t("interrupted_signal", lang, signal=signal.Signals(signum).name))
        sys.exit(128 + signum)
    except Exception as exc:  # noqa: BLE001 - a user never sees a traceback; exit 2 like any bad input
        _err(f"compliance: 内部错误 / internal error: {type(exc).__name__}: {exc}")
        sys.exit(2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


if _IMPORTING:
    _signal.signal(_signal.SIGINT, _signal.default_int_handler)
