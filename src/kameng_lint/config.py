"""Configuration: what the CLI flags and a config file can set.

A config file is ``kameng-lint.toml`` or ``.kameng-lint.toml`` (top-level keys), or the
``[tool.kameng-lint]`` table of ``pyproject.toml``, found in the current directory or a parent.
Command-line flags override it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from .contract import Category, Severity
from .errors import ConfigError  # noqa: F401 - the API
from .i18n import CHOICES as _LANG_CHOICES
from .i18n import normalize_lang

CONFIG_NAMES = ("kameng-lint.toml", ".kameng-lint.toml", "pyproject.toml")


@dataclass
class Config:
    """What a run checks and how. pydantic validates it (``Config.validate``, and any
    ``Config(...)`` whose values are not already of the declared types); values that are
    need no pydantic, so a command-line run does not import it."""

    __pydantic_config__ = {"extra": "forbid"}  # read by pydantic when it validates a Config

    select: list[str] = field(default_factory=list)  # codes, code prefixes or categories
    ignore: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    rules: list[Path] = field(default_factory=list)  # extra rule packs (TOML)
    severity: dict[str, Severity] = field(default_factory=dict)  # per-code override
    tokenizer: str | None = None  # jieba, rjieba or auto
    channel: str = "platform"  # a built-in profile (rules/channels/) or a profile .toml's path
    plugins: bool = True  # load rules from the kameng_lint.rules entry points
    #: The language of messages: auto (each draft's own script), zh-Hans, zh-Hant or en (i18n.py).
    lang: str = "auto"

    def __post_init__(self) -> None:
        if not self._well_typed():
            if isinstance(self.lang, str) and self.lang not in _LANG_CHOICES:
                self.lang = normalize_lang(self.lang)  # zh_CN -> zh-Hans; UnknownLanguage names the choices
            valid = Config.validate(dataclasses.asdict(self))  # coerces ("error" -> Severity) or raises
            for name in self.__dataclass_fields__:
                setattr(self, name, getattr(valid, name))

    def _well_typed(self) -> bool:
        def strings(values: object) -> bool:
            return isinstance(values, list) and all(isinstance(v, str) for v in values)

        return (
            strings(self.select) and strings(self.ignore)
            and isinstance(self.fail_on, Severity)
            and isinstance(self.rules, list) and all(isinstance(p, Path) for p in self.rules)
            and isinstance(self.severity, dict)
            and all(isinstance(k, str) and isinstance(v, Severity) for k, v in self.severity.items())
            and (self.tokenizer is None or isinstance(self.tokenizer, str))
            and isinstance(self.channel, str) and isinstance(self.plugins, bool)
            and self.lang in _LANG_CHOICES
        )

    @classmethod
    def validate(cls, data: dict) -> Config:
        """A Config from untrusted data (a config file); pydantic's ValidationError if invalid."""
        from pydantic import TypeAdapter

        return TypeAdapter(cls).validate_python(data)

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
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
        # Most projects' pyproject.toml never names us: no need to parse it.
        return "kameng-lint" in text and "kameng-lint" in tomllib.loads(text).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def load_config(path: Path) -> Config:
    import tomllib

    from pydantic import ValidationError

    from .channels import load_profile
    from .toml_models import describe_validation_error

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read config: {err}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("kameng-lint", {})
    data = {key.replace("-", "_"): value for key, value in data.items()}
    try:
        config = Config.validate(data)
        load_profile(config.channel)  # a built-in profile's name or a profile .toml's path
    except ValidationError as err:
        raise ConfigError(f"{path}: {describe_validation_error(err, data)}") from None
    except ConfigError as err:
        raise ConfigError(f"{path}: channel: {err}") from None
    # Rule packs named in a config file are relative to that file.
    config.rules = [p if p.is_absolute() else path.parent / p for p in config.rules]
    return config
