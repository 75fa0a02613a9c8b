"""Chinese help (issue 16, part 3): `--help` of every command, click's own words and the usage errors are in
Chinese by default and in English with --lang en or COMPLIANCE_LANG, each command shows two or three examples,
and the examples only use options the command has.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _commands() -> list[tuple[str, ...]]:
    """Every command of the command line, as the words that name it (the root is the empty tuple)."""
    import typer.main

    from compliance.cli import app

    def walk(command, path):
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name))

    return list(walk(typer.main.get_command(app), ()))


COMMANDS = _commands()
LEAVES = [c for c in COMMANDS if c and c != ("rules",)]
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_CLICK = ("Usage", "Options", "Arguments", "Commands", "Show this message", "[default", "[required]",
                 "env var", "<str>", "<int", "<path>", "[OPTIONS]", "COMMAND [ARGS]", "x>=")


def _examples(text: str) -> list[str]:
    """The example command lines at the end of a help text."""
    return [line for line in text.splitlines() if line.startswith("    compliance ")]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "compliance")
def test_every_help_is_chinese_with_two_or_three_examples(cli, path):
    r = cli(*path, "--help")
    assert r.code == 0, r.err
    assert r.out.startswith(f"用法：{' '.join(('compliance', *path))} [选项]")
    assert "选项：" in r.out and "显示本帮助并退出" in r.out and "示例：" in r.out
    assert 2 <= len(_examples(r.out)) <= 3, r.out
    for word in ENGLISH_CLICK:
        assert word not in r.out, word
    assert " / " not in r.out  # only the Chinese half of each "中文 / English" help


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "compliance")
def test_every_help_is_english_with_compliance_lang(cli, path):
    r = cli(*path, "--help", env={"COMPLIANCE_LANG": "en"})
    assert r.code == 0, r.err
    assert r.out.startswith(f"Usage: {' '.join(('compliance', *path))} [OPTIONS]")
    assert "Options:" in r.out and "Show this message and exit." in r.out and "Examples:" in r.out
    options = [line for line in r.out.split("Examples:")[0].splitlines() if line.startswith("  -")]
    assert options and not [line for line in options if CJK.search(line)], options


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_lang_on_the_command_line_chooses_the_help_language(cli, path):
    r = cli(*path, "--help", "--lang", "en")
    assert r.code == 0 and r.out.startswith("Usage: ") and "Options:" in r.out
    r = cli(*path, "--help", "--lang", "zh", env={"COMPLIANCE_LANG": "en"})  # the command line wins
    assert r.code == 0 and r.out.startswith("用法：") and "选项：" in r.out


def test_option_values_have_named_placeholders(cli):
    out = cli("audit", "--help").out
    for option, placeholder in (("--as-of", "日期"), ("--output", "文件"), ("--jobs", "个数"), ("--rules", "目录"),
                                ("--report", "格式=文件"), ("--changed-since", "git版本")):
        assert re.search(rf"{option} {placeholder}\s", out), option
    assert "[环境变量：COMPLIANCE_LANG；默认：zh]" in out and "[不小于 1]" in out
    assert "用法：compliance audit [选项] 路径..." in out
    out = cli("audit", "--help", "--lang", "en").out
    assert re.search(r"--as-of DATE\s", out) and "[env var: COMPLIANCE_LANG; default: zh]" in " ".join(out.split())


@pytest.mark.parametrize(("args", "chinese", "english"), [
    (("rules", "show"), "错误：缺少参数 '规则编号'", "Error: missing argument 'RULE'"),
    (("validate",), "错误：缺少参数 '路径...'", "Error: missing argument 'PATH...'"),
    (("audit", "x.yaml", "--fial-on", "warning"), "错误：没有选项 --fial-on（是否应为 “--fail-on”？）",
     "Error: no such option: --fial-on (did you mean '--fail-on'?)"),
    (("audit", "x.yaml", "--jobs", "0"), "'--jobs' / '-j' 的取值无效：0 太小：应不小于 1",
     "invalid value for '--jobs' / '-j': 0 is too small: at least 1"),
    (("audit", "x.yaml", "--jobs", "two"), "“two” 不是整数", "'two' is not a whole number"),
    (("audit", "x.yaml", "--as-of"), "错误：选项 --as-of 需要一个值", "Error: option --as-of needs a value"),
    (("schema", "extra"), "错误：多余的参数：extra", "Error: unexpected extra argument(s): extra"),
    (("audit", "x.yaml", "-f", "jsn"), "“jsn” 不是可选的取值（是否应为 “json”？）", "'jsn' is not a choice (did you mean 'json'?)"),
])
def test_usage_errors_are_in_the_users_language(cli, args, chinese, english):
    r = cli(*args)
    assert r.code == 2 and r.out == ""
    assert chinese in r.err and "Usage:" not in r.err and "Error:" not in r.err
    if "--as-of" not in args:  # click knows no command yet when an option lacks its value
        assert "运行 “compliance" in r.err and "查看帮助和示例" in r.err
    r = cli(*args, env={"COMPLIANCE_LANG": "en"})
    assert r.code == 2 and english in r.err


def test_no_arguments_shows_the_help(cli):
    r = cli()
    assert r.code == 2 and r.err.startswith("用法：compliance [选项] 命令 [参数]...") and "命令：" in r.err


def test_examples_use_only_real_commands_and_options():
    import typer.main

    from compliance.cli import app
    from compliance.i18n import EXAMPLES

    root = typer.main.get_command(app)
    assert {" ".join(p) for p in COMMANDS} <= set(EXAMPLES), "a command without examples"
    for path, examples in EXAMPLES.items():
        assert 2 <= len(examples) <= 3, path
        for line, what in examples:
            assert what["zh"] and what["en"], line
            words = line.split("|")[0].split()
            assert words[0] == "compliance", line
            command, rest = root, words[1:]
            while rest and rest[0] in getattr(command, "commands", {}):
                command, rest = command.commands[rest[0]], rest[1:]
            named = {opt for param in command.params for opt in getattr(param, "opts", [])} | {"--help"}
            for word in rest:
                if word.startswith("-") and word != "-":
                    assert word.split("=")[0] in named, f"{line}: {word}"


def test_help_and_the_settings_lookup_do_not_load_pydantic(tmp_path):
    (tmp_path / "compliance.yaml").write_text("lang: en\nfail_on: warning\n", encoding="utf-8")
    probe = ("import sys\nfrom compliance.cli import main\ntry:\n    main(['audit', '--help'])\n"
             "except SystemExit:\n    pass\nprint('pydantic' in sys.modules, file=sys.stderr)\n")
    p = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=120,
                       env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "80"})
    assert p.stdout.startswith("Usage: compliance audit") and "[default: warning]" in p.stdout
    assert p.stderr.strip() == "False", p.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_help_fits_80_columns(cli, lang):
    from compliance.render.wrap import cells

    for path in COMMANDS:
        out = cli(*path, "--help", env={"COLUMNS": "80", "COMPLIANCE_LANG": lang}).out
        assert max(cells(line) for line in out.splitlines()) <= 80, out


def test_help_fits_80_columns_and_wraps_chinese_between_phrases(cli):
    out = cli("letter", "--help", env={"COLUMNS": "60"}).out
    from compliance.render.wrap import cells

    help_lines = out.split("示例：")[0].splitlines()
    assert max(cells(line) for line in help_lines) <= 60, out
    assert not [line for line in help_lines if line.strip()[:1] in tuple("，。、；：）")], out
