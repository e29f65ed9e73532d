"""The word segmenter, behind one small interface so another backend can be added.

``jieba`` is the default backend. ``rjieba`` (a Rust port with identical cuts, many times
faster) is used when installed, or when asked for with ``--tokenizer rjieba``.

Both load the shipped domain dictionary (``rules/dictionary.toml`` plus every lexicon word
of the loaded rule packs) so that 卡盟, 黑猫投诉, 到账 and each listed tone phrase come out
as one token.
"""

from __future__ import annotations

import bisect
import importlib.util
import logging
import sys
from collections.abc import Iterable
from itertools import repeat
from pathlib import Path
from typing import NamedTuple, Protocol

from .cache import cache_dir  # noqa: F401 - where the dictionary cache lives

BACKENDS = ("jieba", "rjieba")
#: Frequency given to added words: high enough that a listed word wins over the cut of its parts.
ADDED_WORD_FREQ = 100_000


class Token(NamedTuple):
    """A word and its code-point offsets. A named tuple: built straight from the backend's
    (word, start, end) tuples, at a fraction of a dataclass's cost."""

    text: str
    start: int
    end: int


class Backend(Protocol):
    name: str
    #: True when cutting a text costs far more than searching it for a few hundred strings,
    #: so that a draft holding none of the listed words is better not cut at all.
    cut_is_costly: bool

    def add_word(self, word: str) -> None: ...

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]: ...

    def cut(self, text: str) -> Iterable[str]: ...

    def windows(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]: ...


def _import_jieba():
    """Import jieba without pkg_resources.

    jieba uses ``pkg_resources`` only to open its bundled dictionary when that module is
    importable; importing it is slow and warns under recent setuptools. Hiding it for the
    duration of the import makes jieba fall back to a plain ``open`` of the same file.
    """
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if hidden:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


class JiebaBackend:
    name = "jieba"
    cut_is_costly = True  # about 2 µs a character, in Python; a search for the listed words: 0.07

    def __init__(self) -> None:
        jieba = _import_jieba()
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.tmp_dir = str(cache_dir())
        self._runs = jieba.re_han_default  # what its cut segments; other characters stand alone

    def add_word(self, word: str) -> None:
        self._tokenizer.add_word(word, freq=ADDED_WORD_FREQ)

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        return self._tokenizer.tokenize(text, HMM=False)  # a generator of (word, start, end)

    def cut(self, text: str) -> Iterable[str]:
        return self._tokenizer.cut(text, HMM=False)

    def windows(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Stretches covering ``spans``, ordered and apart, each of which jieba cuts alone into
        the very words its cut of the whole text has there.

        jieba cuts each run of the characters of its ``re_han_default`` apart from the rest
        and makes every other character a word of its own (\\r\\n one word): a stretch from the
        start of such a run to the end of one, or over single characters, is cut the same.
        """
        runs = [m.span() for m in self._runs.finditer(text)]
        starts = [start for start, _ in runs]
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and start < runs[i][1]:
                start = runs[i][0]
            elif start > 0 and text[start - 1 : start + 1] == "\r\n":
                start -= 1
            j = bisect.bisect_right(starts, end - 1) - 1
            if j >= 0 and end - 1 < runs[j][1]:
                end = runs[j][1]
            elif end < len(text) and text[end - 1 : end + 1] == "\r\n":
                end += 1
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


class RjiebaBackend:
    name = "rjieba"
    cut_is_costly = False  # about as fast as the search for the listed words

    def __init__(self) -> None:
        self._tokenizer = _rjieba_class()()

    def add_word(self, word: str) -> None:
        self._tokenizer.add_word(word, ADDED_WORD_FREQ, None)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        return self._tokenizer.tokenize(text, "default", False)

    def cut(self, text: str) -> list[str]:
        return self._tokenizer.cut(text, False)

    def windows(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(0, len(text))] if spans else []  # not needed: its cut costs little


def _rjieba_class():
    """rjieba's ``Jieba`` class, without running ``import rjieba``.

    The package's ``__init__`` builds a module-level default ``Jieba`` (0.15-0.2 s, 25 MB) that we
    never use: every Tokenizer builds its own, with its own words. Load the compiled extension
    module directly; fall back to the plain import if the layout ever changes.
    """
    import importlib.machinery

    module = sys.modules.get("rjieba.rjieba")
    if module is None:
        spec = importlib.util.find_spec("rjieba")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = Path(folder) / f"rjieba{suffix}"
                if path.is_file():
                    loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(path))
                    ext_spec = importlib.util.spec_from_file_location("rjieba.rjieba", path, loader=loader)
                    module = importlib.util.module_from_spec(ext_spec)
                    loader.exec_module(module)
                    sys.modules["rjieba.rjieba"] = module
                    return module.Jieba
        import rjieba

        return rjieba.Jieba
    return module.Jieba


def rjieba_available() -> bool:
    return importlib.util.find_spec("rjieba") is not None


def resolve_backend_name(name: str | None) -> str:
    """``None`` or ``"auto"``: rjieba when installed, else jieba."""
    if name in (None, "auto"):
        return "rjieba" if rjieba_available() else "jieba"
    if name not in BACKENDS:
        raise ValueError(f"unknown tokenizer {name!r} (choose from {', '.join(BACKENDS)})")
    if name == "rjieba" and not rjieba_available():
        raise ValueError("tokenizer 'rjieba' is not installed (pip install 'kameng-lint[fast]')")
    return name


class Tokenizer:
    """One dedicated segmenter instance with the domain words added."""

    def __init__(self, words: Iterable[str] = (), backend: str | None = None) -> None:
        self.backend_name = resolve_backend_name(backend)
        self._backend: Backend = (
            RjiebaBackend() if self.backend_name == "rjieba" else JiebaBackend()
        )
        for word in sorted(set(words)):
            if word.strip():
                self._backend.add_word(word)

    @property
    def cut_is_costly(self) -> bool:
        return self._backend.cut_is_costly

    def windows(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Stretches of ``text`` covering ``spans`` (sorted by start), ordered and apart, that
        the segmenter cuts alone into the words it finds there in the whole text."""
        return self._backend.windows(text, spans)

    def tokenize(self, text: str) -> list[Token]:
        """Tokens with code-point offsets; joining their texts gives back ``text``."""
        # tuple.__new__ makes each Token straight from the backend's 3-tuple: half the cost of
        # Token._make, which re-checks the length of every one.
        return list(map(tuple.__new__, repeat(Token), self._backend.tokenize(text)))

    def words(self, text: str) -> list[str]:
        """The tokens' texts alone, which join to ``text``: half the cost of ``tokenize``
        with rjieba (no offsets, no Token objects)."""
        return list(self._backend.cut(text))
