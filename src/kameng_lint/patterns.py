"""Regular expressions compiled only when a run needs them, on the faster engine.

A short run (one draft, a pre-commit hook) pays more for compiling the linter's hundred-odd
patterns than for running them. ``compile`` returns a ``Pattern`` that compiles on first use,
and before that answers "no match" without compiling when the text lacks characters every
match needs: read from the pattern's own syntax (at least one of 内/限/逾 for a time limit),
checked as a set intersection with the text's characters. Like RE2's and Hyperscan's
prefilters, a requirement may let a text through that then has no match; it never turns one
away that has.

Two engines: the standard library's ``re`` compiles three times faster and has less overhead
per call; the ``regex`` module reads more (variable-length look-behind, \\p{Han}) and scans for
the first characters of nested alternations, which ``re`` tries at every position. So
``text_for_re`` sends a pattern by how it starts: literals and classes to ``re`` as they are;
nested alternations of literals to ``regex`` (2-4x faster there); a look-behind or a \\d first
to ``re`` with a look-ahead for the possible first characters in front (2x faster than either
engine without it). ``regex``'s compiled patterns are kept in the user cache between runs (its
pickling keeps the compiled code), so its slower compile is paid once.

A pattern the standard parser cannot read, or one using syntax of the ``regex`` module alone
(fuzzy matching, V1 sets), has no requirements and compiles at its first use.
"""

from __future__ import annotations

import atexit
import hashlib
import re
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import regex

try:  # the standard library's parser: private, so anything unexpected means "no prefilter"
    from re import _constants as _sre
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - Python without re._parser
    _sre = _sre_parser = None

#: Flags whose meaning the requirement analysis understands; others disable the prefilter.
_KNOWN_FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.DOTALL | regex.VERBOSE | regex.UNICODE
#: A character class larger than this is no useful requirement.
_MAX_SET = 48
#: Characters in nearly every draft: a requirement made of them filters nothing.
_COMMON = frozenset("的了是我在不有这个们一人和就也都要你他说到")
#: How many requirements a pattern keeps (each is one set intersection per call).
_MAX_REQUIREMENTS = 3
#: Below this length a text goes straight to the engine (rules search short windows often).
_SHORT_TEXT = 48


class Pattern:
    """A compiled-on-demand ``regex`` pattern with a character prefilter.

    It answers ``search``, ``match``, ``fullmatch``, ``finditer``, ``findall``, ``sub`` and
    ``split`` like ``regex.Pattern`` (same arguments, including ``timeout``).
    """

    __slots__ = ("pattern", "flags", "timeout", "_requirements", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, timeout: float | None = None) -> None:
        self.pattern = pattern
        self.flags = flags
        #: Seconds a search may take (a user's pattern that backtracks): needs the regex module.
        self.timeout = timeout
        self._requirements: tuple[frozenset[str], ...] | None = None
        self._compiled: Any = None

    def __repr__(self) -> str:
        return f"patterns.compile({self.pattern!r})"

    @property
    def compiled(self) -> Any:
        """The engine: the standard library's ``re`` where it reads the pattern the same way,
        since it compiles three times faster and searches as fast; else the ``regex`` module
        (variable-length look-behind, \\p{Han}, a timeout)."""
        if self._compiled is None:
            self._compiled = _compile_engine(self.pattern, self.flags, self.timeout)
        return self._compiled

    @property
    def groupindex(self) -> dict[str, int]:
        return self.compiled.groupindex

    @property
    def requirements(self) -> tuple[frozenset[str], ...]:
        """Sets of characters; a text can match only if it has a character of every set."""
        if self._requirements is None:
            self._requirements = _remembered_requirements(self.pattern, self.flags)
        return self._requirements

    def may_match(self, text: str) -> bool:
        """False only when ``text`` certainly has no match (it lacks a required character)."""
        requirements = self._requirements
        if requirements is None:
            requirements = self.requirements
        if not requirements or len(text) < _SHORT_TEXT:
            return True  # a few characters: the engine answers as fast as the filter
        present = characters_of(text)
        for needed in requirements:
            if present.isdisjoint(needed):
                return False
        return True

    def _options(self, kwargs: dict) -> dict:
        return {**kwargs, "timeout": self.timeout} if self.timeout is not None else kwargs

    def _engine(self, text: str) -> Any:
        """The compiled pattern, or None when ``text`` certainly has no match.

        Only a pattern not compiled yet is filtered: that saves compiling what a short run
        never needs. Once compiled, the engine's own literal scan turns a text away as fast
        as the filter would (measured), so the filter would only add its cost.
        """
        if self._compiled is not None:
            return self._compiled
        return self.compiled if self.may_match(text) else None

    def search(self, string: str, *args: Any, **kwargs: Any) -> regex.Match | None:
        engine = self._engine(string)
        return engine.search(string, *args, **self._options(kwargs)) if engine else None

    def match(self, string: str, *args: Any, **kwargs: Any) -> regex.Match | None:
        engine = self._engine(string)
        return engine.match(string, *args, **self._options(kwargs)) if engine else None

    def fullmatch(self, string: str, *args: Any, **kwargs: Any) -> regex.Match | None:
        engine = self._engine(string)
        return engine.fullmatch(string, *args, **self._options(kwargs)) if engine else None

    def finditer(self, string: str, *args: Any, **kwargs: Any) -> Iterator[regex.Match]:
        engine = self._engine(string)
        return engine.finditer(string, *args, **self._options(kwargs)) if engine else iter(())

    def findall(self, string: str, *args: Any, **kwargs: Any) -> list:
        engine = self._engine(string)
        return engine.findall(string, *args, **self._options(kwargs)) if engine else []

    def sub(self, repl: Any, string: str, *args: Any, **kwargs: Any) -> str:
        engine = self._engine(string)
        return engine.sub(repl, string, *args, **self._options(kwargs)) if engine else string

    def split(self, string: str, *args: Any, **kwargs: Any) -> list[str]:
        engine = self._engine(string)
        return engine.split(string, *args, **self._options(kwargs)) if engine else [string]


def compile(pattern: str, flags: int = 0, timeout: float | None = None) -> Pattern:  # noqa: A001
    return Pattern(pattern, flags, timeout)


def _compile_engine(pattern: str, flags: int, timeout: float | None) -> Any:
    if timeout is None and not flags & ~_KNOWN_FLAGS:
        for_re = _text_for_re_of.get((pattern, flags), lambda: _readable_by_re(pattern, flags))
        if for_re:
            return re.compile(for_re, flags & ~regex.UNICODE)
    return _compiled_by_regex.get((pattern, flags), lambda: regex.compile(pattern, flags))


def _readable_by_re(pattern: str, flags: int) -> str:
    """``text_for_re``'s answer if ``re`` compiles it, else "" (remembered: the next run does
    not try again)."""
    for_re = text_for_re(pattern, flags)
    if not for_re:
        return ""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" and the like: leave to regex
            re.compile(for_re, flags & ~regex.UNICODE)  # kept in re's own cache for the caller
    except (re.error, Warning, OverflowError, RecursionError):
        return ""
    return for_re


# -- results kept between runs -------------------------------------------------------------------
class _KeptBetweenRuns:
    """A dict loaded from the user cache on first use and written back at exit if it grew."""

    def __init__(self, kind: str, *key_parts: str) -> None:
        self._kind, self._key_parts = kind, key_parts
        self._entries: dict | None = None
        self._loaded = 0

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        entries = self._entries
        if entries is None:
            from . import cache

            entries = self._entries = cache.load(self._kind, cache.key(*self._key_parts)) or {}
            self._loaded = len(entries)
            atexit.register(self._save)
        found = entries.get(key)
        if found is None:
            found = entries[key] = compute()
        return found

    def _save(self) -> None:
        if self._entries and len(self._entries) > self._loaded:
            from . import cache

            cache.store(self._kind, cache.key(*self._key_parts), self._entries)


def _source_digest() -> str:
    """This module's own text: a change to the analyses below must not meet older results
    (a development checkout keeps its version number while the code changes)."""
    try:
        with open(__file__, "rb") as source:
            return hashlib.sha256(source.read()).hexdigest()
    except OSError:  # pragma: no cover - run from an archive: the package version decides
        return ""


#: Requirements already worked out: reading a pattern with the standard parser costs about as
#: much as compiling it, which a short run avoids.
_requirements_of = _KeptBetweenRuns("patterns", "requirements", _source_digest())
#: What ``re`` compiles for a pattern ("" for none: the regex module's): another parse of each.
_text_for_re_of = _KeptBetweenRuns("for-re", "text for re", _source_digest())
#: The patterns the regex module runs, compiled. Its pickling keeps the compiled code, so
#: loading one takes 0.16 ms against 7 ms to compile it; the key holds the regex version,
#: whose code another version could not run.
_compiled_by_regex = _KeptBetweenRuns("compiled", "regex", getattr(regex, "__version__", "?"))


def _remembered_requirements(pattern: str, flags: int) -> tuple[frozenset[str], ...]:
    return _requirements_of.get((pattern, flags), lambda: required_characters(pattern, flags))


# -- the characters of a text, once per text ---------------------------------------------------
#: A few recent texts by identity: the patterns not compiled yet ask about the same draft (its
#: normalised and its unquoted form) dozens of times in a row.
_recent: dict[int, tuple[str, frozenset[str]]] = {}
_RECENT_MAX = 8


def characters_of(text: str) -> frozenset[str]:
    entry = _recent.get(id(text))
    if entry is not None and entry[0] is text:
        return entry[1]
    if len(_recent) >= _RECENT_MAX:
        try:
            del _recent[next(iter(_recent))]  # the oldest
        except (KeyError, RuntimeError, StopIteration):  # another thread got there first
            pass
    chars = frozenset(text)
    _recent[id(text)] = (text, chars)  # holding the text keeps its id from being reused
    return chars


# -- what a pattern cannot match without ---------------------------------------------------------
_P_ESCAPE = re.compile(r"(?<!\\)\\[pP]\{[^}]*\}")
#: Syntax that the standard parser would read with another meaning (fuzzy counts, V1 sets).
_REGEX_ONLY = re.compile(r"\{[^}]*[<>=][^}]*\}|\(\?[^)]*V1|--|&&|~~|\|\|")


def _parse(pattern: str, flags: int, p_escape: str) -> Any:
    """The standard parser's reading of a pattern, with ``\\p{..}`` read as ``p_escape``; None
    when it cannot read it the way the regex module does."""
    if _sre_parser is None or flags & ~_KNOWN_FLAGS or "\\\\" in pattern or _REGEX_ONLY.search(pattern):
        return None
    try:
        return _sre_parser.parse(_P_ESCAPE.sub(lambda _: p_escape, pattern),
                                 flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE))
    except Exception:  # noqa: BLE001 - anything the standard parser rejects gets no analysis
        return None


def required_characters(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Character sets of which every match of ``pattern`` contains at least one member each
    (or that stand in the text around it, for look-arounds). Empty when unknown."""
    # \p{Han} is a class of many characters: as far as requirements go, the same as \w.
    parsed = _parse(pattern, flags, r"\w")
    if parsed is None:
        return ()
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    found = _sequence(list(parsed), ignore_case)
    found.sort(key=_usefulness)
    return tuple(found[:_MAX_REQUIREMENTS])


def _usefulness(chars: frozenset[str]) -> tuple[int, int]:
    """Rare and few characters first: they reject the most texts."""
    return (len(chars & _COMMON), len(chars))


def _sequence(items: list, ignore_case: bool) -> list[frozenset[str]]:
    found: list[frozenset[str]] = []
    for op, av in items:
        found += _item(op, av, ignore_case)
    return found


def _item(op, av, ignore_case: bool) -> list[frozenset[str]]:
    c = _sre
    if op is c.LITERAL:
        return _chars([chr(av)], ignore_case)
    if op is c.IN:
        return _class(av, ignore_case)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _, body = av
        return _sequence(list(body), ignore_case) if low >= 1 else []
    if op is c.SUBPATTERN:
        _, add_flags, del_flags, body = av
        if add_flags & re.IGNORECASE:
            ignore_case = True
        if del_flags & re.IGNORECASE:
            ignore_case = False
        return _sequence(list(body), ignore_case)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(list(av), ignore_case)
    if op is c.ASSERT:  # a look-ahead or look-behind must find its text next to the match
        return _sequence(list(av[1]), ignore_case)
    if op is c.BRANCH:
        return _branch([_sequence(list(b), ignore_case) for b in av[1]])
    return []  # any character, categories, anchors, negative look-arounds, back-references


def _chars(chars: list[str], ignore_case: bool) -> list[frozenset[str]]:
    if ignore_case and any(ch.lower() != ch.upper() for ch in chars):
        return []  # case folding has surprises (K and the Kelvin sign); not worth a prefilter
    return [frozenset(chars)]


def _class(items: list, ignore_case: bool) -> list[frozenset[str]]:
    c = _sre
    chars: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            chars.append(chr(av))
        elif op is c.RANGE and av[1] - av[0] < _MAX_SET:
            chars.extend(chr(code) for code in range(av[0], av[1] + 1))
        else:  # negated class, \d, \w, a wide range
            return []
    return _chars(chars, ignore_case) if len(chars) <= _MAX_SET else []


def _branch(alternatives: list[list[frozenset[str]]]) -> list[frozenset[str]]:
    """One set from each alternative, joined: whichever alternative matched brought its own.

    Alternatives with fewer choices pick first, and each then takes the set that adds the
    least, so (?:之内|以内|内) needs just 内.
    """
    if not alternatives or any(not choices for choices in alternatives):
        return []
    joined: frozenset[str] = frozenset()
    for choices in sorted(alternatives, key=len):
        joined |= min(choices, key=lambda s: (len(s - joined), _usefulness(s)))
    return [joined] if len(joined) <= _MAX_SET * 4 else []


# -- where a match can start --------------------------------------------------------------------
#: Read in place of \\p{..} and \\P{..}: a private-use code point that, met where a match may
#: start, means "unknown" (\\w would be no superset: \\p{Han} has symbols, \\P{Han} punctuation).
_UNKNOWN = 0x10FFFD
_CATEGORY_ESCAPES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                     "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}
_LEADING_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))*")


class _Unknown(Exception):
    pass


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """The body of a character class holding the first character of every match, or None
    when that is unknown or when a match may be empty."""
    parsed = _parse(pattern, flags, f"\\U{_UNKNOWN:08x}")
    return None if parsed is None else _first_characters(parsed)


def _first_characters(parsed: Any) -> str | None:
    if parsed.state.flags & re.IGNORECASE:
        return None
    out: list[str] = []
    try:
        if _first_of_sequence(list(parsed), out):
            return None  # a match may be empty
    except _Unknown:
        return None
    return "".join(dict.fromkeys(out))


def text_for_re(pattern: str, flags: int = 0) -> str | None:
    """What ``re`` should compile for ``pattern``, or None to leave it to the ``regex`` module.

    Neither engine tries a full match at every position when it can scan for where one may
    start. ``re`` scans for a literal, a class, or one alternation of literals (it gets the
    pattern as it is); ``regex`` scans for any set of first literals, however nested, and was
    2-4x faster on such patterns (they go to it; its compiled code is kept between runs).
    Where a match opens with a look-behind, an anchor or a category such as \\d, neither scans:
    a look-ahead for the first characters in front makes ``re`` the faster (the time-limit
    pattern ran 2x faster than before and than on ``regex``; the same matches, tested).
    """
    parsed = _parse(pattern, flags, f"\\U{_UNKNOWN:08x}")
    if parsed is None or _re_skips_ahead(parsed):
        return pattern  # re reads it as it is, if at all
    chars = _first_characters(parsed)
    if chars is None:
        return pattern
    literals_only = not any(escape in chars for escape in _CATEGORY_ESCAPES.values())
    if literals_only and not _opens_with_assertion(parsed):
        return None
    lead = _LEADING_FLAGS.match(pattern).end()  # global flags must stay first
    return f"{pattern[:lead]}(?=[{chars}]){pattern[lead:]}"


def _head(parsed: Any) -> list:
    """The items of a pattern with the named groups around its start taken off."""
    items = parsed
    while len(items) and items[0][0] is _sre.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
        items = items[0][1][3]
    return items


def _opens_with_assertion(parsed: Any) -> bool:
    items = _head(parsed)
    if not len(items):
        return False
    op, av = items[0]
    zero_width = (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT)
    if op is _sre.BRANCH:
        return all(len(_head(branch)) and _head(branch)[0][0] in zero_width for branch in av[1])
    return op in zero_width


def _re_skips_ahead(parsed: Any) -> bool:
    """True when ``re`` finds where a match may start by itself: the pattern opens with a
    literal, a class, or alternatives that each open with a literal (its prefix and charset
    scans; a look-ahead there made such patterns up to 3x slower)."""
    items = _head(parsed)
    if not len(items):
        return False
    op, av = items[0]
    if op is _sre.BRANCH:
        return all(len(branch) and branch[0][0] is _sre.LITERAL for branch in av[1])
    return op in (_sre.LITERAL, _sre.IN)


def _first_of_sequence(items: list, out: list[str]) -> bool:
    """Add the characters ``items`` can start with; True when they can match nothing."""
    for op, av in items:
        if not _first_of_item(op, av, out):
            return False
    return True


def _first_of_item(op, av, out: list[str]) -> bool:
    c = _sre
    if op is c.LITERAL:
        out.append(_class_char(av))
        return False
    if op is c.IN:
        out.extend(_first_of_class(av))
        return False
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _, body = av
        return _first_of_sequence(list(body), out) or low == 0
    if op is c.SUBPATTERN:
        _, add_flags, del_flags, body = av
        if add_flags or del_flags:
            raise _Unknown  # (?i:...) and the like
        return _first_of_sequence(list(body), out)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _first_of_sequence(list(av), out)
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return True  # zero width: the match starts with what follows
    if op is c.BRANCH:
        empty = False
        for branch in av[1]:
            empty |= _first_of_sequence(list(branch), out)
        return empty
    raise _Unknown  # any character, a negated literal, back-references, conditionals


def _first_of_class(items: list) -> list[str]:
    c = _sre
    out = []
    for op, av in items:
        if op is c.LITERAL:
            out.append(_class_char(av))
        elif op is c.RANGE:
            out.append(f"{_class_char(av[0])}-{_class_char(av[1])}")
        elif op is c.CATEGORY and str(av) in _CATEGORY_ESCAPES:
            out.append(_CATEGORY_ESCAPES[str(av)])
        else:
            raise _Unknown  # a negated class, an unusual category
    return out


def _class_char(code: int) -> str:
    if code == _UNKNOWN:
        raise _Unknown
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
