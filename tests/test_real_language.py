"""Real people's wording (issue 19): facts told without figures, pointers at attached items,
a past 申请 that is a fact, and (below) tone by construction.

The drafts here are written for the tests, in the shapes real posts take; the real posts
themselves are only read and scored (``../shared/corpus/real-posts.jsonl``, test_corpus.py).
"""

from __future__ import annotations

import pytest

from kameng_lint import Config, Linter

LINTER = Linter(Config(lang="en"))


def codes(text: str) -> set[str]:
    return {f.code for f in LINTER.lint_text(text).findings}


@pytest.mark.parametrize("text", [
    "钱收了，人却找不到了",
    "节点都挂了，官网也打不开",
    "充了一年的会员，现在完全联系不上人",
    "付费后一直用不了",
    "邮件已发一周，没有任何回复",
    "上个月续了三个月，服务说没就没",
    "软件功能和介绍的不一样",
    "说好发源码，然后就说要加钱",
])
def test_what_happened_is_a_fact_that_needs_evidence(text):
    assert "KM301" in codes(text)


@pytest.mark.parametrize("text", [
    "什么时候能把钱退给我？",  # a question asks; it tells nothing
    "如果无法退款，我将走法律程序。",  # a condition: nothing has happened
    "这家的规矩真是管得宽",  # opinion alone
    "退钱！退钱！",
])
def test_a_question_a_condition_or_an_opinion_is_no_fact(text):
    assert "KM301" not in codes(text)


@pytest.mark.parametrize("text", [
    "充值99元没到账，付款截图已附上。",
    "充值99元没到账，截图如下。",
    "充值99元没到账，聊天记录都已上传。",
    # with an image attached to the post, a pointer at it is a reference
    "充值99元没到账，付款截图也有了\n<img src=\"https://example.com/a.png\" />",
    "充值99元没到账，这是我的账号，以及支付页面\n![Image](https://example.com/a.png)",
])
def test_a_pointer_at_an_attached_item_cites_evidence(text):
    assert "KM301" not in codes(text)


@pytest.mark.parametrize("text", [
    "充值99元没到账，我有截图。",  # evidence exists somewhere: no pointer
    "充值99元没到账，付款截图也有了",  # nothing attached for it to point at
])
def test_saying_one_has_evidence_is_no_reference(text):
    assert "KM301" in codes(text)


@pytest.mark.parametrize("text", [
    "自申请退款之日起已过两周，仍然没有回复。",
    "退款申请邮件发了两周了，没人应。",
    "退费申请到底过不过，我没有用过激活码。",
])
def test_a_past_or_named_application_is_a_fact_not_the_demand(text):
    found = codes(text)
    assert "KM301" in found and "KM201" in found  # facts without evidence, and no demand at all


@pytest.mark.parametrize("text", [
    "充值100元没到账（证据1）。要求退还100元，给你们3天时间，否则向12315投诉。",
    "充值100元没到账（证据1）。要求退还100元，给你们三天，不然我就去12315投诉。",
])
def test_giving_the_platform_days_is_a_limit(text):
    assert "KM401" not in codes(text)


@pytest.mark.parametrize("text", [
    # the author's own past, a form's field label, a rule someone else set
    "我没有及时（24h内）发现这笔扣款（证据1）。要求退还69元。",
    "**1周内的不可用天数**：2。充值30元（证据1），要求退还30元。",
    "介绍页面指明退款只要一个月内发邮件即可，邮件至今没有回复（证据1）。要求退还30元。",
])
def test_a_limit_that_is_not_the_authors_sets_none(text):
    assert "KM401" in codes(text)
