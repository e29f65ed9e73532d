"""Reading drafts: decoding, and walking directories.

UTF-8 (with or without BOM) first; a file that is not valid UTF-8 is tried as GB18030, which
many Chinese Windows users save. Binary files are refused with a one-line reason.
"""

from __future__ import annotations

from pathlib import Path

DRAFT_SUFFIXES = (".txt", ".md")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")


class InputError(Exception):
    """A draft that cannot be read; the message is one line and names no traceback."""


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    return controls > max(2, len(text) // 100)


def decode(data: bytes) -> str:
    """Decode a draft's bytes; raise ``InputError`` with the reason when it is not text."""
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not a text draft")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                f"not valid UTF-8 or GB18030 text (undecodable byte 0x{data[utf8_error.start]:02x} "
                f"at offset {utf8_error.start})"
            ) from None
        if _looks_binary(text):
            raise InputError("binary file (not valid UTF-8, and control bytes as GB18030)")
    if _looks_binary(text):
        raise InputError("binary file (control characters), not a text draft")
    return text


def read_draft(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}") from None
    return decode(data)


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to lint (directories walked for *.txt and *.md, sorted) and paths that are errors."""
    files: list[Path] = []
    errors: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in DRAFT_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                errors.append((path, "directory contains no *.txt or *.md drafts"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            errors.append((path, "no such file or directory"))
    return files, errors
