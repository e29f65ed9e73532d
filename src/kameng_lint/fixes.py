"""Fixes: the safe edits findings carry (``Finding.fix``), applied to a draft.

A rule offers a fix only where the mend is mechanical and cannot change what the draft says:
an exposed ID or card number masked (KM601-KM606), a run of ！！！ cut to one mark (KM107).
``kameng-lint --fix`` writes the mended drafts back (atomically, in their own encoding),
``--diff`` shows what it would change, and ``kameng_lint.fix_text`` does it for a text.

Edits are applied left to right; one that overlaps an edit already applied waits for the
next pass, which lints the mended text again (as ruff does). Passes stop when nothing is left
to change, or after ``MAX_PASSES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from .records import FileRecord

if TYPE_CHECKING:
    from .linter import Linter

#: A rule whose fix brought back what another fix removed would otherwise loop for ever.
MAX_PASSES = 10


class _Edit(Protocol):
    start: int
    end: int
    replacement: str


class FixOutcome(NamedTuple):
    """The mended text, how many edits went into it, and the report on the mended text."""

    text: str
    fixed: int
    record: FileRecord


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


def fix_text(linter: Linter, text: str, path: str | None = None) -> FixOutcome:
    """Lint ``text``, apply its findings' fixes, and lint again, until nothing changes."""
    record = linter.check_text(text, path=path)
    fixed = 0
    for _ in range(MAX_PASSES):
        mended, applied = apply_edits(text, (f.fix for f in record.findings))
        if not applied:
            break
        text, fixed = mended, fixed + applied
        record = linter.check_text(text, path=path)
    return FixOutcome(text, fixed, record)


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
