"""SMART demand (KM2xx): specific, measurable, achievable, relevant, time-bound.

Source: the guide's 诉求具体 section: "要求平台在24小时内退还充值金额100元至原支付账户，并补偿10元
优惠券" rather than "尽快解决" or "你们必须解决我的问题". Vocabulary: ``rules/demand.toml``.
The law for "achievable": 消费者权益保护法 第55条 (fraud: refund plus 3x the price, at least
500元) and 食品安全法 第148条 (food: 10x the price, at least 1000元).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from .. import patterns
from ..contract import Category, Severity
from ..document import Document, per_document
from ..rule import Examples, Hit, Rule
from ..text import SpanSet

SMART_TEMPLATE = "要求平台在24小时内退还{what}至原支付账户"
CLAUSE_BREAK = patterns.compile(r"[，,；;]")
#: A refund of "the full amount" (or half of it) is measurable when the draft states what was paid.
#: So is a multiple of it (退一赔三, 三倍赔偿).
FULL_AMOUNT = patterns.compile(r"全额|全款|全部货款|全部款项|原价|一半|倍|[退假]一赔")
#: 388退给我: a bare figure right before the money action is its sum (written as a chat is).
SUM_BEFORE_ACTION = patterns.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*(?:给我|都|全部)?\Z")
#: 退28.8也行, 退钱328: a bare figure right after it, as a chat writes it.
SUM_AFTER_ACTION = re.compile(r"\s*(?:这|那|给我|我)?\s*\d+(?:\.\d+)?(?![\d.%])")


def _amount_text(doc: Document) -> str:
    """The amount at stake as the draft writes it, for the rewrite template."""
    facts = [a for a in doc.amounts if not doc.in_demand(a.start) and not doc.in_quote(a.start)]
    chosen = max(facts or doc.amounts, key=lambda a: a.value, default=None)
    return f"充值金额{doc.text[chosen.start:chosen.end]}" if chosen else "充值金额X元"


@per_document
def smart_rewrite(doc: Document) -> str:
    """A SMART demand built from what the draft already says (its amount and order number)."""
    return SMART_TEMPLATE.format(what=_amount_text(doc))


@per_document
def concrete_demands(doc: Document) -> list[tuple[int, int]]:
    """The author's demands that name an executable action (退还, 补发, 解封 …)."""
    return [(start, end) for start, end, remedy in _demands_with_actions(doc)]


@per_document
def remedy_demands(doc: Document) -> list[tuple[int, int]]:
    """The concrete demands that name more than a process (核实情况 alone leaves the remedy open)."""
    return [(start, end) for start, end, remedy in _demands_with_actions(doc) if remedy]


@per_document
def _demands_with_actions(doc: Document) -> list[tuple[int, int, bool]]:
    """Each demand that names an executable action, and whether one of them is more than a
    process (核实, 查询): one walk over each demand's action words for both."""
    actions = doc.vocabulary.regex("demand.actions")
    process = doc.vocabulary.regex("demand.process_actions")
    found = []
    for start, end in doc.demands:
        remedies = [process.fullmatch(action.group()) is None
                    for action in actions.finditer(doc.unquoted, start, end) if _executable(doc, action)]
        if remedies:
            found.append((start, end, any(remedies)))
    return found


#: An action word before one of these names a record, not an action: 提现记录见图1, 退款截图.
RECORD_NOUN = re.compile(r"记录|截图|凭证|页面|明细|流水|申请单|单号")  # raw re: matched once per action


def _executable(doc: Document, action) -> bool:
    """An action word, unless it names a record (退款记录) or is one character inside a vague
    phrase (看着怎么弥补 holds 补 and asks for nothing); only then are the vague phrases
    looked at."""
    if RECORD_NOUN.match(doc.unquoted, action.end()):
        return False
    return action.end() - action.start() > 1 or not _vague_spans(doc).overlaps(*action.span())


@per_document
def _vague_spans(doc: Document) -> SpanSet:
    return SpanSet(vague_phrases(doc))


def clauses(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """A demand cut at commas and semicolons: 退款，并赔偿五万元 is two clauses."""
    cuts = [m.end() for m in CLAUSE_BREAK.finditer(doc.unquoted, start, end)]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


@per_document
def vague_phrases(doc: Document) -> list[tuple[int, int]]:
    pattern = doc.vocabulary.regex("demand.vague")
    return [m.span() for m in pattern.finditer(doc.unquoted)]


@per_document
def _stake(doc: Document) -> float | None:
    """The largest amount stated outside the demand (the price paid, the loss)."""
    values = [a.value for a in doc.amounts if not doc.in_demand(a.start) and not doc.in_quote(a.start)]
    return max(values, default=None)


class MissingDemand(Rule):
    """Finds drafts that never say what the author wants.

    A complaint without a demand gives the platform nothing to do and nothing to be measured
    against. The guide's opening names the demand in the first sentence: 本人用户XXX，订单号XXX，
    投诉事项为XXX，要求XXX.
    """

    code = "KM201"
    name = "missing-demand"
    category = Category.DEMAND
    severity = Severity.WARNING
    summary = "The draft makes no demand"
    examples = Examples(
        bad=["我8月15日下单的点卡50元一直没到账（截图1），客服说24小时内处理，已经五天了。"],
        good=["订单XH0815未到账（截图1）。要求24小时内退还50元至原支付账户。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.sentences or doc.demands or vague_phrases(doc):
            return
        last = doc.sentences[-1]
        yield Hit(
            last.start, last.end,
            "The draft makes no demand: say what the platform must do, how much, and by when",
            suggestion=smart_rewrite(doc),
        )


class VagueDemand(Rule):
    """Finds a demand that is only a vague wish (尽快解决, 给我个说法, 看着办, 负责到底, 严肃处理).

    The guide: vague wording "让客服难以制定具体方案". A demand must name an action the platform can
    execute (退款, 补发, 解封 …), the amount when money is involved, and a time limit. A vague
    phrase next to a concrete demand is left alone; it fires when it *is* the demand.
    """

    code = "KM202"
    name = "vague-demand"
    category = Category.DEMAND
    severity = Severity.WARNING
    summary = "The demand is vague"
    examples = Examples(
        bad=["订单XH0815未到账（截图1）。请尽快解决。", "买的会员被回收了。平台必须负责到底。"],
        good=["订单XH0815未到账（截图1）。请于24小时内退还50元，尽快处理。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if remedy_demands(doc):
            return
        for start, end in vague_phrases(doc):
            yield Hit(
                start, end,
                f"Vague demand “{doc.text[start:end]}”: name an action, an amount and a time limit",
                suggestion=smart_rewrite(doc),
            )


class DemandWithoutAction(Rule):
    """Finds a demand sentence that names no concrete action.

    要求平台给我处理 asks for nothing in particular. Name what must happen: 退还 / 补发 / 补偿 /
    解封 / 更换 / 道歉, so that the result can be checked against the demand.
    """

    code = "KM203"
    name = "demand-without-action"
    category = Category.DEMAND
    severity = Severity.WARNING
    summary = "The demand names no concrete action"
    examples = Examples(
        bad=["订单XH0815未到账（截图1）。要求平台对此事作出说明。"],
        good=["订单XH0815未到账（截图1）。要求平台在24小时内补发50元点卡。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.demands or concrete_demands(doc) or vague_phrases(doc):
            return
        start, end = doc.demands[0]
        yield Hit(
            start, end,
            "The demand names no concrete action (退款, 补发, 补偿, 解封, 更换, 道歉 …)",
            suggestion=smart_rewrite(doc),
        )


class DemandWithoutAmount(Rule):
    """Finds a money demand (退款, 退还, 赔偿 …) that states no amount.

    要求退款 leaves the platform to decide how much. Measurable means the sum is in the demand
    itself: 退还100元, even when the amount is already in the facts.
    """

    code = "KM204"
    name = "demand-without-amount"
    category = Category.DEMAND
    severity = Severity.WARNING
    summary = "The money demand states no amount"
    examples = Examples(
        bad=["6月12日支付50元（证据1）未到账。要求平台于6月20日前退款。", "付了50元没到账，赶紧把钱退我。"],
        good=["6月12日支付50元（证据1）未到账。要求平台于6月20日前退款50元。", "付了50元没到账，赶紧把50元退给我。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        money = doc.vocabulary.regex("demand.money_actions")
        compensation = doc.vocabulary.regex("demand.compensation")
        stated = bool(_stake(doc))
        measured: set[bool] = set()
        unmeasured: dict[bool, regex.Match] = {}
        for demand_start, demand_end in concrete_demands(doc):
            parts = clauses(doc, demand_start, demand_end)
            for index, (start, end) in enumerate(parts):
                match = money.search(doc.unquoted, start, end)
                if not match:
                    continue
                # A refund and a compensation are measured separately: 赔偿100元 says
                # nothing about how much 退款 is.
                is_compensation = compensation.fullmatch(match.group()) is not None
                has_amount = doc.amount_spans.any_start_in(start, end) or (
                    stated and FULL_AMOUNT.search(doc.unquoted, start, end) is not None
                ) or SUM_BEFORE_ACTION.search(doc.unquoted, start, match.start()) is not None or (
                    SUM_AFTER_ACTION.match(doc.unquoted, match.end(), end) is not None) or (
                    # 就退钱，860块一分不能少: the next clause names the sum
                    index + 1 < len(parts) and _sum_follows(doc, money, *parts[index + 1]))
                if has_amount:
                    measured.add(is_compensation)
                else:
                    unmeasured.setdefault(is_compensation, match)
        for kind, match in sorted(unmeasured.items()):
            if kind not in measured:
                start, end = match.span()
                yield Hit(
                    start, end,
                    f"“{doc.text[start:end]}” without an amount: state the sum",
                    suggestion=smart_rewrite(doc),
                )
                return


#: What may stand before the sum that measures the clause before it (，共98元).
SUM_OPENERS = ("一共", "合计", "总共", "共计", "共")


def _sum_follows(doc: Document, money, start: int, end: int) -> bool:
    """The clause opens with a sum and moves no money of its own (860块一分不能少, 共98元)."""
    text = doc.unquoted
    at = start
    while at < end and text[at].isspace():
        at += 1
    at += next((len(word) for word in SUM_OPENERS if text.startswith(word, at)), 0)
    return doc.amount_spans.any_start_in(at, at + 1) and money.search(text, start, end) is None


def _refund_sum(doc: Document, demanded: list) -> float:
    """The largest demanded sum outside a compensation clause (退还货款¥560，并支付违约金¥56:
    560), else the least demanded sum."""
    words = SpanSet(m.span() for m in doc.vocabulary.regex("demand.compensation").finditer(doc.unquoted))
    # a lookup per sum, not a search of its clause (a clause of a thousand sums stays linear)
    refunds = [amount.value for amount in demanded
               if not words.any_start_in(*doc.clause_around(amount.start, amount.end))]
    return max(refunds, default=min(amount.value for amount in demanded))


class UnachievableDemand(Rule):
    """Finds compensation far beyond what the law allows for the amount at stake.

    消费者权益保护法 第55条: for fraud, a refund plus three times the price, at least 500元
    (食品安全法 第148条: ten times, at least 1000元, for food). A demand far beyond that
    (赔偿十万元 for a 50元 order) will be refused outright and makes the whole complaint look
    unserious; one within it, with the article cited, is achievable.
    """

    code = "KM205"
    name = "unachievable-demand"
    category = Category.DEMAND
    severity = Severity.WARNING
    summary = "The compensation demanded has no legal basis"
    examples = Examples(
        bad=["本人花30元购买月卡（附件1），兑换码无效。要求7日内赔偿精神损失费五万元。"],
        good=["本人以300元购买账号（证据1），与描述不符。依据消法第55条，要求退还300元并赔偿500元。"],
    )

    #: Multiples of the price, and minimums, that the law allows on top of a refund.
    FRAUD_MULTIPLE, FRAUD_MINIMUM = 3, 500
    FOOD_MULTIPLE, FOOD_MINIMUM = 10, 1000
    FOOD_WORDS = ("食品", "食物", "外卖", "零食", "饮料")

    def check(self, doc: Document) -> Iterator[Hit]:
        stake = _stake(doc)
        demanded = [a for a in doc.amounts if doc.in_demand(a.start) and not doc.in_quote(a.start)]
        if not demanded:
            return
        if stake is None:  # the price only in the demand: the sum to be refunded is the stake
            stake = _refund_sum(doc, demanded)
        food = any(word in doc.text for word in self.FOOD_WORDS)
        multiple, minimum = (self.FOOD_MULTIPLE, self.FOOD_MINIMUM) if food else (self.FRAUD_MULTIPLE, self.FRAUD_MINIMUM)
        ceiling = stake + max(stake * multiple, minimum)
        article = "食品安全法第148条" if food else "消费者权益保护法第55条"
        for amount in demanded:
            if amount.value > ceiling:
                yield Hit(
                    amount.start, amount.end,
                    f"Demand of {amount.value:g}元 on {stake:g}元 at stake is far beyond {article} "
                    f"(refund plus {multiple}x the price, at least {minimum}元): it will not be granted",
                    suggestion=f"退还{stake:g}元；如主张赔偿，依据{article}不超过{max(stake * multiple, minimum):g}元",
                )
