"""Properties of every finding, for any text hypothesis can make.

Whatever the draft (CJK, emoji, combining marks, \\r\\n and lone \\r, full-width characters,
unbalanced quotes, very long lines), linting never raises, every finding's ``text`` is
``source[start:end]``, its line/column agree with its offsets, and the result is deterministic.

The texts mix random characters with the rules' own ``bad`` examples, so that findings actually
occur (a property over texts that produce no finding would prove nothing).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kameng_lint import Category, Config, Linter
from kameng_lint.models import CATEGORY_DIGIT, Finding

LINTER = Linter(Config(select=["ALL"]))  # one per module: loading costs half a second
BAD_EXAMPLES = sorted({text for rule in LINTER.all_rules for text in rule.examples.bad})

NOISE = [
    "\r\n", "\r", "\n", "\n\n", "\t", " ", "　",                  # line breaks, tabs, ideographic space
    "“", "”", "「", "」", "『", "』", "《", "》", '"', "'",       # quotes, often unbalanced
    "😀", "👍🏽", "🇨🇳", "👨‍👩‍👧",                                # emoji, modifiers, flags, ZWJ
    "e\u0301", "\u0301", "\u200b", "\ufeff",                     # combining mark, zero-width
    "ＡＢＣ１２３！？", "１００元", "（截图１）", "：",            # full-width forms
    "骗子", "！！！", "？？", "退钱", "尽快", "24小时内", "证据1", "订单号", "要求", "客服说",
    "11010519491231002X", "13812345678", "6222021234567890128", "密码123456",
]

fragment = st.one_of(
    st.sampled_from(BAD_EXAMPLES),
    st.sampled_from(NOISE),
    st.text(min_size=1, max_size=12),                                     # any code points
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=20),
    st.builds(lambda s, n: s * n, st.sampled_from(["啊", "骗子！", "ab "]), st.integers(50, 400)),  # long lines
)
drafts = st.lists(fragment, max_size=25).map("".join)

PROPERTY_SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_BREAK = re.compile(r"\r\n|\r|\n")


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset``, computed independently of the linter's LineIndex.

    ``\\r\\n``, a lone ``\\r`` and ``\\n`` each end a line; columns count code points.
    """
    line_start, line = 0, 1
    for match in _BREAK.finditer(text):
        if match.end() > offset:
            break
        line_start, line = match.end(), line + 1
    return line, offset - line_start + 1


def check_findings(text: str, report) -> None:
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert finding.text == text[finding.start:finding.end]
        assert (finding.line, finding.column) == expected_position(text, finding.start), finding
        assert (finding.end_line, finding.end_column) == expected_position(text, finding.end), finding
        assert finding.code[2] == CATEGORY_DIGIT[finding.category], finding
        if finding.fix is not None:
            assert 0 <= finding.fix.start <= finding.fix.end <= len(text)
        # The linter builds findings without validation: what it builds must pass it.
        assert Finding.model_validate(finding.model_dump()) == finding


@PROPERTY_SETTINGS
@given(drafts)
def test_findings_point_at_their_text(text):
    check_findings(text, LINTER.lint_text(text))


@PROPERTY_SETTINGS
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_code_points(text):
    check_findings(text, LINTER.lint_text(text))


@PROPERTY_SETTINGS
@given(drafts)
def test_deterministic(text):
    first = LINTER.lint_text(text, path="d.txt").model_dump()
    assert LINTER.lint_text(text, path="d.txt").model_dump() == first


@PROPERTY_SETTINGS
@given(drafts, st.sampled_from(["\n", "\r\n", "\r"]))
@example("24小时内\r\n太坑人了，等了六个小时。", "\r")  # found by hypothesis: a lone \r did not end a clause
def test_line_endings_do_not_change_what_is_found(text, newline):
    """The same draft saved with another line ending finds the same things on the same lines."""
    lines = _BREAK.split(text)
    unix = LINTER.lint_text("\n".join(lines))
    other = LINTER.lint_text(newline.join(lines))
    assert [(f.code, f.line, f.column, f.text.replace("\r\n", "\n").replace("\r", "\n")) for f in other.findings] \
        == [(f.code, f.line, f.column, f.text) for f in unix.findings]


def test_the_generated_drafts_do_produce_findings():
    """The fragments the properties are built from reach every category; else they prove little.

    (Some rules judge the whole draft, such as "no deadline at all", so each fragment is linted
    on its own.)"""
    categories = {f.category for text in BAD_EXAMPLES + NOISE for f in LINTER.lint_text(text).findings}
    assert categories == set(CATEGORY_DIGIT) - {Category.ENGINE}
    joined = "\r\n".join(BAD_EXAMPLES + NOISE)
    report = LINTER.lint_text(joined)
    assert len(report.findings) > len(BAD_EXAMPLES) // 2
    check_findings(joined, report)


@pytest.mark.parametrize("text, offset, expected", [
    ("ab\r\ncd", 4, (2, 1)),
    ("ab\rcd", 3, (2, 1)),
    ("ab\r\ncd", 3, (1, 4)),  # between \r and \n: still the first line
    ("a\n\nb", 3, (3, 1)),
])
def test_expected_position_helper(text, offset, expected):
    assert expected_position(text, offset) == expected


def test_a_fresh_linter_agrees_with_the_shared_one():
    """Determinism across Linter instances, not only across calls."""
    text = "\n".join(BAD_EXAMPLES[:40])
    assert Linter(Config(select=["ALL"])).lint_text(text).model_dump() == LINTER.lint_text(text).model_dump()
