"""The `pdf` letter format around its optional extra: a clear message without WeasyPrint or without a Chinese
font, and a user's template that cannot make the PDF read a file."""

from __future__ import annotations

import os
import sys

from tests.conftest import AS_OF, SAMPLES

PROFILE = str(SAMPLES / "宁夏农学会.yaml")


def test_without_the_extra_the_message_says_how_to_install_it(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # what `import weasyprint` meets when it is not installed
    out = tmp_path / "l.pdf"
    r = cli("letter", PROFILE, "--as-of", AS_OF, "-f", "pdf", "-o", str(out))
    assert r.code == 2 and "PDF 格式需要可选组件 WeasyPrint：pip install 'compliance[pdf]'" in r.err
    assert not out.exists()
    r = cli("letter", PROFILE, "--as-of", AS_OF, "-f", "pdf", "-o", str(out), "--lang", "en")
    assert r.code == 2 and "the pdf format needs the optional WeasyPrint: pip install 'compliance[pdf]'" in r.err


def test_without_a_chinese_font_no_pdf_of_boxes_is_written(cli, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "fc-list"
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")  # fontconfig knowing no font for Chinese
    fake.chmod(0o755)
    out = tmp_path / "l.pdf"
    r = cli("letter", PROFILE, "--as-of", AS_OF, "-f", "pdf", "-o", str(out),
            env={"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"})
    assert r.code == 2 and "没有找到中文字体" in r.err and "fonts-noto-cjk" in r.err
    assert not out.exists()


def test_a_template_cannot_make_the_pdf_read_a_file(cli, tmp_path):
    from pypdf import PdfReader

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-7f3a", encoding="utf-8")
    picture = tmp_path / "seal.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "letter.html.j2").write_text(
        f'<html><head><link rel="stylesheet" href="{secret.as_uri()}"><link rel="attachment" href="{secret.as_uri()}">'
        f'</head><body><h1>{{{{ letter.title }}}}</h1><img src="{picture.as_uri()}"><iframe src="{secret.as_uri()}">'
        "</iframe></body></html>", encoding="utf-8")
    out = tmp_path / "l.pdf"
    r = cli("letter", PROFILE, "--as-of", AS_OF, "-f", "pdf", "-o", str(out), "--templates", str(templates))
    assert r.code == 0, r.err
    pdf = PdfReader(str(out))
    assert pdf.attachments == {} and "SECRET-7f3a" not in "".join(p.extract_text() for p in pdf.pages)
    assert "宁夏科协关于责令宁夏农学会限期整改的通知" in pdf.pages[0].extract_text().replace("\n", "")
    assert not any(page.images for page in pdf.pages)  # no picture drawn
