"""The Rule classes behind rule-pack kinds: lexicon, pattern and require.

All lexicon rules share one ``LexiconMatcher``: a single pass over a document's tokens, with a
hash lookup per token, finds the words of every lexicon rule at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from .document import Document
from .packs import PATTERN_TIMEOUT_S, LexiconSpec, PatternSpec, RequireSpec, WordEntry, examples_of
from .rule import Hit, Rule
from .tokenizer import Tokenizer


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


@dataclass(frozen=True, slots=True)
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

    def add(self, rule: "LexiconRule") -> None:
        touched = set()
        for word in rule.spec.words:
            tokens = tuple(t.text.lower() for t in self._tokenizer.tokenize(word.word.lower()))
            if tokens:
                self._by_first[tokens[0]].append(_Entry(rule, tokens, word))
                touched.add(tokens[0])
        for first in touched:
            self._by_first[first].sort(key=lambda e: -len(e.tokens))  # longest phrase first

    def matches(self, doc: Document) -> dict[str, list[tuple[int, int, WordEntry]]]:
        """All lexicon matches of a document, by rule code; computed once per document."""
        cached = doc.cache.get("lexicon")
        if cached is not None:
            return cached
        found: dict[str, list[tuple[int, int, WordEntry]]] = defaultdict(list)
        tokens = doc.tokens
        lowered = [t.text.lower() for t in tokens]
        n = len(tokens)
        i = 0
        while i < n:
            entries = self._by_first.get(lowered[i])
            step = 1
            if entries:
                for entry in entries:
                    k = len(entry.tokens)
                    if tuple(lowered[i : i + k]) == entry.tokens:
                        found[entry.rule.code].append((tokens[i].start, tokens[i + k - 1].end, entry.word))
                        step = k
                        break
            i += step
        doc.cache["lexicon"] = found
        return found


class LexiconRule(_SpecRule):
    spec: LexiconSpec

    def __init__(self, spec: LexiconSpec, source: str, matcher: LexiconMatcher) -> None:
        super().__init__(spec, source)
        self._matcher = matcher
        matcher.add(self)

    def check(self, doc: Document) -> Iterator[Hit]:
        for start, end, entry in self._matcher.matches(doc).get(self.code, ()):
            if self.spec.skip_quoted and doc.in_quote(start, end):
                continue
            text = doc.text[start:end]
            yield Hit(start, end, self._message(text, entry), entry.suggestion or self.spec.suggestion)


class PatternRule(_SpecRule):
    spec: PatternSpec

    def __init__(self, spec: PatternSpec, source: str) -> None:
        super().__init__(spec, source)
        self._pattern = regex.compile(spec.pattern)

    def check(self, doc: Document) -> Iterator[Hit]:
        haystack = doc.unquoted if self.spec.skip_quoted else doc.normalized
        for match in self._pattern.finditer(haystack, timeout=PATTERN_TIMEOUT_S):
            if match.end() > match.start():
                text = doc.text[match.start() : match.end()]
                yield Hit(match.start(), match.end(), self._message(text), self.spec.suggestion)


class RequireRule(_SpecRule):
    spec: RequireSpec

    def __init__(self, spec: RequireSpec, source: str) -> None:
        super().__init__(spec, source)
        self._patterns = [regex.compile(p) for p in spec.patterns]

    def check(self, doc: Document) -> Iterable[Hit]:
        haystack = doc.unquoted if self.spec.skip_quoted else doc.normalized
        if not doc.sentences:
            return
        if any(p.search(haystack, timeout=PATTERN_TIMEOUT_S) for p in self._patterns):
            return
        anchor = doc.sentences[0] if self.spec.anchor == "first_sentence" else doc.sentences[-1]
        yield Hit(anchor.start, anchor.end, self._message(anchor.text), self.spec.suggestion)


def build_rules(spec, source: str, matcher: LexiconMatcher) -> Rule:
    if isinstance(spec, LexiconSpec):
        return LexiconRule(spec, source, matcher)
    if isinstance(spec, PatternSpec):
        return PatternRule(spec, source)
    return RequireRule(spec, source)
