"""Evidence references (证据1, 附件2, 截图3, 图1, 证据①, 见附件 …) and evidence lists.

A *reference* cites an item in the running text: 详见证据1, （截图1、2）, 证据1至证据3见附件.
A *list item* defines one: the lines after 证据清单：/附件：, or a definition with a colon
(截图1：找回通知；截图2：…). A reference to a number the list lacks is a dangling reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from . import patterns
from .records import frozen
from .text import SpanSet

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_NUMS = "一二三四五六七八九十"
_NUM = rf"(?:\d{{1,2}}|[{_CN_NUMS}]{{1,3}}|[{_CIRCLED}])"
# Longest first, so 截图1 is one reference, not 截 + 图1. 图 is read before the look-behind
# that keeps 地图/意图/跑图… out: every alternative opens with a literal, which ``re`` scans for
# (see ``patterns.text_for_re``; references found 1.8x faster than on the regex module).
_KIND = r"(?:证据材料|证据|附件|截图|附图|图片|照片|录音|录屏|视频|凭证|图(?<![地意企试构蓝跑拼画修看贴制绘]图))"
_KIND_CANON = {
    "证据材料": "证据", "证据": "证据", "附件": "附件",
    "截图": "图", "附图": "图", "图片": "图", "照片": "图", "图": "图",
    "录音": "录音", "录屏": "录屏", "视频": "视频", "附": "附件", "凭证": "凭证",
}
_NOT_COUNT = r"(?![张个份次条段页\d])"

#: More numbers after the first: 证据1、2, 截图1至截图3, 证据1-5.
_MORE = rf"(?P<more>(?:\s*(?:[、,，和及与/]|至|到|[-~～—])\s*(?:{_KIND})?\s*{_NUM}{_NOT_COUNT})*)"
REFERENCE_RE = patterns.compile(rf"(?P<kind>{_KIND})\s*(?P<num>{_NUM}){_NOT_COUNT}{_MORE}")
_MORE_RE = patterns.compile(rf"(?P<sep>[、,，和及与/]|至|到|[-~～—])\s*(?:{_KIND})?\s*(?P<num>{_NUM})")

_EVIDENCE_NOUN = r"(?:附件|截图|附图|图片|照片|录音|录屏|视频|证据|聊天记录|凭证|记录|附表)"
UNNUMBERED_RE = patterns.compile(
    # 见附件, 见截图; not a template's placeholder (详见证据X, 见证据N): that cites nothing yet
    rf"(?:详见|见|参见|参考|如|附)(?:下图|上图|{_EVIDENCE_NOUN})(?!\s*(?:[XxNn某]|\*\*))"
    r"|详见[^，,。；;\n]{1,16}?(?:记录|截图|附件|凭证|流水|证明)"           # 详见…记录
    r"|(?:附件|附图)(?:中|里|所示)"                                        # 附件所示
    r"|如图所示"                                                           # 如图所示
    rf"|(?:附上|附有|已附|另附|随附)(?:了)?[^，,。；;\n]{{0,8}}?{_EVIDENCE_NOUN}"  # 附上付款截图
    # 付款截图已附上, 截图如下, 聊天记录已上传: the item named, then where it is
    rf"|{_EVIDENCE_NOUN}\s*(?:都|均|也)?(?:已附上|已附|已上传|已提供|已发送|已提交|附后|见下|如下|在附件)"
)
#: With an image attached to the post (<img …>, ![…](…), [图片]), a pointer at it counts too:
#: 这是我的账号，以及支付页面 / 付款截图也有了 (the image is the item). Without one, 我有截图
#: says only that evidence exists somewhere.
_ATTACHED_IMAGE = patterns.compile(r"<img\b|!\[[^\]\n]*\]\(|\[(?:图片|图像|image)\]", regex.IGNORECASE)
_POINTER_AT_IMAGE = patterns.compile(
    rf"(?:这是|以下是|下面是|以及|还有)[^，,。；;\n]{{0,10}}?(?:截图|页面|图片|照片|记录|凭证)"
    rf"|(?:截图|页面|图片|照片|记录|凭证)\s*(?:也有了|也有|在这|在此|如上|见图|在上面|在下面)"
)
# 附：付款截图, at the start of the text, a line or a sentence. Matched from the break before it,
# which the engine scans for: as a fifth alternative above (?:^|(?<=[\n。])) was tried at every
# character, and the whole search took twice as long.
_APPENDIX_NOTE = r"\s*附\s*[:：]"
_APPENDIX_FIRST = patterns.compile(_APPENDIX_NOTE)
_APPENDIX_AFTER_BREAK = patterns.compile(rf"[\n。](?P<note>{_APPENDIX_NOTE})")

_HEADERS = (r"(?P<header>证据材料清单|证据清单|证据目录|证据材料|凭证清单|证据列表|证据附件|附件清单|附件列表|附件目录|附件材料"
            r"|截图清单|截图目录|附图|附件|证据|截图|凭证|附)")
#: A header with its colon, or with none at the end of its line (## 证据清单, 四、附件, 【证据】): such
#: a heading counts when nothing but a heading's opening stands before it on its line.
LIST_HEADER_RE = patterns.compile(rf"{_HEADERS}\s*(?:如下)?(?:\s*[:：]|(?P<heading>[ \t]*[】\]]?[ \t]*(?=\r?\n)))")
_HEADING_OPENING = patterns.compile(r"[ \t]*(?:#+[ \t]*|[一二三四五六七八九十]+[、.．][ \t]*|\d+[、.．][ \t]*)?[【\[]?[ \t]*")

# Inside a list: an item starts at the beginning of a segment with an optional kind and a number.
_ITEM_RE = patterns.compile(
    rf"(?:^|(?<=[；;，,、\s]))(?:(?P<kind>{_KIND})\s*)?(?P<num>{_NUM}){_MORE}(?=\s*[:：.、．)）]?\s*\S|\s*$)"
)
# Outside a list, "截图1：找回通知" defines an item too.
# 附件2、附件3：客服聊天记录 defines both.
DEFINITION_RE = patterns.compile(rf"(?P<kind>{_KIND})\s*(?P<num>{_NUM}){_MORE}\s*[:：]\s*(?=\S)")
# A draft with neither: lines that open with an item (附件1订单截图 / 图1是付款记录 图2是余额)
# are its list, and every item on them (``_ITEM_RE`` with its kind spelled out) is defined.
# Found by plain ``re`` with a line anchor: its check at each character costs less than a
# Python loop over the lines or a search from every line break through ``patterns`` (measured).
_ITEM_LINE = re.compile(rf"(?m)^[ \t]*{_KIND}\s*{_NUM}(?![\d张个份次条段页])")
_LINE_ITEM_RE = patterns.compile(
    rf"(?:^|(?<=[；;，,、\s]))(?P<kind>{_KIND})\s*(?P<num>{_NUM}){_MORE}(?=\s*[:：.、．)）]?\s*\S)")


def canonical_kind(kind: str) -> str:
    return _KIND_CANON.get(kind, kind)


def parse_number(num: str) -> int:
    if num in _CIRCLED:  # before int(): "①".isdigit() is True, but int("①") fails
        return _CIRCLED.index(num) + 1
    if num.isdecimal():
        return int(num)
    # 一..九十九 without a library: the forms an evidence number takes.
    digits = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}
    if num == "十":
        return 10
    if "十" in num:
        tens, _, ones = num.partition("十")
        return digits.get(tens, 1) * 10 + digits.get(ones, 0)
    return digits.get(num, 0)


@frozen
class Reference:
    """A citation of evidence in the running text; ``numbers`` is empty for 见附件."""

    start: int
    end: int
    kind: str
    numbers: tuple[int, ...]


@dataclass(slots=True)
class EvidenceList:
    """The evidence items a draft defines, by canonical kind, with where each is defined."""

    items: dict[str, dict[int, tuple[int, int]]] = field(default_factory=dict)
    regions: list[tuple[int, int]] = field(default_factory=list)

    def add(self, kind: str, number: int, start: int, end: int) -> None:
        self.items.setdefault(kind, {}).setdefault(number, (start, end))

    def contains(self, kind: str, number: int) -> bool:
        return number in self.items.get(kind, {})

    def has_kind(self, kind: str) -> bool:
        return bool(self.items.get(kind))

    def __bool__(self) -> bool:
        return any(self.items.values())


def _numbers(match: regex.Match) -> tuple[int, ...]:
    numbers = [parse_number(match.group("num"))]
    for more in _MORE_RE.finditer(match.group("more")):
        n = parse_number(more.group("num"))
        if more.group("sep") in ("至", "到", "-", "~", "～", "—") and n > numbers[-1]:
            numbers.extend(range(numbers[-1] + 1, n + 1))
        else:
            numbers.append(n)
    return tuple(numbers)


def _list_region_end(text: str, start: int, limit: int) -> int:
    """A list runs to the end of its sentence, or over following lines that start with an item;
    never past ``limit`` (where the next list header starts)."""
    pos = start
    while pos < limit:
        ch = text[pos]
        if ch in "。":
            return pos
        if ch == "\n":
            rest = _BLANKS_RE.match(text, pos + 1).end()  # like text[pos+1:].lstrip(" \t\r"), no copy
            if rest == len(text) or not _ITEM_RE.match(text, rest):
                return pos
        pos += 1
    return limit


def _in_parentheses(text: str, pos: int) -> bool:
    """True when ``pos`` is inside an unclosed ( or （ of its own line."""
    depth = 0
    line_start = max(text.rfind("\n", 0, pos) + 1, pos - 200)  # bounded: stays linear
    for ch in reversed(text[line_start:pos]):
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                return True
            depth -= 1
    return False


def find_evidence_lists(normalized: str) -> EvidenceList:
    found = EvidenceList()
    headers = [h for h in LIST_HEADER_RE.finditer(normalized) if h.group("heading") is None or _HEADING_OPENING.fullmatch(
        normalized, normalized.rfind("\n", 0, h.start()) + 1, h.start())]
    # A list ends where the next header starts (附件：1、2；截图：3 lists 3 as a 截图): each
    # stretch of text is read for items once, so that many headers on one line stay linear.
    limits = [h.start() for h in headers[1:]] + [len(normalized)]
    for header, limit in zip(headers, limits):
        header_kind = canonical_kind(header.group("header").removesuffix("清单").removesuffix("目录")
                                     .removesuffix("列表").removesuffix("材料")[:2])
        end = _list_region_end(normalized, header.end(), limit)
        region = normalized[header.end() : end]
        before = len(found.regions)
        kind = header_kind
        for item in _ITEM_RE.finditer(region):
            # 截图2、3聊天记录: a bare number joined on with 、 is of the kind before it
            if item.group("kind"):
                kind = canonical_kind(item.group("kind"))
            elif item.start() == 0 or region[item.start() - 1] != "、":
                kind = header_kind
            for number in _numbers(item):  # 附：证据1至证据4 lists four
                found.add(kind, number, header.end() + item.start(), header.end() + item.end())
            if len(found.regions) == before:
                found.regions.append((header.start(), end))
    # Only the lists cover a definition: one definition never covers the next (they do not overlap).
    in_a_list = SpanSet(found.regions)
    for definition in DEFINITION_RE.finditer(normalized):
        # (证据1：充值记录；证据2：余额截图) in parentheses defines items inline, as a citation
        # does; only definitions standing on their own make a list.
        if in_a_list.contains(definition.start()) or _in_parentheses(normalized, definition.start()):
            continue
        for number in _numbers(definition):
            found.add(canonical_kind(definition.group("kind")), number, definition.start(), definition.end())
        found.regions.append((definition.start(), definition.end()))
    if not found:
        _add_item_lines(normalized, found)
    return found


def _add_item_lines(normalized: str, found: EvidenceList) -> None:
    """Lines that open with an item, in a draft with no other list, define their items. They
    are not list regions: such a line describes the item and cites it at once (图1是付款记录)."""
    for line in _ITEM_LINE.finditer(normalized):
        line_end = normalized.find("\n", line.end())
        for item in _LINE_ITEM_RE.finditer(normalized, line.start(), len(normalized) if line_end < 0 else line_end):
            for number in _numbers(item):  # 证据1-5已打包上传 defines all five
                found.add(canonical_kind(item.group("kind")), number, item.start(), item.end())


def find_references(normalized: str, evidence: EvidenceList) -> list[Reference]:
    """Citations outside the evidence list itself, numbered and unnumbered, in text order."""
    listed = SpanSet(evidence.regions)  # a bisection per citation, not a scan of every region
    refs = [
        Reference(m.start(), m.end(), canonical_kind(m.group("kind")), _numbers(m))
        for m in REFERENCE_RE.finditer(normalized)
        if not listed.contains(m.start())
    ]
    refs += [
        Reference(start, end, "", ())
        for start, end in _unnumbered_spans(normalized)
        if not listed.contains(start)
    ]
    refs.sort(key=lambda r: r.start)
    return refs


def _unnumbered_spans(normalized: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in UNNUMBERED_RE.finditer(normalized)]
    if _ATTACHED_IMAGE.search(normalized):
        spans += [m.span() for m in _POINTER_AT_IMAGE.finditer(normalized)]
    first = _APPENDIX_FIRST.match(normalized)
    taken = first.end() if first else 0  # "\n附：" at the start is one note, not two
    if first:
        spans.append(first.span())
    spans += [m.span("note") for m in _APPENDIX_AFTER_BREAK.finditer(normalized) if m.start("note") >= taken]
    return spans


_BLANKS_RE = patterns.compile(r"[ \t\r]*")
