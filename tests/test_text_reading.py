"""X01–X04 read sentences: a number is compared with the figure its clause says it counts, and
only then. The sentences marked “real” are quoted in issue 13 from published reports; the
others are constructed in the phrasings reports use. Tables: the 沭阳县 2025 report (R1 713,
R2 36, R3 718, R4 31; 予以公开 294, 部分公开 101, 不予公开 32, 无法提供 113, 不予处理 19,
其他处理 159; 表三 复议 61, 直接起诉 3, 复议后起诉 10)."""

from decimal import Decimal

import pytest
from text_corpus import COMMISSION_SENTENCE, commission

from govreport_desktop.core.rules import check
from govreport_desktop.core.rules.crosscheck import percent_agrees
from govreport_desktop.core.rules.reading import read

X = ("X01", "X02", "X03", "X04")


@pytest.fixture
def county(load_truth):
    return load_truth("shuyang-county-2025")


def text_warnings(report, s3="", s4=""):
    report.sections["s3"], report.sections["s4"] = s3, s4
    return [p.message for p in check(report) if p.rule in X]


# ---------------------------------------------------------------- the real sentences of issue 13

def test_real_category_list_after_banjie_is_not_the_total():
    """“办结…中同意公开答复9件…”: every figure agrees with 表二 category by category (real)."""
    rep = commission()
    assert [p for p in check(rep) if p.rule in X] == []
    readings = [(m.kind, m.what, m.n) for m in read(COMMISSION_SENTENCE, 2024)]
    assert readings == [("category", ("予以公开",), 9), ("category", ("部分公开",), 0),
                        ("category", ("不予公开",), 2), ("category", ("无法提供",), 10),
                        ("category", ("不予处理",), 0), ("category", ("其他处理",), 14),
                        ("carried_out", (), 1)]


def test_real_category_list_with_a_wrong_category_warns_about_that_category_and_the_sum():
    rep = commission()
    rep.cells["t2.L4_1.C1"] = rep.cells["t2.L4_1.CT"] = 11     # 表二 无法提供 11, （七）总计 36
    for c in ("C1", "CT"):
        rep.cells[f"t2.R3.{c}"] = 36
        rep.cells[f"t2.R4.{c}"] = 0
    messages = [p.message for p in check(rep) if p.rule in X]
    assert messages == [   # catalogue order: X02, then X03
        "正文称结转 1 件，表二 结转下年度·总计 = 0，相差 1（原文：“…转下一年度办理答复的有1件”）",
        "正文称无法提供 10 件，表二 无法提供合计 11 件，相差 1（原文：“…无法提供的10件…”）",
        "正文所列各类之和 35 不等于 办理结果总计 36，相差 1（原文：“同意公开答复9件……其他处理14件”）"]
    assert not any("办结" in m for m in messages)


def test_real_county_sentence_reads_total_parts_and_carry_over(county):
    s = ("全县全年共受理政府信息公开申请749件，其中自然人申请741件，法人或其他组织申请8件；共办理718件，"
         "结转下一年31件。依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件74件。")
    assert [(m.kind, m.n) for m in read(s, 2025)] == [("received", 749), ("handled", 718), ("carried_out", 31)]
    assert text_warnings(county, s3=s) == []
    assert text_warnings(county, s3=s.replace("共办理718件", "共办理719件")) == [
        "正文称办结 719 件，表二 办理结果总计·总计 = 718，相差 1（原文：“…共办理719件…”）"]


# ---------------------------------------------------------------- what a sentence is read as

@pytest.mark.parametrize("sentence, readings", [
    ("本年度受理政府信息公开申请113件，其中当面申请7件、信函申请3件、网络申请103件；上年结转申请5件。",
     [("received", 113), ("carried_in", 5)]),
    ("办理结果：予以公开64件，部分公开5件，结转下年度继续办理2件。",
     [("category", 64), ("category", 5), ("carried_out", 2)]),
    ("同意公开的28件，部分同意公开的3件，不同意公开的1件。", [("category", 28), ("category", 3), ("category", 1)]),
    ("2025年1月至12月共受理政府信息公开申请19件，办结19件，办结率100%。", [("received", 19), ("handled", 19)]),
    ("我县政府信息公开申请总量为749件，同比增长30%。", [("received", 749)]),
    ("新收政府信息公开申请量为36件。", [("new", 36)]),
    ("上一年度结转的2件申请已全部办结。结转至下一年度的申请1件。", [("carried_in", 2), ("carried_out", 1)]),
    ("因政府信息公开被申请行政复议2件，结果维持1件，尚在审理中1件；被提起行政诉讼3件，其中结果纠正1件。",
     [("appeal", 2), ("appeal", 3)]),
    ("申请人撤回申请2件，信息不存在的16件，非本机关负责公开的3件。", []),
    ("全年主动公开政府信息3215条，其中政策文件45件，政策解读32篇。", []),
    ("全年共办理各类事项12000件，办理人大代表建议和政协提案共56件，收到网民留言320件。", []),
    ("2025年1-6月受理申请10件。", []),
    ("共受理申请1,295件，办结７１３件。", [("received", 1295), ("handled", 713)]),
])
def test_what_each_number_is_read_as(sentence, readings):
    assert [(m.kind, m.n) for m in read(sentence, 2025)] == readings


def test_partly_agreed_is_partly_disclosed_not_disclosed():
    assert [m.what for m in read("部分同意公开的3件，不同意公开的1件。", 2025)] == [("部分公开",), ("不予公开",)]


# ---------------------------------------------------------------- phrasings that agree with the tables

@pytest.mark.parametrize("s3", [
    "本年度新收政府信息公开申请七百一十三件，上年结转三十六件。",
    "累计受理申请749件（含上年结转36件），合计办结718件，结转下年度继续办理31件。",
    "受理政府信息公开申请，共计749件。",
    "其中：予以公开294件；部分公开101件；不予公开32件；无法提供113件；不予处理19件；其他处理159件。",
    "予以公开及部分公开395件，不予公开、无法提供分别为32件、113件。",
    "予以公开（含部分公开）395件，占55.0%。",
    "予以公开294件，占40.9%；部分公开101件（占比14.1%）。",
    "予以公开294件，占41%。",
    "不予公开32件，其中属于国家秘密0件；无法提供中本机关不掌握相关政府信息的111件。",
    "办结的申请中，依法不予公开三十二件。",
])
def test_phrasings_that_agree_raise_nothing(county, s3):
    assert text_warnings(county, s3=s3) == []
    assert read(s3, 2025), "the sentence was read, not skipped"


@pytest.mark.parametrize("s4", ["行政复议61件，行政诉讼13件。", "行政复议和行政诉讼案件共74件。",
                                "复议后起诉10件，未经复议直接起诉3件。", "收到行政复议申请61件。"])
def test_appeal_phrasings_that_agree(county, s4):
    assert text_warnings(county, s4=s4) == []
    assert [m.kind for m in read(s4, 2025)] and all(m.kind == "appeal" for m in read(s4, 2025))


@pytest.mark.parametrize("s3", [
    "比上年多收到申请20件。", "受理申请700余件。", "收到申请近七百件。", "上半年受理申请300件。",
    "2024年受理申请650件。", "其中网上申请20件。", "自然人申请705件。", "办理人大代表建议12件。",
    "推进高效办成一件事。", "全年受理网络问政182件。", "收到申请749件，其中受理700件。", "按时办结700件。",
    "行政复议维持27件。", "受理申请1.2万件。",
])
def test_numbers_that_do_not_count_the_figure_are_not_compared(county, s3):
    assert text_warnings(county, s3=s3, s4=s3) == []


# ---------------------------------------------------------------- phrasings that contradict the tables

@pytest.mark.parametrize("s3, message", [
    ("本年新收申请749件。", "正文称本年新收申请 749 件，表二 本年新收·总计 = 713，相差 36（原文：“本年新收申请749件”）"),
    ("受理申请749件（含上年结转35件）。", "正文称上年结转 35 件，表二 上年结转·总计 = 36，相差 1（原文：“…含上年结转35件…”）"),
    ("共计答复七百二十件。", "正文称办结 720 件，表二 办理结果总计·总计 = 718，相差 2（原文：“共计答复七百二十件”）"),
    ("不予公开、无法提供分别为32件、110件。", "正文称无法提供 110 件，表二 无法提供合计 113 件，相差 3（原文：“…110件”）"),
    ("予以公开的占50%。", "正文称予以公开占 50%，表二 予以公开合计 294 件，占办理结果总计 718 件的 40.9%，"
                       "相差 9.1 个百分点（原文：“予以公开的占50%”）"),
])
def test_phrasings_that_contradict_warn_with_the_sentence(county, s3, message):
    assert text_warnings(county, s3=s3) == [message]


def test_a_list_of_every_category_must_add_up(county):
    s3 = "其中：予以公开294件；部分公开101件；不予公开32件；无法提供113件；不予处理19件；其他处理160件。"
    assert text_warnings(county, s3=s3) == [
        "正文称其他处理 160 件，表二 其他处理合计 159 件，相差 1（原文：“…其他处理160件”）",
        "正文所列各类之和 719 不等于 办理结果总计 718，相差 1（原文：“予以公开294件……其他处理160件”）"]
    (total,) = [p for p in check(county) if p.message.startswith("正文所列")]
    assert total.id == "X03@s3#7" and "t2.R3.CT" in total.cells and "t2.L6_3.CT" in total.cells


def test_appeal_counts_by_group(county):
    assert text_warnings(county, s4="未经复议直接起诉4件，行政复议和行政诉讼案件共75件。") == [
        "正文称行政诉讼（未经复议直接起诉） 4 件，表三 行政诉讼（未经复议直接起诉）总计 = 3，相差 1（原文：“未经复议直接起诉4件…”）",
        "正文称行政复议和行政诉讼 75 件，表三 行政复议和行政诉讼总计 = 74，相差 1（原文：“…行政复议和行政诉讼案件共75件”）"]


def test_the_same_text_keeps_its_ids_and_cells(county):
    county.sections["s3"] = "全年共受理政府信息公开申请750件，办结720件。"
    first = [(p.id, p.cells, p.left, p.right) for p in check(county) if p.rule in X]
    assert first == [("X01@s3#1", ("s3", "t2.R1.CT", "t2.R2.CT"), 750, 713),
                     ("X02@s3#1", ("s3", "t2.R3.CT"), 720, 718)]
    assert [(p.id, p.cells, p.left, p.right) for p in check(county) if p.rule in X] == first


# ---------------------------------------------------------------- percentages

@pytest.mark.parametrize("written, places, ok", [
    ("66.7", 1, True), ("66.6", 1, True), ("66.67", 2, True), ("67", 0, True), ("66", 0, True),
    ("66.8", 1, False), ("65", 0, False), ("70", 0, False),
])
def test_percentages_allow_rounding_and_cutting_to_the_decimals_written(written, places, ok):
    assert percent_agrees(Decimal(written), places, 2, [3]) is ok


def test_a_percentage_of_the_applications_received_is_also_right(county):
    # 294 of 749 applications = 39.3 %; of 718 answered = 40.9 %: both are what a reviewer accepts
    assert text_warnings(county, s3="予以公开294件，占39.3%。") == []
    assert percent_agrees(Decimal("10"), 0, 0, [0]) is True      # nothing to divide by: not checked
