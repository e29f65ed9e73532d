"""The built-in Python rules: one module per rule family, and this one table of them all.

Rules that are only word lists or patterns live as data in the top-level ``rules/`` folder;
rules that need logic (counting, comparing amounts, following references) live here. To add
one: write the class next to its family (metadata, docstring, examples, ``check``), then list
it below. ``tests/test_rule_examples.py`` runs every rule's examples.
"""

from . import deadline, demand, evidence, privacy, structure

BUILTIN_RULES = [
    demand.MissingDemand,
    demand.VagueDemand,
    demand.DemandWithoutAction,
    demand.DemandWithoutAmount,
    demand.UnachievableDemand,
    evidence.FactsWithoutEvidence,
    evidence.DanglingReference,
    evidence.UncitedEvidenceItem,
    evidence.MissingEvidenceKind,
    evidence.IncompleteTopUpChain,
    deadline.MissingDeadline,
    deadline.DeadlineWithoutNextStep,
    structure.MissingOrderNumber,
    structure.OrderNumberNotInOpening,
    structure.RelativeTime,
    structure.TimelineOutOfOrder,
    structure.RefundExceedsPayment,
    structure.PaymentFiguresDisagree,
    structure.LegalRouteAdvice,
    structure.PlatformFirst,
    structure.ChannelRequiredItem,
    privacy.ResidentIdNumber,
    privacy.BankCardNumber,
    privacy.PasswordExposed,
    privacy.VerificationCodeExposed,
    privacy.CardSecretExposed,
    privacy.PublicPhoneNumber,
]
