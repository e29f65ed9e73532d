"""The labelled corpora as a regression guard.

``dev``: the shared dev corpus (../shared/corpus/dev.jsonl). ``blind`` to ``blind4``: 60, 100,
100 and 100 drafts in the same format (``tests/data/``) written by writers who had read the
guide and the corpus README but never the rules, used to find what the rules missed on wording
they were not built on. Before the rules met them, macro-F1 was 0.915 on blind2 (chat-style,
formal/12315, privacy and evidence, demand and deadline writers; three labels corrected on
review as their notes say), 0.912 on blind3 (many kinds of author, long structured drafts,
false-positive traps, dictated and colloquial drafts) and 0.905 on blind4 (writers told to vary
tone, demand and time wording as widely as they could, and realistic 黑猫投诉 posts). blind5 is
100 general drafts (four writers asked for a representative mixture): 0.962 before any rule met
it, the best measure of how the rules do on drafts nobody has tuned them to. blind6 is 120
drafts by three writers (phone-typed colloquial drafts; formal 12315/消协 letters with
statutes and evidence lists; borderline decisions): 0.926 before the rules met it (tone recall
0.80: slang, sarcastic questions, doxxing threats). blind7 is 120 more (a general mixture;
tone in all its variety, regional, English and emoji; long multi-step stories): 0.951, 0.924
and 0.914 before (tone recall 0.54 on the tone set). blind8 is 120 more (a general mixture of
voices and dialects; demand, deadline and evidence wording; privacy and traps): 0.899 and 0.951
before (0.986 on the third, first scored after some fixes from the first). blind9 is 60
general drafts (a representative mixture; drafts by people following a complaint guide in
part): 0.981 and 0.992 before. The same measure as ../shared/tools/score_corpus.py, computed in-process: per-category F1
must not fall below the floor. Clean drafts (written the way the guide recommends) must get
no finding in the scored categories at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kameng_lint import Linter

CORPORA = {
    "dev": Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev.jsonl",
    "blind": Path(__file__).resolve().parent / "data" / "blind.jsonl",
    "blind2": Path(__file__).resolve().parent / "data" / "blind2.jsonl",
    "blind3": Path(__file__).resolve().parent / "data" / "blind3.jsonl",
    "blind4": Path(__file__).resolve().parent / "data" / "blind4.jsonl",
    "blind5": Path(__file__).resolve().parent / "data" / "blind5.jsonl",
    "blind6": Path(__file__).resolve().parent / "data" / "blind6.jsonl",
    "blind7": Path(__file__).resolve().parent / "data" / "blind7.jsonl",
    "blind8": Path(__file__).resolve().parent / "data" / "blind8.jsonl",
    "blind9": Path(__file__).resolve().parent / "data" / "blind9.jsonl",
}
FLOOR = {"tone": 0.9, "demand": 0.9, "evidence": 0.9, "deadline": 0.9, "privacy": 0.9}
SCORED = ("demand", "evidence", "deadline", "privacy")


@pytest.fixture(scope="module")
def linter():
    return Linter()


@pytest.fixture(scope="module", params=sorted(CORPORA))
def results(request, linter):
    corpus = CORPORA[request.param]
    if not corpus.exists():
        pytest.skip(f"{corpus} is not there (../shared/ is not beside the checkout)")
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row, linter.lint_text(row["text"]).findings) for row in rows]


def _f1(tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@pytest.mark.parametrize("category", SCORED)
def test_category_f1(results, category):
    tp = fp = fn = 0
    for row, findings in results:
        want = bool(row["expect"].get(category))
        got = any(f.category.value == category for f in findings)
        tp += want and got
        fp += got and not want
        fn += want and not got
    assert _f1(tp, fp, fn) >= FLOOR[category]


def test_tone_span_f1(results):
    tp = fp = fn = 0
    for row, findings in results:
        gold = []
        for phrase in row["expect"]["tone"]:
            at = row["text"].find(phrase)
            gold.append((at, at + len(phrase)))
        tone = [f for f in findings if f.category.value == "tone"]
        for start, end in gold:
            if any(f.start < end and start < f.end for f in tone):
                tp += 1
            else:
                fn += 1
        fp += sum(1 for f in tone if not any(f.start < e and s < f.end for s, e in gold))
    assert _f1(tp, fp, fn) >= FLOOR["tone"]


def test_clean_drafts_get_no_scored_finding(results):
    noisy = []
    for row, findings in results:
        expect = row["expect"]
        if expect["tone"] or any(expect.get(c) for c in SCORED):
            continue
        scored = [f for f in findings if f.category.value in (*SCORED, "tone")]
        if scored:
            noisy.append((row["id"], [(f.code, f.text) for f in scored]))
    assert not noisy
