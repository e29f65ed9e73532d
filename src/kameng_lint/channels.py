"""Channel profiles: what a complaint must contain depends on where it goes.

A profile is a TOML file (built-in ones in ``rules/channels/``), validated here::

    [profile]
    name = "12315"
    title = "全国12315平台"
    basis = "市场监督管理投诉举报处理暂行办法 第9条"   # cited by every missing-item finding
    third_party = true          # a stage-2 channel: the platform should have been asked first
    phone_is_public = false     # true: the text is published, so a full phone number is flagged
    addressed_as = ["12315"]    # a draft opening 致12315： is checked against this profile

    [[require]]                 # one table per item the draft must contain
    item = "complainant_name"
    label = "投诉人姓名"
    pattern = '投诉人\\s*[:：]'  # a regex on the width-normalised text, and/or
    detector = "demand"         # a built-in detector: order_number, demand, facts, amount, phone
    why = "第9条: the complainant's name"
    inferred = true                 # also when the draft only opens 致12315：

``--channel NAME`` picks a built-in profile; ``--channel path/to/profile.toml`` loads a user's.
An item is present when its pattern or its detector finds it. With the default channel, a
draft that opens by addressing another channel (致消费者协会：…) is checked against that one.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from . import cache
from .errors import ConfigError
from .resources import builtin_channels_dir
from .toml_models import parse_toml_model

DEFAULT_CHANNEL = "platform"

#: A validated profile (``channel_specs.ChannelProfile``) as plain records: ``.profile`` (the
#: header) and ``.require`` (the items).
Profile = Any


def requires(profile: Profile, detector: str) -> bool:
    """Whether the profile asks for the item a built-in detector finds (order_number, ...)."""
    return any(item.detector == detector for item in profile.require)


def item_pattern(item: Any) -> regex.Pattern | None:
    """A required item's own pattern, compiled, if it has one."""
    return _compile(item.pattern) if item.pattern else None


@lru_cache(maxsize=256)
def _compile(pattern: str) -> regex.Pattern:
    return regex.compile(pattern)


@lru_cache(maxsize=1)
def _builtin_channel_names() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in builtin_channels_dir().glob("*.toml")))


def available_channels() -> list[str]:
    """Names of the built-in profiles, sorted."""
    return list(_builtin_channel_names())  # the installed files do not change while we run


def parse_profile(text: str, source: str) -> Profile:
    """A profile's TOML, validated, as plain records; kept in the user cache by its text, so
    the profiles a run reads need neither a TOML parser nor pydantic the next time."""
    key = cache.key("profile", source, text)
    profile = cache.load("profile", key)
    if profile is None:
        from .channel_specs import ChannelProfile

        profile = parse_toml_model(ChannelProfile, text, source, ConfigError)
        cache.store("profile", key, profile)
    return profile


@lru_cache(maxsize=32)
def load_profile(channel: str = DEFAULT_CHANNEL) -> Profile:
    """A built-in profile by name, or a user's profile by path (``*.toml``)."""
    if channel.endswith(".toml"):
        path = Path(channel)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise ConfigError(f"{path}: cannot read channel profile: {err}") from None
        return parse_profile(text, str(path))
    path = builtin_channels_dir() / f"{channel}.toml"
    if channel not in available_channels():
        raise ConfigError(
            f"unknown channel {channel!r} (choose one of {', '.join(available_channels())}, "
            "or give the path of a profile .toml)"
        )
    return parse_profile(path.read_text(encoding="utf-8"), f"rules/channels/{path.name}")


#: 致12315：, 尊敬的消费者协会：, 黑猫投诉： at the very start of a draft.
_ADDRESS_RE = regex.compile(r"^\s*(?:致|尊敬的|您好[，,]?|To[: ]?)?\s*(?P<name>[^\s:：，,。]{2,12})")


def addressed_profile(opening: str) -> Profile | None:
    """The built-in profile a draft addresses in its first words, if any."""
    match = _ADDRESS_RE.match(opening)
    if not match:
        return None
    name = match.group("name")
    for channel, addressed_as in _address_book():
        if name.startswith(addressed_as):
            return load_profile(channel)
    return None


@lru_cache(maxsize=1)
def _address_book() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(channel, the names it is addressed by) for every built-in profile, in order: read once,
    as ``str.startswith`` takes them (one call per channel, not one per name)."""
    return tuple((channel, tuple(load_profile(channel).profile.addressed_as)) for channel in available_channels())


def resolve_profile(configured: Profile | None, opening: str) -> tuple[Profile, bool]:
    """(profile, inferred): the configured profile; with the default one, the channel the draft
    itself addresses (inferred=True, so only its ``inferred`` items are required)."""
    if configured is not None and configured.profile.name != DEFAULT_CHANNEL:
        return configured, False
    addressed = addressed_profile(opening)
    if addressed is not None:
        return addressed, True
    return configured or load_profile(), False
