"""SARIF 2.1.0 output (``--format sarif``), for code-scanning tools and editors.

One run per invocation: ``tool.driver.rules`` describes every enabled rule, and each finding is
a ``result`` pointing at its rule by ``ruleId``/``ruleIndex``. Columns are counted in code
points, like the JSON output, so the run says ``"columnKind": "unicodeCodePoints"`` (SARIF's
default, UTF-16 code units, would be off by one for every emoji before the span).
A file that could not be read becomes a tool execution notification, not a result.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from urllib.parse import quote

from . import __version__
from .contract import Severity
from .records import FileRecord, FindingRecord
from .rule import RuleInfo

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: SARIF has error, warning and note (and none); our "info" is its "note".
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative URI reference for a report path (forward slashes, percent-encoded)."""
    return quote(PurePath(path).as_posix(), safe="/")


def _rule_descriptor(info: RuleInfo) -> dict:
    rationale = info.rationale.strip() or info.summary
    examples = [f"✗ {text}" for text in info.examples.bad] + [f"✓ {text}" for text in info.examples.good]
    channel = f" (with --channel {info.examples.channel})" if info.examples.channel else ""
    help_text = rationale + (f"\n\nExamples{channel}:\n" + "\n".join(examples) if examples else "")
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": rationale},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "properties": {"category": info.category.value, "tags": [info.category.value], "source": info.source},
    }


def _region(finding: FindingRecord) -> dict:
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
        "snippet": {"text": finding.text},
    }


def _fixes(finding: FindingRecord, uri: str) -> list[dict]:
    if finding.fix is None:
        return []
    edit = finding.fix
    return [{
        "description": {"text": finding.suggestion or f"replace with “{edit.replacement}”"},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri},
            "replacements": [{
                "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start},
                "insertedContent": {"text": edit.replacement},
            }],
        }],
    }]


def _result(finding: FindingRecord, uri: str, rule_index: dict[str, int]) -> dict:
    message = finding.message + (f" (suggestion: {finding.suggestion})" if finding.suggestion else "")
    result = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(finding)}}],
        "properties": {"category": finding.category.value},
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    fixes = _fixes(finding, uri)
    if fixes:
        result["fixes"] = fixes
    return result


def _notification(file_report: FileRecord) -> dict:
    return {
        "level": "error",
        "message": {"text": f"{file_report.path}: {file_report.error}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(file_report.path)}}}],
    }


def sarif_dict(files: Sequence[FileRecord], rules: Iterable[RuleInfo]) -> dict:
    """The SARIF log for ``files``; ``rules`` are the rules that ran (``tool.driver.rules``)."""
    descriptors = {info.code: _rule_descriptor(info) for info in rules}
    ordered = [descriptors[code] for code in sorted(descriptors)]
    rule_index = {descriptor["id"]: i for i, descriptor in enumerate(ordered)}
    results = [
        _result(finding, artifact_uri(file_report.path), rule_index)
        for file_report in files
        for finding in file_report.findings
    ]
    unreadable = [_notification(f) for f in files if f.error is not None]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "kameng-lint",
                "version": __version__,
                "rules": ordered,
            }},
            "invocations": [{"executionSuccessful": not unreadable, "toolExecutionNotifications": unreadable}],
            "artifacts": [{"location": {"uri": artifact_uri(f.path)}} for f in files if f.error is None],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render_sarif(files: Sequence[FileRecord], rules: Iterable[RuleInfo]) -> str:
    return json.dumps(sarif_dict(files, rules), ensure_ascii=False, indent=2) + "\n"
