"""Regular expressions compiled only when a run needs them, on the faster engine.

A short run (one draft, a pre-commit hook) pays more for compiling the linter's hundred-odd
patterns than for running them. ``compile`` returns a ``Pattern`` that compiles on first use,
and before that answers "no match" without compiling when the text lacks characters every
match needs (``pattern_syntax.required_characters``: at least one of 内/限/逾 for a time
limit), checked as a set intersection with the text's characters. Like RE2's and Hyperscan's
prefilters, a requirement may let a text through that then has no match; it never turns one
away that has.

A pattern that has run on many texts gets a gate: a quick ``re`` search for strings every
match holds (``pattern_syntax.required_strings``: one of 气死/气炸/气得/... for the anger
pattern), which turns away most drafts before the engine walks the pattern's alternatives. It
waits for ``_GATE_AFTER`` uses: a short run would spend more compiling gates than they save.
Where a match's required string starts at most a few characters into it (the pattern's lead),
the engine then starts its search that far before the first one the gate found.

Two engines: ``re`` compiles three times faster and costs less per call; ``regex`` reads more
(variable-length look-behind, \\p{Han}) and scans for the first characters of nested
alternations. ``text_for_re`` picks one for each pattern by how its matches start. The
patterns ``regex`` runs are kept compiled in the user cache between runs (its pickling keeps
the compiled code), so its slower compile is paid once.
"""

from __future__ import annotations

import atexit
import hashlib
import re
import warnings
from collections.abc import Callable, Iterator
from operator import methodcaller
from typing import Any

import regex

from . import pattern_syntax
from .pattern_syntax import (  # noqa: F401 - the API
    KNOWN_FLAGS,
    first_characters,
    literal_search,
    required_characters,
    required_strings,
)

#: Below this length a text goes straight to the engine (rules search short windows often).
_SHORT_TEXT = 48
#: Uses of a compiled pattern after which it gets its gate. A gate saves a few microseconds a
#: use and costs about a millisecond to work out and compile (60 ms for all of them, measured):
#: only a run of some hundred drafts wins that back, and a shorter one never builds it.
_GATE_AFTER = 256


class Pattern:
    """A compiled-on-demand ``regex`` pattern with a character prefilter.

    It answers ``search``, ``match``, ``fullmatch``, ``finditer``, ``findall``, ``sub`` and
    ``split`` like ``regex.Pattern`` (same arguments, including ``timeout``).
    """

    __slots__ = ("pattern", "flags", "timeout", "_requirements", "_compiled", "_gate", "_lead", "_uses")

    def __init__(self, pattern: str, flags: int = 0, timeout: float | None = None) -> None:
        self.pattern = pattern
        self.flags = flags
        #: Seconds a search may take (a user's pattern that backtracks): needs the regex module.
        self.timeout = timeout
        self._requirements: tuple[frozenset[str], ...] | None = None
        self._compiled: Any = None
        #: ``re`` search for the required strings; _NO_GATE when there are none; None until
        #: the pattern has been used ``_GATE_AFTER`` times.
        self._gate: Any = None
        #: How far before the first required string the gate finds a match may start (None: no
        #: bound): the engine's search starts there, not at the start of the text.
        self._lead: int | None = None
        self._uses = 0

    def __repr__(self) -> str:
        return f"patterns.compile({self.pattern!r})"

    @property
    def compiled(self) -> Any:
        """The engine ``text_for_re`` chose: ``re`` (perhaps with a look-ahead in front), or
        the ``regex`` module (what ``re`` cannot read, nested alternations of literals, and
        any pattern with a timeout)."""
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

    def _engine(self, text: str, window: tuple = ()) -> Any:
        """The compiled pattern, or None when ``text`` (from ``window``'s pos to its endpos,
        where given) certainly has no match.

        Before it is compiled, a pattern is filtered by characters: that saves compiling what
        a short run never needs. Once compiled, the engine's own scan turns a text away as fast
        as that filter would (measured), but not as fast as the gate of required strings.
        """
        compiled = self._compiled
        if compiled is None:
            return self.compiled if self.may_match(text) else None
        gate = self._gate
        if gate is None:
            self._uses += 1
            if self._uses < _GATE_AFTER:
                return compiled
            gate, self._lead = _gate_for(self.pattern, self.flags)
            self._gate = gate
        return compiled if gate.search(text, *window[:2]) else None

    # search and finditer, the rules' everyday calls (about sixty per draft), take the settled
    # case (compiled, gate chosen, no timeout) without a further call. Positional arguments
    # after the text are pos and endpos, and the gate searches only that stretch: a rule that
    # searches a clause for an action word does not pay for a gate over the whole draft (the
    # required strings all lie there: ``pattern_syntax.required_strings``). Every match holds a
    # required string that starts at most ``_lead`` characters after the match does, so none
    # starts earlier than that before the first one the gate finds: the engine starts there (a
    # look-behind still reads the text before it).
    def search(self, string: str, *args: Any, **kwargs: Any) -> regex.Match | None:
        gate = self._gate
        if gate is not None and self.timeout is None:
            found = gate.search(string, *args[:2])
            if found is None:
                return None
            lead = self._lead
            if lead is not None and not kwargs and (start := found.start() - lead) > (args[0] if args else 0):
                args = (start, *args[1:])
            return self._compiled.search(string, *args, **kwargs)
        engine = self._engine(string, args)
        return engine.search(string, *args, **self._options(kwargs)) if engine else None

    # A match is tried at one place, which the engine does at once: no gate (it would search
    # on from there).
    def match(self, string: str, *args: Any, **kwargs: Any) -> regex.Match | None:
        engine = self._compiled or self._engine(string, args)
        return engine.match(string, *args, **self._options(kwargs)) if engine else None

    def fullmatch(self, string: str, *args: Any, **kwargs: Any) -> regex.Match | None:
        engine = self._compiled or self._engine(string, args)
        return engine.fullmatch(string, *args, **self._options(kwargs)) if engine else None

    def finditer(self, string: str, *args: Any, **kwargs: Any) -> Iterator[regex.Match]:
        gate = self._gate
        if gate is not None and self.timeout is None:
            found = gate.search(string, *args[:2])
            if found is None:
                return iter(())
            lead = self._lead
            if lead is not None and not kwargs and (start := found.start() - lead) > (args[0] if args else 0):
                args = (start, *args[1:])
            return self._compiled.finditer(string, *args, **kwargs)
        engine = self._engine(string, args)
        return engine.finditer(string, *args, **self._options(kwargs)) if engine else iter(())

    def findall(self, string: str, *args: Any, **kwargs: Any) -> list:
        engine = self._engine(string, args)
        return engine.findall(string, *args, **self._options(kwargs)) if engine else []

    def sub(self, repl: Any, string: str, *args: Any, **kwargs: Any) -> str:
        engine = self._engine(string)
        return engine.sub(repl, string, *args, **self._options(kwargs)) if engine else string

    def split(self, string: str, *args: Any, **kwargs: Any) -> list[str]:
        engine = self._engine(string)
        return engine.split(string, *args, **self._options(kwargs)) if engine else [string]


def compile(pattern: str, flags: int = 0, timeout: float | None = None) -> Pattern:  # noqa: A001
    return Pattern(pattern, flags, timeout)


# -- one alternation as several searches ----------------------------------------------------------
def leftmost(
    forms: list[Callable[[int], Any]], pos: int, ahead: list, start_of: Callable[[Any], int] = methodcaller("start")
) -> Any:
    """The leftmost match at or after ``pos`` of any of the ``forms`` (the earlier form where two
    start together): what one alternation of them finds there.

    Searching each form of an alternation on its own pays when the alternation opens with what
    the engine cannot scan for (see ``text_for_re``) and each form does not. A form is a search
    from a position on (None: no match); ``ahead[i]`` holds form i's next match from an earlier
    call (first: each form's search from ``pos``), searched again only once ``pos`` has passed
    its start, so a whole text is walked once per form.
    """
    best = None
    best_start = 0
    for i, form in enumerate(forms):
        match = ahead[i]
        if match is not None and start_of(match) < pos:
            match = ahead[i] = form(pos)
        if match is not None and (best is None or start_of(match) < best_start):
            best, best_start = match, start_of(match)
    return best


def search_accepted(pattern: Any, text: str, pos: int, endpos: int, accept: Callable[[Any], bool]) -> Any:
    """The first match in ``text[pos:endpos]`` that ``accept`` takes, searching on from the
    character after each one it refuses: what the pattern would find with ``accept`` as a
    look-behind in front. A condition on what precedes a match (not 工单号; not governed by
    客服…; 超过3天 only after 若/如果) is checked here, where a match is found, instead of as a
    look-behind that opens the pattern and keeps the engine from scanning ahead (see
    ``text_for_re``), or as one of variable length that ``re`` cannot read.
    """
    while (match := pattern.search(text, pos, endpos)) is not None:
        if accept(match):
            return match
        pos = match.start() + 1
    return None


# -- gates -----------------------------------------------------------------------------------------
#: The gate of a pattern without required strings: matches every text, at once.
_NO_GATE = re.compile("")


def _gate_for(pattern: str, flags: int) -> tuple[Any, int | None]:
    """The gate of a pattern, and how far before the first required string the gate finds a
    match may start (None: anywhere before)."""
    strings, lead = pattern_syntax.required_strings_and_lead(pattern, flags)
    return (re.compile(pattern_syntax.literal_search(strings)), lead) if strings else (_NO_GATE, None)


# -- which engine ----------------------------------------------------------------------------------
_LEADING_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))*")


def text_for_re(pattern: str, flags: int = 0) -> str | None:
    """What ``re`` should compile for ``pattern``, or None to leave it to the ``regex`` module.

    Neither engine tries a full match at every position when it can scan for where one may
    start. ``re`` scans for a literal, a class, or one alternation of literals (it gets the
    pattern as it is); ``regex`` scans for any set of first literals, however nested, and was
    2-4x faster on such patterns (they go to it; its compiled code is kept between runs).
    Where a match opens with a look-behind, an anchor or a category such as \\d, neither scans:
    a look-ahead for the first characters in front makes ``re`` the faster (the time-limit
    pattern ran 2x faster than before and than on ``regex``; the same matches, tested). Better
    still is a pattern written to open with what ``re`` scans for: the guarded character
    read first, its look-behind after it (``\\d(?<![A-Za-z]\\d)`` for ``(?<![A-Za-z])\\d``),
    as in the amount, evidence-kind and number-run patterns (amounts found 2x faster; each is
    checked against its old form by a property test).
    """
    start = pattern_syntax.opening(pattern, flags)
    if start is None or start.re_scans_ahead or start.first is None:
        return pattern  # re reads it as it is, if at all
    if start.literals_only and not start.assertion_first:
        return None
    lead = _LEADING_FLAGS.match(pattern).end()  # global flags must stay first
    return f"{pattern[:lead]}(?=[{start.first}]){pattern[lead:]}"


def _compile_engine(pattern: str, flags: int, timeout: float | None) -> Any:
    if timeout is None and not flags & ~KNOWN_FLAGS:
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
    """A dict loaded from the user cache on first use and written back at exit if it grew.

    Every run loads all that is kept (and the compiled patterns stay in each worker's memory),
    so when more than ``KEEP_UNUSED`` entries went unused, a save keeps only those this run
    used: the patterns of a pack edited again and again, or of older versions, would otherwise
    pile up (a checkout's cache that had gathered 1,200 compiled patterns added 40 MB to the
    workers of a ``-j 2`` run).
    """

    KEEP_UNUSED = 200

    def __init__(self, kind: str, *key_parts: str) -> None:
        self._kind, self._key_parts = kind, key_parts
        self._entries: dict | None = None
        self._loaded = 0
        self._used: set = set()

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        entries = self._entries
        if entries is None:
            from . import cache

            entries = self._entries = cache.load(self._kind, cache.key(*self._key_parts)) or {}
            self._loaded = len(entries)
            atexit.register(self._save)
        self._used.add(key)
        found = entries.get(key)
        if found is None:
            found = entries[key] = compute()
        return found

    def _save(self) -> None:
        entries = self._entries
        if not entries:
            return
        if len(entries) - len(self._used) > self.KEEP_UNUSED:
            entries = {key: value for key, value in entries.items() if key in self._used}
        elif len(entries) <= self._loaded:
            return  # nothing new, and little left unused: the file stays as it is
        from . import cache

        cache.store(self._kind, cache.key(*self._key_parts), entries)


def _source_digest() -> str:
    """The text of the code that works these results out: a change to it must not meet older
    results (a development checkout keeps its version number while the code changes)."""
    digest = hashlib.sha256()
    try:
        for module in (__file__, pattern_syntax.__file__):
            with open(module, "rb") as source:
                digest.update(source.read())
    except OSError:  # pragma: no cover - run from an archive: the package version decides
        return ""
    return digest.hexdigest()


_ANALYSIS = _source_digest()
#: Requirements already worked out: reading a pattern with the standard parser costs about as
#: much as compiling it, which a short run avoids.
_requirements_of = _KeptBetweenRuns("patterns", "requirements", _ANALYSIS)
#: What ``re`` compiles for a pattern ("" for none: the regex module's): another parse of each.
_text_for_re_of = _KeptBetweenRuns("for-re", "text for re", _ANALYSIS)
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
