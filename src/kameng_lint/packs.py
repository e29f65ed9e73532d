"""Rule packs: rules as data, in TOML, validated by pydantic.

A pack is a TOML file::

    [pack]
    name = "my-pack"
    description = "..."

    dictionary = ["卡盟"]              # extra words for the tokenizer (optional)

    [vocabulary]                       # named word lists for Python rules (optional)
    "demand.vague" = ["尽快解决", "给个说法"]

    [patterns]                         # named lists of regular expressions (optional)
    "demand.vague" = ["给我?(?:一)?个?(?:说法|交代)"]

    [[rule]]
    code = "KM101"
    kind = "lexicon"                   # or "pattern" (with pattern = "...") or "require"
    category = "tone"
    severity = "warning"
    message = "Accusatory word “{text}” weakens the complaint"
    skip_quoted = true
    words = [{ word = "骗子", suggestion = "未按约定履行" }, { word = "黑心" }]
    examples = { bad = ["你们就是骗子。"], good = ["客服说“骗子”。"] }

A pack whose own examples fail refuses to load, so data rules test themselves.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Literal, Union

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .models import CATEGORY_DIGIT, CODE_PATTERN, Category, Severity
from .rule import Examples

#: Guard for user-written patterns: a pattern that backtracks badly is stopped, not left hanging.
PATTERN_TIMEOUT_S = 1.0


class PackError(Exception):
    """A pack that cannot be loaded; the message names the file, the field and the reason."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ExampleSpec(_Strict):
    bad: list[str] = Field(default_factory=list)
    good: list[str] = Field(default_factory=list)


class WordEntry(_Strict):
    word: str = Field(min_length=1)
    suggestion: str | None = None
    reason: str | None = None


class _RuleSpec(_Strict):
    code: str = Field(pattern=CODE_PATTERN)
    category: Category
    severity: Severity = Severity.WARNING
    message: str = Field(min_length=1)
    name: str | None = None
    summary: str | None = None
    rationale: str = ""
    suggestion: str | None = None
    skip_quoted: bool = True
    examples: ExampleSpec = Field(default_factory=ExampleSpec)

    @model_validator(mode="after")
    def _code_matches_category(self):
        digit = CATEGORY_DIGIT[self.category]
        if self.code[2] != digit:
            raise ValueError(
                f"code {self.code} does not belong to category {self.category.value!r} "
                f"(its codes are KM{digit}xx)"
            )
        return self


class LexiconSpec(_RuleSpec):
    """Words matched on jieba tokens (a listed word never matches inside a longer word)."""

    kind: Literal["lexicon"]
    words: list[WordEntry] = Field(min_length=1)

    @field_validator("words", mode="before")
    @classmethod
    def _plain_strings(cls, value):
        if isinstance(value, list):
            return [{"word": v} if isinstance(v, str) else v for v in value]
        return value


def _compile(pattern: str) -> regex.Pattern:
    try:
        return regex.compile(pattern)
    except regex.error as err:
        raise ValueError(f"invalid regular expression {pattern!r}: {err}") from None


class PatternSpec(_RuleSpec):
    """A regular expression (the ``regex`` module) matched on the width-normalised text."""

    kind: Literal["pattern"]
    pattern: str = Field(min_length=1)

    @field_validator("pattern")
    @classmethod
    def _valid(cls, value: str) -> str:
        _compile(value)
        return value


class RequireSpec(_RuleSpec):
    """The draft must match one of ``patterns``; a draft that matches none gets a finding."""

    kind: Literal["require"]
    patterns: list[str] = Field(min_length=1)
    anchor: Literal["first_sentence", "last_sentence"] = "first_sentence"

    @field_validator("patterns")
    @classmethod
    def _valid(cls, value: list[str]) -> list[str]:
        for pattern in value:
            _compile(pattern)
        return value


RuleSpec = Annotated[Union[LexiconSpec, PatternSpec, RequireSpec], Field(discriminator="kind")]


class PackMeta(_Strict):
    name: str | None = None
    description: str | None = None


class PackSpec(_Strict):
    pack: PackMeta = Field(default_factory=PackMeta)
    dictionary: list[str] = Field(default_factory=list)
    vocabulary: dict[str, list[str]] = Field(default_factory=dict)
    #: Named lists of regular expressions, for phrasings a word list cannot enumerate.
    patterns: dict[str, list[str]] = Field(default_factory=dict)
    rule: list[RuleSpec] = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _valid_patterns(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for patterns in value.values():
            for pattern in patterns:
                _compile(pattern)
        return value


def _field_path(loc: tuple, data: dict) -> str:
    """'rule[2].words[0].word (KM105)': where in the pack a validation error is."""
    parts: list[str] = []
    code = None
    node = data
    for i, key in enumerate(loc):
        if isinstance(key, int):
            parts[-1] += f"[{key}]"
            node = node[key] if isinstance(node, list) and key < len(node) else None
            if i == 1 and isinstance(node, dict):
                code = node.get("code")
        elif key in ("lexicon", "pattern", "require") and i == 2:
            continue  # the discriminator's own level in pydantic's path
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    where = ".".join(parts) or "(top level)"
    return f"{where} ({code})" if code else where


def parse_toml_model(model, text: str, source: str, error: type[Exception]):
    """Parse TOML that users write into a pydantic model; any problem is ``error`` with one
    line naming the file, the field and the reason (packs, channel profiles)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise error(f"{source}: not valid TOML: {err}") from None
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise error(f"{source}: {describe_validation_error(err, data)}") from None


def parse_pack(source: str, path: str) -> PackSpec:
    return parse_toml_model(PackSpec, source, path, PackError)


def describe_validation_error(err: ValidationError, data: dict) -> str:
    """'rule[2].words[0].word (KM105): reason (and 2 more)': the first error, in one line.

    Shared by every TOML file users write: rule packs, channel profiles and config files.
    """
    first = err.errors()[0]
    reason = first["msg"].removeprefix("Value error, ")
    more = f" (and {err.error_count() - 1} more)" if err.error_count() > 1 else ""
    return f"{_field_path(first['loc'], data)}: {reason}{more}"


def read_pack_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PackError(f"{path}: rule pack not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise PackError(f"{path}: cannot read rule pack: {err}") from None


def load_pack_file(path: Path) -> PackSpec:
    return parse_pack(read_pack_file(path), str(path))


def examples_of(spec: _RuleSpec) -> Examples:
    return Examples(bad=spec.examples.bad, good=spec.examples.good)
