"""Privacy (KM6xx): personal data that must be masked before a draft is sent or posted.

A complaint on 黑猫投诉 is public, and drafts pasted from customer-service chats carry the
passwords and codes the agent asked for. Publishing an ID number or a card secret cannot be
taken back, so these are errors. Every finding suggests the masked form, and carries it as a
safe fix (``Hit.fix``). Long numbers are judged by their check digits (``validators.py``), so
order and serial numbers stay quiet. Vocabulary: ``rules/privacy.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from .. import patterns
from ..contract import Category, Severity
from ..document import Document, per_document
from ..records import Fix
from ..rule import Examples, Hit, Rule
from ..text import SpanSet
from ..validators import (
    is_bank_card,
    is_resident_id,
    mask_bank_card,
    mask_phone,
    mask_resident_id,
    mask_secret,
    plausible_birth_date,
)

#: Between a label and its value: spaces, a colon, 是/为, an opening bracket or quote.
_GAP = r"[\s:：=是为（(“\"「]{0,4}"
#: A password: 4-32 printable ASCII characters, none of them a mask.
_PASSWORD = r"(?P<secret>[A-Za-z0-9@#$%^&!~._+\-]{4,32})(?![A-Za-z0-9*×])"
#: A one-time code: 4-8 digits, or read out in Chinese numerals (验证码是七三九二零五).
_CODE = r"(?P<secret>\d{4,8}|[零〇一二三四五六七八九幺]{4,8})(?![\d*×零〇一二三四五六七八九幺])"
#: A card secret: groups joined by hyphens/spaces (8F3K-9QWE-22LM-7PZX), or one long run with a digit.
_CARD_SECRET = (
    r"(?P<secret>(?<![A-Za-z0-9])(?:[A-Za-z0-9]{3,}(?:[\- ][A-Za-z0-9]{3,}){2,}"
    r"|(?=[A-Za-z]*\d)[A-Za-z0-9]{8,}(?:-[A-Za-z0-9]{3,})*)(?![A-Za-z0-9*×]))"
)
#: How far after 卡密 its value may come (卡密贴在这里：8F3K-…).
_SECRET_REACH = 16
_CLAUSE_SPLIT = patterns.compile(r"[，,；;：:。！？!?\n]")

#: How far after a password or code label a value told later in the same sentence may come
#: (让我报一下验证码，我报了 736014). Further away, the number is about something else.
_LATER_REACH = 24
_SENTENCE_END = patterns.compile(r"[。！？!?\n]")
_PHONE_SHAPE = patterns.compile(r"1\d{10}")
#: Values told later: the same shapes, but also not glued to a separator of a date or a time.
_LATER_CODE = r"(?<![A-Za-z0-9*×.\-/])(?P<secret>\d{4,8})(?![\d*×A-Za-z]|[.:\-/]\d)"
_LATER_PASSWORD = (
    r"(?<![A-Za-z0-9@#$%^&!~._+\-*×])(?P<secret>[A-Za-z0-9@#$%^&!~._+\-]{4,32})(?![A-Za-z0-9*×])"
)
#: Right before a value: 是/为/a colon mark it as the answer (告诉了他：246810).
_STATED = patterns.compile(r"(?:是|为|[:：=])\s*[(（“\"「]?\s*$")
#: Every label of a secret: a value after the next label belongs to that label, not this one.
_ALL_SECRET_LABELS = ("privacy.password_labels", "privacy.code_labels", "privacy.card_secret_labels")


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> patterns.Pattern:
    return patterns.compile(pattern)


def _labelled_values(doc: Document, labels: str, value: str) -> Iterator[regex.Match]:
    """Matches of a label (a vocabulary list) followed directly by a value. Quotation marks
    hide nothing: a code quoted from its SMS (发送了“验证码：527419”) is as public as one told."""
    pattern = _compiled(rf"(?:{doc.vocabulary.regex(labels).pattern}){_GAP}{value}")
    return pattern.finditer(doc.normalized)


def _record_label_before(doc: Document, start: int) -> bool:
    """An order/serial label right before the value: 订单号：2024…, 流水号4200…."""
    before = doc.normalized[max(0, start - 12) : start]
    labels = doc.vocabulary.regex("privacy.record_labels").pattern
    return _compiled(rf"(?:{labels})\s*(?:号码|为|是)?\s*[:：#]?\s*[(（]?\s*$").search(before) is not None


def _labelled_as(doc: Document, start: int, labels: str) -> bool:
    """One of the labels right before the value: 身份证号：6543…, 银行卡6228…."""
    before = doc.normalized[max(0, start - 16) : start]
    pattern = rf"(?:{doc.vocabulary.regex(labels).pattern}){_GAP}$"
    return _compiled(pattern).search(before) is not None


#: The draft names the card right after its number: 我6222…4471这张卡被扣了两次款.
_CARD_NAMED_AFTER = patterns.compile(r"\s*(?:这张|那张)(?:银行卡|储蓄卡|信用卡|借记卡|卡)")
#: How far before a bare 卡号 a bank-card word may name the card (用信用卡付款，卡号6259…).
_BANK_WORD_REACH = 16


def _called_a_bank_card(doc: Document, start: int) -> bool:
    """The draft calls the number a bank card: a bank-card label right before it, or a bare
    卡号 after a bank-card word earlier in the same sentence (用信用卡付款，卡号6259…)."""
    if _labelled_as(doc, start, "privacy.bank_card_labels"):
        return True
    norm = doc.normalized
    label = _compiled(rf"卡号{_GAP}$").search(norm[max(0, start - 8) : start])
    if label is None:
        return False
    label_start = max(0, start - 8) + label.start()
    sentence = doc.sentence_at(label_start)
    reach_start = max(sentence.start if sentence else 0, label_start - _BANK_WORD_REACH)
    return doc.vocabulary.regex("privacy.bank_card_labels").search(norm[reach_start:label_start]) is not None


def _other_label_before(doc: Document, start: int) -> bool:
    """A label of some other value right before it: 账号zhuque_0912, 尾号6620, 客服电话95588."""
    if _record_label_before(doc, start):
        return True
    before = doc.normalized[max(0, start - 12) : start]
    labels = doc.vocabulary.regex("privacy.other_value_labels").pattern
    pattern = rf"(?:{labels})\s*(?:号码|号)?\s*(?:是|为)?\s*[:：#]?\s*[(（]?\s*$"
    return _compiled(pattern).search(before) is not None


@per_document
def _not_secret_spans(doc: Document) -> SpanSet:
    """Phone numbers, amounts, dates, time limits and order numbers: built once per draft."""
    spans = [(p.start, p.end) for p in doc.phone_numbers]
    spans += [(a.start, a.end) for a in doc.amounts]
    spans += [(d.start, d.end) for d in doc.dates] + [(t.start, t.end) for t in doc.time_limits]
    spans += list(doc.order_numbers)
    return SpanSet(spans)


def _is_other_kind_of_number(doc: Document, start: int, end: int) -> bool:
    """A phone number, an amount, a date or time, a quantity, or a record number: not a secret."""
    value = doc.normalized[start:end]
    if _PHONE_SHAPE.fullmatch(value) or doc.normalized[start - 1 : start] in ("¥", "$"):
        return True
    after = doc.vocabulary.regex("privacy.not_secret_after").pattern
    if _compiled(rf"\s*(?:{after})").match(doc.normalized[end : end + 4]):
        return True  # 1999元, 2024年, 3次, 1000点券, 10086发来的

    return _not_secret_spans(doc).overlaps(start, end) or _other_label_before(doc, start)


def _values_told_later(
    doc: Document, labels: str, value: str, *, needs_digit_or_stated: bool = False
) -> Iterator[tuple[int, int]]:
    """The value given after a label with words in between, in the same sentence.

    客服让我提供支付密码，我告诉了他：246810 — the label names the secret, the value follows a
    few words later. The reach stops at the end of the sentence, at the next secret label (its
    value is its own), and after a statement that the secret was withheld (我没给). Phone
    numbers, amounts, dates, quantities and record numbers are never the value.
    """
    label_re = doc.vocabulary.regex(labels)
    any_label = _compiled("|".join(doc.vocabulary.regex(n).pattern for n in _ALL_SECRET_LABELS))
    withheld = doc.vocabulary.regex("privacy.value_withheld")
    value_re = _compiled(value)
    norm = doc.normalized
    for label in label_re.finditer(norm):
        window_end = min(len(norm), label.end() + _LATER_REACH)
        for stop_re in (_SENTENCE_END, any_label):
            if stop := stop_re.search(norm, label.end(), window_end):
                window_end = stop.start()
        given = _given_next(doc, value_re, window_end)
        if given is not None and not withheld.search(norm, label.end(), given[0]):
            yield given  # 要我提供支付密码。我当时给了：130824
            continue
        for match in value_re.finditer(norm, label.end(), window_end):
            start, end = match.span("secret")
            if withheld.search(norm, label.end(), start):
                break  # 我没给 / 我拒绝了: what follows is not the secret
            if _is_other_kind_of_number(doc, start, end):
                continue
            if needs_digit_or_stated and not (
                any(ch.isdecimal() for ch in match.group("secret")) or _STATED.search(norm, max(0, start - 4), start)
            ):
                continue
            yield start, end
            break


#: The next sentence hands the secret over: 我当时给了：130824 / 就告诉他了：246810.
_GAVE = patterns.compile(r"[。！？!?\n]\s*(?:我)?(?:当时|就|也|还)?(?:给了|告诉了?|发了|报了|提供了)(?:他|她|对方|客服|过去)?了?\s*[:：]\s*")


def _given_next(doc: Document, value_re, sentence_end: int) -> tuple[int, int] | None:
    """The value the sentence after a label's sentence opens by handing over, if it does."""
    gave = _GAVE.match(doc.normalized, sentence_end)
    if gave is None:
        return None
    match = value_re.match(doc.normalized, gave.end())
    if match is None or _is_other_kind_of_number(doc, *match.span("secret")):
        return None
    return match.span("secret")


#: Full-width punctuation: where the author typed it, it ends the sentence, not the password
#: (密码是830522！！！ reads as 830522!!! once the width is folded).
_FULL_WIDTH_MARKS = frozenset("！＂＃＄％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～")


def _as_typed(doc: Document, start: int, end: int) -> tuple[int, int]:
    """A value's span without the full-width marks the author typed after it."""
    while end > start and doc.text[end - 1] in _FULL_WIDTH_MARKS:
        end -= 1
    return start, end


def _unique_spans(*groups: Iterator[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans from several searches, each start once, in text order."""
    spans: dict[int, int] = {}
    for group in groups:
        for start, end in group:
            spans.setdefault(start, end)
    return sorted(spans.items())


class ResidentIdNumber(Rule):
    """Finds a full 18-digit resident ID number (居民身份证号码).

    An ID number is the key to the holder's identity: with a name it opens accounts and loans, and
    a published complaint keeps it public for good. An unlabelled number counts only when it
    passes the GB 11643 checksum and carries a plausible birth date, so an 18-digit order number
    stays quiet; one the draft itself labels (身份证号：…) counts even with a wrong check digit,
    since the draft says what it is. A masked one (110105********002X) is what to write instead —
    the platform already has the verified number on file.
    """

    code = "KM601"
    name = "resident-id-number"
    category = Category.PRIVACY
    severity = Severity.ERROR
    summary = "A full resident ID number is exposed"
    examples = Examples(
        bad=[
            "本人韦某，身份证号110105199003070025，订单WY0927未到账。",
            "机主身份证号370102196405182214，可以核实。",
        ],
        good=[
            "本人韦某，身份证号110105********0021，订单WY0927未到账。",
            "订单号：202405201314520099，年卡只到账月卡。",
        ],
        fixed=[("身份证号110105199003070025。", "身份证号110105********0025。")],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        for run in doc.number_runs:
            if not _is_resident_id_here(doc, run):
                continue
            masked = mask_resident_id(run.digits)
            yield Hit(
                run.start, run.end,
                "A full resident ID number is exposed: mask it (the platform already has it on file)",
                suggestion=masked, fix=Fix(run.start, run.end, masked),
            )


def _is_resident_id_here(doc: Document, run) -> bool:
    """An 18-character number that is an ID by its checksum, or that the draft labels an ID:
    right before it, or earlier in its sentence when it carries a birth date (客服让我把身份证号
    发过来：王磊，44030519950612281X)."""
    if len(run.digits) != 18 or _record_label_before(doc, run.start):
        return False
    return is_resident_id(run.digits) or run.digits[:17].isdigit() and (
        _labelled_as(doc, run.start, "privacy.id_labels")
        or plausible_birth_date(run.digits[6:14]) and _named_earlier(doc, run.start, "privacy.id_labels"))


#: How far before a value a label earlier in its sentence may name it.
_NAMED_EARLIER_REACH = 24


def _named_earlier(doc: Document, start: int, labels: str) -> bool:
    sentence = doc.sentence_at(start)
    reach_start = max(sentence.start if sentence else 0, start - _NAMED_EARLIER_REACH)
    return doc.vocabulary.regex(labels).search(doc.normalized, reach_start, start) is not None


class BankCardNumber(Rule):
    """Finds a full 16-19 digit bank card number, also written in groups (6222 0000 1234 5678 907).

    A full card number with the holder's name is enough for card-not-present fraud, and the
    platform needs no more than the last four digits to find the refund account. An unlabelled
    number counts only when it passes the Luhn check every card carries; one the draft calls a
    bank card (银行卡6228…, 用信用卡付款，卡号6259…) counts even when it fails it. Numbers labelled
    as an order or payment serial number (订单号, 流水号) never do. Write it masked: 6222********8907.
    """

    code = "KM602"
    name = "bank-card-number"
    category = Category.PRIVACY
    severity = Severity.ERROR
    summary = "A full bank card number is exposed"
    examples = Examples(
        bad=[
            "我用银行卡6217000000000000129支付了500元（订单SS0909）。",
            "银行卡6222 0000 1234 5678 907已被扣款100元。",
            "用信用卡付款，卡号6259650012348876。",
        ],
        good=[
            "请退回至原银行卡（卡号6222********4471）。",
            "订单号：2024060112345678901，支付流水号4200002024060100001234567890。",
            "点卡卡号6259650012348876，卡密已失效。",
        ],
        fixed=[("银行卡6222 0000 1234 5678 907已被扣款。", "银行卡6222***********8907已被扣款。")],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        for run in doc.number_runs:
            digits = run.digits
            if _record_label_before(doc, run.start) or _is_resident_id_here(doc, run):
                continue  # an order number; or an ID, which KM601 reports
            if not (is_bank_card(digits) or (
                    16 <= len(digits) <= 19 and digits.isdigit() and digits[0] != "0"
                    and (_called_a_bank_card(doc, run.start) or _CARD_NAMED_AFTER.match(doc.normalized, run.end)))):
                continue
            masked = mask_bank_card(digits)
            yield Hit(
                run.start, run.end,
                "A full bank card number is exposed: the last four digits are enough",
                suggestion=masked, fix=Fix(run.start, run.end, masked),
            )


class PasswordExposed(Rule):
    """Finds a password written out (密码是830522, 密码：…, 密码 Zq@2024pass).

    No customer service ever needs a password; an agent who asks for one is a red flag, and a
    draft that repeats it hands the account to every reader. Say that it was asked for and given,
    not what it is, and change it. The value may come right after the word or later in the same
    sentence (我告诉了他：246810) if it has a digit or follows 是/为/a colon; 密码错误, 修改了密码
    and the number of another label (账号zhuque_0912) are not passwords.
    """

    code = "KM603"
    name = "password-exposed"
    category = Category.PRIVACY
    severity = Severity.ERROR
    summary = "A password is exposed"
    examples = Examples(
        bad=[
            "客服要我提供支付密码，我提供了，密码是830522。",
            "账号zhuque_0912，密码Zq@2024pass。",
            "客服让我提供支付密码，我告诉了他：246810。",
        ],
        good=[
            "客服要求我提供支付密码，我拒绝了。",
            "登录时提示密码错误（截图1）。",
            "密码：******。",
            "密码错误，账号zhuque_0912登不上。",
        ],
        fixed=[("账号zhuque_0912，密码Zq@2024pass。", "账号zhuque_0912，密码******。"),
               ("密码是830522！！！", "密码是******！！！")],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        for start, end in _unique_spans(
            (m.span("secret") for m in _labelled_values(doc, "privacy.password_labels", _PASSWORD)),
            _values_told_later(doc, "privacy.password_labels", _LATER_PASSWORD, needs_digit_or_stated=True),
        ):
            start, end = _as_typed(doc, start, end)
            if end - start < 4:  # what is left is no password (4-32 characters)
                continue
            yield Hit(
                start, end,
                "A password is exposed: remove it (and change it now)",
                suggestion="******", fix=Fix(start, end, "******"),
            )


class VerificationCodeExposed(Rule):
    """Finds a payment or SMS verification code written out (验证码是123456, 验证码 604318).

    A one-time code authorises a payment or a login; one shown in a draft (or already given to
    someone who asked) is how accounts are taken over. Describe it (收到了验证码) without the
    digits. The code may come a few words later in the same sentence (让我报验证码，我报了
    736014); phone numbers, amounts, dates, quantities, order numbers and the digits after 尾号
    are not codes, nor is anything after 我没给. The word 验证码 alone is fine.
    """

    code = "KM604"
    name = "verification-code-exposed"
    category = Category.PRIVACY
    severity = Severity.ERROR
    summary = "A verification code is exposed"
    examples = Examples(
        bad=[
            "我刚才又收到了验证码 604318。",
            "刚才收到的短信验证码是739204。",
            "客服让我报一下手机收到的验证码，我报了 736014。",
        ],
        good=[
            "客服让我报验证码，我没有给。",
            "验证码：******。",
            "客服让我报验证码，随后被扣了1999元。",
            "验证码发到了尾号6620的手机上。",
        ],
        fixed=[("短信验证码是739204。", "短信验证码是******。")],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        for start, end in _unique_spans(
            (m.span("secret") for m in _labelled_values(doc, "privacy.code_labels", _CODE)),
            _values_told_later(doc, "privacy.code_labels", _LATER_CODE),
        ):
            masked = "*" * (end - start)
            yield Hit(
                start, end,
                "A verification code is exposed: remove the digits",
                suggestion=masked, fix=Fix(start, end, masked),
            )


class CardSecretExposed(Rule):
    """Finds the full secret (卡密) of an unused card, or an activation code given in full.

    An unused card's secret is the money itself: whoever reads it first redeems it. The platform
    finds the card by the order, so the secret is never needed in a complaint. The secret of a
    card the draft says is already used (已被使用, 已于6月3日被兑换, 充过了 — before the secret in
    its sentence, or after it up to the next sentence's first clause) is worthless and stays quiet;
    a card stated unused (还没用, 买多了) fires even then. The word 卡密 alone is not a secret.
    """

    code = "KM605"
    name = "card-secret-exposed"
    category = Category.PRIVACY
    severity = Severity.ERROR
    summary = "The full secret of an unused card is exposed"
    examples = Examples(
        bad=[
            "第二张还没用，把它的卡密贴在这里：8F3K-9QWE-22LM-7PZX。",
            "另一张还没用，卡密是 7Q4KP-X92HH-D35R0。",
        ],
        good=[
            "卡密 9KX2-T7PM-44QA-8W1Z，我兑换时系统提示“该卡已被使用”。",
            "兑换时显示已兑换，卡密为 5TQ9-KX2M-88AB-7PLW。",
            "卡密 5TQ9-KX2M-88AB-7PLW。该卡密已于6月3日被兑换。",
            "卖家一直未发卡密（证据1）。",
            "卡密：****-****-****-7PZX。",
        ],
        fixed=[("另一张还没用，卡密是 7Q4KP-X92HH-D35R0。", "另一张还没用，卡密是 *****-*****-*35R0。")],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        labels = doc.vocabulary.regex("privacy.card_secret_labels")
        secret_re = _compiled(_CARD_SECRET)
        seen: set[int] = set()
        for label in labels.finditer(doc.normalized):
            if doc.in_quote(label.start(), label.end()):
                continue
            secret = self._secret_after(doc, label.end(), secret_re)
            if secret is None or secret[0] in seen or _record_label_before(doc, secret[0]):
                continue  # 充值码50元（订单XH0815442）: the value is the order number
            if self._card_is_used(doc, *secret):
                continue
            start, end = secret
            seen.add(start)
            masked = mask_secret(doc.text[start:end], keep=4)
            yield Hit(
                start, end,
                "The full secret of an unused card is exposed: whoever reads it can redeem it",
                suggestion=masked, fix=Fix(start, end, masked),
            )

    @staticmethod
    def _secret_after(doc: Document, offset: int, secret_re: patterns.Pattern) -> tuple[int, int] | None:
        """The first secret-shaped value shortly after the label, in the same sentence."""
        window = doc.normalized[offset : offset + _SECRET_REACH + 24]
        cut = _SENTENCE_END.search(window)
        window = window[: cut.start()] if cut else window
        match = secret_re.search(window)
        if not match or match.start() > _SECRET_REACH:
            return None
        return offset + match.start(), offset + match.end()

    @staticmethod
    def _card_is_used(doc: Document, start: int, end: int) -> bool:
        """Whether the draft says this card is already used; unknown = unused (the safe side).

        The nearest clause of the sentence that says used or unused decides (显示已兑换，卡密为…
        or 卡密…，已经充过了). If the sentence says neither, the first clause of the next one may
        (卡密…。该卡密已于6月3日被兑换。) unless it is about another card (第二张已经用了).
        """
        sentence = doc.sentence_at(start)
        if sentence is None:
            return False
        verdict = _clause_verdict(doc, sentence, start, end)
        if verdict is False and _used_by_someone_else(doc, sentence, start, end):
            return True  # 提示“此卡已被使用”，卡密…，我自己从没充过: sold already used
        if verdict is not None:
            return verdict
        following = doc.sentence_at(sentence.end + 1) or doc.sentence_at(sentence.end + 2)
        if following is None or following is sentence:
            return False
        first_clause = _CLAUSE_SPLIT.split(doc.normalized[following.start : following.end], maxsplit=1)[0]
        if doc.vocabulary.regex("privacy.other_card").search(first_clause):
            return False
        return _says_used(doc, first_clause) is True


def _used_by_someone_else(doc: Document, sentence, start: int, end: int) -> bool:
    """The sentence says someone else redeemed the card (已被使用, 被人用掉了): what the author
    did not do then says nothing about whether the secret still works. Not when the sentence is
    about two cards (一张已被使用，另一张还没用)."""
    text = doc.normalized[sentence.start : sentence.end].replace(doc.normalized[start:end], "")
    return (doc.vocabulary.regex("privacy.card_used_by_others").search(text) is not None
            and doc.vocabulary.regex("privacy.other_card").search(text) is None)


#: A clause that asks (这张有没有被用过, 是否已兑换) says neither used nor unused.
_ASKS = regex.compile(r"有没有|是否|是不是")


def _says_used(doc: Document, clause: str) -> bool | None:
    """True for 'used', False for 'unused' (which wins: 没用过 contains 用过), None for neither."""
    if _ASKS.search(clause):
        return None
    if doc.vocabulary.regex("privacy.card_unused").search(clause):
        return False
    if doc.vocabulary.regex("privacy.card_used").search(clause):
        return True
    return None


def _clause_verdict(doc: Document, sentence, start: int, end: int) -> bool | None:
    """The verdict of the clause nearest to the secret that has one (ties: the later clause)."""
    text = doc.normalized[sentence.start : sentence.end]
    bounds = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(text)] + [len(text)]
    clauses = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    here = next((i for i, (a, b) in enumerate(clauses) if a <= start - sentence.start < b), 0)
    for i in sorted(range(len(clauses)), key=lambda i: (abs(i - here), i < here)):
        a, b = clauses[i]
        verdict = _says_used(doc, text[a:b].replace(doc.normalized[start:end], ""))
        if verdict is not None:
            return verdict
    return None


class PublicPhoneNumber(Rule):
    """Finds a full mobile number in a draft for a public channel (黑猫投诉).

    黑猫投诉 publishes the text: a full phone number there invites scam calls. Elsewhere a phone
    number is expected (12315 requires one, 第9条) and never flagged. Active only when the
    channel is chosen (``--channel heimao`` or the config's ``channel``): a draft that merely
    opens by addressing 黑猫投诉 may be going into its form, where the phone is a private field,
    and a phone number is not one of the data a draft must mask. Info: the number may be
    intended, but the reader should decide knowingly.
    """

    code = "KM606"
    name = "public-phone-number"
    category = Category.PRIVACY
    severity = Severity.INFO
    summary = "A full phone number will be public"
    examples = Examples(
        bad=["本人孙某，联系电话13800006620，订单SX2024112208未到账。"],
        good=[
            "本人孙某，联系电话138****6620，订单SX2024112208未到账。",
            "本人孙某，客服电话是4008123123，订单SX2024112208未到账。",
        ],
        channel="heimao",
        fixed=[("联系电话13800006620。", "联系电话138****6620。")],
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.profile.profile.phone_is_public or doc.profile_inferred:
            return
        for phone in doc.phone_numbers:
            if doc.in_quote(phone.start, phone.end):
                continue
            masked = mask_phone(phone.digits)
            yield Hit(
                phone.start, phone.end,
                f"A full phone number will be public on {doc.profile.profile.title}: mask it",
                suggestion=masked, fix=Fix(phone.start, phone.end, masked),
            )
