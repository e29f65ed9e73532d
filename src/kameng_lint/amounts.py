"""Money amounts in every form users write them.

100元, 100块, ¥100, ￥100, RMB100, １００元, 一百元, 一百二十元, 壹佰元, 1.5万, 三千五, 10万元 …

Spans are found with one regular expression on the width-normalised text; Chinese numerals are
converted with cn2an (imported only when a draft has one, because it costs 0.15 s to import).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import patterns

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰贰叁肆伍陆柒捌玖拾佰仟萬"
# Not glued to an identifier (订单QY20240405), and thousands groups only after 1-3 digits.
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_ARABIC = rf"(?<![A-Za-z0-9_\-]){_DIGITS}"
_CHINESE = rf"[{_CN_DIGITS}]+"
_NUMBER = rf"(?P<num>{_ARABIC}(?:[{_CN_DIGITS}]*)|{_CHINESE})"
_UNIT = r"(?P<unit>元|块钱|块|圆|人民币)"
# Verbs after which a bare figure (赔偿10万, 退还三千五) is money even without 元.
_MONEY_VERBS = r"(?:赔偿|补偿|赔付|赔|退还|退回|退款|返还|损失|共计|合计|金额|货款|差价|价格|售价|支付|付款|花了?)"

AMOUNT_RE = patterns.compile(
    rf"""
      (?P<prefix>¥|RMB|rmb|CNY|人民币)\s*(?P<pnum>{_DIGITS}[{_CN_DIGITS}]*|{_CHINESE})(?P<wan>万)?(?:元|块)?     # ¥100, RMB 1.5万
    | {_NUMBER}\s*(?P<wan2>万)?{_UNIT}                                   # 100元, 一百二十元, 10万元
    | (?=\s*[\d{_CN_DIGITS}])(?<={_MONEY_VERBS}(?:我|给我|共|了)?)\s*{_NUMBER}(?P<wan3>万)?(?![\w年月日号个点分秒])  # 赔偿10万
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Amount:
    start: int
    end: int
    value: float
    text: str


@lru_cache(maxsize=4096)
def parse_number(token: str) -> float | None:
    """'100' -> 100, '1.5万' -> 15000, '一百二十' -> 120, '三千五' -> 3500, '壹佰' -> 100."""
    token = token.replace(",", "")
    try:
        return float(token)
    except ValueError:
        pass
    import cn2an  # deferred: only drafts with Chinese numerals pay for it

    try:
        return float(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def find_amounts(normalized: str, original: str | None = None) -> list[Amount]:
    """Money amounts in width-normalised text (full-width ￥ is normalised to ¥ beforehand).

    ``original`` is the text before normalisation: a full-width comma there (123，280元) is a
    clause break, never a thousands separator, although both normalise to ",".
    """
    found: list[Amount] = []
    pos = 0
    while (match := AMOUNT_RE.search(normalized, pos)) is not None:
        pos = match.end()
        clause_break = original.rfind("，", match.start(), match.end()) if original else -1
        if clause_break >= 0:
            pos = clause_break + 1  # look again after the break
            continue
        number = match.group("num") or match.group("pnum")
        value = parse_number(number)
        if value is None:
            continue
        if match.group("wan") or match.group("wan2") or match.group("wan3"):
            value *= 10_000
        found.append(Amount(match.start(), match.end(), value, match.group(0)))
    return found
