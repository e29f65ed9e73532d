"""Evidence (KM3xx): every fact cites its evidence, and every citation exists.

Source: the guide's 证据为王 section and its step 3: "每句话均附对应证据编号（如“详见证据1支付记录”）";
an evidence list of numbered items (证据类型 | 内容 | 保存位置). Vocabulary: ``rules/evidence.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import patterns
from ..contract import Category, Severity
from ..document import Document, Sentence, per_document
from ..rule import Examples, Hit, Rule
from ..text import SpanSet


#: A clause under a condition (如果无法退款，将…): what it tells has not happened.
_CONDITION = patterns.compile(r"(?:如果|假如|假若|倘若|若是|要是|万一|一旦|如若|若)[^，,。；;！!？?\n]*")


def fact_sentences(doc: Document) -> list[Sentence]:
    """Sentences that state facts: a date, an amount, or what happened (a purchase, a payment,
    a failure, no answer, how long it has gone on: ``evidence.fact_verbs``), outside the
    author's demands and outside a clause under a condition."""
    verbs = doc.vocabulary.regex("evidence.fact_verbs")
    conditions = SpanSet(m.span() for m in _CONDITION.finditer(doc.unquoted))
    # A figure or a date anywhere in a demand belongs to it (要求退还100元，并补偿10元); what
    # happened, told in a clause after the one that asks (请回复，钱收了人去哪里了), is a fact.
    markers = [p for p in [d.start for d in doc.dates] + [a.start for a in doc.amounts] if not doc.in_demand(p)]
    markers += [m.start() for m in verbs.finditer(doc.unquoted) if not _in_demand_clause(doc, m.start())]
    # a bisection per sentence: a scan of every marker per sentence was quadratic
    markers = SpanSet((p, p + 1) for p in markers if not conditions.contains(p))
    return [s for s in doc.sentences if markers.any_start_in(s.start, s.end)]


def _in_demand_clause(doc: Document, offset: int) -> bool:
    """In a demand, and in a clause where one opens (its first clause asks; later ones may
    tell what happened)."""
    return doc.in_demand(offset) and doc.clause_around(offset, offset + 1)[0] in _demand_clauses(doc)


@per_document
def _demand_clauses(doc: Document) -> frozenset[int]:
    """Where the clauses start in which the author's demands open."""
    return frozenset(doc.clause_around(start, start + 1)[0] for start, _ in doc.demands)


class FactsWithoutEvidence(Rule):
    """Finds a draft that states facts but cites no evidence at all.

    The guide: evidence is the foundation, and each factual sentence carries its evidence number
    (详见证据1支付记录). Without any, the platform has only the author's word. A draft whose only
    citations are its evidence list (证据：图1兑换失败，图2付款记录) names its evidence, and is
    left alone.
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
        if doc.references or doc.evidence_list:
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


ITEM_END = patterns.compile(r"[；;\n。]")
EVIDENCE_KINDS = ("transaction", "communication", "problem")
KIND_NAMES = {"transaction": "交易证据（支付记录、订单截图）", "communication": "沟通证据（客服聊天记录）",
              "problem": "问题证据（余额截图、报错界面）"}
#: The guide's closed chain for 充值未到账: all three, "三者缺一不可".
TOPUP_CHAIN = {
    "payment": ("evidence.chain.payment", "支付成功记录"),
    "promise": ("evidence.chain.promise", "客服承诺处理记录"),
    "balance": ("evidence.chain.balance", "游戏内余额截图"),
}


@per_document
def evidence_contexts(doc: Document) -> list[tuple[int, int]]:
    """Where the draft describes its evidence: each list item up to its separator, and each
    sentence that cites an item (付款记录见证据1, 支付100元（详见证据1）)."""
    spans = []
    for items in doc.evidence_list.items.values():
        for start, end in items.values():
            stop = ITEM_END.search(doc.normalized, end)
            spans.append((start, stop.start() if stop else len(doc.text)))
    for ref in doc.references:
        sentence = doc.sentence_at(ref.start)
        if sentence is not None:
            spans.append((sentence.start, sentence.end))
    return list(dict.fromkeys(spans))  # a sentence citing many items is read once


def _described(doc: Document, vocabulary: str, spans: list[tuple[int, int]]) -> bool:
    pattern = doc.vocabulary.regex(vocabulary)
    return any(pattern.search(doc.unquoted, start, end) for start, end in spans)


class UncitedEvidenceItem(Rule):
    """Finds an item in the evidence list that the facts never cite (opt-in).

    The guide wants each fact to carry its evidence number; an item nobody cites is either a
    fact left out of the timeline or evidence that does not belong. Opt-in (``--select KM303``).
    """

    code = "KM303"
    name = "uncited-evidence-item"
    category = Category.EVIDENCE
    severity = Severity.INFO
    summary = "An evidence item is listed but never cited"
    default_enabled = False
    examples = Examples(
        bad=["支付后未到账（证据1）。证据清单：证据1 支付截图；证据2 聊天记录。"],
        good=["支付后未到账（证据1），客服未回复（证据2）。证据清单：证据1 支付截图；证据2 聊天记录。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        cited = {(ref.kind, n) for ref in doc.references for n in ref.numbers}
        for kind, items in doc.evidence_list.items.items():
            for number, (start, end) in sorted(items.items()):
                if (kind, number) not in cited:
                    yield Hit(start, end, f"Evidence item {kind}{number} is listed but no fact cites it",
                              suggestion=f"cite it where the fact is stated: （详见{kind}{number}）")


class MissingEvidenceKind(Rule):
    """Finds a kind of evidence the draft lacks among transaction, communication and problem
    proof (opt-in).

    The guide's evidence chain has three kinds: the transaction (payment record, order), the
    communication (chat log with the agent's ID and times) when customer service was contacted,
    and the problem itself (the failure screen, the balance). Opt-in (``--select KM304``).
    """

    code = "KM304"
    name = "missing-evidence-kind"
    category = Category.EVIDENCE
    severity = Severity.INFO
    summary = "A kind of evidence is missing"
    default_enabled = False
    examples = Examples(
        bad=["5月1日支付88元（证据1 支付截图），联系客服无果。要求退还88元。"],
        good=["5月1日支付88元（证据1 支付截图），余额未增加（证据2 余额截图），联系客服无果（证据3 聊天记录）。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.references:
            return  # KM301 already says that evidence is missing altogether
        spans = evidence_contexts(doc)
        contacted = doc.vocabulary.regex("evidence.contacted").search(doc.unquoted)
        for kind in EVIDENCE_KINDS:
            if kind == "communication" and not contacted:
                continue
            if not _described(doc, f"evidence.kind.{kind}", spans):
                ref = doc.references[0]
                yield Hit(ref.start, ref.end, f"No {kind} evidence: add {KIND_NAMES[kind]}",
                          suggestion=f"add {KIND_NAMES[kind]} to the evidence list")


class IncompleteTopUpChain(Rule):
    """Finds a top-up that did not arrive whose evidence chain is not closed (opt-in).

    The guide: for 充值未到账 the chain needs 支付成功记录, 客服承诺处理记录 and 游戏内余额截图,
    "三者缺一不可". Without the payment the platform denies it was paid; without the promise, that
    it was told; without the balance, that it did not arrive. Opt-in (``--select KM305``).
    """

    code = "KM305"
    name = "incomplete-top-up-chain"
    category = Category.EVIDENCE
    severity = Severity.INFO
    summary = "A top-up that did not arrive lacks part of its evidence chain"
    default_enabled = False
    examples = Examples(
        bad=["5月1日支付88元充值Q币（证据1 支付截图），至今未到账。客服承诺24小时内处理。"],
        good=["5月1日支付88元充值Q币（证据1 支付截图），至今未到账（证据2 QQ钱包余额截图），"
              "客服承诺处理（证据3 客服聊天记录）。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        missing = doc.vocabulary.regex("evidence.topup_missing").search(doc.unquoted)
        if not missing or not doc.references:
            return
        spans = evidence_contexts(doc)
        for vocabulary, name in TOPUP_CHAIN.values():
            if not _described(doc, vocabulary, spans):
                yield Hit(missing.start(), missing.end(),
                          f"The top-up chain lacks {name}: the guide wants all three links",
                          suggestion=f"add {name} to the evidence list")
