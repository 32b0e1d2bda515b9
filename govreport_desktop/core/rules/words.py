"""The words published reports use for what a number counts (X01–X04) and for required topics (S09, S11).

Collected from real reports (../shared/fixtures) and the official format texts. Kept apart from
the reading logic (reading.py) so a new phrasing seen in a report is one line here.
"""

from __future__ import annotations

import re


def alternation(words) -> re.Pattern:
    """One pattern for a list of words: a single C-level search instead of one `in` per word."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


# ---------------------------------------------------------------- 表二 categories (X03)

# The six second-level results of 表二 三、本年度办理结果, as rules and messages name them.
CATEGORIES = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")

# Longest words first: “不予以公开”, “不同意公开”, “部分同意公开” must not be read as 予以公开.
CATEGORY_WORDS = re.compile(
    r"(?P<L3>不予以?公开|不同意公开|不公开)|(?P<L2>部分(?:予以|同意)?公开)|(?P<L4>无法提供)|(?P<L5>不予(?:以)?处理)"
    r"|(?P<L6>其他处理)|(?P<L1>予以公开|同意公开|全部公开|准予公开)")
CATEGORY_OF_GROUP = {"L1": "予以公开", "L2": "部分公开", "L3": "不予公开", "L4": "无法提供",
                     "L5": "不予处理", "L6": "其他处理"}
# Between two categories that are counted together: “予以公开及部分公开”, “予以公开（含部分公开）”.
JOINED = re.compile(r"(?:[、和及与或/（(]|以及|含|包括|的)*")

# A count of one numbered row of a category (“不予公开中属于国家秘密的1件”) is not the category.
LEAF_WORDS = ("国家秘密", "禁止公开", "三安全一稳定", "危及", "第三方", "商业秘密", "个人隐私", "内部事务",
              "过程性", "执法案卷", "行政查询", "不掌握", "不存在", "另行制作", "加工", "补正", "信访", "举报",
              "投诉", "重复申请", "出版物", "大量反复", "重新出具", "收费", "缴纳", "缴费", "撤回", "撤销申请")

# ---------------------------------------------------------------- totals of 表二 (X01, X02)

CARRIED_IN = re.compile(r"上(?:一)?年(?:度)?(?:结转|未办结|遗留|转入)|去年(?:结转|未办结)")
CARRIED_OUT = re.compile(r"结转|转(?:入|至|到)?下(?:一)?(?:个)?年|顺延|跨年|延续至下|尚未办结|未办结|正在办理|仍在办理")
RECEIVED_VERBS = ("收到", "受理", "接收", "接到", "收悉", "新收")
HANDLED_VERBS = ("办结", "答复", "办复", "办理结果", "办理", "处理完毕", "处理")
# what may stand between the verb and its number: “受理政府信息公开申请749件”, “共办理了718件”
FILLER = re.compile(
    r"(?:了|完毕|完成|共|共计|合计|累计|总计|总共|一共|均|全部|已|的|为|是|有|达|计|各类|相关|依法|"
    r"政府信息公开|政府信息|信息公开|依申请公开事项|依申请公开|依申请|申请人|申请事项|申请|提出的|件数|数量|总量|"
    r"总数|量|信息|公开|并)*")   # not 事项 alone: “办理各类事项12000件” is not about applications
# A number after these words is not this year's count of the whole (a part, a change, an estimate).
NOT_A_COUNT = ("同比", "环比", "较上年", "比上年", "较去年", "比去年", "增长", "增加", "减少", "下降", "上升",
               "增幅", "降幅", "平均", "日均", "每月", "每年", "以来", "历年", "多于", "不足", "超过")
APPROXIMATE_ENDINGS = ("近", "约", "超", "逾", "大约", "将近", "上", "数", "几", "各", "第", "每")
APPROXIMATE_AFTER = ("余", "多", "左右", "以上", "以下", "以内", "次", "事", "实事", "套")
# Parts of the whole by applicant, channel or topic: “其中自然人申请741件”, “网上申请20件”.
QUALIFIERS = ("自然人", "法人", "企业", "公司", "组织", "机构", "律师", "个人", "群众", "网上", "网络", "在线",
              "线上", "线下", "当面", "现场", "信函", "邮寄", "邮件", "传真", "电话", "窗口", "平台", "当场",
              "逾期", "超期", "延期", "延长", "按时", "按期", "如期", "及时", "涉及", "关于", "有关", "领域",
              "方面")
OTHER_PERIOD = re.compile(r"季度|半年|(?<![0-9])(?:[1-9]|1[01])月")
# the whole year written out, which is not another period: “1月1日至12月31日”, “1—12月”
WHOLE_YEAR = re.compile(r"1(?:月(?:1日)?)?(?:至|到|—|-|－|~|～)12月(?:31日)?|1月1日|12月31日")

# ---------------------------------------------------------------- 表三 (X04)

APPEAL_WORDS = ("复议", "诉讼", "起诉", "应诉")
APPEAL_OUTCOMES = ("维持", "纠正", "纠错", "撤销", "驳回", "撤回", "审结", "败诉", "胜诉", "终止", "确认违法",
                   "责令", "调解", "和解")

# ---------------------------------------------------------------- topics (S09, S11)

# 一、总体情况 (S09): each aspect and the words reports use for it, headings included
# (“（三）精细化建设公开平台”, “（四）常态化开展监督管理”, “开展过期信息清理”).
ASPECTS = (
    ("主动公开", ("主动公开",)),
    ("依申请公开", ("依申请", "公开申请", "申请公开")),
    ("政府信息管理", ("信息管理", "管理政府信息", "信息清理", "清理", "保密审查", "公开审查", "发布审查",
                  "属性认定", "公开属性", "审核", "审签", "动态调整", "标准目录", "公开目录", "管理制度")),
    ("平台建设", ("平台", "网站", "新媒体", "公开专栏", "公开专区", "公开栏")),
    # not “保障” alone: “依法保障公民…获取政府信息的权利” is in almost every preamble
    ("监督保障", ("监督", "保障机制", "保障措施", "组织保障", "制度保障", "工作保障", "考核", "培训", "问责",
              "责任追究")),
)
GOV_ASPECTS = (
    ("工作考核", ("考核", "考评", "绩效评估")),
    ("社会评议", ("评议", "社会评价", "群众评价", "第三方评估", "满意度")),
    ("责任追究", ("责任追究", "追究责任", "追责", "问责")),
)

# 五、存在的主要问题及改进情况 (S11)
PROBLEM_WORDS = ("问题", "不足", "差距", "短板", "薄弱", "弱项", "欠缺", "有待", "不够", "不到位", "不平衡",
                 "尚需", "仍需", "还需", "亟待", "瓶颈", "困难")
MEASURE_WORDS = ("改进", "整改", "措施", "举措", "施策", "下一步", "下一阶段", "下阶段", "今后", "下一年度", "明年",
                 "新的一年", "接下来", "以下工作", "以下几", "如下工作", "工作计划", "工作打算", "工作安排",
                 "努力方向", "针对")
# “（我们|我局|…）将切实抓好…”, “将进一步…”: a promise is a measure
MEASURE_PROMISE = re.compile(r"将(?:切实|进一步|继续|持续|着力|重点|认真|全面|积极|不断|抓好|加强|加大|强化|"
                             r"完善|推进|推动|做好|提升|提高|健全|深化|扎实|坚持|围绕|聚焦|以)")


# compiled once: the reader tries these on the clause of every number
NOT_A_COUNT_RX = alternation(NOT_A_COUNT)
PART_RX = alternation(LEAF_WORDS + QUALIFIERS + ("案件",))
APPEAL_RX = alternation(APPEAL_WORDS)
APPEAL_OUTCOME_RX = alternation(APPEAL_OUTCOMES)
LAST_YEAR_RX = alternation(("上年", "去年", "上一年", "前一年"))
