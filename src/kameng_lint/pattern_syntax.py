"""What a regular expression's syntax tells before it runs, read with the standard parser.

Two readings, both conservative (when in doubt they say nothing):

- ``required_characters``: sets of characters of which every match holds one each (at least
  one of 内/限/逾 for a time limit). ``patterns.Pattern`` uses them as a prefilter: a text
  without them cannot match, so the pattern need not even be compiled for it.
- ``required_strings``: a set of strings of which every match holds one (one of 气死/气炸/
  气得/... for the anger pattern). ``patterns.Pattern`` turns it into a gate, a quick ``re``
  search for those strings, in front of a pattern that runs on many texts.
- ``required_strings_and_lead``: those strings, and at most how far after a match's start the
  one it holds starts, so that a search may start that far before the first one in the text.
- ``opening``: how a match starts: its possible first characters (``first``), whether the
  ``re`` engine already scans for them itself, whether a look-behind or an anchor comes first.
  ``patterns.text_for_re`` chooses the engine from it.

``\\p{..}`` (which the standard parser lacks) is read as a stand-in: as \\w for requirements
(a class of many characters gives no requirement), as an unknown for first characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import regex

try:  # the standard library's parser: private, so anything unexpected means "no reading"
    from re import _constants as _sre
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - Python without re._parser
    _sre = _sre_parser = None

#: Flags whose meaning the readings understand; with others a pattern is not read.
KNOWN_FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.DOTALL | regex.VERBOSE | regex.UNICODE
#: A character class larger than this is no useful requirement.
_MAX_SET = 48
#: Characters in nearly every draft: a requirement made of them filters nothing.
_COMMON = frozenset("的了是我在不有这个们一人和就也都要你他说到")
#: How many requirements a pattern keeps (each is one set intersection per call).
_MAX_REQUIREMENTS = 3


# -- what a pattern cannot match without ---------------------------------------------------------
_P_ESCAPE = re.compile(r"(?<!\\)\\[pP]\{[^}]*\}")
#: Syntax that the standard parser would read with another meaning (fuzzy counts, V1 sets).
_REGEX_ONLY = re.compile(r"\{[^}]*[<>=][^}]*\}|\(\?[^)]*V1|--|&&|~~|\|\|")


def _parse(pattern: str, flags: int, p_escape: str) -> Any:
    """The standard parser's reading of a pattern, with ``\\p{..}`` read as ``p_escape``; None
    when it cannot read it the way the regex module does."""
    if _sre_parser is None or flags & ~KNOWN_FLAGS or "\\\\" in pattern or _REGEX_ONLY.search(pattern):
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
        return _sequence(list(body), _folds_case(ignore_case, add_flags, del_flags))
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(list(av), ignore_case)
    if op is c.ASSERT:  # a look-ahead or look-behind must find its text next to the match
        return _sequence(list(av[1]), ignore_case)
    if op is c.BRANCH:
        return _branch([_sequence(list(b), ignore_case) for b in av[1]])
    return []  # any character, categories, anchors, negative look-arounds, back-references


def _folds_case(ignore_case: bool, add_flags: int, del_flags: int) -> bool:
    """Whether a group's body is matched case-insensitively: (?i:...) turns it on, (?-i:...) off."""
    if add_flags & re.IGNORECASE:
        return True
    if del_flags & re.IGNORECASE:
        return False
    return ignore_case


def _chars(chars: list[str], ignore_case: bool) -> list[frozenset[str]]:
    if ignore_case and any(ch.lower() != ch.upper() for ch in chars):
        return []  # case folding has surprises (K and the Kelvin sign); not worth a prefilter
    return [frozenset(chars)]


def _class(items: list, ignore_case: bool) -> list[frozenset[str]]:
    chars = _class_members(items)
    return _chars(chars, ignore_case) if chars else []


def _class_members(items: list) -> list[str] | None:
    """The characters of a small class; None for a large or open one."""
    c = _sre
    chars: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            chars.append(chr(av))
        elif op is c.RANGE and av[1] - av[0] < _MAX_SET:
            chars.extend(chr(code) for code in range(av[0], av[1] + 1))
        else:  # negated class, \d, \w, a wide range
            return None
    return chars if len(chars) <= _MAX_SET else None


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


# -- strings every match holds ---------------------------------------------------------------------
#: How many strings a reading of a pattern part may spell out before it gives up on spelling.
_MAX_STRINGS = 128


def required_strings(pattern: str, flags: int = 0) -> frozenset[str]:
    """A set of strings of which every match of ``pattern`` (or the text after it, for a
    look-ahead) contains one: all within the stretch a search with ``pos``/``endpos`` reads.
    Empty when none is certain, and when the pattern is itself no more than a list of strings
    (searching for them is running the pattern).

    Each part of the pattern is read as the finite set of strings it can match, as long as
    there are at most ``_MAX_STRINGS`` (把|拿|将 then 我|我们|消费者 spells 把我, 把我们, ...);
    a part that cannot be spelled (\\d+, \\p{Han}{0,6}) ends the run before it, and each run is a
    requirement. Of all requirements the one with the longest shortest string wins: two
    characters side by side are rare where one alone is common.
    """
    return required_strings_and_lead(pattern, flags)[0]


def required_strings_and_lead(pattern: str, flags: int = 0) -> tuple[frozenset[str], int | None]:
    """``required_strings``, and at most how far after a match's start the required string it
    holds starts (None: no bound, as after \\d+)."""
    parsed = _parse(pattern, flags, r"\w")
    if parsed is None:
        return frozenset(), None
    ignore_case = bool((flags | parsed.state.flags) & re.IGNORECASE)
    spelled, requirements = _spell_sequence(list(parsed), ignore_case)
    if spelled is not None or not requirements:
        return frozenset(), None
    strings, lead = max(requirements, key=lambda r: _strength(r[0]))
    return strings, None if ignore_case else lead


def _strength(strings: frozenset[str]) -> tuple[int, int]:
    return (min(3, min(map(len, strings))), -len(strings))


#: A requirement: strings of which a match holds one, and at most how far from the start of the
#: part read the one it holds starts (None: no bound).
_Requirement = tuple[frozenset[str], "int | None"]
#: A part's reading: the strings it can match (None: too many to spell) and the requirements
#: found inside it.
_Reading = tuple[frozenset[str] | None, list[_Requirement]]
_EMPTY: _Reading = (frozenset({""}), [])
_UNSPELLED: _Reading = (None, [])


def _plus(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _spell_sequence(items: list, ignore_case: bool) -> _Reading:
    run: frozenset[str] = frozenset({""})  # the strings the parts since the last break spell
    run_start: int | None = 0  # at most how far from the sequence's start the run starts
    offset: int | None = 0  # at most how far from the sequence's start this part starts
    requirements: list[_Requirement] = []
    whole = True  # every part spelled, in one run
    for op, av in items:
        spelled, inner = _spell_item(op, av, ignore_case)
        requirements += [(strings, _plus(offset, lead)) for strings, lead in inner]
        if spelled is not None and len(run) * len(spelled) <= _MAX_STRINGS:
            if run == _EMPTY[0]:
                run_start = offset
            run = frozenset(a + b for a in run for b in spelled)
        else:
            _add_requirement(requirements, run, run_start)
            whole = False
            run, run_start = (spelled, offset) if spelled is not None else (frozenset({""}), None)
        offset = _plus(offset, _reach_of_item(op, av))
    _add_requirement(requirements, run, run_start)
    return (run if whole else None), requirements


def _add_requirement(requirements: list[_Requirement], strings: frozenset[str] | None, lead: int | None) -> None:
    if strings and "" not in strings:  # a part that may match nothing requires nothing
        requirements.append((strings, lead))


def _spell_item(op, av, ignore_case: bool) -> _Reading:
    c = _sre
    if op is c.LITERAL or op is c.IN:
        chars = [chr(av)] if op is c.LITERAL else _class_members(av)
        return (frozenset(chars), []) if chars and _chars(chars, ignore_case) else _UNSPELLED
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        return _spell_repeat(*av, ignore_case)
    if op is c.SUBPATTERN:
        _, add_flags, del_flags, body = av
        return _spell_sequence(list(body), _folds_case(ignore_case, add_flags, del_flags))
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _spell_sequence(list(av), ignore_case)
    if op is c.ASSERT:  # the text beside the match holds it; the match itself spells nothing
        if av[0] < 0:
            # A look-behind's text may lie before where a search starts, which a gate run over
            # the searched stretch alone would miss: it requires nothing here.
            return _UNSPELLED
        spelled, inner = _spell_sequence(list(av[1]), ignore_case)
        _add_requirement(inner, spelled, 0)
        return None, inner
    if op in (c.ASSERT_NOT, c.AT):
        return _EMPTY  # zero width: the strings around it meet
    if op is c.BRANCH:
        return _spell_branch([_spell_sequence(list(b), ignore_case) for b in av[1]])
    return _UNSPELLED  # any character, categories, back-references, conditionals


def _spell_repeat(low: int, high: int, body: Any, ignore_case: bool) -> _Reading:
    spelled, inner = _spell_sequence(list(body), ignore_case)
    if spelled is not None and high <= 2 and len(spelled) ** high <= _MAX_STRINGS:
        strings: set[str] = set()
        layer = frozenset({""})
        for count in range(high + 1):  # (?:都)? spells "" and 都
            if count >= low:
                strings |= layer
            layer = frozenset(a + b for a in layer for b in spelled)
        return frozenset(strings), []
    if low == 0:
        return _UNSPELLED
    _add_requirement(inner, spelled, 0)  # the first time round holds it
    return None, inner


def _spell_branch(readings: list[_Reading]) -> _Reading:
    if all(spelled is not None for spelled, _ in readings):
        strings = frozenset().union(*(spelled for spelled, _ in readings))
        if len(strings) <= _MAX_STRINGS:
            return strings, []
    # Whichever alternative matched brought one of its own requirements: their union holds.
    joined: set[str] = set()
    lead: int | None = 0
    for spelled, inner in readings:
        choices = inner + ([(spelled, 0)] if spelled and "" not in spelled else [])
        if not choices:
            return _UNSPELLED
        strings, choice_lead = max(choices, key=lambda r: _strength(r[0]))
        joined |= strings
        lead = None if lead is None or choice_lead is None else max(lead, choice_lead)
    return None, [(frozenset(joined), lead)]


# -- how far a part of a pattern reads ----------------------------------------------------------
# At most how many characters a part's match (and its look-aheads, counted as if matched)
# spans; None when there is no bound (``+``, ``*``, ``{3,}``, back-references). Summed over the
# parts before a required string, it bounds how far after a match's start that string starts.
def _reach_of_sequence(items: list) -> int | None:
    total = 0
    for op, av in items:
        width = _reach_of_item(op, av)
        if width is None:
            return None
        total += width
    return total


def _reach_of_item(op, av) -> int | None:
    c = _sre
    if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY):
        return 1
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        _, high, body = av
        width = _reach_of_sequence(list(body))
        return None if width is None or high == c.MAXREPEAT else high * width
    if op is c.SUBPATTERN:
        _, add_flags, _, body = av
        return None if add_flags & re.IGNORECASE else _reach_of_sequence(list(body))
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _reach_of_sequence(list(av))
    if op is c.BRANCH:
        widths = [_reach_of_sequence(list(branch)) for branch in av[1]]
        return None if None in widths else max(widths)
    if op is c.ASSERT:  # a look-ahead reads on from here; a look-behind reads what lies before
        return _reach_of_sequence(list(av[1])) if av[0] >= 0 else 0
    if op in (c.ASSERT_NOT, c.AT):
        return 0
    return None  # back-references, conditionals


def literal_search(strings: frozenset[str]) -> str:
    """A regular expression that finds any of ``strings``, written as a trie (去(?:您|你)|来您):
    ``re`` tries one short branch per character instead of every string, and it scans ahead
    for the first characters itself. A string that extends another is left out (finding the
    shorter one is enough)."""
    trie: dict = {}
    for string in strings:
        node = trie
        for ch in string:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_text(trie)


def _trie_text(node: dict) -> str:
    if "" in node:
        return ""
    branches = [re.escape(ch) + _trie_text(child) for ch, child in sorted(node.items())]
    # Literals, never a class: re scans ahead for an alternation that opens with literals.
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


# -- where a match can start --------------------------------------------------------------------
#: Read in place of \\p{..} and \\P{..}: a private-use code point that, met where a match may
#: start, means "unknown" (\\w would be no superset: \\p{Han} has symbols, \\P{Han} punctuation).
_UNKNOWN = 0x10FFFD
_CATEGORY_ESCAPES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                     "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


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


@dataclass(frozen=True)
class Opening:
    """How the matches of a pattern start."""

    #: The body of a character class holding every match's first character; None if unknown.
    first: str | None
    #: ``re`` scans for the start itself: a literal, a class, or one alternation of literals.
    re_scans_ahead: bool
    #: A look-behind or an anchor comes first (in every alternative).
    assertion_first: bool

    @property
    def literals_only(self) -> bool:
        return self.first is not None and not any(e in self.first for e in _CATEGORY_ESCAPES.values())


def opening(pattern: str, flags: int = 0) -> Opening | None:
    """How the matches of ``pattern`` start; None when the standard parser cannot read it."""
    parsed = _parse(pattern, flags, f"\\U{_UNKNOWN:08x}")
    if parsed is None:
        return None
    return Opening(_first_characters(parsed), _re_scans_ahead(parsed), _opens_with_assertion(parsed))


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


def _re_scans_ahead(parsed: Any) -> bool:
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
