"""Every rule documents itself with examples, and its examples are true.

proselint's rule: a check without examples fails the build. The examples are what
`kameng-lint explain` prints, so a wrong example would mislead every reader.
"""

from __future__ import annotations

import pytest

from kameng_lint import Config, Linter

LINTER = Linter(Config(select=["ALL"]))
RULES = LINTER.all_rules
_BY_CHANNEL = {None: LINTER}


def _linter(channel: str | None) -> Linter:
    if channel not in _BY_CHANNEL:
        _BY_CHANNEL[channel] = Linter(Config(select=["ALL"], channel=channel))
    return _BY_CHANNEL[channel]


def _codes(text: str, channel: str | None = None) -> set[str]:
    """The codes that fire on ``text``, checked with the channel the examples name."""
    return {f.code for f in _linter(channel).lint_text(text).findings}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_examples_and_rationale(rule):
    assert rule.examples.bad, f"{rule.code} has no bad example"
    assert rule.examples.good, f"{rule.code} has no good example"
    assert rule.summary.strip()
    assert rule.rationale.strip(), f"{rule.code} has no rationale"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_examples_fire(rule):
    for text in rule.examples.bad:
        assert rule.code in _codes(text, rule.examples.channel), f"{rule.code} does not fire on {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_examples_stay_quiet(rule):
    for text in rule.examples.good:
        assert rule.code not in _codes(text, rule.examples.channel), f"{rule.code} fires on its good example {text!r}"


def test_codes_are_unique_and_in_their_category_range():
    digits = {"tone": "1", "demand": "2", "evidence": "3", "deadline": "4", "structure": "5", "privacy": "6"}
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert rule.code[2] == digits[rule.category.value if hasattr(rule.category, "value") else rule.category]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_fix_examples_hold(rule):
    """What ``kameng-lint explain`` shows under "--fix makes" is what the rule's fix does."""
    linter = _linter(rule.examples.channel)
    for before, after in rule.examples.fixed:
        assert linter.fix_with_rule(rule, before) == after


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_a_rule_that_fixes_shows_its_fix(rule):
    """A rule whose findings carry a fix documents it with a before/after example."""
    linter = _linter(rule.examples.channel)
    if any(hit.fix is not None for text in rule.examples.bad for hit in linter.check_rule(rule, text)):
        assert rule.examples.fixed, f"{rule.code} offers a fix but has no examples.fixed"
