"""The 2021 format (国办公开办函〔2021〕30号), for statistical years 2021 and later."""

from ..schema import NOTE, VALUE, Carry, Conversion, Feature, Format, Kind
from .common import (G3, G4, G5, G6_2021, L6_2019, S1_TEMPLATE, T1_ARTICLE_TIPS, T1Block, row_split, sections,
                     official_tables, t1_table)

DECISIONS = ("decisions", "本年处理决定数量",
             "本年作出的许可、处罚、强制决定数；县级以上人民政府的报告常汇总全部门")

T1_BLOCKS = (
    T1Block("第二十条第（一）项", T1_ARTICLE_TIPS["（一）"], (
        ("issued", "本年制发件数", "本年制定、发布的件数；修订常计入此栏，说明写入备注（如“其中修订16件”）"),
        ("repealed", "本年废止件数", "本年废止的件数；有的单位含自然失效，说明写入备注"),
        ("in_force", "现行有效件数", "截至12月31日现行有效的件数"),
    ), (
        ("regulations", "规章", "只有具有规章制定权的机关（国务院部门；省、自治区、直辖市人民政府；设区的市、自治州人民政府）可填非零"),
        ("normative", "行政规范性文件", ""),
    )),
    T1Block("第二十条第（五）项", T1_ARTICLE_TIPS["（五）"], (DECISIONS,), (
        ("licensing", "行政许可", ""),
    )),
    T1Block("第二十条第（六）项", T1_ARTICLE_TIPS["（六）"], (DECISIONS,), (
        ("penalty", "行政处罚", ""),
        ("coercion", "行政强制", ""),
    )),
    T1Block("第二十条第（八）项", T1_ARTICLE_TIPS["（八）"], (
        ("amount", "本年收费金额（单位：万元）",
         "本年收取的行政事业性收费金额，单位万元，最多4位小数（0.0001万元即1元）；不是信息处理费（信息处理费在“六”中说明）"),
    ), (
        ("fees", "行政事业性收费", ""),
    )),
)

GUIDANCE = {
    "s1": "报告本机关政府信息公开工作总体情况，对贯彻落实《中华人民共和国政府信息公开条例》情况进行综述，"
          "主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障（各级人民政府须写明"
          "工作考核、社会评议和责任追究结果情况）等方面。建议写明统计期限：本年1月1日至12月31日。",
    "s2": "可在表一之前作简要说明（可不填）。",
    "s3": "可在表二之前作简要综述（可不填）。注意第一项加第二项之和，等于第三项加第四项之和。",
    "s4": "可在表三之前作简要说明（可不填）。表三数量含上年度结转的案件。",
    "s5": "写明本年度存在的主要问题和改进措施，并说明上一年度报告所列问题的改进情况。",
    "s6": "必须说明信息处理费情况：是否收取；如收取，发出收费通知件数、金额及实际收取金额"
          "（国办函〔2020〕109号）。各级人民政府还应写明落实上级年度政务公开工作要点、"
          "人大代表建议和政协提案办理结果公开、政务公开工作创新情况。",
}

# A 2019-format 表一 converted to this format (format-2019.md §7 B): VALUE = prefilled as a
# suggestion, NOTE = kept as a note on that cell.
T1_FROM_2019 = tuple(Carry(f"t1.{src}", f"t1.{dest}", how) for src, dest, how in (
    ("regulations.made", "regulations.issued", VALUE),
    ("normative.made", "normative.issued", VALUE),
    ("regulations.published", "regulations.issued", NOTE),
    ("normative.published", "normative.issued", NOTE),
    ("regulations.total", "regulations.in_force", NOTE),
    ("normative.total", "normative.in_force", NOTE),
    ("licensing.decisions", "licensing.decisions", VALUE),
    ("penalty.decisions", "penalty.decisions", VALUE),
    ("coercion.decisions", "coercion.decisions", VALUE),
    ("licensing.prev_items", "licensing.decisions", NOTE),
    ("licensing.change", "licensing.decisions", NOTE),
    ("penalty.prev_items", "penalty.decisions", NOTE),
    ("penalty.change", "penalty.decisions", NOTE),
    ("coercion.prev_items", "coercion.decisions", NOTE),
    ("coercion.change", "coercion.decisions", NOTE),
    ("other_services.prev_items", "licensing.decisions", NOTE),
    ("other_services.change", "licensing.decisions", NOTE),
    ("other_services.decisions", "licensing.decisions", NOTE),
    ("fees.prev_items", "fees.amount", NOTE),
    ("fees.change", "fees.amount", NOTE),
    ("procurement.items", "fees.amount", NOTE),
    ("procurement.amount", "fees.amount", NOTE),
))

FORMAT = Format(
    id="2021",
    name="2021年格式（国办公开办函〔2021〕30号）",
    short_name="2021年格式",
    document="国办公开办函〔2021〕30号",
    years=range(2021, 10000),
    sections=sections(GUIDANCE, {"s1": S1_TEMPLATE}),
    **official_tables(t1_table(T1_BLOCKS, {("fees", "amount"): Kind.MONEY}), (G3, G4, G5, G6_2021)),
    equivalences=row_split(L6_2019, G6_2021),
    conversions=(Conversion("2019", T1_FROM_2019),),
    features=frozenset({Feature.PRESCRIBED_TEXTS, Feature.LAST_YEAR_REVIEW, Feature.FEE_STATEMENT}),
)
