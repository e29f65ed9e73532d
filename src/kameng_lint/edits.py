"""Edits: replacing spans of a draft's text, the mechanics under every fix.

A fix is an edit (``start``, ``end``, ``replacement``) into the text as the author wrote it.
This module applies edits, fills a pack pattern's fix template from a match, counts the fixes
of a report and shows them as a diff. ``fixes.py`` runs the linter over a draft until its
fixes are all applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from .records import FileRecord


class _Edit(Protocol):
    start: int
    end: int
    replacement: str


def changes(text: str, edits: Iterable[_Edit | None]) -> list[_Edit]:
    """The edits that would change ``text``, by position (an edit that writes back what is
    there already is no fix)."""
    return sorted(
        (e for e in edits if e is not None and 0 <= e.start <= e.end <= len(text)
         and text[e.start : e.end] != e.replacement),
        key=lambda e: (e.start, e.end),
    )


def apply_edits(text: str, edits: Iterable[_Edit | None]) -> tuple[str, int]:
    """``text`` with the edits applied, and how many were; an edit that overlaps one applied
    before it is left out."""
    parts: list[str] = []
    position = 0  # text before this is copied or replaced already
    applied = 0
    for edit in changes(text, edits):
        if edit.start < position:
            continue
        parts += [text[position : edit.start], edit.replacement]
        position = edit.end
        applied += 1
    parts.append(text[position:])
    return "".join(parts), applied


#: A group named in a fix template: \g<name>, \g<2> or \2; \\ is a backslash.
_GROUP_REFERENCE = re.compile(r"\\(?:g<(\w+)>|(\d{1,2})|(\\))")


def template_groups(template: str) -> list[str | int]:
    """The groups a fix template names, by name or number."""
    return [_group_key(ref) for ref in _GROUP_REFERENCE.finditer(template) if not ref[3]]


def _group_key(reference: re.Match) -> str | int:
    name = reference[1] or reference[2]
    return int(name) if name.isdigit() else name


def expand(template: str, match: Any, text: str) -> str | None:
    """A fix template filled from ``match``'s groups, each as ``text`` has it there (a pattern
    matches the width-normalised text; the fix keeps what the author wrote). None when a group
    it names took no part in the match."""
    out: list[str] = []
    position = 0
    for reference in _GROUP_REFERENCE.finditer(template):
        out.append(template[position : reference.start()])
        position = reference.end()
        if reference[3]:
            out.append("\\")
            continue
        start, end = match.span(_group_key(reference))
        if start < 0:
            return None
        out.append(text[start:end])
    out.append(template[position:])
    return "".join(out)


def fixable(record: FileRecord) -> int:
    """How many of a report's findings carry a fix that changes the text."""
    return sum(1 for f in record.findings if f.fix is not None and f.text != f.fix.replacement)


def unified_diff(before: str, after: str, path: str) -> str:
    """``diff -u`` of a draft and its mended form; line endings kept as they are."""
    import difflib  # only --diff needs it

    lines = difflib.unified_diff(_lines(before), _lines(after), fromfile=f"a/{path}", tofile=f"b/{path}")
    # A last line with no line break would run into the next one, as diff -u says.
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _lines(text: str) -> list[str]:
    """Lines split after each \\n only (str.splitlines also splits on \\r, \\f, U+2028 …)."""
    return _LINE.findall(text)
