"""kameng-lint: lint Chinese complaint drafts to digital-goods (卡盟) platforms before they are sent.

    >>> import kameng_lint
    >>> report = kameng_lint.lint_text("你们就是骗子！！！")
    >>> [f.code for f in report.findings]

``lint_text``, ``lint_texts`` and ``lint_paths`` share one ``Linter`` per configuration, so the
tokenizer and the rules are loaded once per process. They return pydantic models (``models.py``).

The names below are imported on first use: the command line imports this package too, and a
run that never touches the pydantic models must not pay for importing pydantic.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config, ConfigError
    from .contract import JSON_VERSION, Category, Severity
    from .linter import Linter
    from .models import Edit, FileReport, Finding, FixResult, Report, Summary
    from .rule import Examples, Hit, Rule

__version__ = "0.1.0"

#: Each public name and the module it comes from.
_HOMES = {
    "Config": "config", "ConfigError": "config",
    "JSON_VERSION": "contract", "Category": "contract", "Severity": "contract",
    "Linter": "linter",
    "Edit": "models", "FileReport": "models", "Finding": "models", "FixResult": "models", "Report": "models",
    "Summary": "models",
    "Examples": "rule", "Hit": "rule", "Rule": "rule",
}
__all__ = [
    "JSON_VERSION", "Category", "Config", "ConfigError", "Edit", "Examples", "FileReport",
    "Finding", "FixResult", "Hit", "Linter", "Report", "Rule", "Severity", "Summary",
    "fix_text", "lint_paths", "lint_text", "lint_texts",
]


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # the next lookup is an ordinary one
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


_linters: dict[str, Linter] = {}


def _linter(config: Config | None) -> Linter:
    from .config import Config
    from .linter import Linter

    config = config or Config()
    key = repr(config)  # a dataclass: its repr shows every field
    if key not in _linters:
        _linters[key] = Linter(config)
    return _linters[key]


def lint_text(text: str, *, path: str | None = None, config: Config | None = None) -> FileReport:
    """Lint one draft given as text."""
    return _linter(config).lint_text(text, path=path)


def lint_texts(
    texts: Iterable[str], *, paths: Iterable[str | None] | None = None, config: Config | None = None
) -> list[FileReport]:
    """Lint many drafts given as texts (and, if given, one path for each): ``lint_text`` for
    each, in order, in less time."""
    return _linter(config).lint_texts(texts, paths)


def fix_text(text: str, *, path: str | None = None, config: Config | None = None) -> FixResult:
    """Apply the safe fixes of a draft's findings: the mended text and the report on it."""
    return _linter(config).fix_text(text, path=path)


def lint_paths(paths: Iterable[str | Path], *, config: Config | None = None) -> Report:
    """Lint files and directories (walked for *.txt and *.md)."""
    return _linter(config).lint_paths(paths)
