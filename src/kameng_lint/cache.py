"""Results worth keeping between runs, in the per-user cache directory.

Start-up parses every rule pack (TOML, then pydantic validation, which compiles each pattern to
check it) and runs every pack rule on its own examples. For the same packs, version and
tokenizer the outcome is always the same, so a run stores it under a hash of exactly those
inputs and the next run loads it in a few milliseconds. Any change to a pack gives another
key; anything unreadable is ignored and rebuilt. ``channels.py`` keeps validated channel
profiles here, and ``patterns.py`` what it works out about its regular expressions, the same
way. What is stored loads without pydantic (``records.plain``). ``KAMENG_LINT_NO_CACHE=1``
turns it all off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

#: Entries kept per kind; older ones are removed when a new one is written.
KEEP = 16
#: The form of what is stored; bump it when that changes, so older entries are not read back.
#: 2: packs and channel profiles as plain records (``records.Plain``), not pydantic models.
#: 3: a pattern rule's ``fix`` and its ``examples.fixed``.
#: 4: a word entry's ``spellings`` and ``sounds_like``.
FORMAT = "4"


def cache_dir() -> Path:
    """A per-user cache directory (jieba's default, /tmp/jieba.cache, is shared by everyone)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "kameng-lint"
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=path, delete=True)
        probe.close()
    except OSError:
        path = Path(tempfile.gettempdir()) / f"kameng-lint-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
        path.mkdir(parents=True, exist_ok=True)
    return path


def enabled() -> bool:
    return os.environ.get("KAMENG_LINT_NO_CACHE", "") in ("", "0")


def key(*parts: str) -> str:
    """A hash of the inputs, the package version, the Python version and ``FORMAT``."""
    from . import __version__

    digest = hashlib.sha256()
    for part in (__version__, sys.version, FORMAT, *parts):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _path(kind: str, key: str) -> Path:
    return cache_dir() / f"{kind}-{key}.pickle"


def load(kind: str, key: str) -> Any | None:
    if not enabled():
        return None
    try:
        with open(_path(kind, key), "rb") as file:
            return pickle.load(file)
    except Exception:  # noqa: BLE001 - missing, truncated or from another version: rebuild
        return None


def store(kind: str, key: str, value: Any) -> None:
    """Write atomically (a reader never sees half a file); a cache that cannot be written
    only costs time."""
    if not enabled():
        return
    try:
        target = _path(kind, key)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{kind}-", delete=False) as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, target)
        _prune(target.parent, kind)
    except Exception:  # noqa: BLE001
        return


def _prune(directory: Path, kind: str) -> None:
    entries = sorted(directory.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
