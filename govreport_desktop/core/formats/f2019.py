"""The 2019 trial format (国办公开办函〔2019〕60号), for statistical years 2019 and 2020."""

from ..schema import NOTE, VALUE, Carry, Conversion, Format, Kind
from .common import (G3, G4, G5, L6_2019, S1_TEMPLATE, T1_ARTICLE_TIPS, T1Block, official_tables, sections,
                     t1_table)

PREV = ("prev_items", "上一年项目数量", "上一年度末的事项或项目数（如许可事项数、收费项目数），不是决定数")
CHANGE = ("change", "本年增/减", "本年事项或项目数的净增减，可为负数")
DECISIONS = ("decisions", "处理决定数量", "本年作出的处理决定数")

T1_BLOCKS = (
    T1Block("第二十条第（一）项", T1_ARTICLE_TIPS["（一）"], (
        ("made", "本年新制作数量", "本年新制定的件数"),
        ("published", "本年新公开数量", "本年新公开的件数（可含以前年度制作、本年公开的）"),
        ("total", "对外公开总数量", "累计对外公开的总件数（不是“现行有效”）"),
    ), (
        ("regulations", "规章", "只有具有规章制定权的机关（国务院部门；省、自治区、直辖市人民政府；设区的市、自治州人民政府）可填非零"),
        ("normative", "规范性文件", ""),
    )),
    T1Block("第二十条第（五）项", T1_ARTICLE_TIPS["（五）"], (PREV, CHANGE, DECISIONS), (
        ("licensing", "行政许可", ""),
        ("other_services", "其他对外管理服务事项", ""),
    )),
    T1Block("第二十条第（六）项", T1_ARTICLE_TIPS["（六）"], (PREV, CHANGE, DECISIONS), (
        ("penalty", "行政处罚", ""),
        ("coercion", "行政强制", ""),
    )),
    T1Block("第二十条第（八）项", T1_ARTICLE_TIPS["（八）"], (PREV, CHANGE), (
        ("fees", "行政事业性收费", ""),
    )),
    T1Block("第二十条第（九）项", T1_ARTICLE_TIPS["（九）"], (
        ("items", "采购项目数量", ""),
        ("amount", "采购总金额", "格式未规定单位，请注明元或万元"),
    ), (
        ("procurement", "政府集中采购", ""),
    )),
)

_SIGNED = {(item, "change"): Kind.SIGNED
           for item in ("licensing", "other_services", "penalty", "coercion", "fees")}

GUIDANCE = {
    "s1": "综述本机关政府信息公开工作总体情况，通常包括主动公开、依申请公开、政府信息管理、"
          "平台建设、监督保障等方面。建议写明统计期限：本年1月1日至12月31日。",
    "s2": "可在表一之前作简要说明（可不填）。",
    "s3": "可在表二之前作简要综述（可不填）。注意第一项加第二项之和，等于第三项加第四项之和；"
          "“其他处理”项目主要考虑极少数特殊情况。",
    "s4": "可在表三之前作简要说明（可不填）。",
    "s5": "写明存在的主要问题和改进措施。",
    "s6": "其他需要报告的事项；没有可写“无。”",
}

# A 2019/2020 report typed in the 2021 表一 (format-2019.md §7 C): it cannot be converted, the
# 2021 values are shown as notes for re-entry in this layout (the 处理决定数量 keep their meaning).
T1_FROM_2021 = tuple(Carry(f"t1.{src}", f"t1.{dest}", how) for src, dest, how in (
    ("regulations.issued", "regulations.made", NOTE),
    ("regulations.repealed", "regulations.total", NOTE),
    ("regulations.in_force", "regulations.total", NOTE),
    ("normative.issued", "normative.made", NOTE),
    ("normative.repealed", "normative.total", NOTE),
    ("normative.in_force", "normative.total", NOTE),
    ("licensing.decisions", "licensing.decisions", VALUE),
    ("penalty.decisions", "penalty.decisions", VALUE),
    ("coercion.decisions", "coercion.decisions", VALUE),
    ("fees.amount", "fees.prev_items", NOTE),
))

FORMAT = Format(
    id="2019",
    name="2019年格式（国办公开办函〔2019〕60号）",
    short_name="2019年格式",
    document="国办公开办函〔2019〕60号",
    years=range(2019, 2021),
    sections=sections(GUIDANCE, {"s1": S1_TEMPLATE}),
    **official_tables(t1_table(T1_BLOCKS, {**_SIGNED, ("procurement", "amount"): Kind.AMOUNT}), (G3, G4, G5, L6_2019)),
    # its （六）其他处理 row is equivalent to the 2021 rows: declared there, where the row was split
    conversions=(Conversion("2021", T1_FROM_2021),),
    migrates_to="2021",
)
