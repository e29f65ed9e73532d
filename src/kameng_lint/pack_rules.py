"""The Rule classes behind rule-pack kinds: lexicon, pattern and require.

All lexicon rules share one ``LexiconMatcher``: a single pass over a document's tokens, with a
hash lookup per token, finds the words of every lexicon rule at once. The matcher also knows the
pattern rules, so that one offending phrase gives one finding: where hits of two lexicon or
pattern rules of the same category overlap (故意坑人 by a pattern, 坑人 by a word list), only the
longest phrase is reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import TYPE_CHECKING

from . import cache, patterns
from .document import Document
from .packs import PATTERN_TIMEOUT_S, examples_of
from .edits import expand
from .records import Fix, frozen
from .rule import Hit, Rule
from .matching import LiteralIndex
from .script import fold_to_simplified
from .spelling import may_squeeze
from .spelling import squeezed as spelling_squeezed
from .text import lower_same_length, normalize_width
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
    word: WordEntry


#: ASCII characters that run on inside a Latin "word" of a draft: a URL, an e-mail address, an
#: ID or an order number (sb in usb, md in md5 or in .../md/...). A listed Latin word matches
#: only as the whole of such a run (a mark that ends a sentence may follow it).
_LATIN_RUN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._/:@%=&?#~+-")
_TRAILING_MARKS = ".!?,;:~"


class LexiconMatcher:
    """Finds the words of all lexicon rules in one pass of one automaton (``matching``).

    A listed word matches where it starts and ends at a word boundary of the draft's cut (every
    listed word is also in the segmenter's dictionary), so 垃圾 does not match 垃圾分类 once that
    compound is a word of the dictionary. It matches too as people spell it past a filter
    (``spelling``): broken up by separators (傻 逼, 垃-圾), stretched (垃垃圾圾), in the entry's
    own ``spellings`` (乐色 for 垃圾), and, for an entry with ``sounds_like``, in characters that
    sound the same (沙币 for 傻逼). The draft is read folded (``Document.lowered``: half-width,
    simplified, lower case); what a finding shows is what the author wrote.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        self._tokenizer = tokenizer
        self._index = LiteralIndex()
        self._entries: dict[int, list[_Entry]] = defaultdict(list)
        #: The characters of the listed words: a doubled one of them is read once (垃垃圾圾).
        self._letters: set[str] = set()
        #: Entries whose spellings by sound are still to be worked out (``_spell_by_sound``).
        self._by_sound: list[tuple[LexiconRule, WordEntry, str]] = []
        #: Lexicon and pattern rules, whose overlapping hits are resolved together.
        self._phrase_rules: list[LexiconRule | PatternRule] = []
        #: The codes of the enabled rules (None: all): a word of a rule that does not run must
        #: not hide a shorter one of a rule that does.
        self._codes: set[str] | None = None

    def add(self, rule: "LexiconRule") -> None:
        self._phrase_rules.append(rule)
        for word in rule.spec.words:
            listed = fold_word(word.word)
            for form in (listed, *map(fold_word, getattr(word, "spellings", ()) or ())):
                self._add_form(form, _Entry(rule, word))
            if getattr(word, "sounds_like", False):
                self._by_sound.append((rule, word, listed))

    def _add_form(self, form: str, entry: _Entry) -> None:
        if not form:
            return
        (string_id,) = self._index.add([form])
        self._entries[string_id].append(entry)
        self._letters.update(form)

    def add_pattern(self, rule: "PatternRule") -> None:
        self._phrase_rules.append(rule)

    def restrict_to(self, codes: set[str]) -> None:
        """Only the enabled rules take part: an ignored rule's longer phrase must not hide a
        selected rule's shorter one."""
        self._phrase_rules = [r for r in self._phrase_rules if r.code in codes]
        self._codes = codes

    def _spell_by_sound(self) -> None:
        """Add the spellings by sound of the entries that ask for them: worked out once (with
        pypinyin and the segmenter's dictionary) and kept in the user cache."""
        if not self._by_sound:
            return
        pending, self._by_sound = self._by_sound, []
        words = sorted({listed for _, _, listed in pending})
        key = cache.key("sound-alikes", self._tokenizer.backend_name, *words)
        spelled = cache.load("sound-alikes", key)
        if spelled is None:
            from .spelling import all_sound_alikes

            spelled = all_sound_alikes(words, self._is_a_word)
            cache.store("sound-alikes", key, spelled)
        for rule, word, listed in pending:
            for form in spelled.get(listed, ()):
                self._add_form(form, _Entry(rule, word))

    def _is_a_word(self, text: str) -> bool:
        """Is ``text`` one word of the segmenter's dictionary (a neutral word that happens to
        sound like a listed one)?"""
        return len(self._tokenizer.words(text)) == 1

    def matches(self, doc: Document) -> dict[str, list[tuple[int, int, WordEntry]]]:
        """All lexicon matches of a document, by rule code; computed once per document."""
        cached = doc.cache.get("lexicon")
        if cached is not None:
            return cached
        if self._by_sound:
            self._spell_by_sound()
        found: dict[str, list[tuple[int, int, WordEntry]]] = defaultdict(list)
        doc.cache["lexicon"] = found
        candidates = self._candidates(doc.lowered)
        if not candidates:
            return found
        boundaries = self._boundaries(doc, candidates)
        lowered = doc.lowered
        free = 0  # the text before this is part of a match already
        last: tuple[int, int] | None = None
        # Left to right, the longest listed spelling at each place; a place inside a match
        # already taken is passed over (two rules listing one word both take it).
        codes = self._codes
        for start, end, string_id in sorted(candidates, key=lambda c: (c[0], c[0] - c[1])):
            entries = [e for e in self._entries[string_id] if codes is None or e.rule.code in codes]
            if not entries or (start, end) != last and (
                    start < free or start not in boundaries or end not in boundaries
                    or not _whole_latin_word(lowered, start, end)):
                continue
            for entry in entries:
                spans = found[entry.rule.code]
                if not spans or spans[-1][:2] != (start, end):  # one finding a rule and a place
                    spans.append((start, end, entry.word))
            free, last = end, (start, end)
        return found

    def _candidates(self, lowered: str) -> list[tuple[int, int, int]]:
        """(start, end, string id) of every place a listed spelling occurs: in the text, and in
        the text with separators and stretching left out (``spelling.squeezed``)."""
        index = self._index
        candidates = [(start, end, string_id) for string_id, start, end in index.matches(lowered)]
        if may_squeeze(lowered):
            squeezed = spelling_squeezed(lowered, frozenset(self._letters))
            if squeezed is not None:
                text, kept = squeezed
                for string_id, start, end in index.matches(text):
                    first, last = kept[start], kept[end - 1] + 1
                    # the doubled last character of a stretched word is part of it (垃垃圾圾)
                    following = kept[end] if end < len(kept) else len(lowered)
                    while last < following and lowered[last] == lowered[last - 1]:
                        last += 1
                    if last - first != end - start:  # a spelling the plain text does not hold
                        candidates.append((first, last, string_id))
        return candidates

    def _boundaries(self, doc: Document, candidates: list[tuple[int, int, int]]) -> set[int]:
        """The offsets where a word of the draft's cut starts or ends, at least around every
        candidate. With a segmenter whose cut is costly (jieba), only the stretches around the
        candidates are cut (``Tokenizer.windows``: cut alone, each gives the words the cut of the
        whole text has there)."""
        tokenizer = self._tokenizer
        norm = doc.normalized
        if not tokenizer.cut_is_costly:
            return set(accumulate(map(len, doc.words), initial=0))
        boundaries: set[int] = set()
        spans = sorted({(start, end) for start, end, _ in candidates})
        for start, end in tokenizer.windows(norm, spans):
            boundaries.update(accumulate(map(len, tokenizer.words(norm[start:end])), initial=start))
        return boundaries

    def hits(self, doc: Document) -> dict[str, list[Hit]]:
        """The hits of every lexicon and pattern rule, by rule code, with overlaps resolved.

        Within one category the longest phrase wins (then the earlier one, then the lower
        code); a hit overlapping a phrase already kept is dropped, unless it is the very same
        phrase found by a rule of another pack. Computed once per document; linear in the
        number of hits (a mask of the characters taken, not a search of the kept phrases).
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
            taken = bytearray(len(doc.text) + 1)  # 1 where a kept phrase lies
            sources: dict[tuple[int, int], set[str]] = {}  # the packs that reported each span
            for code, source, hit in candidates:
                span = (hit.start, hit.end)
                if span in sources:
                    # The very same phrase from another pack (a user listing a built-in word)
                    # is reported by both; within one pack, once.
                    if source not in sources[span]:
                        sources[span].add(source)
                        kept[code].append(hit)
                elif taken.find(1, hit.start, max(hit.end, hit.start + 1)) < 0:
                    taken[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
                    sources[span] = {source}
                    kept[code].append(hit)
        for found in kept.values():
            found.sort(key=lambda h: h.start)
        doc.cache["phrase_hits"] = kept
        return kept


def fold_word(word: str) -> str:
    """A listed word as the drafts are matched: half-width, simplified, lower case."""
    return lower_same_length(fold_to_simplified(normalize_width(word)))


def _whole_latin_word(text: str, start: int, end: int) -> bool:
    """True unless [start, end) holds Latin letters and is not the whole of the Latin run around
    it (``_LATIN_RUN``; marks that end a sentence may follow)."""
    if not (text[start].isascii() and text[start].isalpha()) and not (
            text[end - 1].isascii() and text[end - 1].isalpha()):
        return True
    left = start
    while left > 0 and text[left - 1] in _LATIN_RUN:
        left -= 1
    right = end
    while right < len(text) and text[right] in _LATIN_RUN:
        right += 1
    while right > end and text[right - 1] in _TRAILING_MARKS:
        right -= 1
    return left == start and right == end


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
