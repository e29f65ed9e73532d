"""Many literal strings found in one pass: the matching layer under the lexicons and the patterns.

A run searches each draft for a few thousand literal strings: every lexicon word (and its
spellings), and the strings every match of a pattern must hold (``pattern_syntax
.required_strings``: one of 气死/气炸/气得 for the anger pattern), which tell a pattern that a
text cannot match before its engine walks it. One Aho-Corasick automaton (ahocorasick-rs, a
compiled library) finds them all in one pass over the text, where a regular expression per
rule or per pattern would each walk the text again.

``LiteralIndex`` holds the strings and the automaton; ``LiteralIndex.occurrences(text)`` the
places they occur in one text, worked out once per text (the last few texts are kept by
identity: the rules ask about the same draft many times in a row).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable

import ahocorasick_rs

#: Texts whose occurrences are kept: a draft's normalised and unquoted forms, a few drafts back.
_RECENT = 8


class Occurrences:
    """Where the strings of a ``LiteralIndex`` occur in one text."""

    __slots__ = ("_starts", "present")

    def __init__(self, matches: list[tuple[int, int, int]]) -> None:
        starts: dict[int, list[int]] = {}
        for string_id, start, _ in matches:  # in order of their ends: for one string, of their starts
            found = starts.get(string_id)
            if found is None:
                starts[string_id] = [start]
            else:
                found.append(start)
        self._starts = starts
        #: The ids of the strings that occur at all.
        self.present = starts.keys()

    def starts(self, string_id: int) -> list[int]:
        """Where one string starts, in order (empty when it does not occur)."""
        return self._starts.get(string_id, [])

    def first(self, ids: frozenset[int], lengths: dict[int, int], pos: int = 0, endpos: int | None = None) -> int | None:
        """Where the first of the strings ``ids`` that lies wholly within [pos, endpos) starts,
        or None. ``lengths`` gives each string's length."""
        best: int | None = None
        for string_id in self.present & ids if len(ids) > len(self.present) else ids & self.present:
            starts = self._starts[string_id]
            i = bisect.bisect_left(starts, pos) if pos else 0
            if i == len(starts):
                continue
            start = starts[i]
            if endpos is not None:
                # the next start of this string whose end still lies within the stretch
                if start + lengths[string_id] > endpos:
                    continue
            if best is None or start < best:
                best = start
        return best


class LiteralIndex:
    """A growing set of literal strings and the automaton that finds them.

    Strings are added with ``add`` (ids are stable); the automaton is built again on the next
    search after an addition. Safe to share between threads: a search reads one automaton and
    its generation together.
    """

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._strings: list[str] = []
        #: Each string's length, by id (``Occurrences.first`` needs it).
        self.lengths: dict[int, int] = {}
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self._generation = 0
        self._recent: dict[int, tuple[str, int, Occurrences]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._strings)

    def add(self, strings: Iterable[str]) -> frozenset[int]:
        """The ids of ``strings`` (added where new). The empty string is never added."""
        ids = []
        with self._lock:
            for string in strings:
                if not string:
                    continue
                string_id = self._ids.get(string)
                if string_id is None:
                    string_id = self._ids[string] = len(self._strings)
                    self._strings.append(string)
                    self.lengths[string_id] = len(string)
                    self._automaton = None
                ids.append(string_id)
        return frozenset(ids)

    def string(self, string_id: int) -> str:
        return self._strings[string_id]

    def _current(self) -> tuple[ahocorasick_rs.AhoCorasick | None, int]:
        automaton = self._automaton
        if automaton is None and self._strings:
            with self._lock:
                if self._automaton is None:
                    # Standard semantics: with ``overlapping`` every occurrence of every string is
                    # reported, also inside a longer one (骗子 inside 大骗子).
                    self._automaton = ahocorasick_rs.AhoCorasick(
                        self._strings, matchkind=ahocorasick_rs.MatchKind.Standard)
                    self._generation += 1
                automaton = self._automaton
        return automaton, self._generation

    def occurrences(self, text: str) -> Occurrences:
        """Where the strings occur in ``text``: one pass of the automaton, kept for the next few
        questions about the same text."""
        automaton, generation = self._current()
        key = id(text)
        kept = self._recent.get(key)
        if kept is not None and kept[0] is text and kept[1] == generation:
            return kept[2]
        found = Occurrences(automaton.find_matches_as_indexes(text, overlapping=True) if automaton else [])
        recent = self._recent
        if len(recent) >= _RECENT:
            try:
                del recent[next(iter(recent))]  # the oldest
            except (KeyError, RuntimeError, StopIteration):  # another thread got there first
                pass
        recent[key] = (text, generation, found)  # holding the text keeps its id from being reused
        return found

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """Every occurrence in ``text`` as (id, start, end), in order of their ends."""
        automaton, _ = self._current()
        return automaton.find_matches_as_indexes(text, overlapping=True) if automaton else []
