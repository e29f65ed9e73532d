"""An example kameng-lint plugin with one rule, KM599 long-draft."""

from __future__ import annotations

from kameng_lint import Category, Examples, Hit, Rule, Severity

#: Customer service skims; beyond this many characters the demand gets lost.
MAX_CHARS = 800


class LongDraft(Rule):
    """Flags a draft longer than 800 characters.

    A reviewer at a platform or at 12315 reads many complaints a day. A draft that runs past
    a page buries the demand and the evidence; say what happened, what you want and by when,
    and move the story into the evidence list.
    """

    code = "KM599"
    name = "long-draft"
    category = Category.STRUCTURE
    severity = Severity.INFO
    summary = "The draft is too long to be read in one go"
    examples = Examples(
        bad=["点卡未到账。" * 150],
        good=["订单XH0815的点卡未到账（截图1），要求24小时内退还50元。"],
    )

    def check(self, doc):
        if len(doc.text) > MAX_CHARS:
            # Point at the first character past the limit: that is where the reader gives up.
            yield Hit(
                MAX_CHARS,
                len(doc.text),
                message=f"The draft has {len(doc.text)} characters; keep it under {MAX_CHARS}",
                suggestion="keep the facts, the demand and the deadline; move the story to the evidence list",
            )
