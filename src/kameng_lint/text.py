"""Text primitives shared by the document model: width normalisation and the line index.

Everything here preserves length: offsets found in the normalised text are offsets into the
original text, which is what findings report.
"""

from __future__ import annotations

import bisect
import re

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")

# Full-width ASCII variants (U+FF01..U+FF5E) map one-to-one onto ASCII 0x21..0x7E, and the
# ideographic space onto a plain space. NFKC would also do this but can change the length
# of a string (e.g. ㍻ -> 平成), which would break every offset.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20  # ideographic space
_WIDTH_TABLE[0xFFE5] = 0xA5  # ￥ -> ¥
_WIDTH_TABLE[0xFFE0] = 0xA2  # ￠ -> ¢
#: One character the table maps. A draft has a dozen of them (，：（）), of three or four kinds,
#: among a hundred and more others: replacing each kind present (str.replace is a scan in C) is
#: 2x faster than translating each run of them, and 5x faster than translating every character
#: (str.translate looks each one up in the table).
_WIDE = re.compile("[" + re.escape("".join(map(chr, sorted(_WIDTH_TABLE)))) + "]")
_HALF = {chr(wide): chr(half) for wide, half in _WIDTH_TABLE.items()}


def normalize_width(text: str) -> str:
    """Full-width letters, digits and punctuation to their half-width forms; same length."""
    for wide in set(_WIDE.findall(text)):
        text = text.replace(wide, _HALF[wide])
    return text


_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def lower_same_length(text: str) -> str:
    """``text`` in lower case, one character for one: ``str.lower`` where it keeps the length
    (nearly always), else ASCII letters alone (İ lowers to two characters)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


class LineIndex:
    """Maps character offsets to 1-based (line, column) and back.

    A line ends after ``\\n``; a lone ``\\r`` (old Mac) also ends a line, and ``\\r\\n`` is one
    line break of two characters. Columns count characters (code points).
    """

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _LINE_BREAK_RE.finditer(text)]
        self._text = text

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset (``len(text)`` is allowed)."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets [start, end) of a 1-based line, without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        while end > start and self._text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self._text[start:end]


class SpanSet:
    """Spans [start, end) for many overlap questions: a bisection each, not a scan.

    Built once per document for amounts, dates, phone numbers …; rules that ask "is this
    inside or next to an amount?" for every candidate stay linear in the draft's length.
    """

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._max_ends: list[int] = []  # the furthest end among the spans up to each index
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._max_ends.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """Does some span overlap [start, end)?"""
        i = bisect.bisect_left(self._starts, end)  # spans before i start before ``end``
        return i > 0 and self._max_ends[i - 1] > start

    def contains(self, offset: int) -> bool:
        """Does some span hold ``offset`` (start <= offset < end)?"""
        return self.overlaps(offset, offset + 1)

    def any_start_in(self, start: int, end: int) -> bool:
        """Does some span start within [start, end)?"""
        i = bisect.bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end
