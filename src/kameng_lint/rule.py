"""The one Rule interface, shared by Python rules, rule-pack rules and plugins.

A rule is a class with its metadata next to its logic::

    class VagueDemand(Rule):
        '''What it does, why it matters (this docstring is what ``kameng-lint explain`` prints).'''

        code = "KM202"
        name = "vague-demand"
        category = Category.DEMAND
        severity = Severity.WARNING
        summary = "The demand is vague"
        examples = Examples(bad=["请尽快解决。"], good=["要求24小时内退还100元。"])

        def check(self, doc):
            yield Hit(start, end, message="…", suggestion="…")

The linter turns each ``Hit`` into a ``Finding`` with the rule's code, category and severity and
the line/column of its offsets, so a rule only says *where* and *what*.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from .contract import Category, Severity
from .records import frozen

if TYPE_CHECKING:
    from .document import Document
    from .models import Edit
    from .records import Fix


@dataclass(frozen=True)
class Examples:
    """Drafts on which the rule must fire (``bad``) and must stay quiet (``good``), checked
    with ``--channel channel`` when the rule only fires for a chosen channel; and for a rule
    whose hits carry a fix, (before, after) pairs of what the fix makes of a draft."""

    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    channel: str | None = None
    fixed: tuple[tuple[str, str], ...] = ()

    def __init__(self, bad: Iterable[str] = (), good: Iterable[str] = (), channel: str | None = None,
                 fixed: Iterable[tuple[str, str]] = ()) -> None:
        object.__setattr__(self, "bad", tuple(bad))
        object.__setattr__(self, "good", tuple(good))
        object.__setattr__(self, "channel", channel)
        object.__setattr__(self, "fixed", tuple((before, after) for before, after in fixed))


@frozen
class Hit:
    """Where a rule fires. ``message`` defaults to the rule's summary."""

    start: int
    end: int
    message: str | None = None
    suggestion: str | None = None
    fix: Fix | Edit | None = None


@dataclass
class RuleInfo:
    """The metadata ``kameng-lint rules`` and ``explain`` print, and the registry indexes."""

    code: str
    name: str
    category: Category
    severity: Severity
    summary: str
    rationale: str
    examples: Examples
    source: str = "built-in"
    extra: dict = field(default_factory=dict)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    examples: ClassVar[Examples] = Examples()
    #: An opt-in rule runs only when ``--select`` names it (by code, prefix, category or ALL).
    default_enabled: ClassVar[bool] = True
    #: Where the rule comes from: "built-in", a pack's path, or a plugin's entry point.
    source: str = "built-in"

    @property
    def rationale(self) -> str:
        """The class docstring: what the rule does and why."""
        return inspect.cleandoc(type(self).__doc__ or "")

    @property
    def info(self) -> RuleInfo:
        return RuleInfo(
            code=self.code,
            name=self.name,
            category=Category(self.category),
            severity=Severity(self.severity),
            summary=self.summary,
            rationale=self.rationale,
            examples=self.examples,
            source=self.source,
        )

    def check(self, doc: Document) -> Iterable[Hit]:  # pragma: no cover - interface
        raise NotImplementedError
