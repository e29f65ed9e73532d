"""Many drafts at once (``check_texts``, ``lint_texts``, the command line's files): checked in
batches, rule by rule across a batch, with exactly the findings of one draft at a time."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kameng_lint
from conftest import EXAMPLES, SHARED
from kameng_lint import linter as linter_module
from kameng_lint.linter import _batches, read_and_check

DEV = SHARED / "corpus" / "dev.jsonl"


def _drafts() -> list[str]:
    texts = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    return texts + ["", "   ", "你们就是骗子！！！", "骗子" * 3000]  # empty, blank, short, long


DRAFTS = _drafts()


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 5 drafts and 2,000 characters, so the drafts above fill many, and the long
    one (6,000 characters) makes one of its own."""
    monkeypatch.setattr(linter_module, "BATCH_SIZE", 5)
    monkeypatch.setattr(linter_module, "BATCH_CHARS", 2000)


@pytest.mark.parametrize("batched", ["default batches", "small batches"])
def test_check_texts_gives_each_draft_the_findings_of_check_text(default_linter, request, batched):
    if batched == "small batches":
        request.getfixturevalue("small_batches")
    paths = [f"draft{i}.txt" if i % 3 else None for i in range(len(DRAFTS))]
    together = default_linter.check_texts(DRAFTS, paths)
    alone = [default_linter.check_text(text, path=path) for text, path in zip(DRAFTS, paths)]
    assert together == alone
    assert [r.path for r in together] == [p or "<text>" for p in paths]
    assert sum(len(r.findings) for r in together) > len(DRAFTS)  # the drafts do have findings


def test_check_texts_takes_any_iterable_and_no_paths(default_linter, small_batches):
    records = default_linter.check_texts(iter(DRAFTS[:12]))
    assert records == [default_linter.check_text(text) for text in DRAFTS[:12]]
    assert default_linter.check_texts([]) == []


def test_lint_texts_returns_the_models_of_lint_text(default_linter):
    reports = kameng_lint.lint_texts(DRAFTS[:8])
    assert reports == [kameng_lint.lint_text(text) for text in DRAFTS[:8]]
    named = kameng_lint.lint_texts(DRAFTS[:2], paths=["x.txt", "y.txt"])
    assert named == [kameng_lint.lint_text(text, path=path) for text, path in zip(DRAFTS[:2], ["x.txt", "y.txt"])]
    assert default_linter.lint_texts(DRAFTS[:3], ["a", "b", "c"]) == [
        default_linter.lint_text(text, path=path) for text, path in zip(DRAFTS[:3], "abc")
    ]


@given(st.lists(st.integers(min_value=0, max_value=30)), st.integers(1, 6), st.integers(1, 60))
def test_batches_keep_the_order_and_their_limits(sizes, most, most_chars):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(linter_module, "BATCH_SIZE", most)
        patch.setattr(linter_module, "BATCH_CHARS", most_chars)
        batches = list(_batches(enumerate(sizes), lambda item: item[1]))
    assert [item for batch in batches for item in batch] == list(enumerate(sizes))
    for batch in batches:
        assert 1 <= len(batch) <= most
        assert len(batch) == 1 or sum(size for _, size in batch) <= most_chars
    for batch, following in zip(batches, batches[1:]):  # a batch ends only when it must
        chars = sum(size for _, size in batch)
        assert len(batch) == most or chars + following[0][1] > most_chars


def test_unreadable_files_keep_their_place_among_the_checked(tmp_path, default_linter, small_batches):
    names = []
    for i, text in enumerate(DRAFTS[:9]):
        path = tmp_path / f"{i}.txt"
        if i % 4 == 1:
            path.write_bytes(b"\xff\xfe\x00\xd8\x80\x81")  # not text
        elif i % 4 == 2:
            path = tmp_path / f"missing{i}.txt"
        else:
            path.write_text(text, encoding="utf-8")
        names.append(str(path))
    results = read_and_check(default_linter, names)
    assert [record.path for record, _ in results] == names
    for i, (record, text) in enumerate(results):
        if i % 4 in (1, 2):
            assert record.error and text is None
        else:
            assert text == DRAFTS[i]
            assert record == default_linter.check_text(DRAFTS[i], path=names[i])


def test_as_many_paths_as_texts_or_a_clear_error(default_linter):
    with pytest.raises(ValueError):
        default_linter.check_texts(["退款。", "请退款。"], ["only-one.txt"])
