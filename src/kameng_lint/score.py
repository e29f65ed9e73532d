"""Readiness: one number (0-100) and one line that tell a person whether a draft is ready to send.

The formula, from the findings alone:

1. Each finding costs points by severity: error 25, warning 10, info 3.
2. Repeats of one rule cost less: the findings of one code together cost at most twice that
   code's single cost (ten shouting marks are one problem, written ten times).
3. ``score = max(0, 100 - total cost)``.
4. Any error caps the score at 49: an exposed ID number or password makes a draft unfit to send,
   however good the rest is.

The verdict reads the score and the worst finding:

- any privacy error: "Do not send: remove the personal data first."
- any other error: "Not ready: fix the errors first."
- no error and no warning: "Ready to send." (with infos: "Ready to send; see the notes.")
- score >= 70: "Nearly ready: fix the warnings."
- score >= 40: "Needs work before sending."
- otherwise: "Not ready: rewrite before sending."
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from .contract import Category, Severity

#: A finding as a record (``records.FindingRecord``) or as the API's model: the same attributes.
FindingRecord = Any

COST = {Severity.ERROR: 25, Severity.WARNING: 10, Severity.INFO: 3}
#: COST under the severities and their values alike ("error" does not hash as Severity.ERROR).
_COST_OF = {**COST, **{severity.value: cost for severity, cost in COST.items()}}
REPEAT_FACTOR = 2
ERROR_CAP = 49


def readiness_score(findings: Iterable[FindingRecord]) -> int:
    """0-100, higher is readier; see the module docstring for the formula."""
    per_code: dict[str, int] = defaultdict(int)
    single: dict[str, int] = {}
    has_error = False
    for finding in findings:
        cost = _COST_OF[finding.severity]
        single[finding.code] = max(single.get(finding.code, 0), cost)
        per_code[finding.code] += cost
        has_error = has_error or finding.severity is Severity.ERROR
    total = sum(min(spent, REPEAT_FACTOR * single[code]) for code, spent in per_code.items())
    score = max(0, 100 - total)
    return min(score, ERROR_CAP) if has_error else score


def verdict(findings: Iterable[FindingRecord], score: int | None = None) -> str:
    findings = list(findings)
    score = readiness_score(findings) if score is None else score
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if any(f.category is Category.PRIVACY for f in errors):
        return "Do not send: remove the personal data first."
    if errors:
        return "Not ready: fix the errors first."
    if not any(f.severity is Severity.WARNING for f in findings):
        return "Ready to send; see the notes." if findings else "Ready to send."
    if score >= 70:
        return "Nearly ready: fix the warnings."
    if score >= 40:
        return "Needs work before sending."
    return "Not ready: rewrite before sending."


def readiness(findings: Iterable[FindingRecord]) -> tuple[int, str]:
    """(score, verdict) of a draft's findings: what a report carries for a file that was read."""
    findings = list(findings)
    score = readiness_score(findings)
    return score, verdict(findings, score)
