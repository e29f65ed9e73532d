"""Whose voice: the author's demand, the author's facts, and words reported from others.

Used through ``Document`` (``doc.demand_sentences``, ``doc.is_reported``): a time limit in
“客服说会在24小时内处理” is the agent's past promise, not the author's deadline, and
“客服要求我提供密码” is not the author's demand.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

import regex

from . import patterns

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

CLAUSE_BREAKS = "，,；;。！？!?\n"
#: Plain ``re`` for the small searches below, run at a known place: ``patterns.compile``'s
#: wrapper (compile on first use, gates) costs more there than the search itself.
_CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_BREAKS)}]")
#: A marker pattern that opens with this holds only where a sentence starts (退还… at the head of
#: a line). Such patterns are matched from the sentence end before them, which the engine scans
#: for, instead of being tried at every character (the demand pattern ran 1.4x faster).
SENTENCE_START = r"(?:^|(?<=[。！？!?\n]))"
_SENTENCE_END = r"[。！？!?\n]"


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


#: Words that open a clause of the author's own: between another party and a marker (截图3是商品
#: 页面所以麻烦你们…, a draft dictated with no punctuation) they end what that party governs.
CLAUSE_OPENERS = ("所以", "然后", "但是", "可是", "因此", "于是", "不过")


class MarkerMatch(NamedTuple):
    """A demand marker found in a text."""

    start: int  #: where the match starts: the sentence end before a sentence-start marker
    at: int  #: where the marker itself starts
    end: int


_START = itemgetter(0)  # a MarkerMatch's start


class DemandMarkers:
    """The author's demand markers, found as this one pattern would find them::

        (?:^|[。！？!?\n])(?P<at>heads)                     a marker that holds at a sentence start
        | (?<!(?:others)[^breaks]{0,3})(?<!按|应|照|(?<!我|本人)的)(?:markers)   one not governed by another party
                                                  (unless a CLAUSE_OPENERS word stands between)
        followed by (?!耐心|稍等|稍候|问)

    but in three searches merged like one alternation (``patterns.leftmost``), each opening
    with what its engine scans for: that pattern opened with an anchor and look-behinds, so it
    was tried at every character (250 K machine instructions per draft, now 160 K). The
    look-behinds of the second form are checked where a marker is found.
    """

    def __init__(self, vocabulary: "Vocabulary") -> None:
        heads, markers = _sentence_start_markers(vocabulary)
        not_a_request = "(?!耐心|稍等|稍候|问)"  # 请耐心等待 / 请问 is not a demand
        self._at_text_start = patterns.compile(rf"(?:{heads}){not_a_request}") if heads else None
        self._after_sentence_end = patterns.compile(rf"{_SENTENCE_END}(?:{heads}){not_a_request}") if heads else None
        self._marker = patterns.compile(rf"(?:{markers}){not_a_request}")
        others = _alternation(vocabulary.words("voice.others"))
        #: 客服要求 / 平台让我 … 按客服要求 / 对方的要求: a marker governed by another party, read
        #: backwards from the marker over at most the longest of them and three more characters
        #: (我的要求 / 本人的诉求 are the author's own).
        self._governed_by_party = patterns.compile(rf"(?:{others})(?P<gap>[^{CLAUSE_BREAKS}]{{0,3}})\Z")
        self._governed_by_word = patterns.compile(r"[按应照]\Z|(?<!我)(?<!本人)(?<!我们)的\Z")
        self._reach = max(map(len, vocabulary.words("voice.others")), default=0) + 3

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> MarkerMatch | None:
        forms = self._forms(text, len(text) if endpos is None else min(endpos, len(text)))
        return patterns.leftmost(forms, pos, [form(pos) for form in forms], _START)

    def finditer(self, text: str) -> Iterator[MarkerMatch]:
        forms = self._forms(text, len(text))
        ahead = [form(0) for form in forms]
        pos = 0
        while (found := patterns.leftmost(forms, pos, ahead, _START)) is not None:
            yield found
            pos = found.end

    def _forms(self, text: str, end: int) -> list[Callable[[int], MarkerMatch | None]]:
        """The three searches, each from a position on, in the order of the alternation."""

        def past_blanks(at: int, stop: int) -> int:
            """Where the marker itself starts: a head may open with blanks (。\n退还…)."""
            while at < stop and text[at].isspace():
                at += 1
            return at

        def at_text_start(pos: int) -> MarkerMatch | None:
            match = self._at_text_start.match(text, 0, end) if pos == 0 else None
            return MarkerMatch(0, past_blanks(0, match.end()), match.end()) if match else None

        def after_sentence_end(pos: int) -> MarkerMatch | None:
            match = self._after_sentence_end.search(text, pos, end)
            return MarkerMatch(match.start(), past_blanks(match.start() + 1, match.end()), match.end()) if match else None

        def not_governed(match) -> bool:
            start = match.start()
            low = max(0, start - self._reach)
            if self._governed_by_word.search(text, low, start):
                return False
            # A conjunction in the gap opens the author's own clause: look on from after it
            # (checked here: as a look-ahead at every character of the gap it cost a third of
            # the demands' time).
            while (party := self._governed_by_party.search(text, low, start)) is not None:
                gap = party.group("gap")
                opener = min((gap.find(word) for word in CLAUSE_OPENERS if word in gap), default=-1)
                if opener < 0:
                    return False
                low = party.start("gap") + opener + 1
            return True

        def ungoverned(pos: int) -> MarkerMatch | None:
            match = patterns.search_accepted(self._marker, text, pos, end, not_governed)
            return MarkerMatch(match.start(), match.start(), match.end()) if match else None

        return [at_text_start, after_sentence_end, ungoverned] if self._at_text_start else [ungoverned]


@lru_cache(maxsize=8)
def _patterns(vocabulary: "Vocabulary") -> tuple[patterns.Pattern, DemandMarkers]:
    others = _alternation(vocabulary.words("voice.others"))
    verbs = _alternation(vocabulary.words("voice.reporting_verbs"))
    # "客服称", "平台承诺", "客服要求我" ... : another party reports, promises or demands.
    # 说法 is a noun (给我个说法), and 客服说的… is what the author says about it, not a report;
    # so is 客服回复速度/态度 (the verb as a noun's modifier).
    reported = patterns.compile(rf"(?:{others})[^{CLAUSE_BREAKS}]{{0,8}}?(?:{verbs})(?!法|的|速度|效率|态度)")
    return reported, DemandMarkers(vocabulary)


def _sentence_start_markers(vocabulary: "Vocabulary") -> tuple[str, str]:
    """The demand markers that hold only at a sentence start (without their opening), and the
    rest (patterns first, then the words longest first, as ``Vocabulary.regex`` has them)."""
    heads, rest = [], []
    for pattern in vocabulary.patterns("demand.markers"):
        if pattern.startswith(SENTENCE_START):
            heads.append(f"(?:{pattern[len(SENTENCE_START):]})")
        else:
            rest.append(f"(?:{pattern})")
    rest += [regex.escape(w) for w in sorted(vocabulary.words("demand.markers"), key=len, reverse=True)]
    return "|".join(heads), "|".join(rest) or "(?!)"


def reported_clause_starts(text: str, vocabulary: "Vocabulary") -> list[tuple[int, int]]:
    """Spans [start, clause end) in which another party's words or promises are reported.

    A clause that the author opens with a demand (请平台3天内答复) is the author's, not a report.
    Each clause is walked once: the first report in it is checked as it always was, and a
    further report in the same clause uses the clause's first demand marker, found once (a
    clause of many reports, 平台48小时内答复 a thousand times, was walked and searched again for
    every one of them).
    """
    reported, demand = _patterns(vocabulary)
    spans = []
    clause_start = clause_end = -1
    first_demand: MarkerMatch | None | bool = False  # the clause's first marker; False: not looked for
    for match in reported.finditer(text):
        at = match.start()  # a report lies inside one clause: no break in its words or between
        if at > clause_end:
            clause_start = at
            while clause_start > 0 and text[clause_start - 1] not in CLAUSE_BREAKS:
                clause_start -= 1
            brk = _CLAUSE_BREAK.search(text, match.end())
            clause_end = brk.start() if brk else len(text)
            space = text.find(" ", match.end() + 1, clause_end)
            while space >= 0:  # a chat-style space may end the clause sooner
                if _spaced_break(text, space):
                    clause_end = space
                    break
                space = text.find(" ", space + 1, clause_end)
            first_demand = False
            # from the clause break before it: a sentence-start marker is matched from there
            authors = demand.search(text, max(0, clause_start - 1), at) is not None
        else:
            if first_demand is False:
                first_demand = demand.search(text, max(0, clause_start - 1), clause_end)
            # No marker starts before the clause's first; one starting there may be cut short
            # by this report: searched again, from there only.
            authors = first_demand is not None and first_demand.start < at and (
                first_demand.end <= at or demand.search(text, first_demand.start, at) is not None)
        if not authors:
            spans.append((at, clause_end))
    return spans


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _spaced_break(text: str, at: int) -> bool:
    """The space at ``at`` is between two Chinese characters (or a figure and a Chinese
    character: 记录见图3 给我…): how a draft typed on a phone ends a clause (客服说虚拟商品不退
    服了). Only after the report's own words: 客服说 会在24小时内处理 keeps the promise in the
    report."""
    before = text[at - 1]
    if not (_is_han(before) or before.isdigit()):
        return False
    after = at + 1
    while after < len(text) and text[after] == " ":
        after += 1
    return after < len(text) and _is_han(text[after])


def demand_marker_positions(text: str, vocabulary: "Vocabulary") -> list[int]:
    _, demand = _patterns(vocabulary)
    return [marker.at for marker in demand.finditer(text)]


@lru_cache(maxsize=8)
def _limit_lead(vocabulary: "Vocabulary") -> re.Pattern:
    actions = vocabulary.regex("demand.after_limit").pattern
    return re.compile(
        rf"(?:之内|以内|内)?\s*[,，:：]?\s*(?:请|务必|必须|麻烦|给我|帮我|为我)?\s*"
        rf"(?:(?:还)?不)?(?:(?:把|将)[^{CLAUSE_BREAKS}]{{1,20}}?(?:退|补|赔|还|发|充)|(?:{actions}))")


#: 退199元给我, 赔俺一千块, 退我三百二十块代练费: the money verb right before a sum orders it
#: (没退我100元 is a fact). Read before each amount the document found, not searched for: a
#: pattern opening with 还 or 退 stopped at every one of them.
_MONEY_ORDER_BEFORE = re.compile(r"(?<![没未不])(?:退|还|赔|返)(?:我|给我|俺|给俺)?(?:一笔)?\s*\Z")
_MONEY_ORDER_REACH = 6


def amount_led_demand_positions(text: str, amounts: list) -> list[int]:
    """Where the author orders a sum paid back with no marker word (退199元给我)."""
    positions = []
    for amount in amounts:
        found = _MONEY_ORDER_BEFORE.search(text, max(0, amount.start - _MONEY_ORDER_REACH), amount.start)
        if found is not None:
            positions.append(found.start())
    return positions


def limit_led_demand_positions(text: str, limits: list, vocabulary: "Vocabulary") -> list[int]:
    """Time limits with which the author opens a demand that has no marker word: 48小时内把98元
    原路退回, 三个工作日内退还九十八块, 限期三天内补发剩余金币, 两天内不把568元退到我支付宝，
    我就… (the order inside its condition). A clause told in the past (3天内把钱充进去了) is a
    fact, not a demand."""
    lead = _limit_lead(vocabulary)
    past = vocabulary.regex("deadline.past_markers")
    positions = []
    clause_end, past_after = -1, []  # the clause of the limits so far, and its past markers
    for limit in limits:
        found = lead.match(text, limit.end)
        if found is None:
            continue
        if found.end() > clause_end:
            # a new clause, read once for all its limits (3日内退 repeated stays linear)
            brk = _CLAUSE_BREAK.search(text, found.end())
            clause_end = brk.start() if brk else len(text)
            past_after = [m.start() for m in past.finditer(text, limit.end, clause_end)]
        if bisect.bisect_left(past_after, limit.end) == len(past_after):
            positions.append(limit.start)
    return positions


DEMAND_STOPS = patterns.compile(r"[。！？!?\r\n]")
LINE_BREAK = patterns.compile(r"\r\n|\r|\n")
#: A line that opens a new section (事实与理由：, 证据清单：) ends a demand's item list.
SECTION_HEADING = patterns.compile(r"\s*[【\[]?[\p{Han}]{2,8}[】\]]?\s*[:：]")


def _is_heading(line: str) -> bool:
    """诉求： / 请求事项： / 二、投诉要求 on a line of its own: the demand is the list under it."""
    line = line.rstrip()
    return line.endswith((":", "：")) or DEMAND_HEADING.fullmatch(line) is not None


#: A demand marker that is a heading on its own even without a colon (## 诉求, 二、投诉要求 —
#: the marker is where 要求 starts); 要求退款 on a line of its own is a demand, not a heading.
DEMAND_HEADING = patterns.compile(r"(?:要求|诉求|请求)(?:事项|如下)?")


def demand_end(text: str, start: int) -> int:
    """Where the demand that opens at ``start`` ends.

    A demand runs over ；and ， to the end of its sentence (要求3日内重发卡密；若已被兑换，则退还
    500元). When the marker is a heading (诉求：, 请求事项：) followed by a line break, the demand is
    the list under it: the following lines, up to a blank line or the next heading. A heading
    may go without its colon (二、投诉要求 / ## 诉求, the marker and nothing else on its line).
    """
    stop = DEMAND_STOPS.search(text, start)
    end = stop.start() if stop else len(text)
    if not (stop and text[end] in "\r\n" and _is_heading(text[start:end])):
        return end
    pos = end
    while (brk := LINE_BREAK.match(text, pos)) is not None:
        line_start = brk.end()
        next_break = LINE_BREAK.search(text, line_start)
        line_end = next_break.start() if next_break else len(text)
        line = text[line_start:line_end]
        if not line.strip() or SECTION_HEADING.match(line):
            break
        end = pos = line_end
    return end
