"""Structure and facts (KM5xx): the shape of a complaint someone can act on.

From the guide (``DOMAIN.md``): the opening says who, which order and what; the facts are a
timeline of absolute dates; the amounts agree; the channel fits the stage (platform first,
third-party oversight after 72 hours, the legal route for large sums or fraud); and the channel's
own requirements are met (profiles in ``rules/channels/``). Vocabulary: ``rules/structure.toml``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from .. import patterns
from ..channels import item_pattern, requires
from ..contract import Category, Severity
from ..document import Document, per_document
from ..rule import Examples, Hit, Rule

#: The opening: the first few sentences (a header block of 投诉人：/订单号： lines counts).
OPENING_SENTENCES = 3
#: The guide: above this many yuan, the legal route is the right stage.
LEGAL_ROUTE_AMOUNT = 5000
#: Month gap above which an earlier month is read as the next year (12月 → 1月).
YEAR_WRAP_MONTHS = 6
_CLAUSE_MARK = patterns.compile(r"[，,：:；;]")


@per_document
def _first_sentence_anchor(doc: Document) -> tuple[int, int]:
    """The draft's first clause: where the opening is, without underlining a whole paragraph."""
    first = doc.sentences[0]
    cut = _CLAUSE_MARK.search(doc.normalized, first.start, first.end)
    return first.start, cut.start() if cut and cut.start() > first.start else first.end


def _author_text_has(doc: Document, vocabulary: str) -> bool:
    return doc.vocabulary.regex(vocabulary).search(doc.unquoted) is not None


class MissingOrderNumber(Rule):
    """Finds a draft that gives no order number anywhere.

    The order number is how customer service, the platform's complaint team and any regulator find
    the transaction; without it they must ask, and the clock stops until you answer. Give it with
    its label (订单号：LX20240312088761). Required by every built-in channel profile (a profile
    without an ``order_number`` item switches this off).
    """

    code = "KM501"
    name = "missing-order-number"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    summary = "No order number"
    examples = Examples(
        bad=["我在平台买了Q币100个，支付100元，一直没到账（证据1）。要求24小时内退还100元。"],
        good=["订单号LX20240312088761，Q币100个未到账（证据1）。要求24小时内退还100元。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.sentences or doc.order_numbers or not requires(doc.profile, "order_number"):
            return
        start, end = _first_sentence_anchor(doc)
        yield Hit(
            start, end,
            "No order number: give it with its label so the case can be found (订单号：…)",
            suggestion="订单号：XXXX",
        )


class OrderNumberNotInOpening(Rule):
    """Finds an opening that does not say which order the complaint is about.

    The guide's opening is one sentence: 本人用户XXX，订单号XXX，投诉事项为XXX，要求XXX. A reader
    who meets the order number only in the middle of the story reads everything before it
    without knowing what it is about. Info: the draft is understandable, just slower to act on.
    """

    code = "KM502"
    name = "order-not-in-opening"
    category = Category.STRUCTURE
    severity = Severity.INFO
    summary = "The opening does not say which order"
    examples = Examples(
        bad=[
            "客服你好。我上个月买的东西有问题。一直没人处理。最后说一下订单号YH0612A，要求退还100元。"
        ],
        good=["本人王某，订单号YH0612A，Q币未到账（证据1）。要求24小时内退还100元。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.order_numbers or len(doc.sentences) <= OPENING_SENTENCES:
            return
        opening_end = doc.sentences[OPENING_SENTENCES - 1].end
        first_order = doc.order_numbers[0]
        if first_order[0] < opening_end:
            return
        start, end = _first_sentence_anchor(doc)
        yield Hit(
            start, end,
            "The opening does not say which order: start with who you are, the order number and what happened",
            suggestion=f"本人XXX，订单号{doc.text[first_order[0]:first_order[1]]}，投诉事项为XXX，要求XXX。",
        )


class RelativeTime(Rule):
    """Finds relative times in the facts (昨天, 前几天, 上周, 刚才).

    The reader does not know when "yesterday" was: the complaint is read days later, forwarded to
    another team, or attached to a 12315 case. The guide wants a timeline of absolute dates
    (X月X日X时). Words inside quotes, in the demand, or that are part of a deadline are skipped.
    """

    code = "KM503"
    name = "relative-time"
    category = Category.STRUCTURE
    severity = Severity.INFO
    summary = "A relative time in the facts"
    examples = Examples(
        bad=["订单YH0612，我昨天充值了100元，没到账（证据1）。"],
        good=["订单YH0612，我3月12日20:15充值了100元，没到账（证据1）。"],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        limits = doc.time_limit_spans
        for match in doc.vocabulary.regex("structure.relative_times").finditer(doc.unquoted):
            start, end = match.span()
            if doc.in_demand(start) or limits.overlaps(start, end):
                continue
            word = doc.text[start:end]
            yield Hit(
                start, end,
                f"“{word}” is relative: the reader does not know when it was; give the date (X月X日)",
                suggestion="X月X日",
            )


class TimelineOutOfOrder(Rule):
    """Finds dated facts that go back in time without saying so.

    A timeline (X月X日充值 → X月X日联系客服 → X月X日客服承诺) is read in order; a date earlier than
    the one before it makes the reader rebuild the story. Going back on purpose is fine when the
    sentence says so (此前, 早在, 补充). Dates in the demand, in deadlines or in quotes are not facts.
    """

    code = "KM504"
    name = "timeline-out-of-order"
    category = Category.STRUCTURE
    severity = Severity.INFO
    summary = "The timeline goes back in time"
    examples = Examples(
        bad=["订单YH0612：10月5日客服称已退款（证据2）；10月1日我支付了600元（证据1）。"],
        good=[
            "订单YH0612：10月1日我支付了600元（证据1）；10月5日客服称已退款（证据2）。",
            "订单YH0612：10月5日客服称已退款（证据2）；此前，10月1日我支付了600元（证据1）。",
        ],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        markers = doc.vocabulary.regex("structure.backtrack_markers")
        limits = doc.time_limit_spans
        previous, year = None, None
        for date in doc.dates:
            if doc.in_quote(date.start, date.end) or doc.in_demand(date.start):
                continue
            if limits.contains(date.start):  # part of a deadline
                continue
            year = date.year or year
            key = (date.year or year or 0, date.month, date.day)
            if previous is not None and key < previous and not self._wraps_year(previous, key):
                sentence = doc.sentence_at(date.start)
                lead = doc.unquoted[sentence.start : date.end] if sentence else ""
                if not markers.search(lead):
                    yield Hit(
                        date.start, date.end,
                        "This date is earlier than the one before it: put the facts in time order",
                    )
                    return
            previous = key

    @staticmethod
    def _wraps_year(previous: tuple[int, int, int], key: tuple[int, int, int]) -> bool:
        """12月28日 then 1月2日 without years: the next year, not a step back."""
        return previous[0] == key[0] and previous[1] - key[1] > YEAR_WRAP_MONTHS


class RefundExceedsPayment(Rule):
    """Finds a refund demanded that is larger than the amount paid, with no compensation stated.

    A refund gives back what was paid; asking for more without saying why (赔偿, 三倍赔偿 under
    消费者权益保护法 第55条, a price difference) reads as a mistake in the figures, and the
    platform answers the mistake instead of the complaint.
    """

    code = "KM505"
    name = "refund-exceeds-payment"
    category = Category.STRUCTURE
    severity = Severity.INFO
    summary = "The refund demanded is larger than the amount paid"
    examples = Examples(
        bad=["订单YH0612，我支付了100元，卡没发（证据1）。要求3日内退还200元。"],
        good=[
            "订单YH0612，我支付了100元，卡没发（证据1）。要求3日内退还100元。",
            "订单YH0612，我支付了100元（证据1）。要求3日内退还100元并赔偿100元。",
        ],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        paid = self._paid(doc)
        if not paid:
            return
        most_paid = max(paid)
        compensation = doc.vocabulary.regex("structure.compensation_words")
        refund_words = doc.vocabulary.regex("structure.refund_words")
        for start, end in doc.demands:
            demand_text = doc.unquoted[start:end]
            if compensation.search(demand_text) or not refund_words.search(demand_text):
                continue
            if doc.vocabulary.regex("structure.total_words").search(demand_text):  # 共75元: a sum of payments
                continue
            amounts = doc.amounts  # in text order: bisect to the demand's first amount
            i = bisect.bisect_left(amounts, start, key=lambda a: a.start)
            while i < len(amounts) and amounts[i].start < end:
                amount = amounts[i]
                i += 1
                if amount.value > most_paid + 0.005:
                    yield Hit(
                        amount.start, amount.end,
                        f"The refund ({amount.text}) is larger than the amount paid ({most_paid:g}元): "
                        "check the figures, or say what the rest is for (赔偿…)",
                    )
                    return

    @staticmethod
    def _paid(doc: Document) -> list[float]:
        words = doc.vocabulary.regex("structure.paid_words")
        values = []
        says_paid: dict[int, bool] = {}  # by sentence start: a sentence of many amounts is read once
        for amount in doc.amounts:
            if doc.in_demand(amount.start) or doc.in_quote(amount.start, amount.end):
                continue
            sentence = doc.sentence_at(amount.start)
            if sentence is None:
                continue
            if sentence.start not in says_paid:
                says_paid[sentence.start] = words.search(doc.unquoted[sentence.start : sentence.end]) is not None
            if says_paid[sentence.start]:
                values.append(amount.value)
        return values


class PaymentFiguresDisagree(Rule):
    """Finds one payment stated with two different figures (支付100元 … 付款120元).

    The platform checks the figures against its records first; two figures for one payment
    make it doubt the rest. Several real payments are fine when the draft says so (各, 两次,
    分别, 又, 续费 …); then the figures are expected to differ.
    """

    code = "KM508"
    name = "payment-figures-disagree"
    category = Category.STRUCTURE
    severity = Severity.INFO
    summary = "Two different figures for the same payment"
    examples = Examples(
        bad=["订单YH0612，5月1日支付100元购买点卡（证据1）。客服确认我付款120元后未发卡（证据2）。"],
        good=[
            "订单YH0612，5月1日支付100元购买点卡（证据1）。客服确认我付款100元后未发卡（证据2）。",
            "订单YH0612，两次扣款：先支付100元，又支付120元（证据1）。",
        ],
    )

    #: How close the figure must follow the payment word (支付了 100元, 被扣了200元).
    REACH = 4

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.vocabulary.regex("structure.multiple_payments").search(doc.unquoted):
            return
        verbs = doc.vocabulary.regex("structure.payment_verbs")
        first = None
        for amount in doc.amounts:
            if doc.in_demand(amount.start) or doc.in_quote(amount.start, amount.end):
                continue
            before = doc.unquoted[max(0, amount.start - len("支付了") - self.REACH) : amount.start]
            if not verbs.search(before):
                continue
            if first is None:
                first = amount
            elif abs(amount.value - first.value) > 0.005:
                yield Hit(
                    amount.start, amount.end,
                    f"The payment is {first.text} earlier and {amount.text} here: check which is right",
                    suggestion=f"use one figure for the payment ({first.text} or {amount.text})",
                )
                return


class LegalRouteAdvice(Rule):
    """Finds a dispute that belongs on the legal route: over 5000元, or words of fraud.

    The guide's stages: the platform first, third-party oversight next, and for large amounts
    (over 5000元), suspected fraud or deliberate breach, a lawsuit or a police report (诈骗 is a
    crime: 报警). Quiet when the draft already mentions that route (起诉, 诉讼, 报警, 法院 …).
    """

    code = "KM506"
    name = "legal-route-advice"
    category = Category.STRUCTURE
    severity = Severity.INFO
    summary = "The legal route may be the right stage"
    examples = Examples(
        bad=[
            "订单YH0612，我支付了8000元购买游戏账号，卖家收款后失联（证据1）。要求3日内退还8000元。",
            "订单YH0612，卖家以发货为名骗取我300元（证据1）。要求3日内退还300元。",
        ],
        good=[
            "订单YH0612，我支付了8000元，卖家失联（证据1）。要求3日内退还8000元，逾期将起诉。",
            "订单YH0612，我支付了100元，卡没发（证据1）。要求3日内退还100元。",
        ],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if _author_text_has(doc, "structure.legal_route"):
            return
        trigger = self._fraud_word(doc) or self._large_amount(doc)
        if trigger is None:
            return
        start, end, why = trigger
        yield Hit(
            start, end,
            f"{why}: the guide's legal route (诉讼, or 报警 for fraud) may be the right stage",
            suggestion="若X日内未解决，将向法院起诉（涉嫌诈骗的，向公安机关报警）",
        )

    @staticmethod
    def _fraud_word(doc: Document) -> tuple[int, int, str] | None:
        for match in doc.vocabulary.regex("structure.fraud_words").finditer(doc.unquoted):
            if not doc.is_reported(*match.span()):
                return match.start(), match.end(), f"“{match.group()}” is an accusation of fraud"
        return None

    @staticmethod
    def _large_amount(doc: Document) -> tuple[int, int, str] | None:
        for amount in doc.amounts:
            before = doc.normalized[amount.start - 1] if amount.start else ""
            glued = before.isascii() and before.isalnum()  # 订单QY0405,280元: part of an identifier
            if amount.value > LEGAL_ROUTE_AMOUNT and not glued and not doc.in_demand(amount.start) \
                    and not doc.in_quote(amount.start, amount.end):
                return amount.start, amount.end, f"{amount.text} is over {LEGAL_ROUTE_AMOUNT}元"
        return None


class PlatformFirst(Rule):
    """Finds a complaint to a third-party channel that never mentions the platform first.

    The guide's stages: the platform's own channel first; 黑猫投诉, 12315 or a consumer association
    when it has not answered within 72 hours or the answer is unreasonable. A regulator will ask
    whether you contacted the business; say that you did (联系客服…, 工单号…) and when.
    """

    code = "KM507"
    name = "platform-first"
    category = Category.STRUCTURE
    severity = Severity.INFO
    summary = "A third-party complaint without contacting the platform first"
    examples = Examples(
        bad=["致12315：订单YH0612，我在某卡盟支付了100元，卡没发（证据1）。要求商家3日内退还100元。"],
        good=[
            "致12315：订单YH0612，卡没发（证据1），联系客服72小时无答复（证据2）。要求3日内退还100元。",
            "订单YH0612，卡没发（证据1）。要求3日内退还100元，逾期将向12315投诉。",
        ],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.sentences or not doc.profile.profile.third_party:
            return
        if _author_text_has(doc, "structure.platform_contact"):
            return
        start, end = _first_sentence_anchor(doc)
        yield Hit(
            start, end,
            f"{doc.profile.profile.title} comes after the platform: contact the platform first, and turn "
            "to third-party oversight when it has not answered within 72 hours",
            suggestion="X月X日已通过平台客服投诉（证据N），72小时内未获答复",
        )


class ChannelRequiredItem(Rule):
    """Finds the items the channel requires that the draft does not contain (one finding lists them).

    What a complaint must contain depends on where it goes (``--channel``; profiles in
    ``rules/channels/``). 12315 (市场监督管理投诉举报处理暂行办法 第9条) needs the complainant's name,
    phone and address, the business's name and address, a specific demand and the disputed facts,
    and does not accept a complaint without them (第15条); a consumer association needs who and
    what; 黑猫投诉's form asks for 投诉对象, 投诉问题, 投诉要求 and 涉诉金额. The order number has its
    own rule (KM501). A draft that only opens 致12315： (no --channel) is held to the items the
    guide's own opening asks for (who complains, about whom, what happened, what is demanded).
    """

    code = "KM510"
    name = "channel-required-item"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    summary = "Something the channel requires is missing"
    examples = Examples(
        bad=["致12315：订单YH0612，卡没发（证据1），联系客服无答复（证据2）。要求3日内退还100元。"],
        good=[
            "致12315：投诉人王某，电话13800006620，住址北京市海淀区中关村路1号。被投诉方：乐享卡盟"
            "（网址www.example.com）。订单YH0612，3月1日支付100元后卡没发（证据1），联系客服无答复"
            "（证据2）。要求3日内退还100元。",
            "订单YH0612，卡没发（证据1）。要求3日内退还100元。",
        ],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.sentences:
            return
        profile = doc.profile
        missing = [
            item for item in profile.require
            # KM501 reports the order number; an inferred channel asks only its inferred items
            if item.detector != "order_number" and (item.inferred or not doc.profile_inferred)
            and not self._present(doc, item)
        ]
        if not missing:
            return
        start, end = _first_sentence_anchor(doc)
        details = "; ".join(f"{item.label}" + (f" ({item.why})" if item.why else "") for item in missing)
        yield Hit(
            start, end,
            f"{profile.profile.title} requires what this draft lacks: {details}. Basis: {profile.profile.basis}",
            suggestion="；".join(f"{item.label}：XXX" for item in missing),
        )

    @staticmethod
    def _present(doc: Document, item) -> bool:
        pattern = item_pattern(item)
        if pattern is not None and pattern.search(doc.normalized):
            return True
        return item.detector is not None and DETECTORS[item.detector](doc)


def _has_facts(doc: Document) -> bool:
    return bool(doc.dates) or doc.vocabulary.regex("evidence.fact_verbs").search(doc.unquoted) is not None


DETECTORS = {
    "order_number": lambda doc: bool(doc.order_numbers),
    "demand": lambda doc: bool(doc.demand_sentences),
    "facts": _has_facts,
    "amount": lambda doc: bool(doc.amounts),
    "phone": lambda doc: bool(doc.phone_numbers),
}
