"""Quoted regions: the words of others (“…” 「…」 『…』 ‘…’ "…") and titles (《…》).

Rules use them to tell the author's own voice from speech reported from customer service, a
quoted announcement or a quoted statute, which must not be held against the author.
"""

from __future__ import annotations

import re

from .records import frozen

QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》", "〈": "〉"}
TITLE_OPENERS = frozenset("《〈")
_CLOSERS = {close: open_ for open_, close in QUOTE_PAIRS.items()}
_LINE_BREAKS = "\r\n"
_MARKS_RE = re.compile("[" + re.escape("".join([*QUOTE_PAIRS, *_CLOSERS, '"', _LINE_BREAKS])) + "]")


@frozen
class Quote:
    """A quoted region. ``start``/``end`` include the quotation marks themselves."""

    start: int
    end: int
    opener: str

    @property
    def is_title(self) -> bool:
        return self.opener in TITLE_OPENERS

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, max(self.start + 1, self.end - 1)


def find_quotes(text: str) -> list[Quote]:
    """Outermost quoted regions, in order. An unclosed quote ends at the end of its line.

    Straight double quotes pair up within a line; typographic quotes nest.
    """
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    #: For each opener, the depths in ``stack`` where it stands: a closer finds its opener
    #: without walking the stack (“》“》… walked all of it for every 》: quadratic).
    depths_of: dict[str, list[int]] = {}
    straight_open: int | None = None

    def close_all(at: int) -> None:
        nonlocal straight_open
        if stack:
            quotes.append(Quote(stack[0][1], at, stack[0][0]))
            stack.clear()
            depths_of.clear()
        elif straight_open is not None:
            quotes.append(Quote(straight_open, at, '"'))
        straight_open = None

    for mark in _MARKS_RE.finditer(text):  # every other character changes nothing below
        i, ch = mark.start(), mark.group()
        if ch in _LINE_BREAKS:
            close_all(i)
        elif ch == '"' and not stack:
            if straight_open is None:
                straight_open = i
            else:
                quotes.append(Quote(straight_open, i + 1, '"'))
                straight_open = None
        elif straight_open is not None:
            continue
        elif ch in QUOTE_PAIRS:
            depths_of.setdefault(ch, []).append(len(stack))
            stack.append((ch, i))
        elif ch in _CLOSERS and stack:
            # Pop back to the nearest matching opener; a stray closer of another kind is ignored.
            depths = depths_of.get(_CLOSERS[ch])
            if depths:
                depth = depths[-1]
                if depth == 0:
                    quotes.append(Quote(stack[0][1], i + 1, stack[0][0]))
                for opener, _ in stack[depth:]:
                    depths_of[opener].pop()  # each is the deepest of its kind
                del stack[depth:]
    close_all(len(text))
    quotes.sort(key=lambda q: q.start)
    return quotes
