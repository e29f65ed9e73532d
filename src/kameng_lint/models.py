"""The public data model: findings and reports.

These models are a public contract: the JSON output is exactly their serialisation, and other
tools parse it. Change a field only on purpose, with a bump of ``JSON_VERSION`` and a test.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator

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


class Edit(BaseModel):
    """Replace ``source[start:end]`` with ``replacement``: a safe, mechanical fix."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    replacement: str


class Finding(BaseModel):
    """One problem in one draft, located by character offsets into the decoded text."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(pattern=CODE_PATTERN)
    category: Category
    severity: Severity
    message: str
    start: int = Field(ge=0, description="0-based code-point offset, inclusive")
    end: int = Field(ge=0, description="0-based code-point offset, exclusive")
    line: int = Field(ge=1)
    column: int = Field(ge=1, description="1-based, in characters")
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    text: str = Field(description="always source[start:end]")
    suggestion: str | None = None
    fix: Edit | None = Field(default=None, description="a safe edit that mends the finding")


class Summary(BaseModel):
    files: int = 0
    findings: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0


class FileReport(BaseModel):
    """The findings for one draft, or the reason it could not be read."""

    path: str
    findings: list[Finding] = Field(default_factory=list)
    error: str | None = None
    #: Readiness 0-100 and a one-line verdict (``score.py``); filled in from the findings of a
    #: file that was read, None for one that could not be. Added fields: JSON version stays 1.
    score: int | None = Field(default=None, ge=0, le=100)
    verdict: str | None = None

    @model_validator(mode="after")
    def _fill_readiness(self):
        if self.error is None and self.score is None:
            from .score import readiness_score, verdict  # score.py imports this module

            self.score = readiness_score(self.findings)
            self.verdict = verdict(self.findings, self.score)
        return self

    def model_dump_public(self) -> dict:
        """The JSON shape: a file that could not be read has ``error`` instead of findings."""
        if self.error is not None:
            return {"path": self.path, "error": self.error}
        return {
            "path": self.path,
            # ``fix`` appears only on findings that have one (an added field: no version bump).
            "findings": [
                f.model_dump(mode="json", exclude={"fix"} if f.fix is None else None)
                for f in self.findings
            ],
            "score": self.score,
            "verdict": self.verdict,
        }


class Report(BaseModel):
    """The result of linting one or more drafts; serialises to the public JSON format."""

    version: int = JSON_VERSION
    files: list[FileReport] = Field(default_factory=list)

    @property
    def summary(self) -> Summary:
        findings = [f for report in self.files for f in report.findings]
        return Summary(
            files=len(self.files),
            findings=len(findings),
            errors=sum(f.severity is Severity.ERROR for f in findings),
            warnings=sum(f.severity is Severity.WARNING for f in findings),
            infos=sum(f.severity is Severity.INFO for f in findings),
        )

    def to_json_dict(self, files: list | None = None) -> dict:
        """The JSON output as a dict; ``files`` stands in for the files' entries when given
        (``render.join_json`` puts entries made elsewhere in their place)."""
        return {
            "version": self.version,
            "files": [f.model_dump_public() for f in self.files] if files is None else files,
            "summary": self.summary.model_dump(),
        }
