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
    """What a finding is about. Exactly these six, in this order; a public contract."""

    TONE = "tone"
    DEMAND = "demand"
    EVIDENCE = "evidence"
    DEADLINE = "deadline"
    STRUCTURE = "structure"
    PRIVACY = "privacy"


#: Each category owns one hundred codes: KM1xx tone, KM2xx demand, ... KM6xx privacy.
CATEGORY_DIGIT = {
    Category.TONE: "1",
    Category.DEMAND: "2",
    Category.EVIDENCE: "3",
    Category.DEADLINE: "4",
    Category.STRUCTURE: "5",
    Category.PRIVACY: "6",
}

CODE_PATTERN = r"^KM[1-6][0-9]{2}$"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe; used by ``--fail-on``."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]
