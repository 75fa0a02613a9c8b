"""The `compliance` command line: validate, audit, schema, rules (and letters once the ladder exists).

Exit codes for every command: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad input or usage.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

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

    return Console(file=file, width=width, highlight=False, soft_wrap=file is not None)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _as_of(value: str | None, lang: str) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        from .i18n import t

        _err(t("bad_date", lang, value=value))
        raise typer.Exit(2) from None


def _discover(paths: list[str], exclude: list[str], lang: str):
    from .discover import discover
    from .i18n import t

    found = discover(paths, exclude)
    for raw in found.missing:
        _err(f"{raw}: {t('path_missing', lang, path=raw)}")
    for loop in found.loops:
        _err(f"{loop}: {t('symlink_loop', lang, path=loop)}")
    if not found.files and not found.missing:
        _err(t("no_files", lang, path=" ".join(paths)))
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
    bad = 0
    try:
        bad = _validate_files(found.files, day, lg, quiet)
    except KeyboardInterrupt:
        _err(t("interrupted", lg))
        raise typer.Exit(130) from None
    total = len(found.files)
    if not quiet:
        typer.echo(t("summary_validate", lg, total=total, ok=total - bad, bad=bad))
    raise typer.Exit(2 if bad or found.missing or not found.files else 0)


def _validate_files(files: list[Path], day: date, lg: str, quiet: bool) -> int:
    from .i18n import t
    from .loading import LoadError, load
    from .validate import validate as check

    bad = 0
    for path in files:
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
    """Only the files git reports as changed since `ref` (added, copied, modified, renamed)."""
    import subprocess

    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
        names = subprocess.run(["git", "diff", "--name-only", "-z", "--diff-filter=ACMR", ref, "--"],
                               capture_output=True, text=True, check=True, cwd=top).stdout.split("\0")
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        _err(f"--changed-since {ref}: {detail}")
        raise typer.Exit(2) from None
    changed = {(Path(top) / n).resolve() for n in names if n}
    return [f for f in files if f.resolve() in changed]


def _run_batch(files: list[Path], rules_dir: str | None, day: date, lg: str, workers: int, waivers: dict | None,
               show_progress: bool, console=None):
    """Results one at a time, in input order, with a progress bar on a terminal."""
    from .batch import audit_files
    from .i18n import t

    if not show_progress:
        yield from audit_files(files, rules_dir, day, lg, workers, waivers)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(t("progress", lg)), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console or _console(sys.stderr), transient=True) as bar:
        task = bar.add_task("audit", total=len(files))
        yield from audit_files(files, rules_dir, day, lg, workers, waivers, lambda n: bar.advance(task, n))


def _baseline(path: Path, lang: str) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {f["fingerprint"] for r in data["results"] for f in r.get("findings", []) if f.get("fingerprint")}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        _err(f"{path}: " + ("不是有效的 JSON 报告（基线）" if lang == "zh" else "not a JSON report (baseline)") + f": {exc}")
        raise typer.Exit(2) from None


@app.command()
def audit(
    paths: Annotated[list[str], typer.Argument(help="档案文件或目录 / profile files or folders")],
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
    from contextlib import ExitStack

    from .batch import default_jobs
    from .i18n import t
    from .output import OutputRefused
    from .report import Tool, clause_order
    from .sinks import Sinks
    from .waivers import WaiverFileError, load_waiver_file

    lg = lang.value
    day = _as_of(as_of, lg)
    outputs = [*_parse_reports(reports, lg), (fmt.value, output)]
    found = _discover(paths, exclude, lg)
    files = _changed_since(changed_since, found.files, lg) if changed_since else found.files
    book = _rulebook(rules)
    try:
        loaded_waivers = load_waiver_file(waivers)  # read once; a broken file is one clear error
    except WaiverFileError as exc:
        for p in exc.problems:
            _err(p.format(lg))
        raise typer.Exit(2) from None
    known = _baseline(baseline, lg) if baseline else None
    titles = {c.clause: (c.title_en or c.title) if lg == "en" else c.title for c in book.clauses}
    head = {"tool": Tool(version=__version__).model_dump(), "as_of": day.isoformat(), "lang": lg,
            "fail_on": fail_on.value}
    inputs = [Path(p) for p in files]
    show_progress = not quiet and sys.stdout.isatty() and len(files) > 1
    try:
        with ExitStack() as stack:
            sinks = Sinks(outputs, inputs, lg, head, _console, stack)
            for result in _run_batch(files, str(rules) if rules else None, day, lg, jobs or default_jobs(), loaded_waivers,
                                     show_progress, sinks.console):
                if known is not None:
                    result = result.model_copy(update={"findings": [
                        f.model_copy(update={"new": f.fingerprint not in known}) for f in result.findings]})
                sinks.add(result, titles)
            code = sinks.tally.exit_code(bool(found.missing) or not found.files)
            cited = {c: titles[c] for c in sorted(sinks.tally.cited, key=clause_order) if c in titles}
            sinks.close(code, cited, book.in_force(day), inputs)
    except OutputRefused as exc:
        _err(t("output_is_input", lg, path=exc))
        raise typer.Exit(2) from None
    except KeyboardInterrupt:  # the workers are stopped and no output file has been written
        _err(t("interrupted", lg))
        raise typer.Exit(130) from None
    if not quiet:
        for _, target in outputs:
            if target is not None:
                _err(t("written", lg, path=target))
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
    from jinja2 import TemplateError

    from .audit import Auditor
    from .i18n import t
    from .letters import KIND_LABEL, compose, load_issuer
    from .loading import LoadError, load
    from .output import OutputRefused, write_atomic
    from .render.letter import to_docx, to_html, to_markdown, user_env
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
    data: str | bytes
    try:
        if fmt is LetterFormat.html:
            data = to_html(content, user_env(str(templates)) if templates else None)
        elif fmt is LetterFormat.md:
            data = to_markdown(content, user_env(str(templates), markdown=True) if templates else None)
        else:
            data = to_docx(content)
    except TemplateError as exc:
        _err(f"{templates}: {'模板错误' if lg == 'zh' else 'template error'}: {type(exc).__name__}: {exc}")
        raise typer.Exit(2) from None
    target = output or Path(f"{profile.society.id}-{chosen}.{fmt.value}")
    try:
        write_atomic(target, data, [profile_path])
    except OutputRefused:
        _err(t("output_is_input", lg, path=target))
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
    from .render.table import STYLE, clause_label

    table = Table(show_lines=False)
    for col in ("id", "clause" if lang.value == "en" else "条款", "severity" if lang.value == "en" else "级别",
                "title" if lang.value == "en" else "标题"):
        table.add_column(col)
    for r in book.rules:
        table.add_row(r.id, clause_label(r.clause, lang.value),
                      f"[{STYLE[r.severity]}]{t('sev_' + r.severity, lang.value)}[/]", pick(r.title.model_dump(), lang.value))
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

    from .render.table import clause_label

    en = lang.value == "en"
    table = Table(show_lines=True)
    for col in (("item", "class", "rules", "not checkable / why") if en else ("条款", "性质", "规则", "无法核查的部分及理由")):
        table.add_column(col)
    for row in rows:
        notes = "；".join(row["not_checkable"]) + (("；" if row["not_checkable"] else "") + row["reason"] if row["reason"] else "")
        title = (row["title_en"] or row["title"]) if en else row["title"]
        table.add_row(f"{clause_label(row['clause'], lang.value)} {title}", row["classification"],
                      "\n".join(row["rules"]) or "—", notes)
    _console().print(table)


@rules_app.command("fields")
def rules_fields(
    subject: Annotated[str | None, typer.Argument(help="事实类型 / fact type (society, branch, …)")] = None,
) -> None:
    """规则条件可以使用的字段 / the fields a rule condition may test, by subject."""
    from .facts import FIELDS

    if subject is not None and subject not in FIELDS:
        _err(f"{subject}: 没有这种事实类型 / no such subject; use one of: {' '.join(FIELDS)}")
        raise typer.Exit(2)
    for name in [subject] if subject else FIELDS:
        typer.echo(f"{name}:")
        for field, kind in FIELDS[name].items():
            typer.echo(f"  {field}  ({kind})")


@rules_app.command("test")
def rules_test(
    directory: Annotated[Path | None, typer.Argument(help="规则测试目录（默认 rules/tests） / fixture folder")] = None,
    rules: RulesOpt = None,
) -> None:
    """运行规则测试用例：每个用例的 expect 是它触发的全部规则（精确比较） / run the rule fixtures: each case's
    `expect` is the complete set of rules it fires, compared exactly."""
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


def main(argv: list[str] | None = None) -> None:
    """The console script; `argv` (default: the process arguments) lets tests run the CLI in-process."""
    try:
        app(args=argv, prog_name="compliance")
    except KeyboardInterrupt:
        from .i18n import t

        _err(t("interrupted"))
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - a user never sees a traceback; exit 2 like any bad input
        _err(f"compliance: 内部错误 / internal error: {type(exc).__name__}: {exc}")
        sys.exit(2)
