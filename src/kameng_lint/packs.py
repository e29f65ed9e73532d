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
from typing import TYPE_CHECKING, Any

from .records import plain
from .rule import Examples

if TYPE_CHECKING:
    from pydantic import ValidationError

#: Guard for user-written patterns: a pattern that backtracks badly is stopped, not left hanging.
PATTERN_TIMEOUT_S = 1.0


#: A validated pack (``pack_specs.PackSpec``) as plain records (``records.plain``): what the
#: engine and the cache hold.
Pack = Any


class PackError(Exception):
    """A pack that cannot be loaded; the message names the file, the field and the reason."""


def _field_path(loc: tuple, data: dict) -> str:
    """'rule[2].words[0].word (KM105)': where in the pack a validation error is."""
    parts: list[str] = []
    code = None
    node = data
    for i, key in enumerate(loc):
        if isinstance(key, int):
            parts[-1] += f"[{key}]"
            node = node[key] if isinstance(node, list) and key < len(node) else None
            if i == 1 and isinstance(node, dict):
                code = node.get("code")
        elif key in ("lexicon", "pattern", "require") and i == 2:
            continue  # the discriminator's own level in pydantic's path
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    where = ".".join(parts) or "(top level)"
    return f"{where} ({code})" if code else where


def parse_toml_model(model, text: str, source: str, error: type[Exception]) -> Any:
    """Parse TOML that users write, validate it with a pydantic model, and give the result as
    plain records (``records.plain``); any problem is ``error`` with one line naming the file,
    the field and the reason (packs, channel profiles)."""
    import tomllib

    from pydantic import ValidationError

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise error(f"{source}: not valid TOML: {err}") from None
    try:
        return plain(model.model_validate(data))
    except ValidationError as err:
        raise error(f"{source}: {describe_validation_error(err, data)}") from None


def parse_pack(source: str, path: str) -> Pack:
    """A pack's TOML, validated (``pack_specs.PackSpec``), as plain records."""
    from .pack_specs import PackSpec

    return parse_toml_model(PackSpec, source, path, PackError)


def describe_validation_error(err: ValidationError, data: dict) -> str:
    """'rule[2].words[0].word (KM105): reason (and 2 more)': the first error, in one line.

    Shared by every TOML file users write: rule packs, channel profiles and config files.
    """
    first = err.errors()[0]
    reason = first["msg"].removeprefix("Value error, ")
    more = f" (and {err.error_count() - 1} more)" if err.error_count() > 1 else ""
    return f"{_field_path(first['loc'], data)}: {reason}{more}"


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
