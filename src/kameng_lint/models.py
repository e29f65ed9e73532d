"""The public data model of the Python API: findings and reports, as pydantic models.

These models are a public contract: the JSON output is exactly their serialisation, and other
tools parse it. Change a field only on purpose, with a bump of ``JSON_VERSION`` and a test.

The engine itself works on the plain records of ``records.py`` (a short CLI run does not import
pydantic); ``Linter.lint_text`` and friends hand out these models, built from those records.
The JSON shape is written once, in ``records.file_entry``, and read from models and records alike.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from . import records
from .contract import CATEGORY_DIGIT, CODE_PATTERN, JSON_VERSION, Category, Severity  # noqa: F401 - the API
from .score import readiness

_set = object.__setattr__


def _trusted(cls: type[BaseModel], fields: dict) -> BaseModel:
    """What ``cls.model_construct(**fields)`` builds when ``fields`` holds every field, without
    its loop over the fields for aliases and defaults (twice as fast: 20 against 45 µs for a
    draft's findings). A test keeps the two equal, field sets and all."""
    model = cls.__new__(cls)
    _set(model, "__dict__", fields)
    _set(model, "__pydantic_fields_set__", set(fields))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


#: Schemas are built on first use: a program that never validates one never pays for it.
_DEFERRED = ConfigDict(defer_build=True)


class Edit(BaseModel):
    """Replace ``source[start:end]`` with ``replacement``: a safe, mechanical fix."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    replacement: str


class Finding(BaseModel):
    """One problem in one draft, located by character offsets into the decoded text."""

    model_config = ConfigDict(frozen=True, defer_build=True)

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

    @classmethod
    def from_record(cls, record: records.FindingRecord) -> Finding:
        # Every field was built by the linter from validated rule metadata and clamped
        # offsets, so validation is skipped (a third of the cost of a finding); the property
        # tests validate what this builds.
        fields = record._asdict()
        fix = record.fix
        if fix is not None and not isinstance(fix, Edit):
            fields["fix"] = _trusted(Edit, {"start": fix.start, "end": fix.end, "replacement": fix.replacement})
        return _trusted(cls, fields)


class Summary(BaseModel):
    model_config = _DEFERRED

    files: int = 0
    findings: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0


class FileReport(BaseModel):
    """The findings for one draft, or the reason it could not be read."""

    model_config = _DEFERRED

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
            self.score, self.verdict = readiness(self.findings)
        return self

    @classmethod
    def from_record(cls, record: records.FileRecord) -> FileReport:
        return _trusted(cls, {
            "path": record.path,
            "findings": [Finding.from_record(f) for f in record.findings],
            "error": record.error,
            "score": record.score,
            "verdict": record.verdict,
        })

    def model_dump_public(self) -> dict:
        """The JSON shape: a file that could not be read has ``error`` instead of findings."""
        return records.file_entry(self)


class FixResult(BaseModel):
    """A draft with its findings' safe fixes applied (``kameng_lint.fix_text``): the mended
    text, how many edits went into it, and the report on the mended text."""

    model_config = _DEFERRED

    text: str
    fixed: int = Field(ge=0)
    report: FileReport


class Report(BaseModel):
    """The result of linting one or more drafts; serialises to the public JSON format."""

    model_config = _DEFERRED

    version: int = JSON_VERSION
    files: list[FileReport] = Field(default_factory=list)

    @property
    def summary(self) -> Summary:
        return Summary(**records.summary_counts(self.files))

    def to_json_dict(self, files: list | None = None) -> dict:
        """The JSON output as a dict; ``files`` stands in for the files' entries when given."""
        return {**records.report_entry(self.files, files), "version": self.version}
