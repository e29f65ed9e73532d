"""The public contract's names and numbers, without pydantic: categories, severities, the shape of
a rule code and the JSON output's version.

They are part of the contract other tools depend on (``models.py`` uses them in the public
models). Change them only on purpose, with a bump of ``JSON_VERSION`` and a test.
"""

from __future__ import annotations

from enum import Enum

#: Version of the JSON output. Bump it only when an existing field changes meaning or shape;
#: adding a field is backwards compatible and keeps the version.
JSON_VERSION = 1


class Category(str, Enum):
    """What a finding is about; a public contract. The six the rules check, in this order, and
    ``engine``: what the linter itself reports about a run (a rule that failed, a suppression
    comment that suppressed nothing), never a rule's finding about the draft."""

    TONE = "tone"
    DEMAND = "demand"
    EVIDENCE = "evidence"
    DEADLINE = "deadline"
    STRUCTURE = "structure"
    PRIVACY = "privacy"
    ENGINE = "engine"


#: Each category owns one hundred codes: KM1xx tone, KM2xx demand, ... KM6xx privacy; KM0xx are
#: the engine's own (KM000 a rule that failed).
CATEGORY_DIGIT = {
    Category.TONE: "1",
    Category.DEMAND: "2",
    Category.EVIDENCE: "3",
    Category.DEADLINE: "4",
    Category.STRUCTURE: "5",
    Category.PRIVACY: "6",
    Category.ENGINE: "0",
}

#: The categories a rule (built-in, pack or plugin) may have: all but the engine's.
RULE_CATEGORIES = tuple(category for category in Category if category is not Category.ENGINE)

CODE_PATTERN = r"^KM[0-6][0-9]{2}$"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe; used by ``--fail-on``."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]
