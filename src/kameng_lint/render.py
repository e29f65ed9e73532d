"""Output formats: human-readable text, and JSON (the public contract).

They render the engine's records (``records.py``); the API's pydantic models have the same
attributes and render the same.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from .contract import Severity
from .edits import fixable
from .records import FileRecord, FindingRecord, file_entry, report_entry, summary_counts
from .text import LineIndex

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def char_width(ch: str) -> int:
    """Terminal columns of one character: CJK and full-width take two, combining marks none."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_cached_char_width = lru_cache(maxsize=1 << 16)(char_width)


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)  # the common case (markers under ASCII, indentation) in one step
    return sum(map(_cached_char_width, text))


def _expand(text: str) -> str:
    return text.replace("\t", "    ")


class Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text


def render_finding(finding: FindingRecord, path: str, lines: LineIndex, style: Style) -> str:
    severity = style(finding.severity.value, _COLOURS[finding.severity])
    head = (
        f"{style(path, '1')}:{finding.line}:{finding.column}: {style(finding.code, '1')} "
        f"{severity}  {finding.message} [{finding.category.value}]"
    )
    out = [head]
    line_text = lines.line_text(finding.line)
    gutter = str(finding.line)
    pad = " " * len(gutter)
    line_start, line_end = lines.line_span(finding.line)
    start_col = finding.start - line_start
    end_col = min(finding.end, line_end) - line_start
    before = _expand(line_text[:start_col])
    marked = _expand(line_text[start_col:end_col])
    marker = "^" * max(1, display_width(marked))
    out.append(f"  {gutter} | {_expand(line_text)}")
    out.append(f"  {pad} | {' ' * display_width(before)}{style(marker, _COLOURS[finding.severity])}")
    fix = finding.fix
    if finding.suggestion and (fix is None or fix.replacement != finding.suggestion):
        out.append(f"  {pad} = suggestion: {finding.suggestion}")
    if fix is not None and fix.replacement != finding.text:
        out.append(f"  {pad} = fix (--fix): {_fix_text(fix.replacement)}")
    return "\n".join(out)


def _fix_text(replacement: str) -> str:
    return f"replace with “{replacement}”" if replacement else "delete it"


def render_file(file_report: FileRecord, text: str | None, style: Style) -> str:
    """One file's part of the text output: its findings and readiness, or why it was not read.
    Worker processes render their own files (``lint_files(render=...)``)."""
    if file_report.error is not None:
        return f"{style(file_report.path, '1')}: {style('error', '31')}: {file_report.error}"
    lines = LineIndex(text or "")
    blocks = [render_finding(f, file_report.path, lines, style) for f in file_report.findings]
    blocks.append(readiness_line(file_report, style))
    return "\n".join(blocks)


def join_text(file_blocks: list[str], files: Sequence[FileRecord]) -> str:
    return "\n".join([*file_blocks, summary_line(files)]) + "\n"


def readiness_line(file_report, style: Style) -> str:
    """``draft.txt: readiness 72/100 — Nearly ready: fix the warnings.`` (score.py)."""
    return f"{style(file_report.path, '1')}: readiness {file_report.score}/100 — {file_report.verdict}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(files: Sequence[FileRecord]) -> str:
    counts = summary_counts(files)
    unreadable = sum(1 for f in files if f.error is not None)
    how_many_files = plural(counts["files"], "file")
    tail = f"; {plural(unreadable, 'file')} could not be read" if unreadable else ""
    if counts["findings"] == 0:
        return f"No problems found in {how_many_files}{tail}."
    parts = [plural(counts[key], word) for key, word in (("errors", "error"), ("warnings", "warning"),
                                                          ("infos", "info")) if counts[key]]
    can_fix = sum(map(fixable, files))
    hint = f" {can_fix} can be fixed with --fix." if can_fix else ""
    return f"Found {plural(counts['findings'], 'problem')} ({', '.join(parts)}) in {how_many_files}{tail}.{hint}"


def render_json(files: Sequence[FileRecord]) -> str:
    return json.dumps(report_entry(files), ensure_ascii=False, indent=2) + "\n"


def render_json_file(file_report: FileRecord, text: str | None = None) -> str:
    """One file's entry of the JSON output, indented as it stands in the ``files`` list. Made in
    the worker that linted the file, like the text output: the indenting encoder is pure Python
    (0.4 s for 2,000 drafts, which the parent spent alone while the workers waited)."""
    entry = json.dumps(file_entry(file_report), ensure_ascii=False, indent=2)
    return "    " + entry.replace("\n", "\n    ")


#: Stands for the files' entries in the JSON skeleton (which holds no other string).
_ENTRIES = "\0entries\0"


def join_json(entries: list[str], files: Sequence[FileRecord]) -> str:
    """The JSON output from the files' entries: the very text ``render_json(files)`` gives."""
    if not entries:
        return render_json(files)
    skeleton = json.dumps(report_entry(files, [_ENTRIES]), ensure_ascii=False, indent=2)
    hole = "    " + json.dumps(_ENTRIES)  # as the encoder writes it, in the list
    return skeleton.replace(hole, ",\n".join(entries), 1) + "\n"
