"""Money amounts in every form users write them.

100元, 100块, ¥100, ￥100, RMB100, １００元, 一百元, 一百二十元, 壹佰元, 1.5万, 三千五, 10万元 …

Spans are found with three regular expressions (one per form) on the width-normalised text;
Chinese numerals are converted here (``parse_number``; tests check it against cn2an, which
costs 0.15 s to import).
"""

from __future__ import annotations

from functools import lru_cache, partial

from . import patterns
from .records import frozen

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰贰叁肆伍陆柒捌玖拾佰仟萬"
# Not glued to an identifier (订单QY20240405), and thousands groups only after 1-3 digits, read
# from where the chain of groups starts: from every group of 021,021,021… it took time quadratic
# in the chain's length. (A bare figure may still follow a comma: 编号12345,200元.)
_DIGITS = r"(?:(?<!\d,)\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CHINESE = rf"(?<![{_CN_DIGITS}])[{_CN_DIGITS}]+"
# A figure: digits not glued to an identifier (订单QY20240405) nor inside a chain of thousands
# groups, or a run of Chinese numerals read from its start. Its first character is read before
# the look-behinds that say it starts a run, so ``re`` scans for it (see ``patterns.text_for_re``).
_FIGURE = (
    rf"[\d{_CN_DIGITS}](?:"
    rf"(?<=\d)(?<![A-Za-z0-9_\-]\d)(?:(?<!\d,\d)\d{{0,2}}(?:,\d{{3}})+|\d*)(?:\.\d+)?[{_CN_DIGITS}]*"
    rf"|(?<=[{_CN_DIGITS}])(?<![{_CN_DIGITS}][{_CN_DIGITS}])[{_CN_DIGITS}]*)"
)
_UNITS = "元|块钱|块|圆|蚊|人民币"  # 蚊: Cantonese 元
# A figure with its unit after a money verb (赔偿100.5元) is the second kind, from the figure on:
# the third kind must not take it, nor a part of a longer figure (100 of 100.5, 1 of 1,000).
_WITH_UNIT_AHEAD = rf"(?!\s*(?:{_FIGURE})\s*万?(?:{_UNITS}))"
_FIGURE_ENDS = r"(?![\w年月日号个点分秒]|[.,]\d)"
# Verbs after which a bare figure (赔偿10万, 退还三千五) is money even without 元.
_MONEY_VERBS = r"(?:赔偿|补偿|赔付|赔|退还|退回|退款|退钱|退|返还|损失|共计|合计|金额|货款|差价|价格|售价|支付|付款|花了?)"

#: The three forms an amount takes, each with the groups ``num`` (the figure) and ``wan`` (万
#: after it). They are searched one by one and merged as one alternation of them would find
#: them (``patterns.leftmost``): each opens with what ``re`` scans for, where the alternation
#: opened with look-behinds and was tried at every character (amounts found 2x faster).
AMOUNT_FORMS = (
    # ¥100, RMB 1.5万
    patterns.compile(
        rf"(?P<prefix>¥|RMB|rmb|CNY|人民币)\s*(?P<num>{_DIGITS}[{_CN_DIGITS}]*|{_CHINESE})(?P<wan>万)?(?:元|块)?"),
    # 100元, 一百二十元, 10万元
    patterns.compile(rf"(?P<num>{_FIGURE})\s*(?P<wan>万)?(?P<unit>{_UNITS})"),
    # 赔偿10万: a bare figure is money after a money verb. The verb is part of the match, not a
    # look-behind (the amount is the group "bare"), so the engine scans for where it may start.
    # 退一赔三 is a multiple of the price, not 3元.
    patterns.compile(
        rf"{_MONEY_VERBS}(?<![退假]一赔)(?:我|给我|共|了)?{_WITH_UNIT_AHEAD}(?P<bare>\s*(?P<num>{_FIGURE})(?P<wan>万)?){_FIGURE_ENDS}"),
)


@frozen
class Amount:
    start: int
    end: int
    value: float
    text: str


_CN_DIGIT_VALUES = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_WAN, _YI = 10**4, 10**8
_CN_BIG_UNITS = {"万": _WAN, "萬": _WAN, "亿": _YI}


@lru_cache(maxsize=4096)
def parse_number(token: str) -> float | None:
    """'100' -> 100, '1.5万' -> 15000, '一百二十' -> 120, '三千五' -> 3500, '壹佰' -> 100.

    Arabic digits may lead (1.5万, 3千); then digits and units as written, with the colloquial
    short tail (三千五 is 3500, 一万五 15000, but 一百零五 105). A run of digits alone is read
    digit by digit (二零二四 is 2024). None when the characters make no number (一二百).
    """
    token = token.replace(",", "")
    lead = len(token) - len(token.lstrip("0123456789."))
    try:
        pending: float | None = float(token[:lead]) if lead else None
    except ValueError:
        return None
    rest = token[lead:]
    if not rest:
        return pending
    if pending is None and all(ch in _CN_DIGIT_VALUES for ch in rest):
        return float("".join(str(_CN_DIGIT_VALUES[ch]) for ch in rest))
    return _with_units(rest, pending)


def _with_units(text: str, pending: float | None) -> float | None:
    above_yi = wan = section = 0.0  # the parts at 亿, at 万, and below 万
    last_unit, zero_seen, after_digit = 0, False, pending is not None
    for ch in text:
        if ch in "零〇":
            zero_seen = True  # a place holder (一百零五): the next digit counts as itself
            continue
        if ch in _CN_DIGIT_VALUES:
            if after_digit:
                return None  # two digits in a row inside a number with units
            pending, after_digit = _CN_DIGIT_VALUES[ch], True
            continue
        after_digit = False
        if ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            section += (1 if pending is None else pending) * unit
        elif ch in _CN_BIG_UNITS:
            unit = _CN_BIG_UNITS[ch]
            below = section + (pending or 0)
            if unit == _WAN:
                wan, section = below * _WAN, 0.0
            else:
                above_yi, wan, section = (above_yi + wan + below) * _YI, 0.0, 0.0
        else:
            return None
        pending, last_unit, zero_seen = None, unit, False
    value = above_yi + wan + section
    if pending is not None:
        # 三千五: a last digit right after 百 or more, with no 零 between, counts a tenth of it
        value += pending * last_unit / 10 if last_unit >= 100 and not zero_seen else pending
    return value


def find_amounts(normalized: str, original: str | None = None) -> list[Amount]:
    """Money amounts in width-normalised text (full-width ￥ is normalised to ¥ beforehand).

    ``original`` is the text before normalisation: a full-width comma there (123，280元) is a
    clause break, never a thousands separator, although both normalise to ",".
    """
    found: list[Amount] = []
    forms = [partial(form.search, normalized) for form in AMOUNT_FORMS]
    ahead = [form(0) for form in forms]
    pos = 0
    while (match := patterns.leftmost(forms, pos, ahead)) is not None:
        pos = match.end()
        clause_break = original.rfind("，", match.start(), match.end()) if original else -1
        if clause_break >= 0:
            pos = clause_break + 1  # look again after the break
            continue
        value = parse_number(match.group("num"))
        if value is None:
            continue
        if match.group("wan"):
            value *= 10_000
        start = match.start("bare") if "bare" in match.re.groupindex else match.start()
        found.append(Amount(start, match.end(), value, normalized[start : match.end()]))
    return found
