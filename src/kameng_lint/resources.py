"""Where the package's own data lives: the built-in rule packs and channel profiles.

The top-level ``rules/`` folder is installed as ``kameng_lint/packs``; in a source checkout
(an editable install) it is read from ``rules/`` itself, so an edit there takes effect
without reinstalling.
"""

from __future__ import annotations

from pathlib import Path


def builtin_packs_dir() -> Path:
    """The built-in packs' folder (``rules/`` in a checkout, ``kameng_lint/packs`` installed)."""
    installed = Path(__file__).parent / "packs"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_channels_dir() -> Path:
    """The built-in channel profiles (``rules/channels/``)."""
    return builtin_packs_dir() / "channels"


def builtin_pack_sources() -> list[tuple[str, str]]:
    """(name, TOML text) of the built-in packs, in name order."""
    return [
        (f"rules/{path.name}", path.read_text(encoding="utf-8"))
        for path in sorted(builtin_packs_dir().glob("*.toml"))
    ]
