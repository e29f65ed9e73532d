"""The document model's shared extractors: amounts, time limits, quotes, evidence references."""

from __future__ import annotations

from unittest import mock

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kameng_lint import Config, Linter, quotes, references, voice
from kameng_lint.amounts import find_amounts, parse_number
from kameng_lint.checks import deadline, evidence
from kameng_lint.document import _BOUNDARY_RE, SENTENCE_ENDS
from kameng_lint.quotes import find_quotes
from kameng_lint.references import find_evidence_lists, find_references
from kameng_lint.text import _WIDTH_TABLE, LineIndex, normalize_width
from kameng_lint import amounts as amount_module
from kameng_lint import times
from kameng_lint.times import find_time_limits
from kameng_lint.vocabulary import Vocabulary


def amounts(text):
    return [(a.text, a.value) for a in find_amounts(normalize_width(text), text)]


@pytest.mark.parametrize("text, value", [
    ("100元", 100), ("100块", 100), ("¥100", 100), ("￥100", 100), ("RMB100", 100), ("１００元", 100),
    ("一百元", 100), ("一百二十元", 120), ("壹佰元", 100), ("赔偿1.5万", 15000), ("赔偿三千五", 3500),
    ("10万元", 100000), ("共1,280元", 1280), ("人民币三千元", 3000),
])
def test_amount_forms(text, value):
    assert [v for _, v in amounts(text)] == [value]


@pytest.mark.parametrize("text", ["2024年3月12日", "Q币1000个", "订单号YH0612A", "3个工作日内"])
def test_not_amounts(text):
    assert amounts(text) == []


def test_full_width_comma_is_not_a_thousands_separator():
    assert amounts("订单QY20240405，280元") == [("280元", 280)]


@pytest.mark.parametrize("text, limit", [
    ("要求24小时内退还", "24小时内"), ("48h内", "48h内"), ("3个工作日内", "3个工作日内"), ("七日内", "七日内"),
    ("一周内", "一周内"), ("于10月20日前", "10月20日前"), ("本周五前", "本周五前"), ("今晚8点前", "今晚8点前"),
    ("限期3天", "限期3天"), ("若超过3天未处理", "超过3天"), ("最迟10月20日", "最迟10月20日"),
    ("请于本月30日前补发", "本月30日前"), ("下个月5号之前", "下个月5号之前"), ("次月10日前", "次月10日前"),
])
def test_time_limits(text, limit):
    assert [t.text for t in find_time_limits(normalize_width(text))] == [limit]


@pytest.mark.parametrize("text", ["2日前我买的", "前几天", "已经超过3天", "预计1-3个工作日到账", "大概11月2日前后下的单"])
def test_not_time_limits(text):
    assert find_time_limits(normalize_width(text)) == []


_CONDITIONAL_OVER = regex.compile(  # the time-limit pattern as it was, with its look-behind
    times.DURATION_RE.pattern.replace(
        "(?P<over>超过|超出|逾)", "(?=超过|超出|逾)(?<=(?:若|如果|如|倘若|假如)[^，,。；;]{0,6}?)(?:超过|超出|逾)"
    ),
    regex.VERBOSE,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["若", "如果", "倘若", "假如", "如", "超过", "超出", "逾", "3", "二十四", "天", "小时",
                                  "个工作日", "内", "之内", "限期", "本周", "，", "。", "；", "X", "我们", " ", "\n"]),
                max_size=14).map("".join))
@example("如果XXXXXX超过3天未处理")  # the furthest condition word: six characters between
@example("倘若XXXXXXX超过3天未处理")  # one more: no longer a condition
@example("如果我们，超过3天")  # a clause break between
def test_conditional_limits_found_as_a_look_behind_would(text):
    """超过3天 counts only after 若/如果 … in its clause; checked apart from the pattern (so that
    it runs on ``re``), it must find exactly what the variable-length look-behind found."""
    expected = [(m.start("limit"), m.end("limit")) for m in _CONDITIONAL_OVER.finditer(text)]
    assert [(t.start, t.end) for t in find_time_limits(text) if t.kind == "duration"] == expected


_UNGUARDED_DURATION = regex.compile(  # the time-limit pattern trying a figure from every digit or numeral
    times.DURATION_RE.pattern.replace(r"(?<!\d)(?<!\d\.)", "").replace(f"(?<![{times._CN_SMALL}])", ""),
    regex.VERBOSE)


def test_the_unguarded_duration_pattern_differs():
    assert _UNGUARDED_DURATION.pattern != times.DURATION_RE.pattern


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["3", "24", "0", ".", ".5", "-", "至", "二十四", "十", "一", "两", "半", "天", "小时", "个工作日", "内",
                                  "之内", "限期", "超过", "若", "LX", "2024", "，", "。", " ", "v"]),
                max_size=14).map("".join))
@example("订单20240503123456天内")
@example("处理.5天内")  # after a lone point, a figure of its own
@example("一一二十四小时内")
@example("3.3.3天内")  # found by hypothesis: a figure inside a dotted chain
@example("3.二十四天内")  # numerals after it are a figure of their own
def test_durations_found_as_from_every_digit(text):
    """A figure is tried only where its run of digits starts: the same limits, faster. (From
    every digit, 3.3.3天内 also gave 3.3天内 from the second 3; a chain of dotted figures, a
    version number, is no count, so that one is left out of what is expected.)"""
    with mock.patch.object(times, "DURATION_RE", _UNGUARDED_DURATION):
        expected = [(t.start, t.end) for t in find_time_limits(text)
                    if not (text[t.start].isdigit() and regex.search(r"\d\.\Z", text[: t.start]))]
    assert [(t.start, t.end) for t in find_time_limits(text)] == expected


_am = amount_module
#: The figure as it was written: the look-behinds before its first character.
_NUMBER_TEXT = rf"(?<![A-Za-z0-9_\-]){_am._DIGITS}(?:[{_am._CN_DIGITS}]*)|{_am._CHINESE}"
#: The amount pattern as it was: the three forms as one alternation, the figure of the second
#: opening with look-behinds (what ``find_amounts`` must still find, searching form by form).
_ONE_AMOUNT_PATTERN = (
    rf"(?P<prefix>¥|RMB|rmb|CNY|人民币)\s*(?P<pnum>{_am._DIGITS}[{_am._CN_DIGITS}]*|{_am._CHINESE})(?P<wan>万)?(?:元|块)?"
    rf"|(?P<num>{_NUMBER_TEXT})\s*(?P<wan2>万)?(?P<unit>{_am._UNITS})"
    rf"|{_am._MONEY_VERBS}(?:我|给我|共|了)?(?!\s*(?:{_NUMBER_TEXT})\s*万?(?:{_am._UNITS}))"
    rf"(?P<bare>\s*(?P<num3>{_NUMBER_TEXT})(?P<wan3>万)?){_am._FIGURE_ENDS}"
)


def _amounts_by_one_pattern(text: str, pattern: regex.Pattern) -> list[tuple[int, int, float]]:
    """``find_amounts`` as it was: one pattern searched from the end of each amount."""
    found, pos = [], 0
    while (match := pattern.search(text, pos)) is not None:
        pos = match.end()
        value = parse_number(match.group("num") or match.group("pnum") or match.group("num3"))
        if value is None:
            continue
        if match.group("wan") or match.group("wan2") or match.group("wan3"):
            value *= 10_000
        start = match.start("bare") if match.group("bare") is not None else match.start()
        found.append((start, match.end(), value))
    return found


_AMOUNT_PIECES = ["一", "二", "两", "十", "百", "千", "万", "零", "壹", "佰", "三千五", "元", "块", "块钱", "赔偿", "退还", "花了", "我",
                  "¥", "人民币", "RMB", "100", "3", ".5", ",000", ",", "，", "-", "A", "_", "订单", "年", "个", " ", "给我", "了"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_AMOUNT_PIECES), max_size=14).map("".join))
@example("A5元")  # glued to an identifier: no amount (the second form's figure is read first)
@example("021,021,021元")  # a thousands chain read from where it starts
@example("一二百元")
@example("赔偿100.5元")
def test_the_three_forms_find_what_one_alternation_found(text):
    one = regex.compile(_ONE_AMOUNT_PATTERN)
    assert [(a.start, a.end, a.value) for a in find_amounts(text)] == _amounts_by_one_pattern(text, one)


_BARE_AMOUNT_AS_LOOK_BEHIND = regex.compile(  # the amount pattern as it was: the verb a look-behind
    _ONE_AMOUNT_PATTERN.replace(
        f"{_am._MONEY_VERBS}(?:我|给我|共|了)?(?!",
        f"(?=\\s*[\\d{_am._CN_DIGITS}])(?<={_am._MONEY_VERBS}(?:我|给我|共|了)?)(?!",
    ).replace("(?P<bare>\\s*(?P<num3>", "\\s*(?P<num3>").replace("(?P<wan3>万)?)", "(?P<wan3>万)?"),
)


def _amounts_as_look_behind(text: str) -> list[tuple[int, int]]:
    found, pos = [], 0
    while (match := _BARE_AMOUNT_AS_LOOK_BEHIND.search(text, pos)) is not None:
        pos = match.end()
        if amount_module.parse_number(match.group("num") or match.group("pnum") or match.group("num3")) is not None:
            found.append(match.span())
    return found


@pytest.mark.parametrize(("text", "amounts"), [
    ("赔偿100.5元", [("100.5元", 100.5)]), ("赔偿 1,000元", [("1,000元", 1000)]), ("退还100.5年", []),
    ("赔偿100.5", [("100.5", 100.5)]), ("赔偿我 10万，退还三千五", [(" 10万", 100_000), ("三千五", 3500)]),
])
def test_a_figure_after_a_money_verb_is_read_whole(text, amounts):
    assert [(a.text, a.value) for a in amount_module.find_amounts(text)] == amounts


_UNGUARDED_AMOUNT = regex.compile(  # Chinese numerals tried from every character of their run
    _ONE_AMOUNT_PATTERN.replace(f"(?<![{_am._CN_DIGITS}])", ""))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["一", "二", "两", "十", "百", "千", "万", "零", "壹", "佰", "三千五", "元", "块", "赔偿", "¥", "人民币",
                                  "3", "年", "个", "我", " ", "，"]), max_size=14).map("".join))
@example("一二百元")  # no number: the run is passed over whole, not read from 二
def test_chinese_numerals_read_from_where_their_run_starts(text):
    """A run of numerals is read from its start only (from every character it took time
    quadratic in its length: 4,000 of 一 took 1.8 s); the same amounts as before."""
    assert _UNGUARDED_AMOUNT.pattern != _ONE_AMOUNT_PATTERN
    expected = _amounts_by_one_pattern(text, _UNGUARDED_AMOUNT)
    assert [(a.start, a.end, a.value) for a in amount_module.find_amounts(text)] == expected


def test_the_reference_amount_patterns_are_the_old_ones():
    assert _BARE_AMOUNT_AS_LOOK_BEHIND.pattern != _ONE_AMOUNT_PATTERN
    assert f"(?<={_am._MONEY_VERBS}" in _BARE_AMOUNT_AS_LOOK_BEHIND.pattern
    assert "(?P<bare>" not in _BARE_AMOUNT_AS_LOOK_BEHIND.pattern


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["赔偿", "退还", "花了", "支付", "我", "给我", "共", "了", "100", "3", ".5", "一百", "三千五",
                                  "万", "元", "块", "¥", "人民币", "年", "个", " ", "X", "，", "-", "订单", ",000", ","]),
                max_size=12).map("".join))
@example("赔偿我 10万，退还三千五")
@example("花了100元又支付了 200")
@example("赔偿100.5元")  # found by this test: the verb took 100, and 5元 was left
@example("赔偿 1,000元")
def test_bare_amounts_found_as_a_look_behind_would(text):
    """赔偿10万: the verb is matched, not looked behind at (the engine can scan for where a
    match starts); the amounts found must be exactly those the look-behind found."""
    assert [(a.start, a.end) for a in amount_module.find_amounts(text)] == _amounts_as_look_behind(text)


def test_quotes_nest_titles_and_close_at_line_end():
    text = "客服说“你‘自己’看”，《消费者权益保护法》规定；“未闭合\n下一行"
    spans = [(text[q.start:q.end], q.is_title) for q in find_quotes(text)]
    assert spans == [("“你‘自己’看”", False), ("《消费者权益保护法》", True), ("“未闭合", False)]


def test_reference_ranges_and_enumerations():
    text = normalize_width("证据1至证据3见附件；截图1、2；附件①")
    refs = find_references(text, find_evidence_lists(text))
    assert [(r.kind, r.numbers) for r in refs if r.numbers] == [("证据", (1, 2, 3)), ("图", (1, 2)), ("附件", (1,))]


def test_evidence_list_after_header_over_lines():
    text = "事实（证据1）。\n证据清单：\n证据1 支付截图\n证据2 聊天记录\n"
    listed = find_evidence_lists(text)
    assert sorted(listed.items["证据"]) == [1, 2]


def test_a_list_ends_where_the_next_header_starts():
    listed = find_evidence_lists("附件：1、2；截图：3、4，均已上传。")
    assert sorted(listed.items["附件"]) == [1, 2]  # 4 is under 截图 only (it was listed as 附件4 too)
    assert sorted(listed.items["图"]) == [3, 4]


@pytest.mark.parametrize("piece", ["附：", "附件：1、", "证据清单：", "附：截图1、", "截图1：a；"])
def test_many_list_headers_on_one_line_are_read_once(piece, monkeypatch):
    """Each header's list used to run to the end of the line, over all the later headers: time
    quadratic in their number. Counted, not timed: the characters the region scan visits."""
    visited = []
    real = references._list_region_end
    monkeypatch.setattr(references, "_list_region_end",
                        lambda text, start, limit: visited.append(real(text, start, limit) - start) or visited[-1] + start)
    text = piece * 400
    find_evidence_lists(text)
    assert sum(visited) <= len(text)


def test_line_index_counts_crlf_as_two_characters():
    text = "一\r\n二\r三\n四"
    index = LineIndex(text)
    assert [index.position(text.index(ch)) for ch in "一二三四"] == [(1, 1), (2, 1), (3, 1), (4, 1)]


# -- Chinese numerals: our parser against cn2an, the well-known converter ------------------------
def _cn2an():
    return pytest.importorskip("cn2an")


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1), st.sampled_from(["low", "up"]))
def test_chinese_numerals_read_like_cn2an(value, mode):
    """一百零五, 壹仟贰佰, 三亿零五万: every number cn2an writes, we read back (both forms)."""
    written = _cn2an().an2cn(value, mode)
    assert parse_number(written) == value


@pytest.mark.parametrize(
    "text", ["三千五", "一万五", "两百五", "十五", "一百零五", "1.5万", "3千", "二零二四", "两万三千五",
             "一亿二千万", "十万", "三百五十万", "壹佰", "一千零五十", "1.5亿", "两"],
)
def test_colloquial_and_mixed_numerals_read_like_cn2an_smart(text):
    assert parse_number(text) == float(_cn2an().cn2an(text, "smart"))


def test_characters_that_make_no_number():
    assert parse_number("一二百") is None and parse_number("1.2.3") is None


def test_a_lone_carriage_return_is_read_as_a_line_feed():
    """Old Mac files end lines with \\r alone: the normalised text every pattern reads has \\n
    there (same length), and \\r\\n is left as it is."""
    from kameng_lint import Config, Linter

    doc = Linter(Config()).document("24小时内\r太坑人了\r\n完")
    assert doc.normalized == "24小时内\n太坑人了\r\n完"
    assert len(doc.normalized) == len(doc.text)


# -- dates: three forms that open with a digit, merged as the one pattern they were ------------------
_ONE_DATE_PATTERN = regex.compile(
    r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*(?:日|号)"
    r"|(?P<year2>\d{4})[-/.](?P<month2>\d{1,2})[-/.](?P<day2>\d{1,2})")


def _dates_by_one_pattern(text: str) -> list[tuple[int, int, int | None, int, int]]:
    found = []
    for m in _ONE_DATE_PATTERN.finditer(text):
        year = m.group("year") or m.group("year2")
        month, day = int(m.group("month") or m.group("month2")), int(m.group("day") or m.group("day2"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((m.start(), m.end(), int(year) if year else None, month, day))
    return found


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["2024", "1", "12", "3", "0", "31", "32", "年", "月", "日", "号", "-", "/", ".", " ", "\n",
                                  "下单", "，", "13"]), max_size=16).map("".join))
@example("2024年3月12日")
@example("12345月6日")  # no year in a longer run: the month is read from the run's last two digits
@example("2024-3-12日")
@example("2024年13月1日3月2日")
def test_the_three_date_forms_find_what_one_pattern_found(text):
    assert [(d.start, d.end, d.year, d.month, d.day) for d in times.find_dates(text)] == _dates_by_one_pattern(text)


# -- the author's demands: sentence-start markers matched from the sentence end ---------------------
_VOCABULARY = Linter(Config(plugins=False)).vocabulary


def _one_pattern_demands():
    """The demand pattern as it was: every marker, sentence-start ones too, tried at every character."""
    others = voice._alternation(_VOCABULARY.words("voice.others"))
    markers = _VOCABULARY.regex("demand.markers").pattern
    openers = "|".join(voice.CLAUSE_OPENERS)
    gap = rf"(?:(?!{openers})[^{voice.CLAUSE_BREAKS}]){{0,3}}"  # no word of the author's clause in it
    return regex.compile(
        rf"(?=(?:{markers}))(?<!(?:{others}){gap})(?<!按|应|照)(?<!(?<!我)(?<!本人)(?<!我们)的)"
        rf"(?:{markers})(?!耐心|稍等|稍候|问)")


class _MarkersByOnePattern:
    """``voice.DemandMarkers``' answers from one pattern (the reference)."""

    def __init__(self, pattern) -> None:
        self.pattern = pattern

    @staticmethod
    def _found(match) -> voice.MarkerMatch:
        blanks = len(match.group()) - len(match.group().lstrip())  # the marker starts after them
        return voice.MarkerMatch(match.start(), match.start() + blanks, match.end())

    def search(self, text, pos=0, endpos=None):
        match = self.pattern.search(text, pos, len(text) if endpos is None else endpos)
        return self._found(match) if match else None

    def finditer(self, text):
        return map(self._found, self.pattern.finditer(text))


def test_some_demand_markers_hold_at_a_sentence_start():
    heads, _ = voice._sentence_start_markers(_VOCABULARY)
    assert heads and all(p.startswith(voice.SENTENCE_START) for p in _VOCABULARY.patterns("demand.markers")[:2])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["退还", "退款", "补发", "请", "要求", "客服", "称", "平台", "把", "将", "钱", "退", "已", "立即",
                                  "按", "耐心", "如果", "不", "我", "。", "，", "！", "\n", " ", "\r\n", "：", "诉求", "的", "本人", "所以", "页面"]),
                max_size=14).map("".join))
@example("客服。退款给我")
@example("。\n 退还100元")
@example("我。退款客服称已处理")  # a sentence-start demand before a report: the clause is the author's
@example("我的要求：退款")  # the author's own 要求, unlike 客服的要求
@example("页面所以的请")  # a conjunction after the party, but 的 right before the marker
def test_demand_markers_found_as_one_pattern_would(text):
    reference = _MarkersByOnePattern(_one_pattern_demands())
    assert voice.demand_marker_positions(text, _VOCABULARY) == [m.at for m in reference.finditer(text)]
    reported, _ = voice._patterns(_VOCABULARY)
    with mock.patch.object(voice, "_patterns", lambda _: (reported, reference)):
        expected = voice.reported_clause_starts(text, _VOCABULARY)
    assert voice.reported_clause_starts(text, _VOCABULARY) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(min_codepoint=0xFEF0, max_codepoint=0xFFEF), st.characters()), max_size=40))
@example("（１００元）：ＲＭＢ１００　￥５０，￠")
def test_width_folding_translates_every_mapped_character(text):
    """Only the runs of mapped characters are translated: the same as translating every one."""
    assert normalize_width(text) == text.translate(_WIDTH_TABLE)
    assert len(normalize_width(text)) == len(text)


_UNNUMBERED_AS_ONE_PATTERN = regex.compile(  # with 附：… as a fifth alternative, tried at every character
    references.UNNUMBERED_RE.pattern + r"|(?:^|(?<=[\n。]))\s*附\s*[:：]")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["附", "：", ":", "见", "附件", "详见", "截图", "记录", "附上", "所示", "。", "\n", " ", "\r\n",
                                  "我", "付款", "，"]), max_size=14).map("".join))
@example("\n\n附：付款截图")
@example("附 ：截图。附：记录")
def test_unnumbered_references_found_as_one_pattern_would(text):
    expected = sorted(m.span() for m in _UNNUMBERED_AS_ONE_PATTERN.finditer(text))
    assert sorted(references._unnumbered_spans(text)) == expected


# -- the author's deadlines: clause facts read once per clause -----------------------------------
def _authors_by_walking(doc, limit) -> bool:
    """deadline._is_authors as it was: the clause walked character by character, every word
    list searched again for every limit."""
    if doc.in_quote(limit.start, limit.end):
        return False
    if doc.in_demand(limit.start):
        return True
    if doc.is_reported(limit.start, limit.end):
        return False
    text = doc.unquoted
    start, end = limit.start, limit.end
    while start > 0 and text[start - 1] not in voice.CLAUSE_BREAKS:
        start -= 1
    while end < len(text) and text[end] not in voice.CLAUSE_BREAKS:
        end += 1
    if doc.vocabulary.regex("deadline.promise_words").search(text, start, limit.start):
        return False
    if deadline.ESCALATION_CONDITION.search(text, start, end):
        return True
    if start >= 2 and text[start - 1] in "，,；;" and doc.is_reported(start - 2):
        return False  # the clause goes on with the report before it
    return not doc.vocabulary.regex("deadline.past_markers").search(text, start, end)


_DEADLINE_LINTER = Linter(Config(plugins=False))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["3日内", "24小时内", "10月20日前", "退款", "要求", "请", "客服", "承诺", "说会", "预计", "若", "未处理",
                                  "了", "已经", "我", "，", "。", "；", "\n", "“", "”", "表示会"]), max_size=16).map("".join))
@example("客服表示会在3日内退款，24小时内")
def test_author_deadlines_as_walking_each_clause_would(text):
    doc = _DEADLINE_LINTER.document(text)
    assert deadline.author_deadlines(doc) == [t for t in doc.time_limits if _authors_by_walking(doc, t)]


def test_a_clause_of_many_limits_is_read_once(monkeypatch):
    """Counted, not timed: 3日内退 a thousand times in one clause searched each word list per limit."""
    doc = _DEADLINE_LINTER.document("3日内退" * 1000)
    searches = []
    real = deadline._first_match_end
    monkeypatch.setattr(deadline, "_first_match_end", lambda *a: searches.append(a) or real(*a))
    assert len(doc.time_limits) == 1000 and len(deadline.author_deadlines(doc)) == 1000
    assert len(searches) == 1



class _CountingPattern:
    """A pattern that counts how many characters its searches read."""

    def __init__(self, pattern):
        self.pattern, self.read = pattern, 0

    def search(self, text, pos=0, endpos=None):
        self.read += (len(text) if endpos is None else endpos) - pos
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text, pos=0, endpos=None):
        self.read += (len(text) if endpos is None else endpos) - pos
        return self.pattern.finditer(text, pos, len(text) if endpos is None else endpos)


def test_a_sentence_of_many_limits_is_read_once_for_statutes(monkeypatch):
    """Counted, not timed: 3日内退 a thousand times in one sentence once searched the sentence
    for a statute before each limit (quadratic: 6.8 s at 100,000 characters)."""
    text = "3日内退" * 1000
    counting = _CountingPattern(deadline.STATUTE)
    monkeypatch.setattr(deadline, "STATUTE", counting)
    doc = _DEADLINE_LINTER.document(text)
    assert len(deadline.author_deadlines(doc)) == 1000
    assert counting.read <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["充值", "100元", "5月3日", "。", "，", "要求退款", "我", "支付了", "\n", "没到账"]), max_size=16)
       .map("".join))
def test_fact_sentences_found_by_bisection_as_by_scanning(text):
    doc = _DEADLINE_LINTER.document(text)
    verbs = doc.vocabulary.regex("evidence.fact_verbs")
    opening_clauses = [doc.clause_around(start, start + 1) for start, _ in doc.demands]
    markers = [p for p in [d.start for d in doc.dates] + [a.start for a in doc.amounts] if not doc.in_demand(p)]
    # what happened, told in a later clause of a demand, is a fact; in the clause that asks, not
    markers += [m.start() for m in verbs.finditer(doc.unquoted)
                if not (doc.in_demand(m.start()) and any(a <= m.start() < b for a, b in opening_clauses))]
    expected = [s for s in doc.sentences if any(s.start <= p < s.end for p in markers)]
    assert evidence.fact_sentences(doc) == expected


def _quotes_by_walking_the_stack(text: str) -> list[tuple[int, int, str]]:
    """find_quotes as it was: a closer walked the stack down to its opener."""
    found, stack, straight = [], [], None
    for i, ch in enumerate(text):
        if ch in "\r\n":
            if stack:
                found.append((stack[0][1], i, stack[0][0]))
            elif straight is not None:
                found.append((straight, i, '"'))
            stack, straight = [], None
        elif ch == '"' and not stack:
            if straight is None:
                straight = i
            else:
                found.append((straight, i + 1, '"'))
                straight = None
        elif straight is not None:
            continue
        elif ch in quotes.QUOTE_PAIRS:
            stack.append((ch, i))
        elif ch in quotes._CLOSERS and stack:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == quotes._CLOSERS[ch]:
                    if depth == 0:
                        found.append((stack[0][1], i + 1, stack[0][0]))
                    del stack[depth:]
                    break
    if stack:
        found.append((stack[0][1], len(text), stack[0][0]))
    elif straight is not None:
        found.append((straight, len(text), '"'))
    return sorted(found)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("“”「」『』‘’《》〈〉\"\n") + ["我", "客服说", "\r\n"]), max_size=20).map("".join))
@example("“》“》“》")
def test_quotes_found_as_walking_the_stack_would(text):
    assert [(q.start, q.end, q.opener) for q in find_quotes(text)] == _quotes_by_walking_the_stack(text)


def _reported_by_walking(text: str) -> list[tuple[int, int]]:
    """voice.reported_clause_starts as it was: each report's clause walked, and searched for a
    demand from its start, report by report."""
    reported, demand = voice._patterns(_VOCABULARY)
    spans = []
    for match in reported.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] not in voice.CLAUSE_BREAKS:
            start -= 1
        if demand.search(text, max(0, start - 1), match.start()):
            continue
        end = match.end()
        while end < len(text) and text[end] not in voice.CLAUSE_BREAKS:
            end += 1
        spans.append((match.start(), end))
    return spans


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["平台", "客服", "称", "承诺", "回复", "答复", "48小时内", "请", "要求", "退款", "如果", "不", "退",
                                  "问", "耐心", "按", "，", "。", "\n", "我", "把钱", "立即"]), max_size=16).map("".join))
@example("平台答复平台答复请平台答复")
@example("如果请平台答复不退")
def test_reported_clauses_as_walking_each_clause_would(text):
    assert voice.reported_clause_starts(text, _VOCABULARY) == _reported_by_walking(text)


def test_a_later_report_inside_the_clauses_first_marker_sees_a_shorter_one():
    """The clause's first marker (QXYZ) runs past the second report (XY); the shorter marker Q
    ends before it, so that report is in the author's demand, as searching up to it finds."""
    vocabulary = Vocabulary({"voice.others": ["X"], "voice.reporting_verbs": ["Y"], "demand.markers": ["QXYZ", "Q"]})
    text = "XY1234QXYZ"
    assert voice.reported_clause_starts(text, vocabulary) == [(0, 10)]


_BOUNDARIES_AS_TWO_GROUPS = regex.compile("(?P<breaks>[\r\n]+)|(?P<end>[" + regex.escape("".join(sorted(SENTENCE_ENDS))) + "])")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="。！？；!?;…\r\n 我”", max_size=24))
def test_sentence_boundaries_are_those_of_the_two_group_pattern(text):
    """One class first (so ``re`` scans for it), a line break taking the breaks after it."""
    assert [m.span() for m in _BOUNDARY_RE.finditer(text)] == [m.span() for m in _BOUNDARIES_AS_TWO_GROUPS.finditer(text)]
