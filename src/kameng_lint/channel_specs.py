"""The pydantic models a channel profile is validated against (the format: ``channels.py``).

Only validation uses them: the engine reads a validated profile as plain records
(``records.plain``), which is also what the cache keeps.
"""

from __future__ import annotations

from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Detector = Literal["order_number", "demand", "facts", "amount", "phone"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class RequiredItem(_Strict):
    item: str = Field(min_length=1, description="a short identifier")
    label: str = Field(min_length=1, description="what the finding calls it, in Chinese")
    pattern: str | None = None
    detector: Detector | None = None
    why: str = ""
    #: Also checked when the channel is only inferred from the draft's opening (致12315：) rather
    #: than chosen with --channel: the items the guide's own opening asks for (who, whom, what).
    inferred: bool = False

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            try:
                regex.compile(pattern)
            except regex.error as err:
                raise ValueError(f"pattern does not compile: {err}") from None
        return pattern

    @model_validator(mode="after")
    def _has_a_test(self):
        if self.pattern is None and self.detector is None:
            raise ValueError(f"required item {self.item!r} needs a pattern or a detector")
        return self


class ProfileHeader(_Strict):
    name: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    basis: str = Field(min_length=1, description="the rule or form the requirements come from")
    third_party: bool = False
    phone_is_public: bool = False
    #: Names that, opening the draft (致12315：, 黑猫投诉：), say it goes to this channel.
    addressed_as: list[str] = Field(default_factory=list)


class ChannelProfile(_Strict):
    profile: ProfileHeader
    require: list[RequiredItem] = Field(default_factory=list)
