"""kameng-lint: lint Chinese complaint drafts to digital-goods (卡盟) platforms before they are sent.

    >>> import kameng_lint
    >>> report = kameng_lint.lint_text("你们就是骗子！！！")
    >>> [f.code for f in report.findings]

``lint_text`` and ``lint_paths`` share one ``Linter`` per configuration, so the tokenizer and
the rules are loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .config import Config, ConfigError
from .linter import Linter
from .models import JSON_VERSION, Category, Edit, FileReport, Finding, Report, Severity, Summary
from .rule import Examples, Hit, Rule

__version__ = "0.1.0"
__all__ = [
    "JSON_VERSION", "Category", "Config", "ConfigError", "Edit", "Examples", "FileReport",
    "Finding", "Hit", "Linter", "Report", "Rule", "Severity", "Summary",
    "lint_paths", "lint_text",
]

_linters: dict[str, Linter] = {}


def _linter(config: Config | None) -> Linter:
    config = config or Config()
    key = config.model_dump_json()
    if key not in _linters:
        _linters[key] = Linter(config)
    return _linters[key]


def lint_text(text: str, *, path: str | None = None, config: Config | None = None) -> FileReport:
    """Lint one draft given as text."""
    return _linter(config).lint_text(text, path=path)


def lint_paths(paths: Iterable[str | Path], *, config: Config | None = None) -> Report:
    """Lint files and directories (walked for *.txt and *.md)."""
    return _linter(config).lint_paths(paths)
