"""Configuration: what the CLI flags and a config file can set.

A config file is ``kameng-lint.toml`` or ``.kameng-lint.toml`` (top-level keys), or the
``[tool.kameng-lint]`` table of ``pyproject.toml``, found in the current directory or a parent.
Command-line flags override it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .models import Category, Severity

CONFIG_NAMES = ("kameng-lint.toml", ".kameng-lint.toml", "pyproject.toml")


class ConfigError(Exception):
    """Bad configuration or a rule source that cannot be loaded; the CLI exits 2."""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    select: list[str] = Field(default_factory=list, description="codes, code prefixes or categories")
    ignore: list[str] = Field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    rules: list[Path] = Field(default_factory=list, description="extra rule packs (TOML)")
    severity: dict[str, Severity] = Field(default_factory=dict, description="per-code override")
    tokenizer: str | None = Field(default=None, description="jieba, rjieba or auto")
    channel: str = "platform"
    plugins: bool = Field(default=True, description="load rules from the kameng_lint.rules entry points")

    @field_validator("channel")
    @classmethod
    def _known_channel(cls, channel: str) -> str:
        """A built-in profile name (rules/channels/) or the path of a profile .toml."""
        from .channels import load_profile  # deferred: channels imports this module

        try:
            load_profile(channel)
        except ConfigError as err:
            raise ValueError(str(err)) from None
        return channel

    def selects(self, code: str, category: Category, *, default_enabled: bool = True) -> bool:
        """``--select``/``--ignore`` take a code (KM101), a prefix (KM1), a category (tone) or ALL.

        An opt-in rule (``default_enabled = False``) runs only when ``select`` names it.
        """

        def matches(pattern: str) -> bool:
            pattern = pattern.strip()
            return (
                pattern.upper() == "ALL"
                or code.startswith(pattern.upper())
                or pattern.lower() == category.value
            )

        if any(matches(p) for p in self.ignore):
            return False
        if self.select:
            return any(matches(p) for p in self.select)
        return default_enabled


def find_config_file(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "kameng-lint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read config: {err}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("kameng-lint", {})
    data = {key.replace("-", "_"): value for key, value in data.items()}
    try:
        config = Config.model_validate(data)
    except ValidationError as err:
        from .packs import describe_validation_error

        raise ConfigError(f"{path}: {describe_validation_error(err, data)}") from None
    # Rule packs named in a config file are relative to that file.
    config.rules = [p if p.is_absolute() else path.parent / p for p in config.rules]
    return config
