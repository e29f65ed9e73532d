"""User-written TOML validated by a pydantic model: one-line errors naming file, field and reason.

Shared by every TOML file users write: rule packs, channel profiles and config files. The
result is plain records (``records.plain``), which load again from the cache without pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .records import plain

if TYPE_CHECKING:
    from pydantic import ValidationError


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


def describe_validation_error(err: ValidationError, data: dict) -> str:
    """'rule[2].words[0].word (KM105): reason (and 2 more)': the first error, in one line.

    Shared by every TOML file users write: rule packs, channel profiles and config files.
    """
    first = err.errors()[0]
    reason = first["msg"].removeprefix("Value error, ")
    more = f" (and {err.error_count() - 1} more)" if err.error_count() > 1 else ""
    return f"{_field_path(first['loc'], data)}: {reason}{more}"
