"""Chinese scripts: traditional characters read as simplified, and text given back in the
draft's own script.

Rules are written once, in simplified characters; a draft in traditional script (騙子, 退錢,
你們) must meet them as 骗子, 退钱, 你们. ``fold_to_simplified`` does that one character at a
time from OpenCC's own table (t2s, and the Taiwan and Hong Kong variants), so the folded text
has the length of the original and every offset found in it is an offset into what the author
wrote. A draft written in traditional script is read phrase by phrase besides (回覆 as 回复),
where that keeps its length.

The tables come from the ``opencc`` package, worked out once and kept in the user cache (the
first run takes some 15 ms, later ones load them in under one).

``to_traditional`` goes the other way, by phrase, for what the linter writes into a draft
(a suggestion for a traditional-script draft is given in traditional script).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: The blocks of CJK ideographs whose characters OpenCC converts (the unified ideographs,
#: extension A, compatibility ideographs).
_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
#: Bump when the way the tables are made changes, so older cached tables are not read back.
_TABLE_FORM = "2"


def _converted_one_by_one(config: str) -> dict[int, int]:
    """Each character of the blocks that ``config`` turns into one other character."""
    import opencc

    chars = [chr(code) for start, end in _BLOCKS for code in range(start, end + 1)]
    # One call for all of them, a line each: a character on its own line meets no phrase.
    converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - a line turned into two: read one by one
        converter = opencc.OpenCC(config)
        converted = [converter.convert(ch) for ch in chars]
    return {ord(a): ord(b) for a, b in zip(chars, converted) if a != b and len(b) == 1}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, int], frozenset[str], frozenset[str]]:
    """(traditional -> simplified, characters only traditional script has, characters only
    simplified script has), from the cache or worked out from OpenCC."""
    import importlib.util
    import os

    from . import cache

    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency; without it, no folding
        return {}, frozenset(), frozenset()
    # The installed opencc, by where it is and when it was written: importing it to read its
    # version would cost more than loading the kept tables.
    installed = os.stat(spec.origin)
    key = cache.key("script", _TABLE_FORM, spec.origin, str(installed.st_mtime_ns), str(installed.st_size))
    kept = cache.load("script", key)
    if kept is not None:
        return kept
    to_simplified: dict[int, int] = {}
    for config in ("hk2s", "tw2s", "t2s"):  # later ones win: t2s is the standard
        to_simplified.update(_converted_one_by_one(config))
    # A character simplified script writes itself is never folded, whatever the tables say of
    # it: 么 (什么) has a traditional form of its own (麼), and t2s would read it as 幺.
    simplified_only = frozenset(chr(code) for code in _converted_one_by_one("s2t"))
    to_simplified = {code: into for code, into in to_simplified.items() if chr(code) not in simplified_only}
    traditional_only = frozenset(chr(code) for code in to_simplified)
    tables = (to_simplified, traditional_only, simplified_only)
    cache.store("script", key, tables)
    return tables


@lru_cache(maxsize=1)
def _traditional_search() -> re.Pattern:
    """A search for any traditional-only character: a class of them, which ``re`` reads as a
    bitmap (five times faster than a set's ``isdisjoint`` over the text's characters)."""
    _, traditional_only, _ = _tables()
    return re.compile("[" + "".join(sorted(traditional_only)) + "]" if traditional_only else "(?!)")


def fold_to_simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified form; same length.

    A draft written in traditional script is read phrase by phrase (OpenCC ``t2s``: 回覆 as
    回复, where 覆 alone is a simplified character too), as long as that keeps its length; a
    simplified draft with a few traditional characters typed in (騙子) has just those folded.
    Taiwan's vocabulary is not translated (``tw2sp`` reads 截圖 as 截屏, which the evidence
    rules would miss): a rule that needs 軟體 lists it."""
    table, traditional_only, _ = _tables()
    if _traditional_search().search(text) is None:
        return text  # nearly every draft: one scan in C finds nothing to fold
    if is_traditional(text):
        phrases = _converter("t2s").convert(text)
        if len(phrases) == len(text):
            return phrases
        # Some phrase changed its length (使用者 -> 用户): each run of ideographs on its own,
        # phrase by phrase where that keeps the run's length, else character by character.
        return _HAN_RUN.sub(lambda run: _fold_run(run.group(), table), text)
    return text.translate(table)


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _fold_run(run: str, table: dict[int, int]) -> str:
    phrases = _converter("t2s").convert(run)
    return phrases if len(phrases) == len(run) else run.translate(table)


def is_traditional(text: str) -> bool:
    """Does ``text`` read as traditional script: more characters that only traditional script
    writes (們, 騙, 錢) than characters that only simplified script writes (们, 骗, 钱)?"""
    _, traditional_only, simplified_only = _tables()
    if _traditional_search().search(text) is None:
        return False
    traditional = sum(1 for ch in text if ch in traditional_only)
    simplified = sum(1 for ch in text if ch in simplified_only)
    return traditional > simplified


@lru_cache(maxsize=4)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str, region: str = "s2t") -> str:
    """Simplified text in traditional script, phrase by phrase (OpenCC ``s2t``; ``s2twp`` for
    Taiwan usage, ``s2hk`` for Hong Kong)."""
    if not text or text.isascii():
        return text
    return _converter(region).convert(text)
