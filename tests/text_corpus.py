"""The precision corpus of the text checks (issue 13): reports with a hand-checked list of the
text warnings each must give, and of warnings a reviewer rejected that it must not give.

Real reports come from ../shared/fixtures: the three transcribed ones through their truth JSON,
the two partial ones transcribed here from the published text (only what is printed: 一 and the
start of the tables). Constructed cases say so in `source`: their tables (and any sentence not
quoted in issue 13) are made up; the sentences issue 13 quotes from published reports are used
verbatim. Any text warning raised that is not in `right` counts as one a reviewer rejects.

Used by tests/test_text_corpus.py and benchmarks/bench_text_precision.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from conftest import REPORTS, TRUTH

from govreport_desktop.core.report import Report
from govreport_desktop.io import jsondoc

# Every rule that reads the texts (structure rules S06/S08 aside).
TEXT_RULES = ("S09", "S10", "S11", "M07", "L05", "X01", "X02", "X03", "X04", "X05", "X06", "X07", "P04")
PARTS = ("C1", "C2", "C3", "C4", "C5", "C6")


@dataclass(frozen=True)
class Case:
    name: str
    source: str
    report: Callable[[], Report]
    # (problem id, words its message must contain, why a reviewer agrees)
    right: tuple[tuple[str, str, str], ...] = ()
    # (rule, words of a message a reviewer rejected, why): must not be raised
    rejected: tuple[tuple[str, str, str], ...] = ()
    tags: tuple[str, ...] = field(default=())


def truth(name: str) -> Callable[[], Report]:
    return lambda: jsondoc.read(TRUTH / f"{name}.json")


def _section(path, start: str, end: str) -> str:
    text = path.read_text(encoding="utf-8")
    body = text[text.index(start) + len(start):text.index(end)]
    return "\n".join(line.strip() for line in body.splitlines() if line.strip())


def _zeros(rep: Report, table: str) -> None:
    for path in rep.fmt.cell_paths:
        if path.startswith(table + "."):
            rep.cells[path] = Decimal("0") if path.endswith(".amount") else 0


def tuofenglu() -> Report:
    """驼峰路街道 2020 (2019 format), partial: 一 and 表一 (all 0), 表二 R1/R2 总计 0, the rest not published."""
    rep = Report(format="2019", year=2020, unit="榆林市榆阳区驼峰路街道办事处", unit_kind="township",
                 title="驼峰路街道办事处政府信息公开工作年度报告")
    rep.sections["s1"] = _section(REPORTS / "tuofenglu-street-2020-partial.txt", "一、总体情况", "二、主动公开政府信息情况")
    _zeros(rep, "t1")
    rep.cells.update({"t2.R1.CT": 0, "t2.R2.CT": 0})
    return rep


def zhouji() -> Report:
    """周矶街道 2020 (2019 format), partial: preamble and 一, 表一 (all 0), 表二 本年新收 (all 0)."""
    path = REPORTS / "zhouji-street-2020-partial.txt"
    rep = Report(format="2019", year=2020, unit="潜江市周矶街道办事处", unit_kind="township",
                 title="潜江市周矶街道办事处2020年政府信息公开工作年度报告")
    head = _section(path, "截止于表二中途。", "二、行政机关主动公开政府信息情况")
    rep.sections["s1"] = head.replace("一、总体情况\n", "")
    _zeros(rep, "t1")
    for c in (*PARTS, "CT"):
        rep.cells[f"t2.R1.{c}"] = 0
    return rep


# ---------------------------------------------------------------- constructed reports

S1_OK = ("本报告所列数据统计期限为{year}年1月1日至12月31日。（一）主动公开：全年主动公开信息120条。（二）依申请公开："
         "依法办理政府信息公开申请。（三）政府信息管理：落实公开属性源头认定。（四）政府信息公开平台建设：维护门户网站。"
         "（五）监督保障：纳入年度考核，开展社会评议，未发生责任追究情况。")
S5_OK = "存在的主要问题是政策解读形式单一。下一步将丰富解读形式。{last}年度报告所列问题均已整改。"
S6_OK = "本年度未收取信息处理费。"


def constructed(year: int, unit: str, kind: str, format_id: str = "2021", t2: dict | None = None,
                t3: dict | None = None, **sections) -> Report:
    """A report with every cell 0 but the 表二 rows given as {row: n} (all 自然人) and 表三 {cell: n};
    （七）总计 and 结转下年度 follow from them, so the tables add up."""
    rep = Report(format=format_id, year=year, unit=unit, unit_kind=kind,
                 title=f"{unit}{year}年政府信息公开工作年度报告")
    rep.sections.update(s1=S1_OK.format(year=year), s5=S5_OK.format(last=year - 1), s6=S6_OK)
    rep.sections.update(sections)
    for table in ("t1", "t2", "t3"):
        _zeros(rep, table)
    t2 = dict(t2 or {})
    leaves = [k for k in t2 if k.startswith("L")]
    t2.setdefault("R3", sum(t2[k] for k in leaves))
    t2.setdefault("R4", t2.get("R1", 0) + t2.get("R2", 0) - t2["R3"])
    for row, n in t2.items():
        rep.cells[f"t2.{row}.C1"] = rep.cells[f"t2.{row}.CT"] = n
    for path, n in (t3 or {}).items():
        rep.cells[path] = n
    return rep


COMMISSION_SENTENCE = ("所有办结的信息公开申请中同意公开答复9件，部分公开答复0件，不予公开答复2件，无法提供的10件，"
                       "不予处理0件，其他处理14件，转下一年度办理答复的有1件。")
COMMISSION_T2 = {"R1": 36, "L1": 9, "L2": 0, "L3_4": 2, "L4_1": 10, "L6_3": 14}
COUNTY_FIVE = "针对存在问题，2025 年我们将切实抓好以下工作：一是"


def commission() -> Report:
    return constructed(2024, "某市某委员会", "department", t2=COMMISSION_T2,
                       s3="2024年，本机关共收到政府信息公开申请36件。" + COMMISSION_SENTENCE)


def county_five() -> Report:
    s5 = ("本年度政府信息公开工作仍存在一些不足：政策解读形式较为单一，基层公开专区建设不够均衡。"
          + COUNTY_FIVE + "丰富政策解读形式；二是推进基层公开专区标准化建设；三是加强业务培训。")
    return constructed(2024, "某县人民政府", "county_gov", s5=s5)


def provincial_2019() -> Report:
    """The 2019 provincial report of rules.md X03/X04, rebuilt from its description."""
    rep = constructed(2019, "某省人民政府办公厅", "provincial_gov", "2019",
                      t2={"R1": 877, "L1": 272, "L2": 3, "L3_1": 40, "L4_1": 337, "L5_2": 120, "L6": 33},
                      t3={"t3.RV.M": 5, "t3.RV.P": 2, "t3.RV.S": 7, "t3.LD.M": 8, "t3.LD.P": 1, "t3.LD.S": 9},
                      s5=S5_OK.format(last=2018))
    for row, c1 in (("R1", 863), ("L1", 258), ("R3", 791)):   # 予以公开 272 = 258 + 12 + 1 + 1 (rules.md M03)
        rep.cells.update({f"t2.{row}.C1": c1, f"t2.{row}.C2": 12, f"t2.{row}.C3": 1, f"t2.{row}.C4": 1})
    rep.cells["t1.procurement.amount"] = Decimal("0")
    rep.t1_units["procurement.amount"] = "万元"
    rep.sections["s1"] += ("全年共收到政府信息公开申请877件，办结805件。其中予以公开及部分公开258件，不予公开40件，"
                           "无法提供265件，不予处理120件，其他处理33件。全年发生政府信息公开行政复议7件，"
                           "行政诉讼9件，均获维持。")
    return rep


# County tables (R1 713, R2 36, R3 718, R4 31; 予以公开 294, 部分公开 101, 不予公开 32, 无法提供 113,
# 不予处理 19, 其他处理 159; 复议 61, 诉讼 3 + 10) with typical sentences, right and wrong.
PHRASES_RIGHT = ("本年度新收政府信息公开申请七百一十三件，上年结转三十六件，比2024年的650件有所增加。"
                 "其中自然人申请705件，商业企业3件，法律服务机构5件。全年办结718件，其中予以公开294件，占40.9%；"
                 "部分公开101件，占14.1%；不予公开32件；无法提供113件；不予处理19件；其他处理159件。"
                 "予以公开和部分公开共395件，占比55%。截至12月31日，结转下年度继续办理31件。"
                 "因政府信息公开引发行政复议61件、行政诉讼13件，同比增加12件。")
PHRASES_WRONG = "全年共受理政府信息公开申请750件，办结720件。予以公开294件，占45%；不予公开三十件。"
APPEALS_WRONG = "本年度被申请行政复议60件，行政诉讼13件。"


def county_with(**sections) -> Callable[[], Report]:
    def build():
        rep = jsondoc.read(TRUTH / "shuyang-county-2025.json")
        rep.sections.update(sections)
        return rep
    return build


S11_LAST = ("S11@s5", "未涉及：上年度问题的改进情况", "五 never mentions last year's report or how its problems were dealt with")
CASES = (
    Case("shuyang-county-2025", "real: fixtures/truth/shuyang-county-2025.json", truth("shuyang-county-2025"),
         right=(("S09@s1", "未涉及：社会评议、责任追究", "a county government must report 社会评议 and 责任追究; 一 has neither"),
                S11_LAST,
                ("L05@s5", "结果纠正 10 件", "10 decisions corrected on appeal; no reason or rectification is given")),
         rejected=(("S09", "政府信息管理", "（三） covers it: 发布审核把关, 过期信息清理, 标准目录"),)),
    Case("shuyang-fagaiju-2023", "real: fixtures/truth/shuyang-fagaiju-2023.json", truth("shuyang-fagaiju-2023"),
         right=(S11_LAST,),
         rejected=(("X01", "26", "“共收到依申请信息公开26件” equals 本年新收 26"),)),
    Case("zhaohui-street-2021", "real: fixtures/truth/zhaohui-street-2021.json", truth("zhaohui-street-2021"),
         right=(S11_LAST,
                ("X07@s5#1", "县教育局", "a 街道 of a 区 promising to improve the “县教育局” platform: copied text")),
         tags=("县教育局",)),
    Case("tuofenglu-street-2020", "real: fixtures/reports/tuofenglu-street-2020-partial.txt (一 and 表一 transcribed)",
         tuofenglu,
         right=(("S09@s1", "未涉及：政府信息管理、平台建设、监督保障、工作考核、社会评议、责任追究",
                 "一 covers 主动公开, 依申请, 收费 and 复议诉讼 only; 社区公告栏 are not a platform being built"),),
         rejected=(("X05", "未收到", "“未接到…申请” and 本年新收 0 agree"),)),
    Case("zhouji-street-2020", "real: fixtures/reports/zhouji-street-2020-partial.txt (一 and 表一 transcribed)", zhouji,
         right=(("S09@s1", "未涉及：依申请公开、政府信息管理、平台建设、监督保障、工作考核、社会评议、责任追究",
                 "一 is one sentence on 主动公开"),)),
    Case("commission-2024", "constructed tables; the 办结…中 sentence is real (issue 13)", commission,
         rejected=tuple(("X02", f"办结 {n} 件", "the number after “办结…中” counts a category, not the total")
                        for n in (9, 0, 2))),
    Case("county-five-2024", "constructed; “针对存在问题，2025 年我们将切实抓好以下工作：一是…” is real (issue 13)",
         county_five,
         right=(("S11@s5", "未涉及：上年度问题的改进情况", "the measures are there; last year's problems are not"),),
         rejected=(("S11", "改进措施", "“我们将切实抓好以下工作：一是…二是…” are the measures"),)),
    Case("provincial-2019", "constructed from the 2019 provincial report described in rules.md X03/X04", provincial_2019,
         right=(("X03@s1#1", "予以公开及部分公开 258 件，表二 予以公开及部分公开合计 275 件，相差 17，"
                             "258 与 表二 予以公开·自然人 相同",
                 "258 is the 自然人 cell of 予以公开, quoted as the whole"),
                ("X03@s1#3", "无法提供 265 件，表二 无法提供合计 337 件", "表二 says 337"),
                ("X03@s1#6", "正文所列各类之和 716 不等于 办理结果总计 805", "the categories written add to 716"),
                ("X04@s1#3", "正文称“均获维持”，但表三有 结果纠正 0、其他结果 0、尚未审结 3",
                 "2 复议 and 1 诉讼 are 尚未审结, not 维持")),
         rejected=(("X04", "行政复议 7 件", "7 = 表三"), ("X04", "行政诉讼 9 件", "9 = 表三")),
         tags=("均获维持",)),
    Case("county-phrasings-right", "constructed sentences on the real county tables", county_with(s3=PHRASES_RIGHT),
         right=(("S09@s1", "未涉及：社会评议、责任追究", "as the real report"), S11_LAST,
                ("L05@s5", "结果纠正 10 件", "as the real report"))),
    Case("county-phrasings-wrong", "constructed sentences on the real county tables", county_with(s3=PHRASES_WRONG, s4=APPEALS_WRONG),
         right=(("S09@s1", "未涉及：社会评议、责任追究", "as the real report"), S11_LAST,
                ("L05@s5", "结果纠正 10 件", "as the real report"),
                ("X01@s3#1", "受理申请 750 件", "713 new, 749 with last year's"),
                ("X02@s3#1", "办结 720 件，表二 办理结果总计·总计 = 718", "718 answered"),
                ("X03@s3#1", "予以公开 294 件（45%），表二 予以公开合计 294 件（40.9%）", "294 of 718 is 40.9%"),
                ("X03@s3#2", "不予公开 30 件，表二 不予公开合计 32 件", "32 in 表二"),
                ("X04@s4#1", "行政复议 60 件", "61 in 表三"))),
)


def judge(case: Case, problems) -> dict:
    """Per text rule: raised, right, rejected (with the known rejections met) and missed."""
    text = [p for p in problems if p.rule in TEXT_RULES]
    right_ids = {pid: words for pid, words, _why in case.right}
    out: dict[str, dict[str, list]] = {}
    for p in text:
        row = out.setdefault(p.rule, {"raised": [], "right": [], "rejected": [], "missed": []})
        row["raised"].append(p)
        ok = p.id in right_ids and right_ids[p.id] in p.message
        row["right" if ok else "rejected"].append(p)
    raised = {(p.id, p.message) for p in text}
    for pid, words, why in case.right:
        if not any(i == pid and words in m for i, m in raised):
            out.setdefault(pid.split("@")[0], {"raised": [], "right": [], "rejected": [], "missed": []})["missed"].append(why)
    return out
