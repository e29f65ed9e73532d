"""The document model: built once per draft, shared by every rule.

Everything a rule needs to know about the text is computed here once, lazily: the
width-normalised text, the line index, jieba tokens, sentences, quoted regions, money amounts,
time limits, dates and evidence references. Rules never re-tokenize or re-parse the text.
All offsets are character offsets into the original text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from . import patterns
from .amounts import Amount, find_amounts
from .quotes import Quote, find_quotes
from .records import frozen
from .script import fold_to_simplified
from .references import EvidenceList, Reference, find_evidence_lists, find_references
from .text import LineIndex, SpanSet, lower_same_length, normalize_width
from .times import DateMention, TimeLimit, find_dates, find_time_limits
from .tokenizer import Token
from .validators import NumberRun, PhoneNumber, find_number_runs, find_phone_numbers
from .voice import (
    CLAUSE_BREAKS,
    amount_led_demand_positions,
    demand_end,
    demand_marker_positions,
    limit_led_demand_positions,
    reported_clause_starts,
)

if TYPE_CHECKING:
    from .channels import Profile
    from .tokenizer import Tokenizer
    from .vocabulary import Vocabulary

SENTENCE_ENDS = frozenset("。！？；!?;…")
LINE_BREAKS = frozenset("\r\n")
_CLOSING_MARKS = frozenset("”」』’》）)】]\"'")
#: Where sentences may end: a run of line breaks, or one sentence-end mark. One class first, so
#: that ``re`` scans for it (an alternation of two groups was tried at every character); a line
#: break takes the breaks after it.
_BOUNDARY_RE = re.compile("[\r\n" + re.escape("".join(sorted(SENTENCE_ENDS))) + "](?:(?<=[\r\n])[\r\n]*)?")
#: What a sentence end takes with it: more end marks and closing quotes (。”, ！！, ？）).
_SENTENCE_TAIL_RE = re.compile("[" + re.escape("".join(sorted(SENTENCE_ENDS | _CLOSING_MARKS))) + "]*")
#: A carriage return not followed by a line feed: a line break of its own (old Mac files).
_LONE_CR = re.compile(r"\r(?!\n)")
_CLAUSE_BREAK_RE = re.compile(f"[{re.escape(CLAUSE_BREAKS)}]")
#: Stands in for quoted text in ``unquoted``: matches no word, keeps every offset.
QUOTE_MASK = "\u25a1"


class cached_property:  # noqa: N801 - used like functools.cached_property
    """functools.cached_property without its lock (Python 3.11 takes one on every first
    access; a document is built and read by one thread). Computed once, then an ordinary
    attribute of the instance."""

    def __init__(self, func) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


T = TypeVar("T")


def per_document(func: Callable[[Document], T]) -> Callable[[Document], T]:
    """Run ``func(doc)`` once per draft and keep the result in ``doc.cache``: for the helpers
    several rules call (the concrete demands, the author's deadlines). The result is shared:
    callers must not change it."""
    key = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def once(doc: Document) -> T:
        try:
            return doc.cache[key]  # type: ignore[return-value]
        except KeyError:
            result = doc.cache[key] = func(doc)
            return result

    return once


@frozen
class Sentence:
    start: int
    end: int
    text: str


class Document:
    def __init__(
        self,
        text: str,
        tokenizer: Tokenizer,
        vocabulary: Vocabulary,
        path: str | None = None,
        profile: Profile | None = None,
    ):
        self.text = text
        self.path = path
        self.tokenizer = tokenizer
        self.vocabulary = vocabulary
        #: Per-document results of shared rule machinery (e.g. all lexicon matches at once).
        self.cache: dict[str, object] = {}
        #: Where the draft goes (``--channel``); None means the default profile.
        self._profile = profile

    # -- text forms ---------------------------------------------------------------------------
    @cached_property
    def normalized(self) -> str:
        """Full-width letters, digits and punctuation folded to half-width, a lone ``\r`` (an
        old Mac line end) read as ``\n``, so that every pattern meets one kind of line break
        (``\r\n`` ends in ``\n`` already), and traditional characters read as simplified
        (騙子 as 骗子, ``script.fold_to_simplified``), so that rules written once meet drafts in
        either script; same length, so every offset is one into what the author wrote."""
        text = normalize_width(self.text)
        if "\r" in text:
            text = _LONE_CR.sub("\n", text)
        return fold_to_simplified(text)

    @cached_property
    def lowered(self) -> str:
        """``normalized`` in lower case, one character for one: what word lists match on."""
        return lower_same_length(self.normalized)

    @cached_property
    def unquoted(self) -> str:
        """``normalized`` with the inside of every quote and title masked out (same length)."""
        norm = self.normalized
        parts, done = [], 0
        for quote in self.quotes:  # in order and not overlapping: outermost quotes only
            inner_start, inner_end = quote.inner
            parts += [norm[done:inner_start], QUOTE_MASK * (inner_end - inner_start)]
            done = inner_end
        parts.append(norm[done:])
        return "".join(parts)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    # -- tokens and sentences -----------------------------------------------------------------
    @cached_property
    def tokens(self) -> list[Token]:
        return self.tokenizer.tokenize(self.normalized)

    @cached_property
    def words(self) -> list[str]:
        """The tokens' texts (``tokens`` without the offsets, at half the cost)."""
        return self.tokenizer.words(self.normalized)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Split after 。！？；… (with any closing quotes) and at line breaks, never inside a quote."""
        norm = self.normalized
        quoted = self._quote_mask
        bounds: list[tuple[int, int]] = []
        start = 0
        # Jump from boundary character to boundary character instead of stepping through
        # every character in Python.
        for match in _BOUNDARY_RE.finditer(norm):
            i = match.start()
            if i < start:
                continue  # already taken in by the previous sentence's closing marks
            if norm[i] in LINE_BREAKS:
                bounds.append((start, i))
                start = match.end()
            elif not quoted[i]:
                end = _SENTENCE_TAIL_RE.match(norm, i + 1).end()
                bounds.append((start, end))
                start = end
        bounds.append((start, len(norm)))
        sentences = []
        text = self.text
        for start, end in bounds:
            piece = text[start:end]
            stripped = piece.strip()  # str.strip() takes off exactly what str.isspace() calls space
            if stripped:
                start += len(piece) - len(piece.lstrip())
                sentences.append(Sentence(start, start + len(stripped), stripped))
        return sentences

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains ``offset``, if any."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    # -- quotes -------------------------------------------------------------------------------
    @cached_property
    def quotes(self) -> list[Quote]:
        return find_quotes(self.normalized)

    @cached_property
    def _quote_mask(self) -> bytearray:
        mask = bytearray(len(self.text))
        for quote in self.quotes:
            inner_start, inner_end = quote.inner
            mask[inner_start:inner_end] = b"\x01" * (inner_end - inner_start)
        return mask

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True when the span lies inside a quotation or a title (the marks themselves excluded)."""
        end = start + 1 if end is None else end
        if start >= len(self._quote_mask):
            return False
        return all(self._quote_mask[start:end]) if end > start else bool(self._quote_mask[start])

    # -- extracted facts ----------------------------------------------------------------------
    @cached_property
    def amounts(self) -> list[Amount]:
        return find_amounts(self.normalized, self.text)

    @cached_property
    def amount_spans(self) -> SpanSet:
        return SpanSet((a.start, a.end) for a in self.amounts)

    @cached_property
    def time_limits(self) -> list[TimeLimit]:
        return find_time_limits(self.normalized)

    @cached_property
    def time_limit_spans(self) -> SpanSet:
        return SpanSet((t.start, t.end) for t in self.time_limits)

    @cached_property
    def dates(self) -> list[DateMention]:
        return find_dates(self.normalized)

    @cached_property
    def evidence_list(self) -> EvidenceList:
        return find_evidence_lists(self.normalized)

    @cached_property
    def references(self) -> list[Reference]:
        return find_references(self.normalized, self.evidence_list)

    # -- voice --------------------------------------------------------------------------------
    @cached_property
    def demands(self) -> list[tuple[int, int]]:
        """The author's demands: from each demand marker (要求, 诉求, 请 …), or time limit or
        money verb that opens an order with no marker (48小时内把98元退回, 退199元给我), to the
        end of its demand (see
        ``voice.demand_end``: over ；, and over the items under a 诉求： heading).

        What precedes the marker in the sentence (订单未到账，要求退款) is fact, not demand.
        """
        spans: list[tuple[int, int]] = []
        positions = demand_marker_positions(self.unquoted, self.vocabulary)
        led = [p for p in (*limit_led_demand_positions(self.unquoted, self.time_limits, self.vocabulary),
                           *amount_led_demand_positions(self.unquoted, self.amounts))
               if not self.is_reported(p)]  # 客服承诺48小时内补发: their words, not a demand
        for pos in sorted({*positions, *led}) if led else positions:
            if spans and pos < spans[-1][1]:
                continue  # a second marker in the same demand (要求…，请…)
            spans.append((pos, demand_end(self.unquoted, pos)))
        return spans

    @cached_property
    def demand_sentences(self) -> list[Sentence]:
        """Sentences in which the author makes a demand, outside quotes."""
        chosen: list[Sentence] = []
        seen: set[Sentence] = set()
        for start, _ in self.demands:
            sentence = self.sentence_at(start)
            if sentence is not None and sentence not in seen:
                seen.add(sentence)
                chosen.append(sentence)
        return chosen

    @cached_property
    def reported_spans(self) -> list[tuple[int, int]]:
        """Clauses that report another party's words or promises (客服称…, 平台承诺…)."""
        return reported_clause_starts(self.unquoted, self.vocabulary)

    def is_reported(self, start: int, end: int | None = None) -> bool:
        """Inside a quote, or in a clause that reports what someone else said or promised."""
        end = start + 1 if end is None else end
        if self.in_quote(start, end):
            return True
        # Some span starting at or before ``start`` must reach ``end``: a bisection over the
        # span starts and the furthest end among them (spans may nest), not a scan per call.
        starts, furthest_ends = self._reported_index
        i = bisect.bisect_right(starts, start)
        return i > 0 and end <= furthest_ends[i - 1]

    @cached_property
    def _reported_index(self) -> tuple[list[int], list[int]]:
        return _span_index(self.reported_spans)

    @cached_property
    def _clause_breaks(self) -> list[int]:
        return [m.start() for m in _CLAUSE_BREAK_RE.finditer(self.unquoted)]

    def clause_around(self, start: int, end: int) -> tuple[int, int]:
        """The clause holding [start, end): from after the clause break (，；。！？ or a line
        break) before it to the one after it. A bisection: a clause holding a thousand time
        limits is not walked a thousand times."""
        breaks = self._clause_breaks
        before = bisect.bisect_left(breaks, start)
        after = bisect.bisect_left(breaks, end)
        return (breaks[before - 1] + 1 if before else 0), (breaks[after] if after < len(breaks) else len(self.text))

    def in_demand(self, offset: int) -> bool:
        """True when ``offset`` lies in one of the author's demands."""
        starts, furthest_ends = self._demand_index  # a bisection, not a scan per call
        i = bisect.bisect_right(starts, offset)
        return i > 0 and offset < furthest_ends[i - 1]

    @cached_property
    def _demand_index(self) -> tuple[list[int], list[int]]:
        return _span_index(self.demands)

    # -- channel and personal numbers (privacy, structure) ------------------------------------
    @cached_property
    def profile(self) -> Profile:
        """The channel profile the draft is checked against (``--channel``; with the default,
        platform, a draft that opens 致12315： is checked as a 12315 complaint)."""
        return self._resolved_profile[0]

    @cached_property
    def profile_inferred(self) -> bool:
        """True when the channel comes from the draft's opening (致12315：), not from --channel."""
        return self._resolved_profile[1]

    @cached_property
    def _resolved_profile(self):
        from .channels import resolve_profile

        return resolve_profile(self._profile, self.normalized[:40])

    @cached_property
    def number_runs(self) -> list[NumberRun]:
        """Runs of 15-19 digits, also in groups (6222 0000 1234 5678 907): ID and card candidates."""
        return find_number_runs(self.normalized)

    @cached_property
    def phone_numbers(self) -> list[PhoneNumber]:
        """Full (unmasked) mainland mobile numbers."""
        return find_phone_numbers(self.normalized)

    @cached_property
    def order_numbers(self) -> list[tuple[int, int]]:
        """Spans of order numbers given with a label (订单号：LX2024…, 订单YH0612A), outside quotes."""
        labels = self.vocabulary.regex("structure.order_labels").pattern
        pattern, text = _order_number_re(labels), self.unquoted

        def an_order(match: re.Match) -> bool:
            return not (match.start() and text[match.start() - 1] in _NOT_AN_ORDER)  # 工单号, 快递单号

        found, pos = [], 0
        while (m := patterns.search_accepted(pattern, text, pos, len(text), an_order)) is not None:
            found.append(m.span("number"))
            pos = m.end()
        return found


def _span_index(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Span starts in order, and for each the furthest end of the spans up to it: a span
    holding [start, end) exists iff the furthest end among spans starting at or before
    ``start`` reaches ``end``. Lookups bisect, so many lookups stay linear overall."""
    ordered = sorted(spans)
    furthest, ends = -1, []
    for _, span_end in ordered:
        furthest = max(furthest, span_end)
        ends.append(furthest)
    return [start for start, _ in ordered], ends


_ORDER_RE_CACHE: dict[str, object] = {}


#: What makes a label no order's (工单号: a support ticket, 快递单号, 物流单号 …): the character
#: before it, checked where a label is found (``patterns.search_accepted``), not as a look-behind
#: that would open the pattern and keep the engine from scanning for the labels.
_NOT_AN_ORDER = frozenset("工递运流")


def _order_number_re(labels: str):
    """Label, optional punctuation, then an identifier of 4+ letters/digits with a digit in it
    (not after a character of ``_NOT_AN_ORDER``); the value may sit in brackets (订单号（JY0707）).
    """
    if labels not in _ORDER_RE_CACHE:
        _ORDER_RE_CACHE[labels] = patterns.compile(
            rf"(?:{labels})\s*(?:号码|为|是)?\s*[:：#]?\s*[(（“\"]?\s*"
            r"(?P<number>(?=[A-Za-z0-9_\-]*\d)[A-Za-z0-9][A-Za-z0-9_\-]{3,})"
        )
    return _ORDER_RE_CACHE[labels]
