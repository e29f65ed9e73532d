"""Deadline (KM4xx): the author sets an explicit time limit, and says what follows it.

Source: the guide's step 3 closing, "结尾强调处理时限与后果（如“若X日内未解决，将向XXX渠道升级投诉”）";
民法典 第563条 (a main obligation not performed within a reasonable period after a demand lets
the buyer cancel) is why the limit matters. Vocabulary: ``rules/deadline.toml``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import NamedTuple

from .. import patterns
from ..contract import Category, Severity
from ..document import Document, per_document
from ..rule import Examples, Hit, Rule
from ..times import TimeLimit

#: 若…未解决 / 否则 / 逾期: a condition the author sets; also a failure followed by what the
#: author will then do, with no 若 (2天内没弄好我就只能找12315了).
ESCALATION_CONDITION = patterns.compile(
    r"若|如果|如|假如|倘若|否则|逾期|不然|超过|到期|届时|过期|(?:没|未|不)[^，,。；;\n]{0,8}?(?:我就|就|便|我将|我会)")


class _ClauseFacts(NamedTuple):
    escalation: bool  # 若 … 未解决: a condition the author sets
    past: bool  # 了, 已经 …: told in the past
    #: Where the first promise word (承诺, 预计 …) ends: a limit after it is someone's promise.
    promise_end: int | None


@per_document
def _facts_by_clause(doc: Document) -> dict[tuple[int, int], _ClauseFacts]:
    return {}  # filled clause by clause: what a clause's limits share is read once


def _facts(doc: Document, start: int, end: int) -> _ClauseFacts:
    known = _facts_by_clause(doc)
    facts = known.get((start, end))
    if facts is None:
        vocabulary, text = doc.vocabulary, doc.unquoted
        facts = known[start, end] = _ClauseFacts(
            ESCALATION_CONDITION.search(text, start, end) is not None,
            vocabulary.regex("deadline.past_markers").search(text, start, end) is not None,
            _first_match_end(vocabulary.regex("deadline.promise_words"), text, start, end),
        )
    return facts


def _first_match_end(pattern, text: str, start: int, end: int) -> int | None:
    """The least ``stop`` for which ``pattern.search(text, start, stop)`` finds a match (then
    any later stop does too: a word found in a shorter stretch is in a longer one; a user's
    pattern ending in a negative look-ahead could break that), or None. A bisection: some
    searches per clause, instead of one per limit in it."""
    match = pattern.search(text, start, end)
    if match is None:
        return None
    low, high = start, match.end()
    while low < high:
        middle = (low + high) // 2
        if pattern.search(text, start, middle):
            high = middle
        else:
            low = middle + 1
    return low


def _is_authors(doc: Document, limit: TimeLimit) -> bool:
    """A limit the author sets, not a quote, someone's promise or rule, or a past fact."""
    if doc.in_quote(limit.start, limit.end):
        return False
    if doc.in_demand(limit.start):
        return True  # 要求…平台在收到通知后10日内…: the author's own, whatever else the clause says
    if doc.is_reported(limit.start, limit.end):
        return False
    if _qualifies_a_word(doc, limit):
        return False
    clause_start, clause_end = doc.clause_around(limit.start, limit.end)
    facts = _facts(doc, clause_start, clause_end)
    if facts.promise_end is not None and facts.promise_end <= limit.start:
        return False
    if facts.escalation:
        return True  # 若3日内未解决: a condition the author sets
    return not facts.past and not _continues_a_report(doc, clause_start) and not _cites_a_statute(doc, limit)


def _qualifies_a_word(doc: Document, limit: TimeLimit) -> bool:
    """The limit describes a word instead of setting a time: in brackets of its own after it
    (我没有及时（24h内）发现), or before 的 (1周内的不可用天数, a form's field label)."""
    text = doc.normalized
    before = text[limit.start - 1] if limit.start else ""
    after = text[limit.end:limit.end + 1]
    return (before == "(" and after == ")") or text[limit.end:limit.end + 2].lstrip().startswith("的")


#: 《消费者权益保护法》第四十六条 / 消法第24条: the law the sentence goes on to quote or paraphrase.
STATUTE = patterns.compile(r"《[^》\n]{1,30}》|第[一二三四五六七八九十百零〇两\d]{1,6}条")


def _cites_a_statute(doc: Document, limit: TimeLimit) -> bool:
    """The limit is the law's, told after the statute that sets it (依据《消费者权益保护法》第四十六
    条，有关行政部门应当自收到投诉之日起七个工作日内予以处理): not a limit the author sets."""
    sentence = doc.sentence_at(limit.start)
    starts, ends = _statutes(doc)
    # the first citation in the sentence, if it ends before the limit (a search of the
    # sentence per limit read a line of a thousand limits a thousand times)
    i = bisect.bisect_left(starts, sentence.start if sentence else 0)
    return i < len(starts) and ends[i] <= limit.start


@per_document
def _statutes(doc: Document) -> tuple[list[int], list[int]]:
    """Where each statute citation starts and ends, in text order."""
    spans = [match.span() for match in STATUTE.finditer(doc.normalized)]
    return [start for start, _ in spans], [end for _, end in spans]


def _continues_a_report(doc: Document, clause_start: int) -> bool:
    """The clause goes on with what someone else said, after a comma: 她说要跟代练核实，48小时内
    给答复 (a clause of the author's own opens with a demand or a condition, checked before)."""
    return clause_start >= 2 and doc.text[clause_start - 1] in "，,；;" and doc.is_reported(clause_start - 2)


@per_document
def author_deadlines(doc: Document) -> list[TimeLimit]:
    """Time limits in the author's own voice, in the demand or the closing."""
    return [t for t in doc.time_limits if _is_authors(doc, t)]


class MissingDeadline(Rule):
    """Finds a draft that gives the platform no explicit time limit.

    尽快, 马上, 及时 and 早日 are not deadlines: nobody can tell when they have passed. A limit
    the platform announced or an agent promised (客服说会在24小时内处理) is theirs, not the
    author's. Set one: 24小时内, 3个工作日内, 10月20日前.
    """

    code = "KM401"
    name = "missing-deadline"
    category = Category.DEADLINE
    severity = Severity.WARNING
    summary = "No explicit time limit"
    examples = Examples(
        bad=["订单XH0815未到账（截图1）。请尽快退还50元。", "客服说会在24小时内处理（截图2），五天过去了。要求退还50元。"],
        good=["订单XH0815未到账（截图1）。请于3个工作日内退还50元。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.sentences or author_deadlines(doc):
            return
        vague = doc.vocabulary.regex("deadline.vague").search(doc.unquoted)
        if vague:
            start, end = vague.span()
            message = f"“{doc.text[start:end]}” is not a time limit: give one (24小时内, 3个工作日内, X月X日前)"
        else:
            anchor = doc.demand_sentences[0] if doc.demand_sentences else doc.sentences[-1]
            start, end = anchor.start, anchor.end
            message = "No explicit time limit: give the platform one (24小时内, 3个工作日内, X月X日前)"
        yield Hit(start, end, message, suggestion="要求平台在3个工作日内处理；若逾期未处理，将向12315平台投诉")


class DeadlineWithoutNextStep(Rule):
    """Finds a deadline with no stated next step (opt-in).

    The guide's closing pairs the limit with its consequence: 若X日内未解决，将向XXX渠道升级投诉.
    Naming the next channel (黑猫投诉, 12315, 消费者协会) shows the author knows the process.
    Opt-in (select it with ``--select KM402``): many good short complaints leave it implicit.
    """

    code = "KM402"
    name = "deadline-without-next-step"
    category = Category.DEADLINE
    severity = Severity.INFO
    summary = "The deadline has no stated next step"
    default_enabled = False
    examples = Examples(
        bad=["订单XH0815未到账（截图1）。要求3日内退还50元。"],
        good=["订单XH0815未到账（截图1）。要求3日内退还50元，逾期将向12315投诉。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        deadlines = author_deadlines(doc)
        if not deadlines:
            return
        channels = doc.vocabulary.regex("deadline.channels")
        for sentence in doc.sentences:
            text = doc.unquoted[sentence.start : sentence.end]
            if ESCALATION_CONDITION.search(text) and channels.search(text):
                return
        last = deadlines[-1]
        yield Hit(
            last.start, last.end,
            "The deadline has no next step: say what you will do when it passes",
            suggestion=f"{doc.text[last.start:last.end]}未解决，将向12315平台投诉",
        )
