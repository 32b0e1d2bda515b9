"""The report of official_docx.py as a government CMS page: gb2312 declared, the site's menus and
footer around the article, the title in an <h1> above it, Word-pasted markup (labels split into
<span> runs, <o:p>, &nbsp; in blank cells) and merged cells as rowspan/colspan."""

from __future__ import annotations

import html

import official_docx as o

CHROME_TOP = """<div class="head"><ul class="nav"><li><a href="/">首页</a></li><li>政务公开</li>
<li>一、总体情况介绍（网站导航）</li></ul><div class="search">站内搜索</div></div>
<table class="xxgk"><tr><td>索引号</td><td>012345/2025-00001</td><td>发布机构</td><td>某某县某某局</td></tr></table>"""
CHROME_BOTTOM = """<div class="foot"><p>主办：某某县人民政府办公室　版权所有</p><p>网站标识码 1234567890</p>
<script>var x = "一、总体情况";</script></div>"""


def _runs(text: str) -> str:
    """Word-pasted markup: the text in two <span> runs (“申请人情” + “况”)."""
    if text is None:
        return "&nbsp;<o:p></o:p>"
    t = html.escape(str(text))
    k = max(1, len(t) - 1)
    return (f'<p class="MsoNormal" style="text-align:center"><span style="font-family:仿宋_GB2312">{t[:k]}</span>'
            f'<span lang="EN-US">{t[k:]}</span><o:p></o:p></p>')


def _td(text, rowspan=1, colspan=1) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f'<td{attrs} style="border:solid windowtext 1.0pt">{_runs(text)}</td>'


def _t1() -> str:
    rows = [[_td("第二十条第（一）项", colspan=4)],
            [_td(x) for x in ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")],
            [_td("规章"), *(_td(v) for v in o.T1["regulations"])],
            [_td(o.VARIANTS["normative"]), *(_td(v) for v in o.T1["normative"])]]
    for title, col, items in (("第二十条第（五）项", "本年处理决定数量", (("行政许可", o.T1["licensing"]),)),
                              ("第二十条第（六）项", "本年处理决定数量", (("行政处罚", o.T1["penalty"]),
                                                                          ("行政强制", o.T1["coercion"]))),
                              ("第二十条第（八）项", o.VARIANTS["fees_col"], (("行政事业性收费", o.T1["fees"]),))):
        rows.append([_td(title, colspan=4)])
        rows.append([_td("信息内容"), _td(col, colspan=3)])
        rows += [[_td(label), _td(v, colspan=3)] for label, v in items]
    return _table(rows)


def _t2() -> str:
    rows = [[_td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
             _td("申请人情况", colspan=7)],
            [_td("自然人", rowspan=2), _td("法人或其他组织", colspan=5), _td("总计", rowspan=2)],
            [_td(x) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")]]
    groups: dict[str, int] = {}
    for _k, g, _l in o.T2_LABELS:
        if g:
            groups[g] = groups.get(g, 0) + 1
    started = set()
    for i, (key, group, label) in enumerate(o.T2_LABELS):
        label = o.VARIANTS.get(key, label)
        cells = []
        if key == "L1":
            cells.append(_td("三、本年度办理结果", rowspan=22))
        if key in ("R1", "R2", "R4"):
            cells.append(_td(label, colspan=3))
        elif group is None:
            cells.append(_td(label, colspan=2))
        else:
            if group not in started:
                started.add(group)
                cells.append(_td(group, rowspan=groups[group]))
            cells.append(_td(label))
        cells += [_td(v) for v in o.T2[key]]
        rows.append(cells)
    return _table(rows)


def _t3() -> str:
    fields = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    rows = [[_td("行政复议", colspan=5), _td("行政诉讼", colspan=10)],
            [*(_td(f, rowspan=2) for f in fields), _td("未经复议直接起诉", colspan=5), _td("复议后起诉", colspan=5)],
            [_td(f) for f in fields * 2],
            [_td(v) for g in ("RV", "LD", "LR") for v in o.T3[g]]]
    return _table(rows)


def _table(rows) -> str:
    return ('<table class="MsoNormalTable" border="1" cellspacing="0">'
            + "".join(f"<tr>{''.join(r)}</tr>" for r in rows) + "</table>")


def page() -> str:
    body = []
    for key, heading in o.HEADINGS.items():
        body.append(f'<p class="MsoNormal"><b><span>{heading[:2]}</span><span>{heading[2:]}</span></b></p>')
        body += [f"<p>&nbsp;&nbsp;{html.escape(t)}<o:p></o:p></p>" for t in o.SECTIONS.get(key, ())]
        body.append({"s2": _t1(), "s3": _t2(), "s4": _t3()}.get(key, ""))
    body.append(f'<p style="text-align:right">{o.UNIT}</p><p style="text-align:right">2025年1月20日</p>')
    title = "".join(o.TITLE_LINES)
    return ('<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f"<title>{title}_某某县人民政府</title><style>p{{margin:0}}</style></head><body>{CHROME_TOP}"
            f'<div class="main"><h1 class="title">{title}</h1><div class="info">发布时间：2025-01-20 浏览次数：12</div>'
            f'<div class="TRS_Editor">{"".join(body)}</div></div>{CHROME_BOTTOM}</body></html>')


def build_bytes() -> bytes:
    return page().encode("gb18030")
