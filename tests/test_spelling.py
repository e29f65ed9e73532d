"""How real people spell a listed word: the lexicon matcher on spellings, separators,
stretching, sounds, Latin abbreviations and both scripts (``spelling.py``, ``pack_rules``).

The rules here come from a pack written for the test, so they say what the matcher does
whatever the built-in word lists hold.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kameng_lint import Config, Linter
from kameng_lint.spelling import sound_alikes, squeezed

PACK = """
[[rule]]
code = "KM191"
kind = "lexicon"
category = "tone"
message = "“{text}”"
words = [
    { word = "垃圾", spellings = ["乐色"] },
    { word = "傻逼", sounds_like = true, spellings = ["煞笔"] },
    { word = "骗子" },
    { word = "sb" },
    { word = "md" },
]
examples = { bad = ["你们是垃圾"], good = ["垃圾分类做得好"] }
"""


@pytest.fixture(scope="module", params=["rjieba", "jieba"])
def linter(tmp_path_factory, request):
    """Both segmenters: jieba's cut is costly, so only the stretches around candidates are cut."""
    pack = tmp_path_factory.mktemp("pack") / "spellings.toml"
    pack.write_text(PACK, encoding="utf-8")
    return Linter(Config(rules=[pack], select=["KM191"], lang="en", plugins=False, tokenizer=request.param))


def found(linter, text: str) -> list[str]:
    return [f.text for f in linter.lint_text(text).findings if f.code == "KM191"]


@pytest.mark.parametrize("text, expected", [
    ("你们就是垃圾", ["垃圾"]),
    ("垃圾分类做得好", []),  # a word of the dictionary of its own: no boundary inside it
    ("这个平台真乐色", ["乐色"]),  # a listed spelling
    ("客服是傻 逼吧", ["傻 逼"]),  # broken up by a space
    ("客服是傻*逼", ["傻*逼"]),
    ("垃-圾平台", ["垃-圾"]),
    ("一群骗.子", ["骗.子"]),
    ("真是垃垃圾圾", ["垃垃圾圾"]),  # stretched
    ("你们这群沙币", ["沙币"]),  # the same sound
    ("客服煞笔", ["煞笔"]),
    ("你們這群騙子", ["騙子"]),  # traditional script: the author's own characters
    ("客服SB吧", ["SB"]),
    ("客服就是sb。", ["sb"]),
    ("md，又不回", ["md"]),
])
def test_spellings_match(linter, text, expected):
    assert found(linter, text) == expected


@pytest.mark.parametrize("text", [
    "我的usb坏了",  # inside an English word
    "文件的md5是多少",  # inside an ID
    "见 https://example.com/sb/page",  # inside a URL
    "订单号SB20240611",  # inside an order number
    "邮箱 sb@example.com",
])
def test_latin_words_only_stand_alone(linter, text):
    hits = found(linter, text)
    assert all(not hit.isascii() for hit in hits), hits


def test_a_separator_that_ends_a_clause_does_not_join_words(linter):
    assert found(linter, "不是傻，逼我的是平台") == []


def test_spellings_by_sound_leave_out_words_of_their_own():
    def is_a_word(text: str) -> bool:
        return text in {"沙笔"}

    spellings = sound_alikes("傻逼", is_a_word)
    assert {"沙币", "煞笔", "撒币"} <= set(spellings)  # sa is heard as sha
    assert "沙笔" not in spellings and "傻逼" not in spellings
    assert sound_alikes("sb", is_a_word) == []  # pypinyin reads no Latin letters


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("垃圾傻逼 *-.，a1\n"), max_size=30))
def test_squeezing_maps_every_character_back(text):
    result = squeezed(text, frozenset("垃圾傻逼"))
    if result is None:
        return
    short, kept = result
    assert len(short) == len(kept) < len(text)
    assert all(text[i] == ch for i, ch in zip(kept, short))
    assert kept == sorted(kept)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("垃圾傻逼骗子沙币乐色 *-.，SBsbmd:/你们\n"), max_size=40))
def test_every_finding_shows_what_the_author_wrote(linter, text):
    for finding in linter.lint_text(text).findings:
        assert finding.text == text[finding.start:finding.end]
