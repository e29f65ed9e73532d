"""How real people spell a listed word that they know a filter looks for.

- **Broken up** by separators or symbols: 傻 逼, 傻*逼, 垃-圾, 骗.子. ``squeezed`` gives the
  text with such runs (at most three characters of ``SEPARATORS``) between two ideographs left
  out, and with a doubled ideograph of a listed word read once (垃垃圾圾 as 垃圾), and for each of
  its characters where it stands in the text, so a word found in it is found in the text.
- **Written with characters that sound the same**: 沙币, 撒币 and 煞笔 for 傻逼. ``sound_alikes``
  spells a word with every common character (GB 2312 level 1, 3,755 characters) that has the
  same toneless pinyin, read with pypinyin; a lexicon entry opts in (``sounds_like = true``),
  and a spelling that is a word of its own in the segmenter's dictionary (a neutral word that
  sounds the same) is left out. Near-homophones and dialect spellings (乐色 for 垃圾, 贵物 for
  废物) are listed by hand as an entry's ``spellings``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

#: What people put between the characters of a word to get it past a filter. Not the marks of
#: Chinese punctuation (，。、！？), which end a clause, nor line breaks.
SEPARATORS = " \t*·•.-_~|/\\+^#@=×丶'`"
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SEPARATOR_RUN = re.compile(f"(?<=[{_IDEOGRAPH}])[{re.escape(SEPARATORS)}]{{1,3}}(?=[{_IDEOGRAPH}])")
_STRETCHED = re.compile(f"([{_IDEOGRAPH}])\\1([{_IDEOGRAPH}])\\2")
#: At most this many spellings of one word by sound: a word of common syllables (shi, yi) would
#: otherwise spell tens of thousands.
MAX_SOUND_ALIKES = 4000


def squeezed(text: str, letters: frozenset[str]) -> tuple[str, list[int]] | None:
    """``text`` without separator runs between two ideographs of ``letters`` (the characters
    of the listed words), and with a word stretched character by character (垃垃圾圾, AABB)
    read once; and where each of its characters stands in ``text``. None when there is
    nothing to leave out (nearly every draft)."""
    dropped: list[int] = []
    for run in _SEPARATOR_RUN.finditer(text):
        if text[run.start() - 1] in letters and text[run.end()] in letters:
            dropped.extend(range(run.start(), run.end()))
    for stretch in _STRETCHED.finditer(text):
        if stretch.group(1) in letters and stretch.group(2) in letters:
            dropped += (stretch.start() + 1, stretch.start() + 3)
    if not dropped:
        return None
    left_out = set(dropped)
    kept = [i for i in range(len(text)) if i not in left_out]
    return "".join(text[i] for i in kept), kept


def may_squeeze(text: str) -> bool:
    """Could ``squeezed`` leave anything out? (A quick look for a separator between two
    ideographs, or a stretched pair.)"""
    return _SEPARATOR_RUN.search(text) is not None or _STRETCHED.search(text) is not None


# -- spellings by sound --------------------------------------------------------------------------
def _common(ch: str) -> bool:
    """Is ``ch`` among GB 2312's level-1 characters (the 3,755 in everyday use)?"""
    try:
        encoded = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7


@lru_cache(maxsize=1)
def _syllables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(each character's toneless readings, each toneless syllable's common characters, by
    their first reading)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    readings: dict[str, tuple[str, ...]] = {}
    spelled: dict[str, list[str]] = {}
    for code, toned in pinyin_dict.items():
        ch = chr(code)
        plain = tuple(dict.fromkeys(to_normal(reading) for reading in toned.split(",")))
        readings[ch] = plain
        if _common(ch):  # by its first (most common) reading: 佛 spells fo, not bi
            spelled.setdefault(plain[0], []).append(ch)
    return readings, {syllable: tuple(chars) for syllable, chars in spelled.items()}


#: Sounds that many speakers (and pinyin input methods' "fuzzy" settings) do not tell apart:
#: 撒币 (sa) for 傻逼 (sha), 垃圾 read la or na.
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("l", "n"))
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


def _fuzzy(syllable: str) -> set[str]:
    """``syllable`` and the syllables it is confused with."""
    found = {syllable}
    for one, other in _FUZZY_INITIALS:
        if syllable.startswith(one):
            found.add(other + syllable[len(one):])
            break
    for one, other in _FUZZY_FINALS:
        for form in list(found):
            if form.endswith(one):
                found.add(form[: -len(one)] + other)
            elif form.endswith(other) and not form.endswith(one[-1]):
                found.add(form + one[len(other):])
    return found


def sound_alikes(word: str, is_a_word: Callable[[str], bool]) -> list[str]:
    """The spellings of ``word`` with common characters that sound the same, by toneless
    pinyin, each reading of a character of several, with the sounds many speakers confuse
    (``_fuzzy``) where that keeps their number within ``MAX_SOUND_ALIKES``; without ``word``
    itself and without those that ``is_a_word`` says are words of their own. Empty for a word
    with a character pypinyin cannot read (Latin letters, digits), or with too many."""
    readings, spelled = _syllables()
    if any(ch not in readings for ch in word):
        return []
    for fuzzy in (True, False):
        choices = []
        for ch in word:
            syllables = {form for syllable in readings[ch] for form in (_fuzzy(syllable) if fuzzy else {syllable})}
            choices.append(sorted({ch, *(c for syllable in syllables for c in spelled.get(syllable, ()))}))
        total = 1
        for chars in choices:
            total *= len(chars)
        if total <= MAX_SOUND_ALIKES:
            return [spelling for spelling in map("".join, itertools.product(*choices))
                    if spelling != word and not is_a_word(spelling)]
    return []


def all_sound_alikes(words: Iterable[str], is_a_word: Callable[[str], bool]) -> dict[str, list[str]]:
    """``sound_alikes`` of each word."""
    return {word: sound_alikes(word, is_a_word) for word in words}
