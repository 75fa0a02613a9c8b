"""Spreadsheet reports (issue 14 part 4): `-f xlsx` opens with openpyxl (summary and findings sheets, frozen
headers, filters, widths) and `-f csv` with the csv module (UTF-8 with BOM), both with the expected rows; text a
spreadsheet would run as a formula is neutralised in both."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import AS_OF, SAMPLES, run_cli


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> tuple[dict, Path, Path]:
    folder = tmp_path_factory.mktemp("sheets")
    xlsx, csv_file = folder / "r.xlsx", folder / "r.csv"
    r = run_cli("audit", str(SAMPLES), "--as-of", AS_OF, "-f", "json", "--report", f"xlsx={xlsx}",
                "--report", f"csv={csv_file}")
    assert r.code == 1, r.err
    return json.loads(r.out), xlsx, csv_file


def _finding_count(report: dict) -> int:
    return sum(len(r["findings"]) + len(r["errors"]) for r in report["results"])


def test_xlsx_has_a_summary_row_per_society_worst_first(outputs):
    report, xlsx, _ = outputs
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["汇总", "发现"]
    ws = wb["汇总"]
    rows = list(ws.values)
    assert rows[0] == ("学会", "档案编号", "监管阶段", "建议下一步", "整改期限", "剩余天数", "违规", "警告", "建议", "错误",
                       "基准日后未计入")
    assert len(rows) == 1 + len(report["results"])
    assert rows[1][:6] == ("宁夏林学会", "NX-S11", "责令限期整改中", "前置审查不通过", "2026-08-07", -112)
    by_id = {r["society"]["id"]: r for r in report["results"]}
    for row in rows[1:]:
        r = by_id[row[1]]
        counts = tuple(sum(f["severity"] == s and not f["waived"] for f in r["findings"])
                       for s in ("violation", "warning", "advice"))
        assert row[6:9] == counts and row[0] == r["society"]["name"]


def test_xlsx_has_a_findings_row_per_finding(outputs):
    report, xlsx, _ = outputs
    ws = load_workbook(xlsx)["发现"]
    rows = list(ws.values)
    assert rows[0] == ("学会", "档案编号", "监管阶段", "建议下一步", "整改期限", "条款", "规则", "级别", "说明", "整改", "位置",
                       "字段", "状态")
    assert len(rows) == 1 + _finding_count(report)
    expected = {(r["society"]["id"], f["rule"], f["path"]) for r in report["results"] for f in r["findings"]}
    assert {(row[1], row[6], row[11]) for row in rows[1:]} == expected
    farm = next(row for row in rows if row[6] == "PARTY-ORG-MISSING")
    assert farm[0] == "宁夏农学会" and farm[5] == "第1条" and farm[7] == "违规"
    assert farm[10] == f"{SAMPLES / '宁夏农学会.yaml'}:29:3"


def test_xlsx_headers_frozen_filters_on_and_wide_columns(outputs):
    report, xlsx, _ = outputs
    wb = load_workbook(xlsx)
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert all(cell.font.b for cell in ws[1])
    findings = wb["发现"]
    assert findings.column_dimensions["I"].width >= 50  # messages, in Chinese
    assert findings["I2"].alignment.wrap_text


def test_xlsx_is_the_same_bytes_for_the_same_report(tmp_path, outputs):
    _, xlsx, _ = outputs
    again = tmp_path / "again.xlsx"
    run_cli("audit", str(SAMPLES), "--as-of", AS_OF, "-f", "xlsx", "-o", str(again), "--jobs", "1")
    assert again.read_bytes() == xlsx.read_bytes()


def test_csv_has_a_bom_and_a_row_per_finding_and_per_quiet_society(outputs):
    report, _, csv_file = outputs
    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    quiet = [r for r in report["results"] if not r["findings"] and not r["errors"]]
    assert len(rows) == _finding_count(report) + len(quiet)
    forest = [row for row in rows if row["档案编号"] == "NX-S11"]
    assert forest and all(row["监管阶段"] == "责令限期整改中" and row["整改期限"] == "2026-08-07" for row in forest)
    for r in quiet:
        (row,) = [row for row in rows if row["档案编号"] == r["society"]["id"]]
        assert row["说明"] == "未发现问题" and row["规则"] == ""


def test_invalid_profiles_and_english(tmp_path):
    out = tmp_path / "r.csv"
    r = run_cli("audit", str(SAMPLES / "宁夏农学会.yaml"), str(SAMPLES / "invalid" / "类型错误.yaml"), "--as-of", AS_OF,
                "-f", "csv", "-o", str(out), "--lang", "en")
    assert r.code == 2
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    errors = [row for row in rows if row["severity"] == "error"]
    assert errors and all(row["stage"] == "invalid" and "类型错误.yaml:" in row["where"] for row in errors)
    xlsx = tmp_path / "r.xlsx"
    run_cli("audit", str(SAMPLES / "宁夏农学会.yaml"), str(SAMPLES / "invalid" / "类型错误.yaml"), "--as-of", AS_OF,
            "-f", "xlsx", "-o", str(xlsx), "--lang", "en")
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["summary", "findings"]
    assert [row[2] for row in wb["summary"].iter_rows(min_row=2, values_only=True)] == ["invalid", "normal"]


FORMULAS = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+2", "-3+4", "@SUM(A1)"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path]:
    """A profile whose name and activity names a spreadsheet would run as formulas."""
    folder = tmp_path_factory.mktemp("hostile")
    text = (SAMPLES / "宁夏电力学会.yaml").read_text(encoding="utf-8")
    text = text.replace("name: 宁夏电力学会", f"name: '{FORMULAS[0]}'", 1)
    profile = folder / "p.yaml"
    profile.write_text(text, encoding="utf-8")
    xlsx, csv_file = folder / "r.xlsx", folder / "r.csv"
    r = run_cli("audit", str(profile), "--as-of", AS_OF, "-f", "xlsx", "-o", str(xlsx), "--report", f"csv={csv_file}")
    assert r.code == 1, r.err
    return xlsx, csv_file


def test_formula_text_is_inert_in_xlsx(hostile):
    xlsx, _ = hostile
    wb = load_workbook(xlsx)
    for ws in wb:
        for row in ws.iter_rows(min_row=2):
            cell = row[0]
            assert cell.value == FORMULAS[0] and cell.data_type == "s" and cell.quotePrefix
    assert not any(c.data_type == "f" for ws in wb for row in ws.iter_rows() for c in row)


def test_formula_text_is_inert_in_csv(hostile):
    _, csv_file = hostile
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"), newline="")))
    assert all(row[0] == "'" + FORMULAS[0] for row in rows[1:])


@pytest.mark.parametrize("text", [*FORMULAS, "\tx", "\rx"])
def test_every_formula_start_is_neutralised(text):
    from compliance.render.csv import csv_cell
    from compliance.render.sheet import cell_text, formula_like

    cell = str(csv_cell(text))
    assert cell.startswith("'") or not formula_like(cell)  # a CR is shown as the escape \\r, never written
    assert formula_like(cell_text(text)) or text.startswith("\r")
    assert csv_cell("宁夏 = 学会") == "宁夏 = 学会" and csv_cell(3) == 3
