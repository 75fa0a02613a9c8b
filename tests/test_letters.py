"""Letters: what each ladder step's document says, refusal and --force, the issuer file, and the HTML printed as A4.
Layout (page numbers, 版记, title lines, one page) per format is in test_letters_layout.py."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest

from tests.conftest import AS_OF, SAMPLES

POLICY = "《宁夏科协关于加强新时代学会工作的意见》（宁科协发学字〔2024〕10号"
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _letter(cli, tmp_path, name: str, *extra: str, fmt: str = "md") -> tuple[int, str, str]:
    out = tmp_path / f"letter.{fmt}"
    r = cli("letter", str(SAMPLES / name), "--as-of", AS_OF, "-f", fmt, "-o", str(out), *extra)
    text = out.read_text(encoding="utf-8") if out.exists() and fmt != "docx" else ""
    return r.code, text, r.out + r.err


def _body(md: str) -> str:
    """The letter's text from the 主送 to the closing (what the society reads as the letter's body)."""
    return md[md.index("：\n"):md.index("<div align=\"right\">")]


def test_interview_letter(cli, tmp_path):
    code, text, out = _letter(cli, tmp_path, "宁夏水利学会.yaml")
    assert code == 0
    assert "# 宁夏科协关于对宁夏水利学会主要负责人进行工作约谈的通知" in text
    assert "**宁夏回族自治区科学技术协会**" in text and "宁科协学函〔2026〕\u3000\u3000号" in text
    assert f"对照{POLICY}，以下简称《意见》）要求，经查，你会存在以下问题：" in text
    # each problem in its rule's letter wording, as an item of the list (no 你会 again, no space around name or number);
    # then, once, the policy's item and the other regulation they rest on (外部依据), and the step taken
    assert "1.理事长龚英现年73周岁，超过最高任职年龄70周岁。\n\n2.理事长龚英已连续任职3届，超过最多2届的任期限制。" in text
    assert ("上述情况不符合《意见》第4条的要求和民政部《社会团体章程示范文本》的规定。根据《意见》第7条规定，决定于\\_\\_\\_\\_年\\_\\_月\\_\\_日\\_\\_时在宁夏科协会议室对你会主要负责人进行工作约谈，"
            "请你会理事长、秘书长和党组织负责人参加，并于约谈前3个工作日将书面情况说明和初步整改方案报送宁夏科协学会部。") in text
    assert text.count("特此通知。") == 1 and "（联系人：" in text
    assert "送审稿" not in _body(text) and "检查工具" not in _body(text)  # a note for the office, not the society
    assert "本文书为送审稿：须经宁夏科协研究决定后方可印发" in out  # it recommends; the association decides
    assert "kind: 约谈" in out and "date: 2026-11-27" in out  # the history entry to append


def test_rectification_states_one_deadline_as_a_date(cli, tmp_path):
    code, text, out = _letter(cli, tmp_path, "宁夏农学会.yaml")
    assert code == 0
    assert "# 宁夏科协关于责令宁夏农学会限期整改的通知" in text
    body = _body(text)
    assert "现责令你会于2027年5月26日前完成整改，并将书面整改报告报送宁夏科协学会部。" in body
    assert "自收到" not in body and "180日" not in body  # one deadline: the date the ladder tracks
    assert "整改期满仍无明显改进的，将给予年度工作报告前置审查不通过处理。" in body
    assert (f"经查，你会有正式党员6名，至今没有建立党的组织，不符合{POLICY}，以下简称《意见》）第1条的要求和"
            "《中国共产党章程》第三十条的规定。") in body  # one problem: stated in the opening, with its 外部依据
    # what is required comes before the order and its date, in one paragraph
    assert ("按照党章规定，有正式党员3人以上的，都应当成立党的基层组织。请你会向上级党组织申请成立党支部。根据《意见》"
            "第7条规定，现责令你会") in body
    assert "deadline: 2027-05-26" in out


def test_prereview_letter_recalls_the_order_in_chinese_dates(cli, tmp_path):
    code, text, _ = _letter(cli, tmp_path, "宁夏林学会.yaml")
    assert code == 0
    assert "# 宁夏科协关于宁夏林学会2025年度工作报告前置审查不通过的通知" in text
    body = _body(text)
    assert "2026年2月8日，宁夏科协以宁科协学函〔2026〕44号通知责令你会于2026年8月7日前完成整改。" in body
    assert f"整改期限届满后，对照{POLICY}，以下简称《意见》）要求，经核查，你会下列问题仍无明显改进：" in body
    # the problems the order cited, without their references again (the order gave them)
    assert "1.分支机构“继续教育工作委员会”没有理事会（常务理事会）的设立决议。" in body
    assert "2.本届理事会任期已于2025年6月5日届满，扣除经批准延期的期间，至今已逾期540天没有换届。" in body
    assert "上述情况" not in body
    assert ("根据《意见》第7条规定，经研究，你会2025年度工作报告前置审查结果为不通过。请你会于2026年12月27日前将整改情况"
            "书面报告宁夏科协学会部。") in body
    assert not ISO.search(body) and not re.search(r"[\u4e00-\u9fff] | [\u4e00-\u9fff]", body)


def test_revocation_decision(cli, tmp_path):
    # two C grades alone do not meet revocation_mode both (the default): the decision is written only when forced
    code, text, out = _letter(cli, tmp_path, "宁夏地质学会.yaml", "--doc-no", "12", "--kind", "revocation", "--force")
    assert code == 0
    assert "# 宁夏科协关于撤销宁夏地质学会团体会员资格的决定" in text
    assert "经查，你会2024、2025年度评价结果均为C等次。" in text  # the fact, without a reference:
    assert "第7条“年度评价连续两年C等次和长期不开展活动、情节严重的，按规定撤销团体会员资格”的规定" in text  # item 7 in full
    assert "**宁夏回族自治区科学技术协会文件**" in text and "宁科协发学字〔2026〕12号" in text  # a 发-type 字号
    assert "经\\_\\_\\_\\_会议研究，决定撤销宁夏地质学会的宁夏科协团体会员资格。" in text and "特此决定。" in text
    assert "不得以宁夏科协团体会员名义开展活动" in text and "抄送：自治区民政厅。" in text
    assert "宁夏科协办公室　　2026年11月27日印发" in text and "联系人" not in text
    assert "doc_no: 宁科协发学字〔2026〕12号" in out


def test_revocation_cites_a_recorded_determination(rulebook):
    """The hook the ladder fills (issue 13): a recorded 情节严重 determination is cited before the decision."""
    from compliance.letter_run import LetterAuditor
    from compliance.letters import Determination, compose, load_issuer
    from compliance.validate import load_profile

    day = date.fromisoformat(AS_OF)
    auditor = LetterAuditor(rulebook, day)
    checked = load_profile(SAMPLES / "宁夏地质学会.yaml", day)
    result = auditor.audit_profile(checked.doc, checked.profile)
    determination = Determination(date(2026, 11, 20), "宁夏科协第十届常委会第三次会议", "连续两年C等次且一年未开展活动",
                                  "宁科协纪〔2026〕3号")
    letter = compose(checked.profile, result, "revocation", load_issuer(None), day, auditor.params, auditor.wording,
                     determination=determination)
    assert ("2026年11月20日，经宁夏科协第十届常委会第三次会议研究（宁科协纪〔2026〕3号），认定你会情节严重："
            "连续两年C等次且一年未开展活动。") in letter.paragraphs()
    without = compose(checked.profile, result, "revocation", load_issuer(None), day, auditor.params, auditor.wording)
    assert not any("情节严重：" in p for p in without.paragraphs())


def test_unjustified_letter_is_refused_with_reason(cli, tmp_path):
    code, _, out = _letter(cli, tmp_path, "宁夏计算机学会.yaml")
    assert code == 1 and "当前无需发文" in out and "无需采取监管措施" in out
    code, _, out = _letter(cli, tmp_path, "宁夏水利学会.yaml", "--kind", "revocation")
    assert code == 1 and "不建议发出撤销团体会员资格的决定" in out and "--force" in out
    assert not (tmp_path / "letter.md").exists()


def test_forced_letter_is_recorded_as_against_the_recommendation(cli, tmp_path):
    code, text, out = _letter(cli, tmp_path, "宁夏水利学会.yaml", "--kind", "rectification", "--force")
    assert code == 0 and "# 宁夏科协关于责令宁夏水利学会限期整改的通知" in text
    assert "不采纳该建议" not in _body(text)  # not printed for the society …
    # … but said to the office and recorded in the history entry to append
    assert "本文书未采纳检查建议（建议为“建议对主要负责人进行工作约谈”）" in out
    assert "note: 未采纳检查建议（建议：建议对主要负责人进行工作约谈）" in out


def test_forced_letter_with_nothing_to_cite_is_refused(cli, tmp_path):
    code, _, out = _letter(cli, tmp_path, "宁夏计算机学会.yaml", "--kind", "interview", "--force")
    assert code == 1 and "不生成约谈通知：基准日没有可以列入公文的问题" in out
    assert not (tmp_path / "letter.md").exists()


def test_empty_contact_is_left_blank_and_said(cli, tmp_path):
    code, text, out = _letter(cli, tmp_path, "宁夏农学会.yaml")
    assert code == 0 and "0951" not in text  # no real-looking default number
    assert "（联系人：\\_\\_\\_\\_\\_\\_，电话：\\_\\_\\_\\_\\_\\_）" in text
    assert "附注中的联系人、电话为空，公文中留有空白待填写：请在 --issuer 文件中填写 contact_person、contact_phone" in out


def test_issuer_file_sets_each_kind(cli, tmp_path):
    issuer = tmp_path / "issuer.yaml"
    issuer.write_text(
        "contact_person: 马丽\ncontact_phone: 0951-6012345\n"
        "kinds:\n  rectification:\n    layout: file\n    doc_prefix: 宁科协发学字\n    cc: [自治区民政厅, 自治区科技厅]\n"
        "    title: '{short_name}关于|责令{name}|限期整改的通知'\n", encoding="utf-8")
    code, text, out = _letter(cli, tmp_path, "宁夏农学会.yaml", "--issuer", str(issuer))
    assert code == 0 and "宁科协发学字〔2026〕" in text and "**宁夏回族自治区科学技术协会文件**" in text
    assert "抄送：自治区民政厅，自治区科技厅。" in text and "（联系人：马丽，电话：0951-6012345）" in text
    assert "宁夏科协办公室　　2026年11月27日印发" in text  # 文件格式: 印发机关 and date in the 版记
    assert "附注中的联系人" not in out
    code, text, _ = _letter(cli, tmp_path, "宁夏水利学会.yaml", "--issuer", str(issuer))  # other kinds keep defaults
    assert code == 0 and "宁科协学函〔2026〕" in text and "抄送" not in text


@pytest.mark.parametrize(("content", "where"), [
    ("doc_prefx: x\n", "doc_prefx"),
    ("kinds:\n  interview:\n    title: '{short_name}关于{nmae}'\n", "kinds.interview.title"),
    ("kinds:\n  interview:\n    layout: 函\n", "kinds.interview.layout"),
    ("kinds:\n  visit: {}\n", "kinds.visit"),
])
def test_bad_issuer_file_is_named_by_line_and_field(cli, tmp_path, content, where):
    issuer = tmp_path / "issuer.yaml"
    issuer.write_text(content, encoding="utf-8")
    code, _, out = _letter(cli, tmp_path, "宁夏农学会.yaml", "--issuer", str(issuer))
    assert code == 2 and re.search(rf"issuer\.yaml:\d+:\d+: {re.escape(where)}: ", out), out
    if "nmae" in content:
        assert "未知的占位符 {nmae}：只能使用 {short_name}、{organ}、{name}、{year}" in out


def test_default_output_name_uses_the_society_id(cli, tmp_path):
    shutil.copy(SAMPLES / "宁夏农学会.yaml", tmp_path / "p.yaml")
    r = cli("letter", str(tmp_path / "p.yaml"), "--as-of", AS_OF, cwd=tmp_path)
    assert r.code == 0 and (tmp_path / "NX-S03-rectification.html").exists()


def test_wording_helpers():
    from compliance.letter_wording import cn_date, tidy

    assert cn_date(date(2025, 6, 5)) == "2025年6月5日"
    assert tidy("理事长 龚英 现年 73 周岁，于 2025-06-05 届满") == "理事长龚英现年73周岁，于2025年6月5日届满"
    assert tidy("“AI for Science 2025” 论坛") == "“AI for Science 2025”论坛"  # spaces between Latin words stay
    assert tidy("2025-13-40") == "2025-13-40"  # not a date: left as written


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("headless Chromium is needed for the print test: apt-get install chromium (.ci/run does it)")


def test_html_letter_prints_as_a4_in_chromium(cli, tmp_path):
    code, html, _ = _letter(cli, tmp_path, "宁夏农学会.yaml", fmt="html")
    assert code == 0
    assert "size: A4; margin: 37mm 26mm 35mm 28mm;" in html and "仿宋" in html
    assert 'content: "— " counter(page) " —"' in html  # page numbers in the page's margin boxes
    pdf = tmp_path / "letter.pdf"
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", (tmp_path / "letter.html").as_uri()],
                   capture_output=True, timeout=120, check=False)
    data = pdf.read_bytes()
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert boxes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)  # A4 in points


def test_html_escapes_names(cli, tmp_path):
    text = (SAMPLES / "宁夏农学会.yaml").read_text(encoding="utf-8").replace("name: 宁夏农学会", "name: 宁夏<script>x</script>学会", 1)
    f = tmp_path / "p.yaml"
    f.write_text(text, encoding="utf-8")
    out = tmp_path / "l.html"
    assert cli("letter", str(f), "--as-of", AS_OF, "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    out_md = tmp_path / "l.md"
    assert cli("letter", str(f), "--as-of", AS_OF, "-f", "md", "-o", str(out_md)).code == 0
    assert "<script>" not in out_md.read_text(encoding="utf-8")


def test_letter_never_overwrites_the_profile(cli, tmp_path):
    f = tmp_path / "p.yaml"
    shutil.copy(SAMPLES / "宁夏农学会.yaml", f)
    before = f.read_bytes()
    r = cli("letter", str(f), "--as-of", AS_OF, "-o", str(f))
    assert r.code == 2 and "拒绝写入" in r.err and f.read_bytes() == before
    assert list(tmp_path.iterdir()) == [f]  # no temporary file left beside it


def test_user_templates_run_in_the_sandbox(cli, tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "letter.html.j2").write_text("<h1>{{ letter.title }}</h1>{{ letter.__class__.__init__.__globals__ }}",
                                              encoding="utf-8")
    r = cli("letter", str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF, "--templates", str(templates),
            "-o", str(tmp_path / "l.html"))
    assert r.code == 2 and "SecurityError" in r.err
    (templates / "letter.html.j2").write_text("<h1>{{ letter.title }}</h1><p>{{ letter.recipient }}</p>", encoding="utf-8")
    r = cli("letter", str(SAMPLES / "宁夏农学会.yaml"), "--as-of", AS_OF, "--templates", str(templates),
            "-o", str(tmp_path / "l.html"))
    assert r.code == 0
    assert (tmp_path / "l.html").read_text(encoding="utf-8") == "<h1>宁夏科协关于责令宁夏农学会限期整改的通知</h1><p>宁夏农学会：</p>"


def test_society_id_cannot_carry_a_path(cli, tmp_path):
    text = (SAMPLES / "宁夏农学会.yaml").read_text(encoding="utf-8").replace("id: NX-S03", "id: ../../etc/x", 1)
    f = tmp_path / "p.yaml"
    f.write_text(text, encoding="utf-8")
    r = cli("letter", str(f), "--as-of", AS_OF, cwd=tmp_path)
    assert r.code == 2 and "society.id" in r.err
    assert list(tmp_path.iterdir()) == [f]
