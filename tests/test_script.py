"""Traditional script: drafts read as simplified, one character for one, offsets untouched.

The rules are written once, in simplified characters (``rules/*.toml``); a traditional-script
draft meets them through ``Document.normalized`` (``script.fold_to_simplified``). The measure
that matters: the same labelled drafts converted with OpenCC (s2t, and Taiwan's s2twp with its
vocabulary, 軟體 for 软件) score within 0.02 of the simplified ones, in every category.
"""

from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kameng_lint import Config, Linter, lint_text
from kameng_lint.resources import builtin_packs_dir
from kameng_lint.script import _tables, fold_to_simplified, is_traditional

DATA = Path(__file__).resolve().parent / "data"
#: The labelled sets the project owns (written blind; tests/test_corpus.py), all of them.
CORPORA = sorted(DATA.glob("blind*.jsonl"))
CATEGORIES = ("tone", "demand", "evidence", "deadline", "privacy")
LINTER = Linter(Config(lang="en"))


def test_the_table_folds_traditional_characters_and_never_a_simplified_one():
    assert fold_to_simplified("你們就是騙子，退錢！") == "你们就是骗子，退钱！"
    # 么 has a traditional form of its own (麼); t2s's table would read it as 幺
    assert fold_to_simplified("为什么不退款") == "为什么不退款"
    to_simplified, traditional_only, simplified_only = _tables()
    assert traditional_only.isdisjoint(simplified_only)
    assert all(len(chr(into)) == 1 for into in to_simplified.values())


def test_a_traditional_draft_is_read_phrase_by_phrase():
    assert fold_to_simplified("客服沒有回覆，截圖也打不開") == "客服没有回复，截图也打不开"
    # 使用者 -> 用户 would shorten the text: that run is folded character by character
    assert fold_to_simplified("使用者id：123，客服沒有回覆") == "使用者id：123，客服没有回复"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("你們騙子錢退款回覆軟體使用者么麼乾著a1，。\n😀"), max_size=40))
def test_folding_keeps_the_length(text):
    assert len(fold_to_simplified(text)) == len(text)


def test_script_detection():
    assert is_traditional("你們就是騙子，請退錢")
    assert not is_traditional("你们就是骗子，请退钱")
    assert not is_traditional("你们是騙子")  # a simplified draft with one word typed otherwise
    assert not is_traditional("order 123")


def test_the_rules_are_written_in_simplified_script():
    """The draft is folded, the rule data is not: a traditional-only character in a pack could
    never match."""
    _, traditional_only, _ = _tables()
    for pack in sorted(builtin_packs_dir().rglob("*.toml")):
        found = sorted(set(pack.read_text(encoding="utf-8")) & traditional_only)
        assert not found, (pack.name, found)


def test_findings_point_at_the_authors_own_characters():
    text = "你們就是騙子，退錢！！！"
    report = lint_text(text, config=Config(lang="en"))
    insult = [f for f in report.findings if f.code == "KM101"]
    assert [f.text for f in insult] == ["騙子"]
    assert all(f.text == text[f.start:f.end] for f in report.findings)


def _scores(rows: list[dict]) -> dict[str, float]:
    """Per-category F1, as ``../shared/tools/score_corpus.py`` computes it (tone by spans)."""
    counts = {category: [0, 0, 0] for category in CATEGORIES}
    reports = LINTER.lint_texts([row["text"] for row in rows])
    for row, report in zip(rows, reports):
        tone = [f for f in report.findings if f.category.value == "tone"]
        gold = []
        for sub in row["expect"]["tone"]:
            start = row["text"].find(sub)
            gold.append((start, start + len(sub)))
            hit = any(f.start < start + len(sub) and start < f.end for f in tone)
            counts["tone"][0 if hit else 2] += 1
        counts["tone"][1] += sum(1 for f in tone if not any(f.start < e and s < f.end for s, e in gold))
        for category in CATEGORIES[1:]:
            want = bool(row["expect"][category])
            got = any(f.category.value == category for f in report.findings)
            counts[category][0] += want and got
            counts[category][1] += got and not want
            counts[category][2] += want and not got

    def f1(tp: int, fp: int, fn: int) -> float:
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    return {category: f1(*counts[category]) for category in CATEGORIES}


def _converted(rows: list[dict], config: str) -> list[dict]:
    converter = opencc.OpenCC(config)
    out = []
    for row in rows:
        text = converter.convert(row["text"])
        tone = [converter.convert(sub) for sub in row["expect"]["tone"]]
        if any(sub not in text for sub in tone):  # a phrase converted otherwise in context
            continue
        out.append({**row, "text": text, "expect": {**row["expect"], "tone": tone}})
    return out


@pytest.mark.parametrize("config", ["s2t", "s2twp"])
def test_the_blind_sets_in_traditional_script_score_as_in_simplified(config):
    rows = [json.loads(line) for corpus in CORPORA for line in corpus.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    converted = _converted(rows, config)
    assert len(converted) >= 0.95 * len(rows)
    kept = {row["id"] for row in converted}
    simplified = _scores([row for row in rows if row["id"] in kept])
    traditional = _scores(converted)
    for category in CATEGORIES:
        assert traditional[category] >= simplified[category] - 0.02, (category, simplified, traditional)
