"""`govreport convert report.xlsx report.docx|pdf|html` through the export registry, and
`--review` for the 审核情况说明; the notices (errors remaining, fonts) on stderr."""

from __future__ import annotations

import io
import zipfile

import pytest

from govreport_desktop import cli
from govreport_desktop.io import files
from govreport_desktop.io.export import fonts

needs_fonts = pytest.mark.skipif(fonts.find(("宋体",))[0] is None, reason="no CJK TrueType font")


@pytest.fixture
def county_xlsx(load_truth, tmp_path):
    path = tmp_path / "沭阳县2025.xlsx"
    files.save_report(load_truth("shuyang-county-2025"), path)
    return path


def pdf_text(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    return "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("suffix", [".docx", pytest.param(".pdf", marks=needs_fonts), ".html"])
def test_convert_exports_each_publication(county_xlsx, tmp_path, capsys, suffix):
    out = tmp_path / f"沭阳县2025{suffix}"
    assert cli.main(["convert", str(county_xlsx), str(out)]) == 0
    data = out.read_bytes()
    text = {".docx": docx_text, ".pdf": pdf_text, ".html": lambda d: d.decode("utf-8")}[suffix](data)
    assert "政府信息公开工作年度报告" in text and "四、政府信息公开行政复议、行政诉讼情况" in text
    assert "713" in text and "4068.208" in text                    # 表二 R1 总计, 表一 收费金额
    assert "审核情况说明" not in text
    assert "错误" not in capsys.readouterr().err                    # the county report has none


@pytest.mark.parametrize("suffix", [".docx", pytest.param(".pdf", marks=needs_fonts)])
def test_convert_review_writes_the_review_document(zhaohui, tmp_path, capsys, suffix):
    src = tmp_path / "朝晖街道2021.xlsx"
    files.save_report(zhaohui, src)
    out = tmp_path / f"审核情况说明{suffix}"
    assert cli.main(["convert", "--review", str(src), str(out)]) == 0
    text = (docx_text if suffix == ".docx" else pdf_text)(out.read_bytes())
    assert "审核情况说明" in text and "S01" in text and "X07" in text
    assert "一、总体情况" not in text                                  # not the report itself


def test_an_export_of_a_report_with_errors_says_so(zhaohui, tmp_path, capsys):
    src = tmp_path / "朝晖街道2021.xlsx"
    files.save_report(zhaohui, src)
    assert cli.main(["convert", str(src), str(tmp_path / "发布.html")]) == 0
    err = capsys.readouterr().err
    assert "govreport: 报告仍有 2 个错误" in err and "属于其他格式的栏目" in err


def test_review_as_a_web_page_or_workbook_is_refused(county_xlsx, tmp_path, capsys):
    assert cli.main(["convert", "--review", str(county_xlsx), str(tmp_path / "说明.html")]) == 2
    assert "不支持将审核情况说明导出为“.html”文件，可导出为：.docx、.pdf" in capsys.readouterr().err
    assert not (tmp_path / "说明.html").exists()
    assert cli.main(["convert", "--review", str(county_xlsx), str(tmp_path / "说明.xlsx")]) == 2
    assert not (tmp_path / "说明.xlsx").exists()
