"""Issue 16 §1, spreadsheet intake: `compliance template` writes a workbook laid out for people, `import` turns
a filled one into a profile (errors name sheet, row and column with the messages YAML errors get), `export`
writes a profile into one, and export → import audits identically for every sample."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from .conftest import AS_OF, PROBLEM_TAIL, SAMPLES

BOOK = "学会档案.xlsx"


def _template(cli, folder: Path) -> Path:
    path = folder / BOOK
    r = cli("template", str(path), cwd=folder)
    assert r.code == 0, r.err
    assert "已生成工作簿模板" in r.err
    return path


# where: path: message, where the file and cell (学会档案.xlsx:理事!C5) or line; the path may carry its title
PROBLEM = re.compile(r"^(?P<where>.+?): " + PROBLEM_TAIL)


def _problems(text: str, prefix: str = "") -> dict[str, tuple[str, str]]:
    """{where: (path, message)} of each problem line, `prefix` taken off `where`."""
    found = {}
    for line in text.splitlines():
        m = PROBLEM.match(line)
        if m:
            found[m["where"].removeprefix(prefix)] = (m["path"], m["message"])
    return found


def _import(cli, book: Path, target: Path, *more: str):
    return cli("import", str(book), "-o", str(target), "--as-of", AS_OF, *more, cwd=book.parent)


def _audit(cli, path: Path) -> dict:
    r = cli("audit", str(path), "--as-of", AS_OF, "-f", "json")
    assert r.code in (0, 1), r.err + r.out
    return json.loads(r.out)["results"][0]


def _verdict(result: dict) -> tuple:
    """What an audit says, without where in the file it says it (the lines of two files differ)."""
    findings = [(f["rule"], f["severity"], f["path"], f["message"], f["waived"], f["ladder"]) for f in result["findings"]]
    ladder = {k: v for k, v in result["ladder"].items() if k not in ("reasons", "episode")}
    if result["ladder"]["episode"]:  # each cited issue, without its lines
        ladder["episode"] = {**result["ladder"]["episode"],
                             "cited": [{k: v for k, v in c.items() if k != "lines"}
                                       for c in result["ladder"]["episode"]["cited"]]}
    reasons = [{k: v for k, v in r.items() if k != "line"} for r in result["ladder"]["reasons"]]
    return result["society"], findings, ladder, reasons


# ------------------------------------------------------------------ typing into the workbook, as a person would


def _form(ws, **values) -> None:
    """Type each value into the 内容 column of the row whose 项目 is the given title."""
    rows = {str(ws.cell(r, 1).value).lstrip("*"): r for r in range(2, ws.max_row + 1)}
    for title, value in values.items():
        ws.cell(rows[title.replace("_", "·")], 2).value = value


def _table(ws, *records: dict) -> None:
    """Type records into the rows below the example row, each value under the header with its title."""
    columns = {str(ws.cell(1, c).value).lstrip("*"): c for c in range(1, ws.max_column + 1)}
    for i, record in enumerate(records):
        for title, value in record.items():
            ws.cell(4 + i, columns[title]).value = value


def _fill(book: Path) -> None:
    """A small society typed into the template: dates both as date cells and as text, money as typed,
    several items in one cell, yes/no from the drop-downs, rows of child tables naming their parent's 序号.
    It has 6 party members and no party organisation, an activity with compulsory sponsorship and a foreign
    donation without approval: three violations."""
    wb = openpyxl.load_workbook(book)
    _form(wb["基本信息"], 档案编号="NX-T01", 学会名称="宁夏测试学会", 统一社会信用代码="51640000MJ0000001X", 类型="学会",
          学科领域="测试", 登记日期="2001-05-01", 业务主管单位="宁夏回族自治区科学技术协会",
          登记管理机关="宁夏回族自治区民政厅", 加入科协日期=datetime(2001, 11, 1), 状态="正常", **{"活动资金（元）": "120000.5"})
    _form(wb["章程"], 章程核准日期=datetime(2024, 11, 29), 载入坚持党的全面领导="是", 载入加强党的建设="是",
          业务范围="测试学术交流\n测试科普\n技术咨询", 理事会每届年限=5, 负责人最高任职年龄=70, 负责人连任届数上限=2)
    _form(wb["党的建设"], 正式党员人数=6, 党组织形式="none", 理事长兼任党组织负责人="否", 党建工作制度="无")
    _form(wb["治理机构"], **{"会员（代表）大会_最近一次召开日期": "2024-11-29", "会员（代表）大会_代表人数": 120,
                         "会员（代表）大会_有议事规则": "是", "理事会_本届起始日期": "2024-11-29",
                         "理事会_本届届满日期": date(2029, 11, 28), "理事会_有理事会议事规则": "是",
                         "常务理事会_常务理事": "王芳、李强、张伟", "监事会（监事）_形式": "监事",
                         "监事会（监事）_监事": "赵敏", "监事会（监事）_有监事工作制度": "是", "设有办事机构（秘书处）": "是"})
    members = [("王芳", "1975-07-16", "女", "理事长", "科研院所"), ("李强", "1971-04-25", "男", "副理事长", "基层一线"),
               ("张伟", "1990-07-29", "男", "副理事长", "非公企业"), ("刘洋", "1988-11-22", "女", "理事", "高校"),
               ("陈静", "1987-05-26", "女", "理事", "基层一线"), ("杨帆", "1992-12-20", "男", "理事", "企业")]
    _table(wb["理事"], *({"序号": i, "姓名": n, "出生日期": b, "性别": g, "职务": r, "所在领域": s, "党员": "是"}
                        for i, (n, b, g, r, s) in enumerate(members, 1)))
    _table(wb["理事会会议"], {"序号": 1, "日期": "2025-09-06", "出席人数": 6, "应出席人数": 6, "议题": "年度工作报告、换届筹备"},
           {"序号": 2, "日期": datetime(2026, 9, 13), "出席人数": 5, "应出席人数": 6})
    _form(wb["秘书长"], 姓名="赵六", 专职="是", 产生方式="聘任", 出生日期="1985-03-02", 由学会缴纳社保="是")
    _form(wb["办事机构人员"], 专职工作人员人数=3, 兼职工作人员人数=1, 本年度参加业务培训人数=2)
    _form(wb["会员"], 最近一次会员清理核查日期="2026-05-10", 分级分类会员体系="是")
    _table(wb["逐年会员人数"],
           {"序号": 1, "年度": 2025, "个人会员": 800, "单位会员": 20, "青年会员": 200, "企业科技工作者会员": 90,
            "非公领域会员": 60, "学生会员": 40},
           {"序号": 2, "年度": "2026", "个人会员": 820, "单位会员": 22, "青年会员": 210, "企业科技工作者会员": 95,
            "非公领域会员": 66, "学生会员": 45})
    _table(wb["分支（代表）机构"], {"序号": 1, "名称": "青年工作委员会", "类型": "分支机构", "设立日期": "2010-03-20",
                             "内部民主程序决议": "第3届理事会第2次会议决议", "在章程业务范围内": "是",
                             "最近一次活动日期": "2026-10-09", "逐年活动次数": "2024: 6、2025: 5、2026: 4"})
    _table(wb["年度考核"], {"序号": 1, "所属分支（代表）机构序号": 1, "年度": 2024, "考核结果": "合格"},
           {"序号": 2, "所属分支（代表）机构序号": 1, "年度": 2025, "考核结果": "优秀"})
    _table(wb["业务活动"],
           {"序号": 1, "名称": "2026年测试学术年会", "类型": "学术会议", "开始日期": "2026-10-14", "学会角色": "主办",
            "合作单位": "宁夏大学", "参加人数": 200, "高质量高水平学术会议": "是", "国际性活动": "是"},
           {"序号": 2, "名称": "测试科普进校园", "类型": "科普", "开始日期": datetime(2026, 9, 19), "学会角色": "主办",
            "科普对象": "青少年、公众", "负责人带头": "理事长", "强制要求·强制赞助": "是", "线上开展": "否"})
    _table(wb["收费"], {"序号": 1, "所属业务活动序号": 1, "金额（元）": 4700.5, "收取对象": "参会人员"},
           {"序号": 2, "所属业务活动序号": 1, "金额（元）": "1200", "收取对象": "参会人员"})
    _table(wb["年度工作报告报送"], {"序号": 1, "年度": 2025, "报送日期": "2026-03-20"})
    _table(wb["境外合作与捐赠"], {"序号": 1, "境外合作方": "某国际基金会", "国家或地区": "美国", "类型": "捐赠",
                            "日期": "2026-03-01", "金额（元）": 50000})
    _table(wb["智库成果"], {"序号": 1, "题目": "关于测试的建议", "报送日期": "2026-06-05", "报送渠道": "《科技决策咨询》"})
    _table(wb["人才举荐"], {"序号": 1, "被举荐人": "刘洋", "日期": "2026-07-18", "奖项或人才项目": "宁夏青年科技奖"})
    _table(wb["科技服务团"], {"序号": 1, "名称": "测试科技服务团", "成立日期": "2025-03-09"})
    _table(wb["承接政府购买服务"], {"序号": 1, "项目": "测试技术评价", "日期": "2025-11-24", "金额（元）": 310000})
    _form(wb["科普工作"], 独立科普工作部门="否", 科普工作专门委员会="是", 专职科普人员=0, 新媒体平台="微信公众号、科普中国")
    _form(wb["评价"], **{"民政社会组织等级评估_等级": "4A", "民政社会组织等级评估_评定日期": "2023-01-16",
                       "民政社会组织等级评估_有效期至": "2028-01-16"})
    _table(wb["科协年度评价"], {"序号": 1, "年度": 2024, "等次": "B"}, {"序号": 2, "年度": 2025, "等次": "A"})
    wb.save(book)


@pytest.fixture
def filled(cli, tmp_path) -> Path:
    book = _template(cli, tmp_path)
    _fill(book)
    return book


# ------------------------------------------------------------------ the template


def test_template_is_laid_out_for_people(cli, tmp_path):
    wb = openpyxl.load_workbook(_template(cli, tmp_path))
    assert wb.sheetnames[0] == "说明"
    for name in ("基本信息", "章程", "党的建设", "理事", "分支（代表）机构", "业务活动", "境外合作与捐赠", "评比达标表彰",
                 "评价", "监管记录", "收费", "年度考核"):
        assert name in wb.sheetnames, name
    readme = "\n".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    assert "compliance import" in readme and "示例" in readme and "业务活动" in readme
    members = wb["理事"]
    heads = [c.value for c in members[1]]
    assert heads[:6] == ["序号", "*姓名", "*出生日期", "*性别", "*职务", "*所在领域"]
    assert members["A3"].value == "示例" and members["B3"].value  # one example row, marked
    assert members["C3"].number_format == "yyyy-mm-dd" and isinstance(members["C3"].value, datetime)
    assert members.column_dimensions["C"].number_format == "yyyy-mm-dd"  # rows a person adds are dates too
    assert members.row_dimensions[2].hidden  # the field keys
    lists = {cells: dv.formula1 for dv in members.data_validations.dataValidation for cells in str(dv.sqref).split()}
    assert lists["D3:D1048576"] == '"男,女"'
    assert lists["I3:I1048576"] == '"是,否"'  # 退（离）休领导干部: yes/no
    assert "含本届在内" in members["H1"].comment.text  # the field's description on hover
    fees = wb["收费"]
    assert [c.value for c in fees[1]][:4] == ["序号", "所属业务活动序号", "*金额（元）", "*收取对象"]
    basic = wb["基本信息"]
    assert [c.value for c in basic[1]][:4] == ["项目", "内容", "说明", "示例"]
    assert basic["A2"].value == "*档案编号" and basic["B2"].value is None and basic["D2"].value == "NX-XH-001"
    assert "待填写" in basic["C2"].value


def test_every_field_of_the_models_has_a_column(cli, tmp_path):
    """Generated by walking the models: the leaves of the profile's JSON Schema are exactly the columns."""
    from compliance.profile import json_schema

    schema = json_schema()
    defs = schema["$defs"]

    def leaves(node: dict, prefix: str) -> set[str]:
        node = defs[node["$ref"].split("/")[-1]] if "$ref" in node else node
        for arm in node.get("anyOf", []):
            if arm.get("type") != "null":
                return leaves(arm, prefix)
        if "properties" in node:
            return {leaf for k, v in node["properties"].items() for leaf in leaves(v, f"{prefix}.{k}" if prefix else k)}
        if node.get("type") == "array" and "$ref" in node.get("items", {}):
            return leaves(node["items"], prefix + "[]")
        return {prefix}

    from compliance.workbook.layout import sheets

    columns = set()
    for sheet in sheets():
        base = ".".join(_full_path(sheet))
        columns |= {f"{base}.{c.dotted}" if base else c.dotted for c in sheet.columns}
    assert columns == leaves(schema, "") - {"schema_version"}
    wb = openpyxl.load_workbook(_template(cli, tmp_path))
    assert {s.name for s in sheets()} <= set(wb.sheetnames)


def _full_path(sheet) -> list[str]:
    """Where a sheet's records sit in the profile, lists marked []: branches[].assessments[]."""
    path = list(sheet.path)
    if sheet.table:
        path[-1] += "[]"
    return (_full_path(sheet.parent) if sheet.parent is not None else []) + path


def test_template_refuses_to_overwrite(cli, tmp_path):
    book = _template(cli, tmp_path)
    before = book.read_bytes()
    r = cli("template", str(book), cwd=tmp_path)
    assert r.code == 2 and "已存在，不会覆盖" in r.err
    assert book.read_bytes() == before


# ------------------------------------------------------------------ import


def test_filled_template_imports_to_a_profile_with_the_expected_findings(cli, filled):
    target = filled.parent / "宁夏测试学会.yaml"
    r = _import(cli, filled, target)
    assert r.code == 0, r.err
    assert "已导入为档案" in r.err and "宁夏测试学会" in r.err
    text = target.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# yaml-language-server: $schema=") and lines[0].endswith("schemas/profile.schema.json")
    assert (target.parent / lines[0].split("=", 1)[1]).resolve().is_file()
    # schema order, readable flow style, dates from date cells and text alike, money exactly as typed
    assert [ln.split(":")[0] for ln in lines if re.match(r"^[a-z_]+:", ln)][:4] == ["society", "charter", "party",
                                                                                  "governance"]
    assert "  registered_on: 2001-05-01" in lines and "  member_since: 2001-11-01" in lines
    assert "  activity_funds: 120000.5" in lines
    assert "  business_scope: [测试学术交流, 测试科普, 技术咨询]" in lines
    assert "- {amount: 4700.5, payer: 参会人员}" in text and "- {amount: 1200, payer: 参会人员}" in text
    assert "activities_per_year: {2024: 6, 2025: 5, 2026: 4}" in text
    assert "- {year: 2025, result: 优秀}" in text
    assert "示例" not in text and "（姓名）" not in text  # example rows are ignored
    result = _audit(cli, target)
    violations = {(f["rule"], f["path"]) for f in result["findings"] if f["severity"] == "violation"}
    assert violations == {("PARTY-ORG-MISSING", "party.organisation"), ("ACT-COMPULSORY", "activities[1].compulsory"),
                          ("FOREIGN-NO-APPROVAL", "foreign[0].approval_ref")}
    assert result["ladder"]["next_step"] == "rectification"  # the ladder weighs them as for any profile


def test_a_template_imported_as_is_lists_what_to_fill_in_and_writes_nothing(cli, tmp_path):
    book = _template(cli, tmp_path)
    target = tmp_path / "x.yaml"
    r = _import(cli, book, target)
    assert r.code == 2
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == [BOOK]
    said = _problems(r.err, f"{book}:")
    assert said["基本信息!B2"] == ("society.id", "待填写：此项不能为空")
    assert said["章程!B3"] == ("charter.party_leadership_clause", "待填写：此项不能为空")
    assert said["逐年会员人数!A3"] == ("membership.counts", "缺少必填字段")
    assert "示例" not in r.err  # the untouched example rows are not data


def test_import_errors_name_sheet_row_and_column_with_the_yaml_messages(cli, filled, tmp_path):
    good = tmp_path / "good.yaml"
    assert _import(cli, filled, good).code == 0
    wb = openpyxl.load_workbook(filled)
    wb["理事"]["C5"].value = "1971/4/25"  # the second member's birth date, typed the wrong way
    wb["理事"]["D6"].value = "男性"  # not one of the drop-down's values
    wb["理事"]["K7"].value = "可能"  # 党员: neither 是 nor 否
    wb["办事机构人员"]["B2"].value = "3人"  # a count with a unit
    wb["收费"]["C4"].value = 12.345  # more than two decimals
    wb["收费"]["B5"].value = 9  # no activity numbered 9
    wb["基本信息"]["B4"].value = None  # the credit code, erased
    wb.save(filled)
    target = tmp_path / "bad.yaml"
    r = _import(cli, filled, target)
    assert r.code == 2 and not target.exists()
    said = _problems(r.err, f"{filled}:")
    assert len(said) == len(r.err.splitlines())
    assert {cell: path for cell, (path, _) in said.items()} == {
        "理事!C5": "governance.council.members[1].birth_date", "理事!D6": "governance.council.members[2].gender",
        "理事!K7": "governance.council.members[3].party_member", "办事机构人员!B2": "staff.full_time",
        "收费!C4": "activities[0].fees[0].amount", "收费!B5": "fees", "基本信息!B4": "society.credit_code"}
    assert said["理事!C5"][1] == "日期写法不对：'1971/4/25' 应写作 1971-04-25（年-月-日，用半角短横线，月和日写两位）"
    assert said["理事!K7"][1] == "取值无效：应为 是、否 之一，实际是 '可能'"
    assert said["办事机构人员!B2"][1] == "类型错误：应为整数，实际是 '3人'"
    assert said["收费!C4"][1] == "金额最多 2 位小数（精确到分），实际是 12.345"
    assert said["收费!B5"][1] == "工作表“业务活动”中没有序号为 9 的记录"
    assert said["基本信息!B4"][1] == "待填写：此项不能为空"
    # the same mistakes in a YAML profile get the same words
    text = good.read_text(encoding="utf-8")
    for right, wrong in (("birth_date: 1971-04-25", "birth_date: 1971/4/25"), ("staff: {full_time: 3,", "staff: {full_time: 3人,"),
                         ("张伟, birth_date: 1990-07-29, gender: 男", "张伟, birth_date: 1990-07-29, gender: 男性"),
                         ("amount: 4700.5", "amount: 12.345"), ("  credit_code: 51640000MJ0000001X\n", "  credit_code:\n")):
        assert right in text, right
        text = text.replace(right, wrong)
    (tmp_path / "same.yaml").write_text(text, encoding="utf-8")
    in_yaml = dict(_problems(cli("validate", str(tmp_path / "same.yaml"), "--as-of", AS_OF).out).values())
    for cell in ("理事!C5", "理事!D6", "办事机构人员!B2", "收费!C4", "基本信息!B4"):
        path, message = said[cell]
        assert in_yaml[path] == message, cell


def test_example_rows_are_skipped_but_not_when_typed_over(cli, filled, tmp_path):
    wb = openpyxl.load_workbook(filled)
    wb["理事"]["B3"].value = "孙七"  # real data typed into the example row
    wb.save(filled)
    r = _import(cli, filled, tmp_path / "x.yaml")
    assert r.code == 2
    assert _problems(r.err, f"{filled}:") == {"理事!A3": ("governance.council.members", "序号为“示例”的示例行被改动过，导入时会被"
                                                         "忽略：如果这是要导入的数据，请把序号改为数字；否则请删除此行")}
    assert len(r.err.splitlines()) == 1


def test_import_of_something_that_is_not_a_workbook(cli, tmp_path):
    fake = tmp_path / "假的.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    r = _import(cli, fake, tmp_path / "x.yaml")
    assert r.code == 2 and "不是 Excel 工作簿" in r.err
    r = _import(cli, tmp_path / "没有.xlsx", tmp_path / "x.yaml")
    assert r.code == 2 and "文件不存在" in r.err


def test_import_never_overwrites_a_profile(cli, filled, tmp_path):
    target = tmp_path / "已有.yaml"
    target.write_text("keep: me\n", encoding="utf-8")
    r = _import(cli, filled, target)
    assert r.code == 2 and "已存在，不会覆盖" in r.err
    assert target.read_text(encoding="utf-8") == "keep: me\n"


# ------------------------------------------------------------------ export and the round trip


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.yaml")))
def test_export_then_import_audits_identically(cli, tmp_path, name):
    from compliance.validate import load_profile

    source = SAMPLES / name
    book = tmp_path / f"{source.stem}.xlsx"
    r = cli("export", str(source), "-o", str(book), "--as-of", AS_OF)
    assert r.code == 0, r.err
    back = tmp_path / name
    r = _import(cli, book, back)
    assert r.code == 0, r.err
    assert _verdict(_audit(cli, back)) == _verdict(_audit(cli, source))
    day = date.fromisoformat(AS_OF)
    assert load_profile(back, day).profile == load_profile(source, day).profile


def test_export_refuses_an_invalid_profile_and_an_existing_workbook(cli, tmp_path):
    bad = SAMPLES / "invalid" / "类型错误.yaml"
    r = cli("export", str(bad), "-o", str(tmp_path / "x.xlsx"), "--as-of", AS_OF)
    assert r.code == 2 and "类型错误" in r.err and not (tmp_path / "x.xlsx").exists()
    existing = tmp_path / "有.xlsx"
    existing.write_bytes(b"keep")
    r = cli("export", str(SAMPLES / "宁夏农学会.yaml"), "-o", str(existing), "--as-of", AS_OF)
    assert r.code == 2 and existing.read_bytes() == b"keep"


def test_round_trip_keeps_text_that_looks_like_numbers_formulas_or_lists(cli, tmp_path):
    """Text stays text through a workbook: leading zeros, a leading =, an item holding 、 itself, a line break."""
    source = (SAMPLES / "宁夏林学会.yaml").read_text(encoding="utf-8")
    assert "oversight:\n" in source
    odd = source.replace("  address: ", "  address: '=HYPERLINK(\"x\")' #", 1)
    odd = odd.replace("  business_scope: [", "  business_scope: ['学术交流、科普', ", 1)
    odd = odd.replace("  contact: ", "  contact: '0123' #", 1)
    odd = odd.replace("  new_media: [", "  new_media: ['公众号；视频号', ", 1)
    profile = tmp_path / "odd.yaml"
    profile.write_text(odd, encoding="utf-8")
    book = tmp_path / "odd.xlsx"
    assert cli("export", str(profile), "-o", str(book), "--as-of", AS_OF).code == 0
    wb = openpyxl.load_workbook(book)
    rows = {r[4]: r[1] for r in wb["基本信息"].iter_rows(min_row=2, values_only=True)}
    assert rows["address"] == '=HYPERLINK("x")' and rows["contact"] == "0123"
    address = wb["基本信息"]["B13"]
    assert address.data_type == "s" and address.quotePrefix  # text, and stays text when the cell is edited
    back = tmp_path / "back.yaml"
    assert _import(cli, book, back).code == 0
    from compliance.validate import load_profile

    day = date.fromisoformat(AS_OF)
    original, again = load_profile(profile, day).profile, load_profile(back, day).profile
    assert original is not None and again == original
    assert again.society.contact == "0123" and again.charter.business_scope[0] == "学术交流、科普"
    assert again.popular_science.new_media[0] == "公众号；视频号"


def test_long_or_comma_holding_choices_get_a_drop_down_from_a_hidden_sheet():
    from openpyxl import Workbook

    from compliance.workbook.write import _Choices

    book = Workbook()
    choices = _Choices(book)
    assert choices._formula(("男", "女")) == '"男,女"'
    long = tuple(f"选项{i:03d}" for i in range(60))
    assert choices._formula(long) == "'_lists'!$A$1:$A$60"
    assert choices._formula(("a,b", "c")) == "'_lists'!$B$1:$B$2"
    assert book["_lists"].sheet_state == "hidden" and book["_lists"]["B1"].value == "a,b"
