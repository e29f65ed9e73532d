"""The Rule classes behind rule-pack kinds: lexicon, pattern and require.

All lexicon rules share one ``LexiconMatcher``: a single pass over a document's tokens, with a
hash lookup per token, finds the words of every lexicon rule at once. The matcher also knows the
pattern rules, so that one offending phrase gives one finding: where hits of two lexicon or
pattern rules of the same category overlap (故意坑人 by a pattern, 坑人 by a word list), only the
longest phrase is reported.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import TYPE_CHECKING

from . import patterns
from .document import Document
from .packs import PATTERN_TIMEOUT_S, examples_of
from .edits import expand
from .records import Fix, frozen
from .rule import Hit, Rule
from .tokenizer import Tokenizer

if TYPE_CHECKING:  # the engine reads them as plain records (records.plain), with these fields
    from .pack_specs import LexiconSpec, PatternSpec, RequireSpec, WordEntry


class _SpecRule(Rule):
    """A rule whose metadata comes from a pack entry."""

    def __init__(self, spec, source: str) -> None:
        self.spec = spec
        self.source = source
        self.code = spec.code
        self.name = spec.name or spec.code.lower()
        self.category = spec.category
        self.severity = spec.severity
        self.summary = spec.summary or spec.message.replace("“{text}”", "").replace("{text}", "…")
        self.examples = examples_of(spec)

    @property
    def rationale(self) -> str:
        return self.spec.rationale

    def _message(self, text: str, entry: WordEntry | None = None) -> str:
        reason = (entry.reason if entry else None) or ""
        try:
            return self.spec.message.format(text=text, reason=reason)
        except (KeyError, IndexError, ValueError):
            return self.spec.message


@frozen
class _Entry:
    rule: "LexiconRule"
    tokens: tuple[str, ...]
    word: WordEntry


class LexiconMatcher:
    """Finds the words of all lexicon rules in one pass over the tokens.

    Each word is cut with the same tokenizer as the drafts (every listed word is also in the
    tokenizer's dictionary, so it is usually one token). A word matches where its token sequence
    appears, so 垃圾 does not match 垃圾分类 when that is one token in the dictionary.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        self._tokenizer = tokenizer
        self._by_first: dict[str, list[_Entry]] = defaultdict(list)
        #: Lexicon and pattern rules, whose overlapping hits are resolved together.
        self._phrase_rules: list[LexiconRule | PatternRule] = []
        #: A search for any listed word, in lower case (built on first use, after the adds),
        #: and the length of the longest.
        self._screen: re.Pattern | None = None
        self._longest = 0

    def add(self, rule: "LexiconRule") -> None:
        self._phrase_rules.append(rule)
        touched = set()
        for word in rule.spec.words:
            tokens = tuple(t.text.lower() for t in self._tokenizer.tokenize(word.word.lower()))
            if tokens:
                self._by_first[tokens[0]].append(_Entry(rule, tokens, word))
                touched.add(tokens[0])
        self._screen = None
        for first in touched:
            # longest phrase first; the same phrase listed by two rules stays together
            self._by_first[first].sort(key=lambda e: (-len(e.tokens), e.tokens))

    def add_pattern(self, rule: "PatternRule") -> None:
        self._phrase_rules.append(rule)

    def restrict_to(self, codes: set[str]) -> None:
        """Only the enabled rules take part: an ignored rule's longer phrase must not hide a
        selected rule's shorter one."""
        self._phrase_rules = [r for r in self._phrase_rules if r.code in codes]

    def matches(self, doc: Document) -> dict[str, list[tuple[int, int, WordEntry]]]:
        """All lexicon matches of a document, by rule code; computed once per document.

        It reads the document's words (their offsets follow from their lengths: the words
        join to the text), not its Token objects, which cost as much again to build. With a
        segmenter whose cut is costly (jieba), it cuts only the stretches around the listed
        words the text holds, and a draft that holds none is not cut at all.
        """
        cached = doc.cache.get("lexicon")
        if cached is not None:
            return cached
        found: dict[str, list[tuple[int, int, WordEntry]]] = defaultdict(list)
        doc.cache["lexicon"] = found
        norm = doc.normalized
        lowered_text = norm.lower()
        fold = lowered_text != norm  # letters to fold?
        tokenizer = self._tokenizer
        spans = self._listed_spans(norm, lowered_text) if tokenizer.cut_is_costly else None
        if spans is None:
            self._scan(found, norm, doc.words, 0, fold)
        elif spans:
            for start, end in tokenizer.windows(norm, spans):
                self._scan(found, norm, tokenizer.words(norm[start:end]), start, fold)
        return found

    def _scan(self, found: dict, norm: str, words: list[str], base: int, fold: bool) -> None:
        """The matches among ``words``, which join to ``norm[base:…]``."""
        first_words = self._by_first
        lowered = list(map(str.lower, words)) if fold else words
        # Only words that start some listed phrase need a closer look: none in most drafts,
        # which one pass in C finds out.
        if first_words.keys().isdisjoint(lowered):
            return
        offsets = list(accumulate(map(len, words), initial=base))  # word i spans offsets[i]:offsets[i + 1]
        free = 0  # words before this one are part of a match already
        for i in [i for i, word in enumerate(lowered) if word in first_words]:
            if i < free:
                continue
            entries = first_words[lowered[i]]
            matched: tuple[str, ...] | None = None
            for entry in entries:
                if matched is not None:
                    if entry.tokens != matched:
                        break  # longest phrase first: the rest are shorter or other phrases
                    # the same word listed by another rule (a user pack's stricter copy)
                    found[entry.rule.code].append((offsets[i], offsets[free], entry.word))
                    continue
                k = len(entry.tokens)
                # the first word matched through the hash; check the rest of a phrase
                if k == 1 or tuple(lowered[i : i + k]) == entry.tokens:
                    if _splits_latin_word(norm, offsets[i], offsets[i + k]):
                        continue  # sb in usb: the segmenter cut a Latin word around a listed one
                    found[entry.rule.code].append((offsets[i], offsets[i + k], entry.word))
                    free = i + k
                    matched = entry.tokens

    def _listed_spans(self, text: str, lowered: str) -> list[tuple[int, int]] | None:
        """Stretches of ``text`` that hold every place a listed word may match (none: no match
        is possible), or None when that cannot be told.

        A match is a run of words that, in lower case, spell a listed word, so the lower-cased
        text holds that word. That holds when lower-casing maps each character to one and
        ignores its neighbours; for the two exceptions (İ, two characters; Σ, ς at the end of
        a word) the answer is None. The search finds, left to right, the shortest listed
        word at each place: an occurrence starts inside a found one or is found itself, so it
        ends before the found one's end plus the longest word's length.
        """
        if len(lowered) != len(text) or "Σ" in text:
            return None
        if self._screen is None:
            listed = frozenset("".join(entry.tokens) for entries in self._by_first.values() for entry in entries)
            self._screen = re.compile(patterns.literal_search(listed))
            self._longest = max(map(len, listed), default=0)
        reach = self._longest - 1
        size = len(text)
        return [(m.start(), min(size, m.end() + reach)) for m in self._screen.finditer(lowered)]

    def hits(self, doc: Document) -> dict[str, list[Hit]]:
        """The hits of every lexicon and pattern rule, by rule code, with overlaps resolved.

        Within one category the longest phrase wins (then the earlier one, then the lower
        code); a hit overlapping a phrase already kept is dropped, unless it is the very same
        phrase found by a rule of another pack. Computed once per document.
        """
        cached = doc.cache.get("phrase_hits")
        if cached is not None:
            return cached
        by_category: dict[str, list[tuple[str, str, Hit]]] = defaultdict(list)
        for rule in self._phrase_rules:
            by_category[rule.category].extend((rule.code, rule.source, hit) for hit in rule.own_hits(doc))
        kept: dict[str, list[Hit]] = defaultdict(list)
        for candidates in by_category.values():
            candidates.sort(key=lambda c: (c[2].start - c[2].end, c[2].start, c[0]))
            taken: list[tuple[int, int]] = []  # kept spans, sorted and disjoint
            sources: dict[tuple[int, int], set[str]] = {}  # the packs that reported each span
            for code, source, hit in candidates:
                span = (hit.start, hit.end)
                if span in sources:
                    # The very same phrase from another pack (a user listing a built-in word)
                    # is reported by both; within one pack, once.
                    if source not in sources[span]:
                        sources[span].add(source)
                        kept[code].append(hit)
                elif not _overlaps_any(taken, hit.start, hit.end):
                    bisect.insort(taken, span)
                    sources[span] = {source}
                    kept[code].append(hit)
        for found in kept.values():
            found.sort(key=lambda h: h.start)
        doc.cache["phrase_hits"] = kept
        return kept


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _splits_latin_word(text: str, start: int, end: int) -> bool:
    """True when [start, end) begins or ends inside a run of ASCII letters and digits."""
    return (start > 0 and _is_latin(text[start]) and _is_latin(text[start - 1])) or (
        end < len(text) and _is_latin(text[end - 1]) and _is_latin(text[end])
    )


def _overlaps_any(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of ``taken`` (sorted, disjoint spans)?"""
    i = bisect.bisect_left(taken, (end, -1))  # the spans before i start before ``end``
    return i > 0 and taken[i - 1][1] > start


class LexiconRule(_SpecRule):
    spec: LexiconSpec

    def __init__(self, spec: LexiconSpec, source: str, matcher: LexiconMatcher) -> None:
        super().__init__(spec, source)
        self._matcher = matcher
        matcher.add(self)

    def check(self, doc: Document) -> Iterator[Hit]:
        return iter(self._matcher.hits(doc).get(self.code, ()))

    def own_hits(self, doc: Document) -> Iterator[Hit]:
        """This rule's words in the draft, before overlaps with other rules are resolved."""
        for start, end, entry in self._matcher.matches(doc).get(self.code, ()):
            if self.spec.skip_quoted and doc.is_reported(start, end):
                continue
            text = doc.text[start:end]
            yield Hit(start, end, self._message(text, entry), entry.suggestion or self.spec.suggestion)


class PatternRule(_SpecRule):
    spec: PatternSpec

    def __init__(self, spec: PatternSpec, source: str, matcher: LexiconMatcher, builtin: bool = False) -> None:
        super().__init__(spec, source)
        # The timeout guards against a user's pattern that backtracks; the built-in patterns are
        # linear (the growth benchmark checks), and the guard costs about 30% of their time.
        self._pattern = patterns.compile(spec.pattern, timeout=None if builtin else PATTERN_TIMEOUT_S)
        self._matcher = matcher
        matcher.add_pattern(self)

    def check(self, doc: Document) -> Iterator[Hit]:
        return iter(self._matcher.hits(doc).get(self.code, ()))

    def own_hits(self, doc: Document) -> Iterator[Hit]:
        """This rule's matches, before overlaps with other rules are resolved."""
        haystack = doc.unquoted if self.spec.skip_quoted else doc.normalized
        for match in self._pattern.finditer(haystack):
            if self.spec.skip_quoted and doc.is_reported(match.start(), match.end()):
                continue  # 客服称我故意刷单: someone else's words, reported without quotation marks
            if match.end() > match.start():
                text = doc.text[match.start() : match.end()]
                yield Hit(match.start(), match.end(), self._message(text), self.spec.suggestion, self._fix(match, doc))

    def _fix(self, match, doc: Document) -> Fix | None:
        if self.spec.fix is None:
            return None
        replacement = expand(self.spec.fix, match, doc.text)
        return None if replacement is None else Fix(match.start(), match.end(), replacement)


class RequireRule(_SpecRule):
    spec: RequireSpec

    def __init__(self, spec: RequireSpec, source: str) -> None:
        super().__init__(spec, source)
        self._patterns = [patterns.compile(p, timeout=PATTERN_TIMEOUT_S) for p in spec.patterns]

    def check(self, doc: Document) -> Iterable[Hit]:
        haystack = doc.unquoted if self.spec.skip_quoted else doc.normalized
        if not doc.sentences:
            return
        if any(p.search(haystack) for p in self._patterns):
            return
        anchor = doc.sentences[0] if self.spec.anchor == "first_sentence" else doc.sentences[-1]
        yield Hit(anchor.start, anchor.end, self._message(anchor.text), self.spec.suggestion)


def build_rules(spec, source: str, matcher: LexiconMatcher, builtin: bool = False) -> Rule:
    if spec.kind == "lexicon":
        return LexiconRule(spec, source, matcher)
    if spec.kind == "pattern":
        return PatternRule(spec, source, matcher, builtin)
    return RequireRule(spec, source)
