"""The document model: built once per draft, shared by every rule.

Everything a rule needs to know about the text is computed here once, lazily: the
width-normalised text, the line index, jieba tokens, sentences, quoted regions, money amounts,
time limits, dates and evidence references. Rules never re-tokenize or re-parse the text.
All offsets are character offsets into the original text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .amounts import Amount, find_amounts
from .quotes import Quote, find_quotes
from .references import EvidenceList, Reference, find_evidence_lists, find_references
from .text import LineIndex, normalize_width
from .times import DateMention, TimeLimit, find_dates, find_time_limits
from .tokenizer import Token
from .voice import demand_marker_positions, reported_clause_starts

if TYPE_CHECKING:
    from .tokenizer import Tokenizer
    from .vocabulary import Vocabulary

SENTENCE_ENDS = frozenset("。！？；!?;…")
LINE_BREAKS = frozenset("\r\n")
_CLOSING_MARKS = frozenset("”」』’》）)】]\"'")
#: Stands in for quoted text in ``unquoted``: matches no word, keeps every offset.
QUOTE_MASK = "\u25a1"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


class Document:
    def __init__(self, text: str, tokenizer: Tokenizer, vocabulary: Vocabulary, path: str | None = None):
        self.text = text
        self.path = path
        self.tokenizer = tokenizer
        self.vocabulary = vocabulary
        #: Per-document results of shared rule machinery (e.g. all lexicon matches at once).
        self.cache: dict[str, object] = {}

    # -- text forms ---------------------------------------------------------------------------
    @cached_property
    def normalized(self) -> str:
        """Full-width letters, digits and punctuation folded to half-width; same length."""
        return normalize_width(self.text)

    @cached_property
    def unquoted(self) -> str:
        """``normalized`` with the inside of every quote and title masked out (same length)."""
        chars = list(self.normalized)
        for quote in self.quotes:
            inner_start, inner_end = quote.inner
            chars[inner_start:inner_end] = QUOTE_MASK * (inner_end - inner_start)
        return "".join(chars)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    # -- tokens and sentences -----------------------------------------------------------------
    @cached_property
    def tokens(self) -> list[Token]:
        return self.tokenizer.tokenize(self.normalized)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Split after 。！？；… (with any closing quotes) and at line breaks, never inside a quote."""
        text, n = self.text, len(self.text)
        norm = self.normalized
        quoted = self._quote_mask
        sentences: list[Sentence] = []
        start = i = 0
        while i < n:
            ch = norm[i]
            if ch in LINE_BREAKS:
                self._add_sentence(sentences, start, i)
                while i < n and norm[i] in LINE_BREAKS:
                    i += 1
                start = i
                continue
            if ch in SENTENCE_ENDS and not quoted[i]:
                i += 1
                while i < n and (norm[i] in SENTENCE_ENDS or norm[i] in _CLOSING_MARKS):
                    i += 1
                self._add_sentence(sentences, start, i)
                start = i
                continue
            i += 1
        self._add_sentence(sentences, start, n)
        return sentences

    def _add_sentence(self, sentences: list[Sentence], start: int, end: int) -> None:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end > start:
            sentences.append(Sentence(start, end, self.text[start:end]))

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
        return find_amounts(self.normalized)

    @cached_property
    def time_limits(self) -> list[TimeLimit]:
        return find_time_limits(self.normalized)

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
        """The author's demands: from each demand marker (要求, 诉求, 请 …) to its sentence's end.

        What precedes the marker in the sentence (订单未到账，要求退款) is fact, not demand.
        """
        spans: list[tuple[int, int]] = []
        for pos in demand_marker_positions(self.unquoted, self.vocabulary):
            sentence = self.sentence_at(pos)
            if sentence is None:
                continue
            if spans and spans[-1][1] == sentence.end:
                continue  # a second marker in the same demand (要求…，请…)
            spans.append((pos, sentence.end))
        return spans

    @cached_property
    def demand_sentences(self) -> list[Sentence]:
        """Sentences in which the author makes a demand, outside quotes."""
        chosen: list[Sentence] = []
        for start, _ in self.demands:
            sentence = self.sentence_at(start)
            if sentence is not None and sentence not in chosen:
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
        return any(s <= start and end <= e for s, e in self.reported_spans)

    def in_demand(self, offset: int) -> bool:
        """True when ``offset`` lies in one of the author's demands."""
        return any(start <= offset < end for start, end in self.demands)
