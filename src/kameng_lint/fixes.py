"""Fixes: the safe edits findings carry (``Finding.fix``), applied to a draft.

A rule offers a fix only where the mend is mechanical and cannot change what the draft says:
an exposed ID or card number masked (KM601-KM606), a run of ！！！ cut to one mark (KM107).
``kameng-lint --fix`` writes the mended drafts back (atomically, in their own encoding),
``--diff`` shows what it would change, and ``kameng_lint.fix_text`` does it for a text.

Edits are applied left to right; one that overlaps an edit already applied waits for the
next pass, which lints the mended text again (as ruff does). Passes stop when nothing is left
to change, or after ``MAX_PASSES``.
"""

from __future__ import annotations

# The edits themselves (edits.py) and the loop that lints a draft until its fixes are applied
# (linter.fix_text), under one name for the API and the command line.
from .edits import apply_edits, changes, expand, fixable, template_groups, unified_diff  # noqa: F401
from .linter import MAX_PASSES, FixOutcome, fix_text  # noqa: F401
