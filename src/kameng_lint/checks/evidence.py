"""Evidence (KM3xx): every fact cites its evidence, and every citation exists.

Source: the guide's 证据为王 section and its step 3: "每句话均附对应证据编号（如“详见证据1支付记录”）";
an evidence list of numbered items (证据类型 | 内容 | 保存位置). Vocabulary: ``rules/evidence.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document, Sentence
from ..models import Category, Severity
from ..rule import Examples, Hit, Rule


def fact_sentences(doc: Document) -> list[Sentence]:
    """Sentences that state facts: a date, an amount, or a purchase/payment/delivery verb."""
    verbs = doc.vocabulary.regex("evidence.fact_verbs")
    markers = [d.start for d in doc.dates] + [a.start for a in doc.amounts]
    markers += [m.start() for m in verbs.finditer(doc.unquoted)]
    markers = [p for p in markers if not doc.in_demand(p)]
    return [s for s in doc.sentences if any(s.start <= p < s.end for p in markers)]


class FactsWithoutEvidence(Rule):
    """Finds a draft that states facts but cites no evidence at all.

    The guide: evidence is the foundation, and each factual sentence carries its evidence number
    (详见证据1支付记录). Without any, the platform has only the author's word.
    """

    code = "KM301"
    name = "facts-without-evidence"
    category = Category.EVIDENCE
    severity = Severity.WARNING
    summary = "Facts are stated without any evidence reference"
    examples = Examples(
        bad=["9月3日购买会员年卡，支付198元，兑换码已被他人兑换。要求5个工作日内退还198元。"],
        good=["9月3日购买会员年卡，支付198元（证据1），兑换码已被他人兑换（证据2）。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.references:
            return
        facts = fact_sentences(doc)
        if facts:
            first = facts[0]
            yield Hit(
                first.start, first.end,
                "Facts are stated without any evidence reference: cite each item (详见证据1 支付记录)",
                suggestion=f"{first.text.rstrip('。')}（详见证据1）。",
            )


class DanglingReference(Rule):
    """Finds a citation of an evidence item that the draft's own evidence list does not contain.

    证据5 cited when the list stops at 证据4 tells the reader that evidence is missing, and a
    platform looking for it will find nothing. Add the item to the list or fix the number.
    """

    code = "KM302"
    name = "dangling-reference"
    category = Category.EVIDENCE
    severity = Severity.WARNING
    summary = "An evidence reference points to an item the list does not contain"
    examples = Examples(
        bad=["下单后未到账（证据1），客服称已补发（证据3）。证据清单：证据1 支付截图；证据2 聊天记录。"],
        good=["下单后未到账（证据1），客服称已补发（证据2）。证据清单：证据1 支付截图；证据2 聊天记录。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        listed = doc.evidence_list
        for ref in doc.references:
            if not ref.numbers or not listed.has_kind(ref.kind):
                continue
            missing = [n for n in ref.numbers if not listed.contains(ref.kind, n)]
            if missing:
                have = ", ".join(str(n) for n in sorted(listed.items[ref.kind]))
                yield Hit(
                    ref.start, ref.end,
                    f"“{doc.text[ref.start:ref.end]}” is not in the evidence list (it has {have})",
                    suggestion="add the item to the evidence list, or correct the number",
                )
