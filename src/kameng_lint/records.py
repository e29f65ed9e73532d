"""The engine's results as plain records, and the JSON shape made from them.

The linter, the workers and the CLI's renderers work on these: a short run never imports
pydantic (about a third of a cold start). ``models.py`` gives the Python API the same data as
pydantic models, built from these records; the JSON output is written once, here, for both
(``file_entry`` reads a record or a model alike), and a test keeps it equal to what the
models themselves dump.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import MISSING, dataclass, fields
from typing import Any, NamedTuple, TypeVar

from .contract import JSON_VERSION, Category, Severity
from .score import readiness

T = TypeVar("T")


def frozen(cls: type[T]) -> type[T]:
    """``@dataclass(frozen=True, slots=True)``, with an ``__init__`` that fills the slots
    directly: the dataclass's own calls ``object.__setattr__`` by name for every field, which
    made a sentence, a quote or a hit cost twice as much to build (0.69 against 0.37 µs), and
    a draft builds some twenty of them. Equality, hashing, ``repr`` and the refusal to be
    changed are the dataclass's."""
    cls = dataclass(frozen=True, slots=True)(cls)
    scope: dict[str, Any] = {}
    params, body = [], []
    for field in fields(cls):
        if field.default_factory is not MISSING or not field.init:
            raise TypeError(f"{cls.__name__}.{field.name}: frozen() takes plain fields and defaults only")
        scope[f"_set_{field.name}"] = getattr(cls, field.name).__set__  # the slot's own setter
        if field.default is MISSING:
            params.append(field.name)
        else:
            scope[f"_default_{field.name}"] = field.default
            params.append(f"{field.name}=_default_{field.name}")
        body.append(f"    _set_{field.name}(self, {field.name})\n")
    exec(f"def __init__(self, {', '.join(params)}):\n{''.join(body) or '    pass'}", scope)  # noqa: S102
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


class Fix(NamedTuple):
    """Replace ``source[start:end]`` with ``replacement``: what a ``Hit`` carries as its fix
    (``kameng_lint.Edit``, its public form, is accepted too)."""

    start: int
    end: int
    replacement: str


class FindingRecord(NamedTuple):
    """One finding: the fields of ``models.Finding``, in its order (a test keeps them equal)."""

    code: str
    category: Category
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestion: str | None
    fix: Any  # a Fix, an Edit, or None


class FileRecord:
    """The findings for one draft, or why it could not be read; with its readiness score."""

    __slots__ = ("path", "findings", "error", "score", "verdict")

    def __init__(self, path: str, findings: Sequence[FindingRecord] = (), error: str | None = None) -> None:
        self.path = path
        self.findings = list(findings)
        self.error = error
        self.score: int | None = None
        self.verdict: str | None = None
        if error is None:
            self.score, self.verdict = readiness(self.findings)

    def __repr__(self) -> str:
        return f"FileRecord({self.path!r}, {len(self.findings)} findings, error={self.error!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileRecord):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # equal by value, and not immutable


# -- the JSON output ---------------------------------------------------------------------------
def finding_entry(finding: Any) -> dict:
    """A finding as the JSON output has it; ``fix`` only on findings that have one (an added
    field: no version bump)."""
    entry = {
        "code": finding.code,
        "category": Category(finding.category).value,
        "severity": Severity(finding.severity).value,
        "message": finding.message,
        "start": finding.start,
        "end": finding.end,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "text": finding.text,
        "suggestion": finding.suggestion,
    }
    fix = finding.fix
    if fix is not None:
        entry["fix"] = {"start": fix.start, "end": fix.end, "replacement": fix.replacement}
    return entry


def file_entry(file: Any) -> dict:
    """A file as the JSON output has it: a file that could not be read has ``error`` instead
    of findings."""
    if file.error is not None:
        return {"path": file.path, "error": file.error}
    return {
        "path": file.path,
        "findings": [finding_entry(f) for f in file.findings],
        "score": file.score,
        "verdict": file.verdict,
    }


def summary_counts(files: Iterable[Any]) -> dict[str, int]:
    """The JSON output's ``summary``: files, findings, and findings by severity."""
    files = list(files)
    severities = [Severity(f.severity) for file in files for f in file.findings]
    return {
        "files": len(files),
        "findings": len(severities),
        "errors": severities.count(Severity.ERROR),
        "warnings": severities.count(Severity.WARNING),
        "infos": severities.count(Severity.INFO),
    }


def report_entry(files: Sequence[Any], entries: list | None = None) -> dict:
    """The whole JSON output; ``entries`` stands in for the files' entries when given
    (``render.join_json`` puts entries made elsewhere in their place)."""
    return {
        "version": JSON_VERSION,
        "files": [file_entry(f) for f in files] if entries is None else entries,
        "summary": summary_counts(files),
    }


# -- validated data, as the engine reads it --------------------------------------------------
class Plain:
    """What a validated pydantic model holds, as plain read-only attributes.

    Rule packs and channel profiles are validated by pydantic; the engine reads them as these,
    and the cache keeps these, so loading them again needs no pydantic.
    """

    def __init__(self, model_name: str, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields)
        self.__dict__["_model"] = model_name

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{self._model} is read-only")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plain) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # equal by value, and its lists are mutable

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if k != "_model")
        return f"{self._model}({fields})"


def plain(value: Any) -> Any:
    """``value`` with every pydantic model in it (however nested) made a ``Plain``."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return Plain(type(value).__name__, {name: plain(getattr(value, name)) for name in fields})
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value
