"""Rule packs: rules as data, in TOML, validated by pydantic (``pack_specs.py``).

A pack is a TOML file::

    [pack]
    name = "my-pack"
    description = "..."

    dictionary = ["卡盟"]              # extra words for the tokenizer (optional)

    [vocabulary]                       # named word lists for Python rules (optional)
    "demand.vague" = ["尽快解决", "给个说法"]

    [patterns]                         # named lists of regular expressions (optional)
    "demand.vague" = ["给我?(?:一)?个?(?:说法|交代)"]

    [[rule]]
    code = "KM101"
    kind = "lexicon"                   # or "pattern" (with pattern = "...") or "require"
    category = "tone"
    severity = "warning"
    message = "Accusatory word “{text}” weakens the complaint"
    skip_quoted = true
    words = [{ word = "骗子", suggestion = "未按约定履行" }, { word = "黑心" }]
    examples = { bad = ["你们就是骗子。"], good = ["客服说“骗子”。"] }

A pack whose own examples fail refuses to load, so data rules test themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .toml_models import describe_validation_error, parse_toml_model  # noqa: F401 - the API
from .rule import Examples

#: Guard for user-written patterns: a pattern that backtracks badly is stopped, not left hanging.
PATTERN_TIMEOUT_S = 1.0


#: A validated pack (``pack_specs.PackSpec``) as plain records (``records.plain``): what the
#: engine and the cache hold.
Pack = Any


class PackError(Exception):
    """A pack that cannot be loaded; the message names the file, the field and the reason."""


def parse_pack(source: str, path: str) -> Pack:
    """A pack's TOML, validated (``pack_specs.PackSpec``), as plain records."""
    from .pack_specs import PackSpec

    return parse_toml_model(PackSpec, source, path, PackError)


def read_pack_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PackError(f"{path}: rule pack not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise PackError(f"{path}: cannot read rule pack: {err}") from None


def load_pack_file(path: Path) -> Pack:
    return parse_pack(read_pack_file(path), str(path))


def examples_of(spec: Any) -> Examples:
    return Examples(bad=spec.examples.bad, good=spec.examples.good, fixed=spec.examples.fixed)
