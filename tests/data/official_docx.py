"""A 2021-format report as units write it in Word: the official tables with their merged cells,
label variants seen in published reports, an annotation inside a cell, a title on two lines.

Used by the import tests (python-docx builds the file at test time) and by make_report_pdf.py,
which turns the same document into tests/data/official-2021.pdf with LibreOffice, as units do.
`EXPECTED` is what an import must find, cell by cell.
"""

from __future__ import annotations

from decimal import Decimal

UNIT = "某某县某某局"
TITLE_LINES = ("某某县某某局2024年政府信息公开", "工作年度报告")
YEAR = 2024

T1 = {
    "regulations": (0, 0, 0),
    "normative": ("22（其中修订16件）", 3, 41),
    "licensing": 517,
    "penalty": 36,
    "coercion": 0,
    "fees": "4068.208",
}
# 表二 rows in the official order: C1..C6, CT (法人或其他组织 partly blank, as published)
T2 = {
    "R1": (20, 2, 0, 0, 1, None, 23), "R2": (3, 0, 0, 0, 0, None, 3),
    "L1": (10, 1, 0, 0, 0, None, 11), "L2": (2, 0, 0, 0, 0, None, 2),
    "L3_1": (0,) * 6 + (0,), "L3_2": (0,) * 7, "L3_3": (1, 0, 0, 0, 0, 0, 1), "L3_4": (0,) * 7,
    "L3_5": (1, 0, 0, 0, 0, 0, 1), "L3_6": (0,) * 7, "L3_7": (0,) * 7, "L3_8": (0,) * 7,
    "L4_1": (5, 1, 0, 0, 1, 0, 7), "L4_2": (0,) * 7, "L4_3": (0,) * 7,
    "L5_1": (1, 0, 0, 0, 0, 0, 1), "L5_2": (0,) * 7, "L5_3": (0,) * 7, "L5_4": (0,) * 7, "L5_5": (0,) * 7,
    "L6_1": (0,) * 7, "L6_2": (1, 0, 0, 0, 0, 0, 1), "L6_3": (0,) * 7,
    "R3": (21, 2, 0, 0, 1, 0, 24), "R4": (2, 0, 0, 0, 0, 0, 2),
}
T3 = {"RV": (2, 1, 0, 1, 4), "LD": (1, 0, 0, 0, 1), "LR": (0, 0, 0, 0, 0)}

# label variants (format-2021.md §4–5) printed instead of the official wording
VARIANTS = {
    "normative": "规范性文件",
    "L2": "（二）部分公开（区分处理的，只计这一情况，不计其他情形）",
    "L3_5": "5.属于三类内容事务信息",
    "L6_1": "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
    "fees_col": "本年收费金额(单位:万元)",
}

SECTIONS = {
    "s1": ("本年度报告中所列数据统计期限为2024年1月1日至12月31日。",
           "（一）主动公开。全年主动公开政府信息512条。",
           "（二）依申请公开。全年收到政府信息公开申请23件，上年结转3件。",
           "（三）政府信息管理。严格执行保密审查。",
           "（四）政府信息公开平台建设。优化门户网站栏目。",
           "（五）监督保障。2024年未发生责任追究情况。"),
    "s5": ("（一）2023年工作中存在问题的改进情况。已完善栏目设置。",
           "（二）存在的主要问题。政策解读形式单一。下一步将丰富解读形式。"),
    "s6": ("本年度发出收费通知1件，申请人逾期未缴纳，未实际收取信息处理费。",),
}
HEADINGS = {
    "s1": "一、总体情况", "s2": "二、主动公开政府信息情况", "s3": "三、收到和处理政府信息公开申请情况",
    "s4": "四、政府信息公开行政复议、行政诉讼情况", "s5": "五、存在的主要问题及改进情况", "s6": "六、其他需要报告的事项",
}


def expected_cells() -> dict:
    """Every cell of the document as the report must hold it."""
    out = {}
    for item, vals in (("regulations", T1["regulations"]), ("normative", (22, 3, 41))):
        for f, v in zip(("issued", "repealed", "in_force"), vals):
            out[f"t1.{item}.{f}"] = v
    out["t1.licensing.decisions"] = T1["licensing"]
    out["t1.penalty.decisions"] = T1["penalty"]
    out["t1.coercion.decisions"] = T1["coercion"]
    out["t1.fees.amount"] = Decimal(T1["fees"])
    for row, vals in T2.items():
        for c, v in zip(("C1", "C2", "C3", "C4", "C5", "C6", "CT"), vals):
            out[f"t2.{row}.{c}"] = v
    for g, vals in T3.items():
        for f, v in zip("MKOPS", vals):
            out[f"t3.{g}.{f}"] = v
    return out


def _east_asia(run, font: str = "仿宋_GB2312") -> None:
    # python-docx sets only the Latin slots; Word and WPS take Chinese glyphs from w:eastAsia
    from docx.oxml.ns import qn

    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def _para(doc, text: str, bold: bool = False, size: int | None = None, center: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    _east_asia(run, "方正小标宋简体" if size else "仿宋_GB2312")
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _cell(table, r: int, c: int, text, r2: int | None = None, c2: int | None = None):
    from docx.shared import Pt

    cell = table.cell(r, c)
    if r2 is not None or c2 is not None:
        cell = cell.merge(table.cell(r if r2 is None else r2, c if c2 is None else c2))
    cell.text = ""
    run = cell.paragraphs[0].add_run("" if text is None else str(text))
    run.font.size = Pt(9)
    _east_asia(run)
    return cell


def _t1(doc):
    t = doc.add_table(rows=14, cols=4)
    t.style = "Table Grid"
    _cell(t, 0, 0, "第二十条 第(一)项", c2=3)
    for c, label in enumerate(("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")):
        _cell(t, 1, c, label)
    for r, (item, label) in enumerate((("regulations", "规章"), ("normative", VARIANTS["normative"])), start=2):
        _cell(t, r, 0, label)
        for c, v in enumerate(T1[item], start=1):
            _cell(t, r, c, v)
    rows = ((4, "第二十条第（五）项", "本年处理决定数量", (("行政许可", T1["licensing"]),)),
            (7, "第二十条第（六）项", "本年处理决定数量", (("行政处罚", T1["penalty"]), ("行政强制", T1["coercion"]))),
            (11, "第二十条第（八）项", VARIANTS["fees_col"], (("行政事业性收费", T1["fees"]),)))
    for r0, title, col, items in rows:
        _cell(t, r0, 0, title, c2=3)
        _cell(t, r0 + 1, 0, "信息内容")
        _cell(t, r0 + 1, 1, col, c2=3)
        for i, (label, v) in enumerate(items):
            _cell(t, r0 + 2 + i, 0, label)
            _cell(t, r0 + 2 + i, 1, v, c2=3)


T2_LABELS = (
    ("R1", None, "一、本年新收政府信息公开申请数量"), ("R2", None, "二、上年结转政府信息公开申请数量"),
    ("L1", None, "（一）予以公开"), ("L2", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("L3_1", "（三）不予公开", "1.属于国家秘密"), ("L3_2", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("L3_3", "（三）不予公开", "3.危及“三安全一稳定”"), ("L3_4", "（三）不予公开", "4.保护第三方合法权益"),
    ("L3_5", "（三）不予公开", "5.属于三类内部事务信息"), ("L3_6", "（三）不予公开", "6.属于四类过程性信息"),
    ("L3_7", "（三）不予公开", "7.属于行政执法案卷"), ("L3_8", "（三）不予公开", "8.属于行政查询事项"),
    ("L4_1", "（四）无法提供", "1.本机关不掌握相关政府信息"), ("L4_2", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("L4_3", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("L5_1", "（五）不予处理", "1.信访举报投诉类申请"), ("L5_2", "（五）不予处理", "2.重复申请"),
    ("L5_3", "（五）不予处理", "3.要求提供公开出版物"), ("L5_4", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("L5_5", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("L6_1", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("L6_2", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("L6_3", "（六）其他处理", "3.其他"),
    ("R3", None, "（七）总计"), ("R4", None, "四、结转下年度继续办理"),
)


def _t2(doc):
    t = doc.add_table(rows=28, cols=10)
    t.style = "Table Grid"
    _cell(t, 0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", r2=2, c2=2)
    _cell(t, 0, 3, "申请人情况", c2=9)
    _cell(t, 1, 3, "自然人", r2=2)
    _cell(t, 1, 4, "法人或其他组织", c2=8)
    _cell(t, 1, 9, "总计", r2=2)
    for c, label in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), start=4):
        _cell(t, 2, c, label)
    _cell(t, 5, 0, "三、本年度办理结果", r2=26)
    groups = {}
    for i, (key, group, label) in enumerate(T2_LABELS):
        r = 3 + i
        label = VARIANTS.get(key, label)
        if key in ("R1", "R2", "R4"):
            _cell(t, r, 0, label, c2=2)
        elif group is None:
            _cell(t, r, 1, label, c2=2)
        else:
            groups.setdefault(group, []).append(r)
            _cell(t, r, 2, label)
        for c, v in enumerate(T2[key], start=3):
            _cell(t, r, c, v)
    for group, rows in groups.items():
        _cell(t, rows[0], 1, group, r2=rows[-1])


def _t3(doc):
    t = doc.add_table(rows=4, cols=15)
    t.style = "Table Grid"
    _cell(t, 0, 0, "行政复议", c2=4)
    _cell(t, 0, 5, "行政诉讼", c2=14)
    fields = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    for c, f in enumerate(fields):
        _cell(t, 1, c, f, r2=2)
    _cell(t, 1, 5, "未经复议直接起诉", c2=9)
    _cell(t, 1, 10, "复议后起诉", c2=14)
    for k in range(2):
        for c, f in enumerate(fields):
            _cell(t, 2, 5 + 5 * k + c, f)
    for g, (c0, vals) in zip(("RV", "LD", "LR"), ((0, T3["RV"]), (5, T3["LD"]), (10, T3["LR"]))):
        for c, v in enumerate(vals):
            _cell(t, 3, c0 + c, v)


FILLER = "本单位坚持以公开为常态、不公开为例外，围绕重点领域持续深化政府信息主动公开，及时回应社会关切。"


def build(path, extra_paragraphs: int = 0) -> None:
    """Write the report as a .docx at `path` (`extra_paragraphs` lengthen 一、总体情况, for
    benchmarks that need more pages)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc = docx.Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(1.8))
    for line in TITLE_LINES:
        _para(doc, line, bold=True, size=18, center=True)
    for key, heading in HEADINGS.items():
        _para(doc, heading, bold=True)
        for text in SECTIONS.get(key, ()):
            _para(doc, text)
        if key == "s1":
            for _ in range(extra_paragraphs):
                _para(doc, FILLER * 3)
        if key == "s2":
            _t1(doc)
        elif key == "s3":
            _t2(doc)
        elif key == "s4":
            _t3(doc)
    _para(doc, UNIT)
    _para(doc, "2025年1月20日")
    doc.save(str(path))
