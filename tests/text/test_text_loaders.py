"""Loading .docx, .html and .pdf files, dispatch by extension, and every damaged-file error."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from annotator.core.errors import InputError
from annotator.text import LOADERS, SUPPORTED_EXTENSIONS, LoadedText, load_file
from annotator.text.loaders import FORMATS

# --- dispatch ---------------------------------------------------------------------------------------


def test_registry_covers_every_supported_extension() -> None:
    assert set(SUPPORTED_EXTENSIONS) == set(LOADERS) == set(FORMATS)
    assert {".txt", ".text", ".docx", ".html", ".htm", ".md", ".markdown", ".pdf"} <= set(
        SUPPORTED_EXTENSIONS
    )
    assert set(FORMATS.values()) == {"txt", "md", "docx", "html", "pdf"}
    with pytest.raises(TypeError):
        LOADERS[".rtf"] = LOADERS[".txt"]  # type: ignore[index]


@pytest.mark.parametrize("name", ["judgment.rtf", "judgment.doc", "judgment", "archive.txt.zip"])
def test_unknown_extension(write, name) -> None:
    path = write(name, "本院认为".encode())
    with pytest.raises(InputError) as err:
        load_file(path)
    assert name in str(err.value)
    assert "cannot be imported" in str(err.value)
    assert ".docx" in str(err.value)


def test_loaded_text_is_frozen(write) -> None:
    loaded = load_file(write("a.txt", "数据权益".encode()))
    assert isinstance(loaded, LoadedText)
    with pytest.raises(AttributeError):
        loaded.text = "x"  # type: ignore[misc]


# --- docx -------------------------------------------------------------------------------------------


def _docx_bytes(title: str | None = None) -> bytes:
    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    document.add_heading("某科技公司诉某网络公司不正当竞争纠纷案", level=1)
    document.add_paragraph("原告诉称，被告的软件擅自抓取其平台用户数据。")
    table = document.add_table(rows=3, cols=3)
    rows = [
        ("证据", "内容", "证明目的"),
        ("证据一", "公证书", "被告实施了抓取行为"),
        ("证据二", "", "合理费用"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("本院认为，被告的行为构成不正当竞争。")
    merged = document.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "合并单元格"
    merged.cell(0, 2).text = "末列"
    document.add_paragraph("判决如下：")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_reading_order(write) -> None:
    loaded = load_file(write("案例.docx", _docx_bytes()))
    assert loaded.text.split("\n") == [
        "某科技公司诉某网络公司不正当竞争纠纷案",
        "原告诉称，被告的软件擅自抓取其平台用户数据。",
        "证据\t内容\t证明目的",
        "证据一\t公证书\t被告实施了抓取行为",
        "证据二\t\t合理费用",
        "本院认为，被告的行为构成不正当竞争。",
        "合并单元格\t末列",
        "判决如下：",
    ]
    assert loaded.source_format == "docx"
    assert loaded.encoding is None
    assert loaded.title == "案例"


def test_docx_title_from_core_properties(write) -> None:
    assert load_file(write("a.docx", _docx_bytes("数据权益案判决书"))).title == "数据权益案判决书"
    assert load_file(write("b.docx", _docx_bytes("   "))).title == "b"


def _rezip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    dst.writestr(info, replace[info.filename])
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()


@pytest.mark.parametrize(
    ("label", "make", "expected"),
    [
        ("not-a-zip", lambda good: "这不是Word文件".encode() * 20, "not a zip archive"),
        ("truncated", lambda good: good[: len(good) // 2], "truncated"),
        ("no-document-xml", lambda good: _rezip(good, {"word/document.xml": None}), "word/document.xml"),
        (
            "broken-xml",
            lambda good: _rezip(good, {"word/document.xml": b"<w:document><broken"}),
            "could not be read",
        ),
        ("old-doc", lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old-style Word .doc"),
        ("empty", lambda good: b"", "not a zip archive"),
    ],
)
def test_damaged_docx(write, label, make, expected) -> None:
    name = f"{label}.docx"
    with pytest.raises(InputError) as err:
        load_file(write(name, make(_docx_bytes())))
    assert name in str(err.value)
    assert expected in str(err.value)


def test_docx_without_text_is_empty(write) -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(InputError, match="is empty"):
        load_file(write("blank.docx", buffer.getvalue()))


# --- html -------------------------------------------------------------------------------------------

HTML_GB = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>  数据权益纠纷案
 评析 </title>
<style>p { color: red; } .隐藏 { display: none }</style>
<script type="text/javascript">var secret = "脚本里的文字不应出现"; if (a < b && c > d) {}</script>
</head>
<body>
<h1>裁判要旨</h1>
<p>本院认为，数据资源系经营者长期投入
积累而成，应当受到保护。</p>
<p>条文：&lt;反不正当竞争法&gt;第二条 &amp; 第十二条&nbsp;规定&#x3002;无效引用&#0;与&bogus;保持原样</p>
<div>第一行<br>第二行<br/>第三行</div>
<ul><li>停止侵权</li><li>赔偿损失</li></ul>
<table><tr><th>项目</th><th>金额</th></tr><tr><td>经济损失</td><td>50万元</td></tr></table>
<noscript>请启用脚本</noscript>
<!-- 注释不应出现 -->
</body></html>
"""


def test_html_visible_text_with_paragraphs(write) -> None:
    loaded = load_file(write("page.html", HTML_GB.encode("gb18030")))
    assert loaded.encoding == "gb18030"
    assert loaded.source_format == "html"
    assert loaded.title == "数据权益纠纷案评析"
    assert loaded.text.split("\n") == [
        "裁判要旨",
        # The source line break between two CJK characters is not a space on the page.
        "本院认为，数据资源系经营者长期投入积累而成，应当受到保护。",
        # &#0; is not a character: it becomes U+FFFD; an unknown entity stays as written.
        "条文：<反不正当竞争法>第二条 & 第十二条 规定。无效引用\ufffd与&bogus;保持原样",
        "第一行",
        "第二行",
        "第三行",
        "停止侵权",
        "赔偿损失",
        "项目\t金额",
        "经济损失\t50万元",
    ]
    for hidden in ("脚本", "color", "请启用", "注释"):
        assert hidden not in loaded.text
    assert loaded.warnings == []


def test_html_without_charset_is_detected_and_head_may_be_unclosed(write) -> None:
    page = (
        "<html><head><title>判决</title><p>被告辩称，其抓取的数据均为公开数据，不构成侵权。</p><p>第二段</p>"
    )
    loaded = load_file(write("legacy.HTM", page.encode("utf-8")))
    assert loaded.text == "被告辩称，其抓取的数据均为公开数据，不构成侵权。\n第二段"
    assert loaded.title == "判决"


def test_html_with_a_wrong_charset_declaration_falls_back(write) -> None:
    page = '<meta charset="utf-8"><p>' + "本院认为，被告的行为构成不正当竞争，应当承担赔偿责任。" * 3 + "</p>"
    loaded = load_file(write("wrong.html", page.encode("gb18030")))
    assert loaded.encoding == "gb18030"
    assert "本院认为" in loaded.text
    assert any("declares the encoding" in w for w in loaded.warnings)


def test_html_pre_keeps_its_line_breaks_and_untitled_page_uses_file_name(write) -> None:
    page = "<body><pre>第一行\n  缩进的第二行</pre><p>后文</p></body>"
    loaded = load_file(write("pre.html", page.encode("utf-8")))
    assert loaded.text == "第一行\n  缩进的第二行\n后文"
    assert loaded.title == "pre"


def test_html_that_is_binary_or_only_markup(write) -> None:
    with pytest.raises(InputError, match="not a text file") as err:
        load_file(write("image.html", b'<meta charset="gbk">' + b"\x00\x01\x02" * 10))
    assert "image.html" in str(err.value)
    with pytest.raises(InputError, match="is empty") as err:
        load_file(write("shell.html", b"<html><head><script>x()</script></head><body> </body></html>"))
    assert "shell.html" in str(err.value)


# --- pdf --------------------------------------------------------------------------------------------


def test_pdf_with_chinese_text(write, make_pdf) -> None:
    pdf = make_pdf(
        [
            ["本院认为，被告擅自抓取用户数据的行为构成不正当竞争。", "判决如下：被告赔偿原告经济损失。"],
            ["第二页：数据携带权与平台的数据权益。"],
        ]
    )
    loaded = load_file(write("judgment.PDF", pdf))
    assert loaded.source_format == "pdf"
    assert loaded.encoding is None
    assert loaded.text == (
        "本院认为，被告擅自抓取用户数据的行为构成不正当竞争。\n判决如下：被告赔偿原告经济损失。"
        "\n\n第二页：数据携带权与平台的数据权益。"
    )
    assert loaded.warnings == []


def test_pdf_with_an_image_only_page_warns(write, make_pdf) -> None:
    loaded = load_file(write("mixed.pdf", make_pdf([["第一页有文字。"], [], ["第三页也有文字。"]])))
    assert loaded.text == "第一页有文字。\n\n第三页也有文字。"
    assert any("1 of 3 pages" in w for w in loaded.warnings)


def test_pdf_without_text_may_be_scanned(write, make_pdf) -> None:
    with pytest.raises(InputError, match="scanned image") as err:
        load_file(write("scan.pdf", make_pdf([[], []])))
    assert "scan.pdf" in str(err.value)


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("garbage", b"%PDF-1.7\n" + bytes(range(256)) * 8),
        ("no-header", "这只是改了扩展名的文本".encode() * 10),
        ("empty", b""),
    ],
)
def test_corrupt_pdf(write, label, data) -> None:
    name = f"{label}.pdf"
    with pytest.raises(InputError) as err:
        load_file(write(name, data))
    assert name in str(err.value)
    assert "PDF" in str(err.value)


def test_truncated_pdf(write, make_pdf) -> None:
    pdf = make_pdf([["本院认为，被告的行为构成不正当竞争。"]])
    with pytest.raises(InputError, match="damaged") as err:
        load_file(write("truncated.pdf", pdf[: len(pdf) // 3]))
    assert "truncated.pdf" in str(err.value)
