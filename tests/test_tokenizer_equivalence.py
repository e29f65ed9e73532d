"""jieba and rjieba cut the same way, with the shipped domain dictionary loaded.

The linter may pick either backend (rjieba when installed, jieba otherwise), so a draft must get
the same tokens, and therefore the same findings, from both.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("rjieba")

from kameng_lint import Config, Linter  # noqa: E402
from kameng_lint.text import normalize_width  # noqa: E402

DEV_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.jsonl"

JIEBA = Linter(Config(tokenizer="jieba", select=["ALL"], plugins=False))
RJIEBA = Linter(Config(tokenizer="rjieba", select=["ALL"], plugins=False))


def _shipped_words() -> list[str]:
    """Every word the packs add to the dictionary, and every rule example: domain text."""
    words = [w.word for rule in JIEBA.all_rules for w in getattr(getattr(rule, "spec", None), "words", [])]
    examples = [text for rule in JIEBA.all_rules for text in (*rule.examples.bad, *rule.examples.good)]
    return words + examples


PIECES = _shipped_words() + list("的了我在是你们平台客服订单退款元年月日号内前，。！？；：“”《》（）、 \n") + [
    "12315", "24小时", "3个工作日", "Q币", "Steam", "LX2024-5571", "¥100", "１００元", "ｗｅｂ", "!!!", "?!",
    "abc_def", "v1.2", "50%", "C++", "a&b", "#3", "—", "…", "\u3000", "\t",
]


def _tokens(linter: Linter, text: str) -> list[tuple[str, int, int]]:
    return [tuple(t) for t in linter.tokenizer.tokenize(normalize_width(text))]


def _dev_texts() -> list[str]:
    if not DEV_CORPUS.is_file():
        return []
    with DEV_CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def test_both_backends_are_really_used():
    assert JIEBA.tokenizer.backend_name == "jieba"
    assert RJIEBA.tokenizer.backend_name == "rjieba"


def _same_or_tied(a: list[tuple[str, int, int]], b: list[tuple[str, int, int]]) -> bool:
    """Identical cuts, or a tie: two cuts of one stretch into the same words in another order
    (日日日 -> 日|日日 or 日日|日) are equally likely, and the two ports break such ties
    differently (found by this test). Anything else is a real difference."""
    if a == b:
        return True
    return sorted(w for w, _, _ in a) == sorted(w for w, _, _ in b)


def test_ties_are_the_only_tolerated_difference():
    assert _same_or_tied([("日", 0, 1), ("日日", 1, 3)], [("日日", 0, 2), ("日", 2, 3)])
    assert not _same_or_tied([("日日", 0, 2)], [("日", 0, 1), ("日", 1, 2)])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join))
def test_same_tokens_on_generated_drafts(text):
    assert _same_or_tied(_tokens(JIEBA, text), _tokens(RJIEBA, text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Z")), max_size=60))
def test_same_tokens_on_arbitrary_text(text):
    assert _tokens(JIEBA, text) == _tokens(RJIEBA, text)


@pytest.mark.skipif(not DEV_CORPUS.is_file(), reason="dev corpus not present")
@pytest.mark.parametrize("index", range(len(_dev_texts())))
def test_same_tokens_and_findings_on_dev_corpus(index):
    text = _dev_texts()[index]
    assert _tokens(JIEBA, text) == _tokens(RJIEBA, text)
    assert JIEBA.lint_text(text) == RJIEBA.lint_text(text)


def test_tokens_cover_the_text_exactly():
    text = "我在乐享卡盟买了Q币1000个（１０００元），至今未到账！！要求24小时内退款。"
    for linter in (JIEBA, RJIEBA):
        tokens = linter.tokenizer.tokenize(normalize_width(text))
        assert "".join(t.text for t in tokens) == normalize_width(text)
        assert all(normalize_width(text)[t.start : t.end] == t.text for t in tokens)


def _words_agree_with_tokens(linter: Linter, text: str) -> None:
    """``words`` (the backend's cut, which the lexicon reads) are the tokens' texts, and their
    lengths give the tokens' offsets."""
    normalized = normalize_width(text)
    words = linter.tokenizer.words(normalized)
    tokens = linter.tokenizer.tokenize(normalized)
    assert words == [t.text for t in tokens]
    assert "".join(words) == normalized
    assert [t.start for t in tokens] == [sum(map(len, words[:i])) for i in range(len(words))]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=0, max_size=30).map("".join))
def test_words_are_the_tokens_texts_on_generated_drafts(text):
    for linter in (JIEBA, RJIEBA):
        _words_agree_with_tokens(linter, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Z")), max_size=60))
def test_words_are_the_tokens_texts_on_arbitrary_text(text):
    for linter in (JIEBA, RJIEBA):
        _words_agree_with_tokens(linter, text)
