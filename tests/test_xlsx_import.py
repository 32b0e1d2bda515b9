"""Workbooks made by other units: found by labels wherever they start, label variants, merged
headers, blank rows, text in number cells, 2019 / 2021 / mixed layouts, missing and extra rows."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from govreport_desktop.core.formats import FORMATS
from govreport_desktop.core.rules import check
from govreport_desktop.io import files, xlsx_read

T2_2021 = FORMATS["2021"].table["t2"]


class Sheet:
    """Writes rows at a shifted origin, with merges given relative to that origin."""

    def __init__(self, ws, row0: int, col0: int):
        self.ws, self.r, self.c0 = ws, row0, col0

    def row(self, values, merges=(), skip: int = 0):
        for j, v in enumerate(values):
            if v is not None:
                self.ws.cell(row=self.r, column=self.c0 + j, value=v)
        for (dr, c1, dr2, c2) in merges:
            self.ws.merge_cells(start_row=self.r + dr, start_column=self.c0 + c1,
                                end_row=self.r + dr2, end_column=self.c0 + c2)
        self.r += 1 + skip

    def blank(self, n: int = 1):
        self.r += n


def t2_rows_2021(values_of, single_l6=False, drop=(), variants=None):
    """表二 data rows as (labels, values, merges): an official-looking layout."""
    variants = variants or {}
    out = []
    rows = [r for r in T2_2021.rows if r.key not in drop]
    if single_l6:
        rows = [r for r in rows if not r.key.startswith("L6_")]
        idx = next(i for i, r in enumerate(rows) if r.key == "R3")
        rows.insert(idx, FORMATS["2019"].table["t2"].row["L6"])
    for r in rows:
        label = variants.get(r.key, r.label)
        vals = values_of(r.key)
        if r.key in ("R1", "R2", "R4"):
            out.append(([label, None, None, *vals], [(0, 0, 0, 2)]))
        elif r.group and r.group != "三、本年度办理结果":
            out.append(([None, r.group, label, *vals], []))
        else:
            out.append(([None, label, None, *vals], [(0, 1, 0, 2)]))
    return out


def build_foreign_2021(path, *, single_l6=True, drop=(), extra_blank=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年报"
    s = Sheet(ws, 3, 2)        # starts at B3, not A1
    s.row(["杭州市某某街道办事处2021年政府信息公开工作年度报告"], [(0, 0, 0, 9)], skip=1)
    s.row(["一、总体情况"])
    s.row(["2021年，本街道认真贯彻《条例》。本年度报告中所列数据统计期限为2021年1月1日至12月31日。"])
    s.row(["（一）主动公开"])
    s.row(["二、主动公开政府信息情况"])
    s.row(["第二十条第(一)项"], [(0, 0, 0, 3)])
    s.row(["信息内容", "本年制发\n件数", "本年废止件数", "现行有效件数"])
    s.row(["规章", 0, 0, 0])
    s.row(["规范性文件", "22（其中修订16件）", "/", 30])
    s.row(["第二十条第（五）项"], [(0, 0, 0, 3)])
    s.row(["信息内容", "本年处理决定数量"], [(0, 1, 0, 3)])
    s.row(["行政许可", 12])
    s.row(["第二十条第（六）项"], [(0, 0, 0, 3)])
    s.row(["信息内容", "本年处理决定数量"], [(0, 1, 0, 3)])
    s.row(["行政处罚", 3])
    s.row(["行政强制", 0])
    s.row(["第二十条第（八）项"], [(0, 0, 0, 3)])
    s.row(["信息内容", "本年收费金额(单位:万元)"], [(0, 1, 0, 3)])
    s.row(["行政事业性收费", 4068.208])
    s.blank()
    s.row(["三、收到和处理政府信息公开申请情"])           # truncated heading (S03)
    s.row(["本年共收到申请5件。"])
    s.blank()
    # 表二 header with merged cells, half-width note, column labels broken over lines
    s.row(["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", None, None, "申请人情况"],
          [(0, 0, 2, 2), (0, 3, 0, 9)])
    s.row([None, None, None, "自然人", "法人或其他组织", None, None, None, None, "总计"],
          [(0, 3, 1, 3), (0, 4, 0, 8), (0, 9, 1, 9)])
    s.row([None, None, None, None, "商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他"])

    def values(key):
        return {"R1": [4, 1, 0, 0, 0, 0, 5], "L1": [3, 1, 0, 0, 0, 0, 4], "R3": [4, 1, 0, 0, 0, 0, 5],
                "L4_1": [1, 0, 0, 0, 0, 0, 1]}.get(key, [0] * 7)

    variants = {"L2": "（二）部分公开（区分处理的,只计这一情况,不计其他情形）",
                "L3_1": "1、属于国家秘密", "L3_5": "5.属于三类内容事务信息",
                "L3_3": "3.危及「三安全一稳定」"}
    first = True
    for labels_, merges in t2_rows_2021(values, single_l6=single_l6, drop=drop, variants=variants):
        s.row(labels_, merges)
        if first and extra_blank:
            s.blank()          # an extra blank row inside the table
        first = False
    s.blank(2)
    s.row(["四、政府信息公开行政复议、行政诉讼情况"])
    s.row(["行政复议", None, None, None, None, "行政诉讼"], [(0, 0, 0, 4), (0, 5, 0, 14)])
    fields = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    s.row([*fields, "未经复议直接起诉", None, None, None, None, "复议后起诉"],
          [(0, j, 1, j) for j in range(5)] + [(0, 5, 0, 9), (0, 10, 0, 14)])
    s.row([None] * 5 + fields + fields)
    s.row([1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    s.row(["注：行政复议、行政诉讼数量含上年度结转数量"])
    s.blank()
    s.row(["五、存在的主要问题及整改措施"])                 # a known variant (S03)
    s.row(["一是问题。下一步改进。2020年问题已整改。"])
    s.row(["六、其他需要报告的事项"])
    s.row(["本年度未收取信息处理费。"])
    wb.save(path)


@pytest.fixture
def foreign(tmp_path):
    path = tmp_path / "其他单位.xlsx"
    build_foreign_2021(path)
    return files.open_report(path)


def test_foreign_workbook_meta_and_texts(foreign):
    r = foreign.report
    assert (r.format, r.year, r.unit, r.unit_kind) == ("2021", 2021, "杭州市某某街道办事处", "township")
    assert r.title == "杭州市某某街道办事处2021年政府信息公开工作年度报告"
    assert r.sections["s1"].startswith("2021年，本街道认真贯彻") and r.sections["s1"].endswith("（一）主动公开")
    assert r.sections["s3"] == "本年共收到申请5件。"
    assert r.sections["s5"] == "一是问题。下一步改进。2020年问题已整改。"
    assert r.sections["s6"] == "本年度未收取信息处理费。"
    assert r.sections["s4"] == ""


def test_foreign_workbook_tables(foreign):
    c = foreign.report.cells
    assert c["t1.regulations.issued"] == 0 and c["t1.normative.in_force"] == 30
    assert c["t1.normative.issued"] == 22 and c["t1.normative.repealed"] is None
    assert c["t1.licensing.decisions"] == 12 and c["t1.penalty.decisions"] == 3
    assert c["t1.fees.amount"] == Decimal("4068.208")
    assert [c[f"t2.R1.{k}"] for k in ("C1", "C2", "C3", "C4", "C5", "C6", "CT")] == [4, 1, 0, 0, 0, 0, 5]
    assert c["t2.L4_1.CT"] == 1 and c["t2.L2.C1"] == 0 and c["t2.L3_5.CT"] == 0
    assert c["t2.L6.CT"] == 0                      # the stale single row is kept (mixed report)
    assert c["t2.L6_1.C1"] is None
    assert [c[f"t3.RV.{k}"] for k in "MKOPS"] == [1, 0, 0, 1, 2]
    assert c["t3.LR.S"] == 0


def test_foreign_workbook_findings(foreign):
    by_id = {p.id: p for p in foreign.findings}
    assert by_id["V03@t1.normative.issued"].message == \
        "表一 行政规范性文件·本年制发件数原为“22（其中修订16件）”：已取数值 22，文字移入备注"
    assert by_id["V03@t1.normative.repealed"].message == "表一 行政规范性文件·本年废止件数原为“/”：无数值，按空白读入"
    assert foreign.report.notes["t1.normative.issued"] == "22（其中修订16件）"
    assert by_id["S04@t1.normative"].message == "表一标签“规范性文件”与规范标签“行政规范性文件”不一致，已按规范标签读入"
    assert by_id["S04@t2.L2"].message.startswith("表二标签“（二）部分公开（区分处理的,只计这一情况")
    assert "S04@t2.L3_5" in by_id
    assert "S04@t2.L3_1" not in by_id and "S04@t2.L3_3" not in by_id     # only spelling differs
    assert "S04@t2.C2" not in by_id                                       # line break only
    assert by_id["S03@s3"].message == "标题“三、收到和处理政府信息公开申请情”与规范标题“三、收到和处理政府信息公开申请情况”不一致，已按规范标题读入"
    assert "S03@s5" in by_id
    assert "S05@t2" not in by_id           # the checker reports the mixed 表二 itself
    rules = {p.id for p in check(foreign.report)}
    assert {"S01@format", "S05@t2"} <= rules


def test_2021_layout_with_missing_row_and_no_blank_rows(tmp_path):
    path = tmp_path / "缺行.xlsx"
    build_foreign_2021(path, single_l6=False, drop=("L3_8",), extra_blank=False)
    loaded = files.open_report(path)
    s05 = next(p for p in loaded.findings if p.id == "S05@t2")
    assert s05.message == "表二结构与2021年格式不符：缺少“8.属于行政查询事项”"
    assert loaded.report.cells["t2.L3_8.C1"] is None
    assert loaded.report.notes["t2.L3_8.C1"] == "原表未填"
    assert any("8.属于行政查询事项" in n and "年报" in n for n in loaded.notices)
    assert not loaded.report.foreign_paths()


def build_foreign_2019(path):
    wb = openpyxl.Workbook()
    ws1 = wb.active
    ws1.title = "表一"
    s = Sheet(ws1, 2, 1)
    s.row(["某某县教育局2020年政府信息公开工作年度报告"])
    s.row(["二、主动公开政府信息情况"])
    s.row(["第二十条 第(一)项"], [(0, 0, 0, 3)])
    s.row(["信息内容", "本年新\n制作数量", "本年新公开数量", "对外公开总数量"])
    s.row(["规章", 0, 0, 0])
    s.row(["行政规范性文件", 2, 2, 10])
    s.row(["其他主动公开文件", 9, 9, 9])
    for title, items in (("第二十条第（五）项", ("行政许可", "其他对外管理服务事项")),
                         ("第二十条第（六）项", ("行政处罚", "行政强制"))):
        s.row([title], [(0, 0, 0, 3)])
        s.row(["信息内容", "上一年项目数量", "本年增\\减", "处理决定数量"])
        for item in items:
            s.row([item, 5, -1, 40])
    s.row(["第二十条第（八）项"], [(0, 0, 0, 3)])
    s.row(["信息内容", "上一年项目数量", "本年增/减"])
    s.row(["行政事业性收费", 3, 0])
    s.row(["第二十条第（九）项"], [(0, 0, 0, 3)])
    s.row(["信息内容", "采购项目数量", "采购总金额"])
    s.row(["政府集中采购", 4, "251000元"])
    ws2 = wb.create_sheet("表二")
    s = Sheet(ws2, 1, 1)
    s.row([labels_2019_note := "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None, None, "申请人情况"])
    s.row([None, None, None, "自然人", "法人或其他组织", None, None, None, None, "总计"])
    s.row([None, None, None, None, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    assert labels_2019_note
    for labels_, merges in t2_rows_2021(lambda k: [1, 0, 0, 0, 0, 0, 1] if k in ("R1", "L6", "R3") else [0] * 7,
                                        single_l6=True):
        s.row(labels_, merges)
    wb.save(path)


def test_2019_workbook(tmp_path):
    path = tmp_path / "2019.xlsx"
    build_foreign_2019(path)
    loaded = files.open_report(path)
    r = loaded.report
    assert (r.format, r.year, r.unit, r.unit_kind) == ("2019", 2020, "某某县教育局", "department")
    c = r.cells
    assert c["t1.normative.made"] == 2 and c["t1.normative.total"] == 10
    assert c["t1.licensing.change"] == -1 and c["t1.other_services.decisions"] == 40
    assert c["t1.fees.prev_items"] == 3 and c["t1.procurement.items"] == 4
    assert c["t1.procurement.amount"] == Decimal(251000) and r.t1_units == {"procurement.amount": "元"}
    assert c["t2.L6.C1"] == 1 and c["t2.R3.CT"] == 1
    assert not r.foreign_paths()
    by_id = {p.id: p for p in loaded.findings}
    assert by_id["S05@t1"].message == "表一结构与2019年格式不符：多出“其他主动公开文件”"
    assert "表一原有栏目“其他主动公开文件”" in r.sections["s2"] and "9" in r.sections["s2"]
    assert by_id["S04@t1.normative"].message == "表一标签“行政规范性文件”与规范标签“规范性文件”不一致，已按规范标签读入"
    assert "S04@t1.change" not in by_id          # 本年增\减 is a spelling difference
    assert "V03@t1.procurement.amount" in by_id
    assert not any(p.rule == "V06" for p in check(r))
    assert any("未在工作簿中找到表三" in n for n in loaded.notices)


def test_blank_cells_stay_blank(tmp_path):
    path = tmp_path / "blank.xlsx"
    build_foreign_2021(path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == 12:          # 行政许可
                cell.value = None
            if cell.value == 3 and cell.column == 3:
                cell.value = "  "
    wb.save(path)
    c = files.open_report(path).report.cells
    assert c["t1.licensing.decisions"] is None and c["t1.penalty.decisions"] is None


def test_openpyxl_backend_reads_the_same(tmp_path):
    path = tmp_path / "f.xlsx"
    build_foreign_2021(path)
    a = xlsx_read.read(path, backend="calamine")
    b = xlsx_read.read(path, backend="openpyxl")
    assert a.report.cells == b.report.cells
    assert [p.id for p in a.findings] == [p.id for p in b.findings]


def test_workbook_without_a_report_is_refused(tmp_path):
    path = tmp_path / "名单.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "姓名"
    wb.active["B1"] = "电话"
    wb.save(path)
    with pytest.raises(Exception) as e:
        files.open_report(path)
    assert "不像是政府信息公开工作年度报告" in str(e.value)


def test_numbers_out_of_range_become_blank_with_a_note(tmp_path):
    path = tmp_path / "大数.xlsx"
    build_foreign_2021(path)
    wb = openpyxl.load_workbook(path)
    for row in wb.active.iter_rows():
        for cell in row:
            if cell.value == 12:                  # 行政许可
                cell.value = 1e300
    wb.save(path)
    loaded = files.open_report(path)
    assert loaded.report.cells["t1.licensing.decisions"] is None
    assert "V03@t1.licensing.decisions" in {p.id for p in loaded.findings}
    check(loaded.report)                          # the checker copes with what was read
