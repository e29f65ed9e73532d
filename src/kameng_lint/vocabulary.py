"""Named word lists from rule packs, for Python rules that need vocabulary.

Word lists live in ``rules/*.toml`` (a pack's ``[vocabulary]`` table), never in Python. A rule
asks ``doc.vocabulary.regex("demand.vague")`` and gets one compiled alternation, built once.
"""

from __future__ import annotations

from functools import cached_property

import regex


class UnknownVocabulary(KeyError):
    pass


class Vocabulary:
    def __init__(self, lists: dict[str, list[str]] | None = None) -> None:
        self._lists: dict[str, list[str]] = {}
        self._compiled: dict[str, regex.Pattern] = {}
        for name, words in (lists or {}).items():
            self.extend(name, words)

    def extend(self, name: str, words: list[str]) -> None:
        known = self._lists.setdefault(name, [])
        known.extend(w for w in words if w not in known)
        self._compiled.pop(name, None)

    def names(self) -> list[str]:
        return sorted(self._lists)

    def words(self, name: str) -> list[str]:
        try:
            return self._lists[name]
        except KeyError:
            raise UnknownVocabulary(f"no vocabulary list named {name!r}") from None

    def regex(self, name: str) -> regex.Pattern:
        """One alternation of the list's words, longest first (so 尽快处理 beats 尽快)."""
        if name not in self._compiled:
            words = sorted(self.words(name), key=len, reverse=True)
            self._compiled[name] = regex.compile("|".join(regex.escape(w) for w in words) or "(?!)")
        return self._compiled[name]

    @cached_property
    def all_words(self) -> set[str]:
        return {w for words in self._lists.values() for w in words}
