"""Builders and data shared by both official formats: sections, 表二 and 表三, their relations.

The two formats differ only in 表一, in the （六）其他处理 rows of 表二 and in section guidance
(format-2019.md §6), so each format module passes its differences to these builders.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..schema import Axis, Box, CellSpec, Equivalence, Kind, Layout, Relation, Section, Side, Table, spans

# ---------------------------------------------------------------- sections

HEADINGS = {
    "s1": "一、总体情况",
    "s2": "二、主动公开政府信息情况",
    "s3": "三、收到和处理政府信息公开申请情况",
    "s4": "四、政府信息公开行政复议、行政诉讼情况",
    "s5": "五、存在的主要问题及改进情况",
    "s6": "六、其他需要报告的事项",
}

S1_TEMPLATE = (
    "（一）主动公开\n\n"
    "（二）依申请公开\n\n"
    "（三）政府信息管理\n\n"
    "（四）政府信息公开平台建设\n\n"
    "（五）监督保障\n"
)


# Tab titles: the heading shortened where it is long.
SHORT = {"s1": "一、总体情况", "s2": "二、主动公开", "s3": "三、依申请公开", "s4": "四、复议诉讼",
         "s5": "五、问题及改进", "s6": "六、其他事项"}
# Which table is printed under which section (both formats).
TABLE_OF_SECTION = {"s2": "t1", "s3": "t2", "s4": "t3"}


def sections(guidance: dict[str, str], templates: dict[str, str]) -> tuple[Section, ...]:
    return tuple(
        Section(key, heading, SHORT[key], guidance.get(key, ""), templates.get(key, ""),
                TABLE_OF_SECTION.get(key))
        for key, heading in HEADINGS.items()
    )


# ---------------------------------------------------------------- 表二

T2_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

T2_COLS = (
    Axis("C1", "自然人", "自然人"),
    Axis("C2", "商业企业", "商业企业", group="法人或其他组织"),
    Axis("C3", "科研机构", "科研机构", group="法人或其他组织"),
    Axis("C4", "社会公益组织", "社会公益组织", group="法人或其他组织"),
    Axis("C5", "法律服务机构", "法律服务机构", group="法人或其他组织"),
    Axis("C6", "其他", "其他（法人或其他组织）", group="法人或其他组织"),
    Axis("CT", "总计", "总计"),
)
T2_PARTS = ("C1", "C2", "C3", "C4", "C5", "C6")   # the applicant columns that add up to 总计

RESULTS = "三、本年度办理结果"


@dataclass(frozen=True)
class Group:
    """A second-level group of 表二 （三）…（六） with its numbered leaves."""

    label: str        # （三）不予公开
    name: str         # 不予公开 (messages)
    leaves: tuple[tuple[str, str, str], ...]  # (key, label, tooltip)


def _single(key: str, label: str, name: str, tooltip: str) -> Axis:
    return Axis(key, label, name, tooltip, group=RESULTS)


T2_R1 = Axis("R1", "一、本年新收政府信息公开申请数量", "本年新收", "本年1月1日至12月31日收到的申请件数")
T2_R2 = Axis("R2", "二、上年结转政府信息公开申请数量", "上年结转",
             "上年度未办结、转入本年办理的申请；应等于上年报告“四、结转下年度继续办理”")
T2_L1 = _single("L1", "（一）予以公开", "予以公开",
                "条例第三十六条第（一）（二）项：已主动公开的告知获取方式和途径；可以公开的予以提供")
T2_L2 = _single("L2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开",
                "条例第三十七条：含不应公开内容但能区分处理的，提供可以公开的部分")
T2_R3 = _single("R3", "（七）总计", "办理结果总计", "三、本年度办理结果各项之和")
T2_R4 = Axis("R4", "四、结转下年度继续办理", "结转下年度",
             "截至12月31日未办结、转入下年度办理的申请（答复期限：条例第三十三条，20个工作日，可延长20个工作日）")

G3 = Group("（三）不予公开", "不予公开", (
    ("L3_1", "1.属于国家秘密", "条例第十四条：依法确定为国家秘密的政府信息"),
    ("L3_2", "2.其他法律行政法规禁止公开", "条例第十四条：法律、行政法规禁止公开的政府信息"),
    ("L3_3", "3.危及“三安全一稳定”", "条例第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定（“三安全一稳定”）"),
    ("L3_4", "4.保护第三方合法权益", "条例第十五条：涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害"),
    ("L3_5", "5.属于三类内部事务信息", "条例第十六条第一款：人事管理、后勤管理、内部工作流程等内部事务信息"),
    ("L3_6", "6.属于四类过程性信息", "条例第十六条第二款：讨论记录、过程稿、磋商信函、请示报告等过程性信息"),
    ("L3_7", "7.属于行政执法案卷", "条例第十六条第二款：行政执法案卷信息"),
    ("L3_8", "8.属于行政查询事项", "条例第三十六条第（七）项：工商、不动产登记资料等，法律、行政法规对获取另有特别规定"),
))
G4 = Group("（四）无法提供", "无法提供", (
    ("L4_1", "1.本机关不掌握相关政府信息", "条例第三十六条第（四）（五）项：经检索没有该信息，或不属于本机关负责公开"),
    ("L4_2", "2.没有现成信息需要另行制作", "条例第三十八条：需要对现有政府信息进行加工、分析的，可以不予提供"),
    ("L4_3", "3.补正后申请内容仍不明确", "条例第三十条：申请内容不明确，经告知补正后仍不明确"),
))
G5 = Group("（五）不予处理", "不予处理", (
    ("L5_1", "1.信访举报投诉类申请", "条例第三十九条：以政府信息公开申请形式进行信访、投诉、举报"),
    ("L5_2", "2.重复申请", "条例第三十六条第（六）项：已作答复后重复申请公开相同政府信息"),
    ("L5_3", "3.要求提供公开出版物", "条例第三十九条：要求提供政府公报、报刊、书籍等公开出版物"),
    ("L5_4", "4.无正当理由大量反复申请", "条例第三十五条：申请数量、频次明显超过合理范围且理由不合理"),
    ("L5_5", "5.要求行政机关确认或重新出具已获取信息", "要求确认或重新出具申请人已获取的信息"),
))
G6_2021 = Group("（六）其他处理", "其他处理", (
    ("L6_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "条例第三十条：申请人无正当理由逾期不补正，视为放弃申请"),
    ("L6_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "国办函〔2020〕109号：收到收费通知次日起20个工作日内未缴纳，视为放弃申请"),
    ("L6_3", "3.其他", "其他情形，如申请人撤回申请"),
))
# 2019: （六）其他处理 is one row.
L6_2019 = _single("L6", "（六）其他处理", "其他处理",
                  "其他处理：主要考虑极少数特殊情况（如申请人撤回申请、逾期不补正）")


def _t2_results(groups: tuple) -> list:
    """The rows under 三、本年度办理结果, in order: Axis for single rows, Group for groups."""
    return [T2_L1, T2_L2, *groups, T2_R3]


def t2_table(groups: tuple) -> tuple[Table, tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """表二 for the given （三）…（六） entries (Group, or a single Axis for 2019 （六）).

    Returns the table, its LEAVES and the (name, leaves) of each sub-total group (M04).
    """
    results = _t2_results(groups)
    rows: list[Axis] = [T2_R1, T2_R2]
    leaves: list[str] = []
    subtotal_groups: list[tuple[str, tuple[str, ...]]] = []
    for entry in results:
        if isinstance(entry, Group):
            keys = []
            for key, label, tip in entry.leaves:
                rows.append(Axis(key, label, f"{entry.name}·{label}", tip, group=entry.label))
                keys.append(key)
            leaves.extend(keys)
            subtotal_groups.append((entry.name, tuple(keys)))
        else:
            rows.append(entry)
            if entry.key != "R3":
                leaves.append(entry.key)
                if entry.key.startswith("L6"):
                    subtotal_groups.append((entry.name, (entry.key,)))
    rows.append(T2_R4)

    H = 3  # header rows
    boxes = [
        Box(0, 0, T2_NOTE, "header", rowspan=3, colspan=3),
        Box(0, 3, "申请人情况", "header", colspan=7),
        Box(1, 3, "自然人", "header", rowspan=2),
        Box(1, 4, "法人或其他组织", "header", colspan=5),
        Box(1, 9, "总计", "header", rowspan=2),
    ]
    boxes += [Box(2, 4 + i, T2_COLS[1 + i].label, "header") for i in range(5)]

    r = H
    boxes.append(Box(r, 0, T2_R1.label, "label", colspan=3, tooltip=T2_R1.tooltip))
    boxes.append(Box(r + 1, 0, T2_R2.label, "label", colspan=3, tooltip=T2_R2.tooltip))
    r += 2
    n_results = sum(len(e.leaves) if isinstance(e, Group) else 1 for e in results)
    boxes.append(Box(r, 0, RESULTS, "label", rowspan=n_results))
    for entry in results:
        if isinstance(entry, Group):
            boxes.append(Box(r, 1, entry.label, "label", rowspan=len(entry.leaves)))
            for key, label, tip in entry.leaves:
                boxes.append(Box(r, 2, label, "label", tooltip=tip))
                r += 1
        else:
            boxes.append(Box(r, 1, entry.label, "label", colspan=2, tooltip=entry.tooltip))
            r += 1
    boxes.append(Box(r, 0, T2_R4.label, "label", colspan=3, tooltip=T2_R4.tooltip))
    r += 1
    assert r == H + len(rows)
    for i, row in enumerate(rows):
        for j, col in enumerate(T2_COLS):
            boxes.append(Box(H + i, 3 + j, "", "data", path=f"t2.{row.key}.{col.key}"))

    layout = Layout(H + len(rows), 10, tuple(boxes), header_rows=H,
                    col_widths=(8, 12, 34) + (8,) * 7)  # B fits （三）不予公开 on one line
    table = Table("t2", "表二", tuple(rows), T2_COLS,
                  spans("t2", tuple(rows), T2_COLS, table_name="表二"), layout,
                  anchors=(T2_R1.label, T2_NOTE))
    return table, tuple(leaves), tuple(subtotal_groups)


def t2_relations(table: Table, leaves: tuple[str, ...]) -> tuple[Relation, ...]:
    """The 勾稽关系 of 表二 (rules.md M01–M03). Sums first, then the balance of each column: the
    workbook lists its red-shading rules in this order."""
    m03 = tuple(Relation("M03", f"t2.{r.key}", r.name, tuple(f"t2.{r.key}.{c}" for c in T2_PARTS),
                         (f"t2.{r.key}.CT",)) for r in table.rows)
    m02 = tuple(Relation("M02", f"t2.{c.key}", c.name, tuple(f"t2.{x}.{c.key}" for x in leaves),
                         (f"t2.R3.{c.key}",)) for c in table.cols)
    m01 = tuple(Relation("M01", f"t2.{c.key}", c.name, (f"t2.R1.{c.key}", f"t2.R2.{c.key}"),
                         (f"t2.R3.{c.key}", f"t2.R4.{c.key}")) for c in table.cols)
    return m03 + m02 + m01


RECLASSIFY = "原“其他处理”为单行，请按1./2./3.重新分类"


def row_split(single: Axis, group: Group) -> tuple[Equivalence, ...]:
    """One 表二 row of one format that another format splits into a group of rows, per column
    (2019 （六）其他处理 = 2021 its 1./2./3.). Converting into the group puts the single row's
    value into the group's last row (3.其他) with a note asking to reclassify it."""
    keys = [k for k, _label, _tip in group.leaves]
    return tuple(
        Equivalence(group.label, (
            Side((f"t2.{single.key}.{c.key}",), f"t2.{single.key}.{c.key}"),
            Side(tuple(f"t2.{k}.{c.key}" for k in keys), f"t2.{keys[-1]}.{c.key}", RECLASSIFY)))
        for c in T2_COLS)


# ---------------------------------------------------------------- 表三

T3_GROUPS = (
    Axis("RV", "行政复议", "行政复议"),
    Axis("LD", "未经复议直接起诉", "行政诉讼（未经复议直接起诉）", group="行政诉讼"),
    Axis("LR", "复议后起诉", "行政诉讼（复议后起诉）", group="行政诉讼"),
)
T3_FIELDS = (
    Axis("M", "结果维持", "结果维持", "本机关的处理被维持"),
    Axis("K", "结果纠正", "结果纠正", "被复议机关或法院撤销、变更、确认违法、责令履行等"),
    Axis("O", "其他结果", "其他结果", "其他方式结案，如申请人撤回"),
    Axis("P", "尚未审结", "尚未审结", "截至12月31日尚未审结"),
    Axis("S", "总计", "总计", "本组各项之和；含上年度结转的案件"),
)


def t3_table() -> Table:
    boxes = [
        Box(0, 0, "行政复议", "header", colspan=5),
        Box(0, 5, "行政诉讼", "header", colspan=10),
        Box(1, 5, "未经复议直接起诉", "header", colspan=5),
        Box(1, 10, "复议后起诉", "header", colspan=5),
    ]
    for j, f in enumerate(T3_FIELDS):
        boxes.append(Box(1, j, f.label, "header", rowspan=2, tooltip=f.tooltip))
        boxes.append(Box(2, 5 + j, f.label, "header", tooltip=f.tooltip))
        boxes.append(Box(2, 10 + j, f.label, "header", tooltip=f.tooltip))
    for g, group in enumerate(T3_GROUPS):
        for j, f in enumerate(T3_FIELDS):
            boxes.append(Box(3, g * 5 + j, "", "data", path=f"t3.{group.key}.{f.key}"))
    layout = Layout(4, 15, tuple(boxes), header_rows=3, col_widths=(6.5,) * 15)
    return Table("t3", "表三", T3_GROUPS, T3_FIELDS,
                 spans("t3", T3_GROUPS, T3_FIELDS, table_name="表三"), layout,
                 anchors=(T3_GROUPS[1].label,))   # 未经复议直接起诉: 行政复议 is a common word


T3_PARTS = ("M", "K", "O", "P")     # the fields that add up to 总计 (S)


def official_tables(t1: Table, t2_groups: tuple) -> dict:
    """表一 as given, 表二 with the given （三）…（六） and the common 表三, with their relations:
    the keyword arguments of `Format` that every official format fills the same way."""
    t2, leaves, groups = t2_table(t2_groups)
    t3 = t3_table()
    return dict(tables=(t1, t2, t3), t2_leaves=leaves, t2_groups=groups,
                relations=t2_relations(t2, leaves) + t3_relations(t3))


def t3_relations(table: Table) -> tuple[Relation, ...]:
    """表三: each group's 总计 is the sum of its four results (rules.md L01)."""
    return tuple(Relation("L01", f"t3.{g.key}", g.name, tuple(f"t3.{g.key}.{f}" for f in T3_PARTS),
                          (f"t3.{g.key}.S",)) for g in table.rows)


# ---------------------------------------------------------------- 表一

@dataclass(frozen=True)
class T1Block:
    """One 第二十条第（X）项 block of 表一: a title row, a header row, item rows."""

    title: str                                   # 第二十条第（一）项
    tooltip: str
    fields: tuple[tuple[str, str, str], ...]     # (key, column label, tooltip), 1–3 of them
    items: tuple[tuple[str, str, str], ...]      # (key, row label, tooltip)


T1_ARTICLE_TIPS = {
    "（一）": "条例第二十条第（一）项：行政法规、规章和规范性文件",
    "（五）": "条例第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "（六）": "条例第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "（八）": "条例第二十条第（八）项：行政事业性收费项目及其依据、标准",
    "（九）": "条例第二十条第（九）项：政府集中采购项目的目录、标准及实施情况",
}


def t1_table(blocks: tuple[T1Block, ...], kinds: dict[tuple[str, str], Kind]) -> Table:
    """表一 in the official four-column layout: A = 信息内容, B–D = the block's fields.

    A block with one field merges B:D; a block with two leaves D blank (2019 （八）（九）).
    """
    boxes: list[Box] = []
    rows: dict[str, Axis] = {}
    cols: dict[str, Axis] = {}
    cells: list[CellSpec] = []
    r = 0
    for block in blocks:
        boxes.append(Box(r, 0, block.title, "title", colspan=4, tooltip=block.tooltip))
        r += 1
        boxes.append(Box(r, 0, "信息内容", "header"))
        single = len(block.fields) == 1
        for j, (fkey, flabel, ftip) in enumerate(block.fields):
            boxes.append(Box(r, 1 + j, flabel, "header", colspan=3 if single else 1, tooltip=ftip))
            cols.setdefault(fkey, Axis(fkey, flabel, flabel, ftip))
        for j in range(len(block.fields), 3 if not single else 1):
            boxes.append(Box(r, 1 + j, "", "blank"))
        r += 1
        for ikey, ilabel, itip in block.items:
            rows[ikey] = Axis(ikey, ilabel, ilabel, itip, group=block.title)
            boxes.append(Box(r, 0, ilabel, "label", tooltip=itip))
            for j, (fkey, flabel, _tip) in enumerate(block.fields):
                path = f"t1.{ikey}.{fkey}"
                boxes.append(Box(r, 1 + j, "", "data", path=path, colspan=3 if single else 1))
                cells.append(CellSpec(path, "t1", ikey, fkey, kinds.get((ikey, fkey), Kind.COUNT),
                                      f"表一 {ilabel}·{flabel}"))
            for j in range(len(block.fields), 3 if not single else 1):
                boxes.append(Box(r, 1 + j, "", "blank"))
            r += 1
    layout = Layout(r, 4, tuple(boxes), header_rows=0, col_widths=(24, 20, 20, 20))
    return Table("t1", "表一", tuple(rows.values()), tuple(cols.values()),
                 tuple(cells), layout, anchors=(blocks[0].title,))
