"""Time expressions: explicit time limits (24小时内, 3个工作日内, 10月20日前 …) and dates.

Matched on the width-normalised text, not on tokens: jieba cuts 24/小时/内 and 日前 in ways
that do not line up with the phrase (see NLP-NOTES.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

import regex

from . import patterns
from .records import frozen

_CN_SMALL = "零〇一二两三四五六七八九十"
# A figure starts where its run of digits or numerals starts (nowhere inside 20240503123456 or
# 一一一…, which the engine would otherwise read to its end from every character: 1.6x slower on
# the corpus, and quadratic on a long run); one found inside a run would also be found, longer,
# from where the run starts.
_COUNT = rf"(?:(?<!\d)(?<!\d\.)\d+(?:\.\d+)?|(?<![{_CN_SMALL}])[{_CN_SMALL}]+|半|仨|俩)"  # 仨工作日
_WEEKDAY = r"(?:周|星期|礼拜)[一二三四五六日天1-7]"

_UNIT = r"(?:个)?\s*(?:小时|钟头|h|H|hr|hrs|天|日|工作日|个工作日|自然日|周|星期|礼拜|个月|月)"
DURATION_RE = patterns.compile(
    rf"""(?P<limit>
        (?:{_COUNT}(?:\s*[-~～到至]\s*{_COUNT})?\s*{_UNIT}
        |一周|一个?星期|半个?月)
        \s*(?:之内|以内|内)
      | (?:本周|本月|今天|今日|当天|当日|明天|本工作日)\s*(?:之内|以内|内)        # 本周内, 今天之内
      | (?:今天|今日|今晚|明天)(?=\s*(?:必须|务必|一定要?|就要|就得)(?:给我|帮我)?(?:处理|解决|退|补|发|到账|答复|回复|给))  # 今天必须处理
      | (?:今天|今日|今晚|明天)(?=\s*(?:再)?(?:不|没)(?:给我|帮我)?(?:退|补|发|处理|解决|到账|答复|回复)[^，,。；;！？!?\n]{{0,6}}?(?:我就|就|明天|我将|我会))  # 今天不退明天我就去12315
      | 限(?:期|时)?\s*{_COUNT}\s*{_UNIT}                                      # 限期3天, 限5个工作日
      | 给(?:你们|你|贵平台|平台|商家|贵司|你方|对方)?\s*{_COUNT}\s*{_UNIT}\s*的?\s*(?:时间|期限)  # 给你们3天时间
      | 给(?:你们|你|贵平台|平台|商家|贵司|你方)\s*{_COUNT}\s*{_UNIT}(?=\s*[,，]?\s*(?:不然|否则|再不|要是|如果|过了))  # 给你们三天，不然…
      | (?P<over>超过|超出|逾)\s*{_COUNT}\s*{_UNIT}                           # 若超过3天未处理
    )""",
    regex.VERBOSE,
)
#: 超过3天 is a limit only in a condition (若超过3天未处理): a condition word at most six
#: characters before it, in the same clause. Checked where one is found (``patterns.search_accepted``),
#: not as a look-behind in DURATION_RE: one of variable length would keep it from ``re``.
CONDITION_BEFORE = patterns.compile(r"(?:若|如果|如|倘若|假如)[^，,。；;]{0,6}\Z")
_CONDITION_REACH = 8  # the longest condition word (2) and the six characters between
#: 如果到6月10日仍未退款: a day the author's condition names is a limit; 截至2月3日仍未到账 ("as of")
#: is not. The condition is searched for first, the day read after it (as one more alternative
#: of DATE_LIMIT_RE, with the condition or a look-ahead for 仍未, it made that search 3-5x slower).
_CONDITION_TO = re.compile(r"(?:若|如果|假如|倘若|要是)\s*(?:到|至|截至|截止到?|在)\s*")

_DAY = r"\d{1,2}\s*(?:日|号)"
#: 七月十五日, 十一月三号: a date in Chinese numerals (formal drafts write them so).
_CN_MONTH_DAY = r"(?:十[一二]?|[一二三四五六七八九])\s*月\s*(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*(?:日|号)"
#: 本周五(3月15日)前, 3月15日（周五）前: the same day said again in brackets, before 前.
_RESTATED = r"(?:\s*\([^()\n]{1,16}\))?"
#: 18点, 18:00, 下午6点半, 中午十二点 (the hour in Chinese numerals too, but not 一点: "a little";
#: minutes only after digits)
_CLOCK = (r"(?:(?:凌晨|早上|上午|中午|下午|傍晚|晚上|今晚|晚)?\s*"
          r"(?:\d{1,2}\s*(?:[:：]\s*\d{2}|[点时](?:\d{1,2}分?|半|整)?)|(?:十[一二]?|[二三四五六七八九两])[点时](?:半|整)?))")
#: A day or a moment a limit can name: 10月20日(18点), 七月十五日, 本周五, 今晚8点, 30号, 10/20, 6.18,
#: 2024-06-18, 月底, 端午节.
_WHEN = rf"""(?:
           (?:(?:\d{{4}}\s*年\s*)?\d{{1,2}}\s*月|本月|当月|这个月|下个?月|次月)\s*{_DAY}(?:\s*{_CLOCK})?  # 2024年10月20日(18点), 本月30日
         | {_CN_MONTH_DAY}(?:\s*{_CLOCK})?                                   # 七月十五日
         | (?:本|这|下)?{_WEEKDAY}(?:\s*(?:下班|{_CLOCK}))?                   # 本周五(18点), 周五下班
         | (?:今天|今日|今晚|明天|明日|明早|明晚|后天|本周|本月|下周|月底|月末|本月底|年底|周末)(?:\s*{_CLOCK}|\s*(?:早上|上午|中午|下午|傍晚|晚上))?  # 明天中午前
         | (?:春节|元旦|国庆节?|中秋节?|端午节?|清明节?|元宵节?|劳动节|五一|双十一|双11|圣诞节?|除夕|大?年三十|小年|七夕)(?:假期)?
         | {_CLOCK}
         | \d{{1,2}}\s*号                                                     # 30号前 (not 2日前: "2 days ago")
         | \d{{4}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}                     # 2024-06-18前
         | \d{{1,2}}\s*[/.]\s*\d{{1,2}}(?![\d.])                              # 10/20前, 6.18前
         | 下班
        )"""
DATE_LIMIT_RE = patterns.compile(
    rf"""(?P<limit>
        {_WHEN}
        {_RESTATED}\s*(?:之前|以前|前)(?!天|年|几|些|段|后)                    # not 11月2日前后 (about then)
      | (?:截止|最迟|最晚|不晚于)\s*(?:到|于)?\s*{_WHEN}                     # 最迟10月20日, 截止到本周日
                                                                          # (截至2月3日仍未到账: "as of")
    )""",
    regex.VERBOSE,
)

_DAY_STILL_UNMET = patterns.compile(
    rf"{_WHEN}{_RESTATED}(?=\s*(?:时|的时候)?\s*(?:仍|还|依然|依旧)?\s*(?:未|没|不))", regex.VERBOSE)

#: Dates that state when something happened (for timelines): 2024年3月12日, 3月12日, 2024-3-12.
#: What one pattern ``(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月… | (?P<year>\d{4})[-/.]…``
#: finds, as three forms merged by ``patterns.leftmost``: each opens with a digit, which ``re``
#: scans for, where the one pattern opened with an optional group and was tried at every
#: character (172 K machine instructions per draft, now 112 K).
_MONTH_DAY = r"(?P<month>\d\d?)\s*月\s*(?P<day>\d{1,2})\s*(?:日|号)"  # \d\d?: a digit first, for re
DATE_FORMS = (
    patterns.compile(rf"(?P<year>\d\d{{3}})\s*年\s*{_MONTH_DAY}"),
    patterns.compile(_MONTH_DAY),
    patterns.compile(r"(?P<year>\d\d{3})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})"),
)


@frozen
class TimeLimit:
    start: int
    end: int
    text: str
    kind: str  # "duration" or "date"


@frozen
class DateMention:
    start: int
    end: int
    year: int | None
    month: int
    day: int

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month, self.day)


def find_time_limits(normalized: str) -> list[TimeLimit]:
    found = [
        TimeLimit(m.start("limit"), m.end("limit"), m.group("limit"), "duration")
        for m in _durations(normalized)
    ]
    found += [
        TimeLimit(m.start("limit"), m.end("limit"), m.group("limit"), "date")
        for m in DATE_LIMIT_RE.finditer(normalized)
    ]
    found += [
        TimeLimit(m.start(), m.end(), m.group(), "date")
        for condition in _CONDITION_TO.finditer(normalized)
        if (m := _DAY_STILL_UNMET.match(normalized, condition.end())) is not None
    ]
    found.sort(key=lambda t: t.start)
    return found


def _durations(normalized: str) -> Iterator[re.Match]:
    def in_condition(match: re.Match) -> bool:
        start = match.start()
        return not match.group("over") or CONDITION_BEFORE.search(
            normalized, max(0, start - _CONDITION_REACH), start) is not None

    pos, size = 0, len(normalized)
    while (match := patterns.search_accepted(DURATION_RE, normalized, pos, size, in_condition)) is not None:
        yield match
        pos = match.end() if match.end() > match.start() else match.start() + 1


def find_dates(normalized: str) -> list[DateMention]:
    dates = []
    forms = [partial(form.search, normalized) for form in DATE_FORMS]
    ahead = [form(0) for form in forms]
    pos = 0
    while (m := patterns.leftmost(forms, pos, ahead)) is not None:
        pos = m.end()
        year = m.group("year") if "year" in m.re.groupindex else None
        month, day = int(m.group("month")), int(m.group("day"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            dates.append(DateMention(m.start(), m.end(), int(year) if year else None, month, day))
    return dates
