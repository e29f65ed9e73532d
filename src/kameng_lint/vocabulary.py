"""Named word lists from rule packs, for Python rules that need vocabulary.

Word lists live in ``rules/*.toml`` (a pack's ``[vocabulary]`` and ``[patterns]`` tables), never
in Python. A rule asks ``doc.vocabulary.regex("demand.vague")`` and gets one compiled
alternation of the list's words *and* of the patterns under the same name, built once.
"""

from __future__ import annotations

import regex

from . import patterns


class UnknownVocabulary(KeyError):
    pass


class Vocabulary:
    def __init__(self, lists: dict[str, list[str]] | None = None) -> None:
        self._lists: dict[str, list[str]] = {}
        self._patterns: dict[str, list[str]] = {}
        self._compiled: dict[str, patterns.Pattern] = {}
        for name, words in (lists or {}).items():
            self.extend(name, words)

    def extend(self, name: str, words: list[str]) -> None:
        known = self._lists.setdefault(name, [])
        known.extend(w for w in words if w not in known)
        self._compiled.pop(name, None)

    def extend_patterns(self, name: str, patterns: list[str]) -> None:
        known = self._patterns.setdefault(name, [])
        known.extend(p for p in patterns if p not in known)
        self._compiled.pop(name, None)

    def names(self) -> list[str]:
        return sorted(set(self._lists) | set(self._patterns))

    def words(self, name: str) -> list[str]:
        if name not in self._lists and name not in self._patterns:
            raise UnknownVocabulary(f"no vocabulary list named {name!r}")
        return self._lists.get(name, [])

    def patterns(self, name: str) -> list[str]:
        self.words(name)  # an unknown name raises
        return self._patterns.get(name, [])

    def regex(self, name: str) -> patterns.Pattern:
        """Patterns first, then the words longest first (so 尽快处理 beats 尽快)."""
        if name not in self._compiled:
            words = sorted(self.words(name), key=len, reverse=True)
            parts = [f"(?:{p})" for p in self._patterns.get(name, [])]
            parts += [regex.escape(w) for w in words]
            self._compiled[name] = patterns.compile("|".join(parts) or "(?!)")
        return self._compiled[name]
