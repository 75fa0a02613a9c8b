"""Letters: content of each ladder step's document, refusal and --force, HTML printed as A4, DOCX read back."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import AS_OF, SAMPLES

POLICY = "《宁夏科协关于加强新时代学会工作的意见》（宁科协发学字〔2024〕10号）"


def _letter(cli, tmp_path, name: str, *extra: str, fmt: str = "md") -> tuple[int, str, str]:
    out = tmp_path / f"letter.{fmt}"
    r = cli("letter", str(SAMPLES / name), "--as-of", AS_OF, "-f", fmt, "-o", str(out), *extra)
    text = out.read_text(encoding="utf-8") if out.exists() and fmt != "docx" else ""
    return r.code, text, r.out + r.err


def test_interview_letter(cli, tmp_path):
    code, text, out = _letter(cli, tmp_path, "宁夏水利学会.yaml")
    assert code == 0
    assert "# 宁夏科协关于对宁夏水利学会主要负责人进行工作约谈的通知" in text
    assert POLICY in text and "第7条“对内部治理不规范、活力不足的学会，将对主要负责人进行工作约谈”" in text
    assert "1. 理事长" in text and "（《意见》第4条）" in text
    assert "因故不能参加的，须提前书面说明并经同意后委托其他负责人参加。" in text
    assert text.rstrip().endswith("印发") and "特此通知。" in text
    assert "须经宁夏科协研究决定" in text  # it recommends; the association decides
    assert "kind: 约谈" in out and "date: 2026-11-27" in out  # the history entry to append


def test_rectification_letter_has_deadline_and_requirements(cli, tmp_path):
    code, text, out = _letter(cli, tmp_path, "宁夏农学会.yaml")
    assert code == 0
    assert "关于责令宁夏农学会限期整改的通知" in text
    assert "自收到本通知之日起180日内（于2027年5月26日前）完成整改" in text
    assert "（一）按党章规定向上级党组织申请成立党支部" in text
    assert "逾期未整改或整改后仍无明显改进的，将给予年度工作报告前置审查不通过处理。" in text
    assert "deadline: 2027-05-26" in out


def test_prereview_letter_recalls_the_order(cli, tmp_path):
    code, text, _ = _letter(cli, tmp_path, "宁夏林学会.yaml")
    assert code == 0
    assert "宁夏林学会2025年度工作报告前置审查不通过的通知" in text
    assert re.search(r"《关于责令宁夏林学会限期整改的通知》（宁科协学函〔2026〕\d+号）", text)
    assert "2026年8月7日前完成整改" in text and "逾期 540 天未换届" in text


def test_revocation_decision(cli, tmp_path):
    code, text, out = _letter(cli, tmp_path, "宁夏地质学会.yaml", "--doc-no", "12")
    assert code == 0
    assert "宁夏科协关于撤销宁夏地质学会团体会员资格的决定" in text and "宁科协学函〔2026〕12号" in text
    assert "2024、2025 年度评价均为 C 等次" in text
    assert "决定撤销宁夏地质学会宁夏科协团体会员资格" in text and "特此决定。" in text
    assert "不得以宁夏科协团体会员名义开展活动" in text and "抄送：自治区民政厅。" in text
    assert "doc_no: 宁科协学函〔2026〕12号" in out


def test_unjustified_letter_is_refused_with_reason(cli, tmp_path):
    code, _, out = _letter(cli, tmp_path, "宁夏计算机学会.yaml")
    assert code == 1 and "当前无需发文" in out and "无需采取监管措施" in out
    code, _, out = _letter(cli, tmp_path, "宁夏水利学会.yaml", "--kind", "revocation")
    assert code == 1 and "不建议发出撤销团体会员资格的决定" in out and "--force" in out
    assert not (tmp_path / "letter.md").exists()


def test_forced_letter_says_so(cli, tmp_path):
    code, text, _ = _letter(cli, tmp_path, "宁夏水利学会.yaml", "--kind", "rectification", "--force")
    assert code == 0 and "不采纳该建议" in text and "关于责令宁夏水利学会限期整改的通知" in text


def test_issuer_file_overrides_defaults(cli, tmp_path):
    issuer = tmp_path / "issuer.yaml"
    issuer.write_text("doc_prefix: 宁科协学字\ncc: [自治区民政厅, 自治区科技厅]\ncontact_phone: 0951-1234567\n",
                      encoding="utf-8")
    code, text, _ = _letter(cli, tmp_path, "宁夏农学会.yaml", "--issuer", str(issuer))
    assert code == 0 and "宁科协学字〔2026〕" in text and "自治区科技厅" in text and "0951-1234567" in text
    issuer.write_text("doc_prefx: x\n", encoding="utf-8")
    code, _, out = _letter(cli, tmp_path, "宁夏农学会.yaml", "--issuer", str(issuer))
    assert code == 2 and "doc_prefx" in out


def test_docx_reads_back(cli, tmp_path):
    from docx import Document

    code, _, _ = _letter(cli, tmp_path, "宁夏林学会.yaml", fmt="docx")
    assert code == 0
    doc = Document(str(tmp_path / "letter.docx"))
    paras = [p.text for p in doc.paragraphs if p.text]
    assert "宁夏回族自治区科学技术协会文件" in paras
    assert "宁夏科协关于宁夏林学会2025年度工作报告前置审查不通过的通知" in paras
    assert any(p.startswith("1. ") for p in paras) and "特此通知。" in paras
    assert paras[-1].endswith("印发")
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.top_margin.mm) == 37


def test_default_output_name_uses_the_society_id(cli, tmp_path):
    shutil.copy(SAMPLES / "宁夏农学会.yaml", tmp_path / "p.yaml")
    r = cli("letter", str(tmp_path / "p.yaml"), "--as-of", AS_OF, cwd=tmp_path)
    assert r.code == 0 and (tmp_path / "NX-S03-rectification.html").exists()


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("headless Chromium is needed for the print test: apt-get install chromium (.ci/run does it)")


def test_html_letter_prints_as_a4_in_chromium(cli, tmp_path):
    code, html, _ = _letter(cli, tmp_path, "宁夏农学会.yaml", fmt="html")
    assert code == 0
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in html and "仿宋" in html
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
