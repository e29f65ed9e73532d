"""The languages kameng-lint speaks: simplified Chinese, traditional Chinese and English.

Every text a user reads (a rule's message, summary and rationale, the readiness verdict, the
command line's summary and error lines) exists in the three languages, side by side where it
is written:

- a rule's texts next to the rule: in a pack, a field is a string (one text for every
  language) or a table ``{ zh-Hans = "…", zh-Hant = "…", en = "…" }``; in a Python rule, a
  ``Text(zh_hans=…, zh_hant=…, en=…)``;
- the engine's and the command line's texts in one catalogue, ``locale/messages.toml``, each
  key with its three languages, read through ``t(key, lang, **fields)``.

Why per-language fields and not gettext: the rules are data that carry their own examples, and
a translator editing a rule sees its three languages together; user packs and plugins give the
languages they have and fall back to the one they give; nothing is compiled at install time.

The language of a run (``--lang``, config ``lang``, ``Config(lang=...)``) is ``auto`` by
default: each draft is answered in the script it is written in (``draft_lang``), and what
belongs to the run as a whole (the summary line) in the script of the locale when it names
one, else in simplified Chinese. ``en`` is there for tools and developers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

ZH_HANS, ZH_HANT, EN = "zh-Hans", "zh-Hant", "en"
#: The languages every built-in text is written in, the default first.
LANGS = (ZH_HANS, ZH_HANT, EN)
AUTO = "auto"
#: What ``--lang`` takes.
CHOICES = (AUTO, *LANGS)

#: Other spellings users and clients send (LanguageTool sends zh-CN; locales say zh_TW).
_ALIASES = {
    "zh": ZH_HANS, "zh-cn": ZH_HANS, "zh-sg": ZH_HANS, "zh-hans": ZH_HANS, "zh-hans-cn": ZH_HANS,
    "zh-tw": ZH_HANT, "zh-hk": ZH_HANT, "zh-mo": ZH_HANT, "zh-hant": ZH_HANT,
    "zh-hant-tw": ZH_HANT, "zh-hant-hk": ZH_HANT,
    "en": EN, "en-us": EN, "en-gb": EN,
    "auto": AUTO,
}


class UnknownLanguage(ValueError):
    """A language kameng-lint does not speak; the message lists those it does."""


def normalize_lang(value: str) -> str:
    """One of ``CHOICES`` for a language tag as users and clients write it (zh_CN, zh-TW,
    zh-Hant, en-US, auto); ``UnknownLanguage`` otherwise."""
    key = str(value).strip().replace("_", "-").lower()
    found = _ALIASES.get(key) or _ALIASES.get(key.split(".")[0])  # zh_CN.UTF-8
    if found is None:
        raise UnknownLanguage(f"unknown language {value!r} (choose one of {', '.join(CHOICES)})")
    return found


class Text:
    """One text in several languages. Asked for a language it lacks, it answers in the
    nearest one it has: the other Chinese script, then English, then whatever it has."""

    __slots__ = ("_by_lang",)

    def __init__(self, by_lang: Mapping[str, str] | None = None, *, zh_hans: str | None = None,
                 zh_hant: str | None = None, en: str | None = None) -> None:
        texts = dict(by_lang or {})
        for lang, text in ((ZH_HANS, zh_hans), (ZH_HANT, zh_hant), (EN, en)):
            if text is not None:
                texts[lang] = text
        if not texts:
            raise ValueError("a Text needs at least one language")
        self._by_lang = {normalize_lang(lang): text for lang, text in texts.items()}

    @classmethod
    def of(cls, value: str | Mapping[str, str] | Text | None) -> Text | None:
        """A Text from what a pack or a plugin gives: a plain string (the same text in every
        language), a table of languages, or a Text."""
        if value is None or isinstance(value, Text):
            return value
        if isinstance(value, str):
            return cls({lang: value for lang in LANGS})
        return cls(value)

    @property
    def langs(self) -> tuple[str, ...]:
        """The languages it is written in."""
        return tuple(lang for lang in LANGS if lang in self._by_lang)

    def __call__(self, lang: str = ZH_HANS) -> str:
        by_lang = self._by_lang
        found = by_lang.get(lang)
        if found is not None:
            return found
        for other in _FALLBACKS.get(lang, LANGS):
            if other in by_lang:
                return by_lang[other]
        return next(iter(by_lang.values()))

    def format(self, lang: str, **fields: object) -> str:
        """The text in ``lang`` with ``{name}`` filled from ``fields`` (left as written when it
        names a field not given)."""
        template = self(lang)
        try:
            return template.format(**fields)
        except (KeyError, IndexError, ValueError):
            return template

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and self._by_lang == other._by_lang

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._by_lang.items())))

    def __repr__(self) -> str:
        return f"Text({self._by_lang!r})"

    def __getstate__(self):
        return self._by_lang

    def __setstate__(self, state) -> None:
        self._by_lang = state


_FALLBACKS = {ZH_HANS: (ZH_HANT, EN), ZH_HANT: (ZH_HANS, EN), EN: (ZH_HANS, ZH_HANT)}


# -- the catalogue of the engine's and the command line's texts ----------------------------------
def catalogue_path() -> Path:
    return Path(__file__).parent / "locale" / "messages.toml"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Text]:
    """Every key of ``locale/messages.toml`` and its Text. A table nests keys: ``[summary]``
    with ``found = {…}`` is the key ``summary.found``."""
    import tomllib

    with open(catalogue_path(), "rb") as file:
        data = tomllib.load(file)
    found: dict[str, Text] = {}

    def walk(prefix: str, table: dict) -> None:
        for name, value in table.items():
            key = f"{prefix}{name}"
            if isinstance(value, dict) and not set(value) & set(LANGS):
                walk(f"{key}.", value)
            else:
                found[key] = Text.of(value)

    walk("", data)
    return found


def t(key: str, lang: str = ZH_HANS, **fields: object) -> str:
    """The catalogue's text for ``key`` in ``lang``, with ``{name}`` filled from ``fields``."""
    text = catalogue().get(key)
    if text is None:
        raise KeyError(f"no text {key!r} in {catalogue_path().name}")
    return text.format(lang, **fields)


# -- which language to speak ---------------------------------------------------------------------
def draft_lang(text: str) -> str:
    """The Chinese a draft is written in: zh-Hant when it reads as traditional script."""
    from .script import is_traditional

    return ZH_HANT if is_traditional(text) else ZH_HANS


def resolve(setting: str | None, text: str | None = None) -> str:
    """The language to answer in: the setting, or for ``auto`` (and None) the draft's script
    (``draft_lang``), or without a draft ``locale_lang()``."""
    if setting in LANGS:
        return setting  # type: ignore[return-value]
    if setting not in (None, AUTO):
        setting = normalize_lang(setting)
        if setting != AUTO:
            return setting
    return draft_lang(text) if text else locale_lang()


def locale_lang(environ: Mapping[str, str] | None = None) -> str:
    """Traditional Chinese when the locale names it (zh_TW, zh_HK, zh_MO), else simplified:
    kameng-lint answers in Chinese unless asked for English (``--lang en``), whatever the
    machine's locale (a server's is often C or en_US)."""
    import os

    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            try:
                return ZH_HANT if normalize_lang(value) == ZH_HANT else ZH_HANS
            except UnknownLanguage:
                return ZH_HANS
    return ZH_HANS


def run_lang(setting: str | None, langs: Iterable[str] = ()) -> str:
    """The language of what belongs to a whole run (the summary line): the setting; for
    ``auto``, the drafts' own language when they share one, else the locale's."""
    if setting not in (None, AUTO):
        return resolve(setting)
    seen = set(langs)
    return seen.pop() if len(seen) == 1 else locale_lang()
