"""Sentences for 内容雷同 (Y04): what counts as a sentence, the shared fraction, many units at once."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_desktop.core import similarity
from govreport_desktop.core.similarity import (MIN_SENTENCES, SentenceIndex, sentence_hashes, sentences,
                                               shared_fraction)

TEXT = """一、总体情况
（一）主动公开
依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求，编制本报告。
本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。
2025年，我街道主动公开政府信息 558 条，其中通知公告 14 条。
一是拓宽公开渠道，强化门户网站信息公开主阵地功能；二是提升公开质量，按时发布年度报告！
三是提高解读效能。
如对本报告有任何疑问，请与街道办公室联系（电话：0571-12345678）。"""


def test_sentences_leave_out_headings_and_stock_phrases():
    got = sentences(TEXT)
    assert got == ["0年我街道主动公开政府信息0条其中通知公告0条",
                   "拓宽公开渠道强化门户网站信息公开主阵地功能",
                   "提升公开质量按时发布年度报告"]


def test_width_spaces_punctuation_and_figures_do_not_make_a_sentence_different():
    a = "2024年，我局主动公开政府信息 120 条，办理申请 3 件。"
    b = "２０２５年 我局主动公开政府信息１３５条, 办理申请５件！"
    assert sentences(a) == sentences(b)
    assert shared_fraction(a, b) == 1.0


def test_shared_fraction_is_the_share_of_the_first_texts_sentences():
    common = "我局高度重视政府信息公开工作，成立了工作领导小组。全年组织政务公开业务培训两次，覆盖全体干部。"
    a = common + "严格落实保密审查制度，确保信息安全。"
    b = common + "网站栏目设置更加科学合理，方便群众查找。" + "政务新媒体发布信息数量明显增加。"
    assert shared_fraction(a, b) == 2 / 3
    assert shared_fraction(b, a) == 2 / 4
    assert shared_fraction("", b) == 0.0
    assert shared_fraction(a, "") == 0.0


def _text(rng: random.Random, n: int) -> str:
    words = "政务公开工作信息平台建设制度规范审查回应关切解读政策主动依申请办理监督保障考核培训网站"
    return "。".join("".join(rng.choice(words) for _ in range(16)) for _ in range(n)) + "。"


def test_index_finds_the_copied_pairs_among_many_units():
    rng = random.Random(7)
    index = SentenceIndex()
    texts = {f"u{i}": _text(rng, 12) for i in range(3000)}
    original = texts["u10"]
    parts = original.split("。")
    texts["u2000"] = "。".join(parts[:11]) + "。另写的一句话用来区分两个单位的内容。"   # 11 of 12 copied
    texts["u2500"] = original                                                          # all copied
    texts["u2999"] = "。".join(parts[:6]) + "。" + _text(rng, 6)                       # half: not 雷同
    for key, text in texts.items():
        index.add(key, sentence_hashes(text))
    pairs = {(p.a, p.b): p for p in index.pairs()}
    assert set(pairs) == {("u10", "u2500"), ("u10", "u2000"), ("u2000", "u2500")}
    assert pairs[("u10", "u2500")].fraction == 1.0
    assert pairs[("u10", "u2000")].of_a == 11 / 12


def test_short_texts_are_not_judged():
    index = SentenceIndex()
    text = "本年度共收到政府信息公开申请二十件。全部按期答复，无一超期。"
    assert len(sentences(text)) < MIN_SENTENCES
    index.add("a", sentence_hashes(text))
    index.add("b", sentence_hashes(text))
    assert index.pairs() == []


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.characters(min_codepoint=0xFF00, max_codepoint=0xFF60), st.just("\u3000"),
                         st.characters(max_codepoint=0x9FFF)), max_size=60))
def test_half_width_is_the_translation_table(text):
    assert similarity._half_width(text) == text.translate(similarity._WIDTH)
