"""The pydantic models a rule pack is validated against (the format: ``packs.py``).

Only validation uses them: the engine reads the validated pack as plain records
(``records.plain``), which is also what the cache keeps, so a run whose packs come from the
cache never imports pydantic.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .contract import CATEGORY_DIGIT, CODE_PATTERN, RULE_CATEGORIES, Category, Severity


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ExampleSpec(_Strict):
    bad: list[str] = Field(default_factory=list)
    good: list[str] = Field(default_factory=list)
    #: [before, after] pairs: what the rule's fix makes of a draft (``fix``).
    fixed: list[tuple[str, str]] = Field(default_factory=list)


class WordEntry(_Strict):
    word: str = Field(min_length=1)
    suggestion: str | None = None
    reason: str | None = None
    #: Other ways people write the word, matched as the word itself (乐色 and 辣鸡 for 垃圾).
    spellings: list[str] = Field(default_factory=list)
    #: Also match the word written with characters of the same sound (沙币 for 傻逼), except
    #: spellings that are words of their own (``spelling.sound_alikes``).
    sounds_like: bool = False


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
        if self.category is Category.ENGINE:
            raise ValueError("category 'engine' is the linter's own (KM0xx): a rule takes one of "
                             + ", ".join(c.value for c in RULE_CATEGORIES))
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
    #: A safe replacement for a match, offered as the finding's fix: text in which \g<name>
    #: (or \1) stands for what that group of the pattern matched in the draft, as written.
    fix: str | None = None

    @field_validator("pattern")
    @classmethod
    def _valid(cls, value: str) -> str:
        _compile(value)
        return value

    @model_validator(mode="after")
    def _fix_names_groups_of_the_pattern(self):
        if self.fix is not None:
            from .edits import template_groups

            compiled = _compile(self.pattern)
            for group in template_groups(self.fix):
                if group not in compiled.groupindex and not (isinstance(group, int) and group <= compiled.groups):
                    raise ValueError(f"fix names group {group!r}, which the pattern does not have")
        elif self.examples.fixed:
            raise ValueError("examples.fixed given, but the rule has no fix")
        return self


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
