"""The pattern prefilter and the start-up cache: faster, never different.

A prefilter may let a text through that then has no match; it must never turn away a text that
has one. That is checked for every pattern the linter uses, on the dev corpus, on the rules'
examples and on texts hypothesis builds from the patterns' own characters.
"""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kameng_lint import Config, Linter, cache, patterns
from kameng_lint.patterns import required_characters

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.jsonl"
LINTER = Linter(Config(select=["ALL"]))
EXAMPLES = sorted({t for rule in LINTER.all_rules for t in (*rule.examples.bad, *rule.examples.good)})
DRAFTS = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()] if CORPUS.exists() else []
for _text in EXAMPLES + DRAFTS:
    LINTER.lint_text(_text)  # every lazily built pattern now exists
PATTERNS = sorted({p.pattern: p for p in gc.get_objects() if isinstance(p, patterns.Pattern)}.values(),
                  key=lambda p: p.pattern)
#: Each pattern's gate, as it gets it once it runs often, and its lead (how far before the first
#: required string the gate finds a match may start; None: anywhere).
GATES = {p.pattern: patterns._gate_for(p.pattern, p.flags)[0] for p in PATTERNS}
LEADS = {p.pattern: patterns._gate_for(p.pattern, p.flags)[1] for p in PATTERNS}


def _alphabet() -> list[str]:
    chars = {ch for p in PATTERNS for ch in p.pattern if not ch.isspace()}
    return sorted(chars | set("0123456789元内前月日号，。"))


def test_the_linter_uses_many_patterns_and_most_have_requirements():
    assert len(PATTERNS) >= 40
    with_requirements = [p for p in PATTERNS if p.requirements]
    assert len(with_requirements) >= len(PATTERNS) // 2


@pytest.mark.parametrize(
    "pattern, needed",
    [
        (r"(?:之内|以内|内)", [{"内"}]),
        (r"骗子|骗钱", [{"骗"}, {"子", "钱"}]),  # the parser factors out 骗
        (r"[!?]{2,}", [{"!", "?"}]),
        (r"(?=截止)\d+", [{"截"}, {"止"}]),
        (r"a?b", [{"b"}]),
    ],
)
def test_requirements_read_from_the_pattern(pattern, needed):
    assert sorted(map(set, required_characters(pattern)), key=sorted) == sorted(needed, key=sorted)


@pytest.mark.parametrize(
    "pattern",
    [r"\d+", r"(?i)abc", r"(?!骗)\w", r"骗?子?", r"(?:骗|\w)", r"a{e<=1}", r"[^骗]", r"(?V1)[[a-z]--[aeiou]]", r"\L<x>"],
)
def test_no_requirement_where_none_is_certain(pattern):
    """Optional, negated, case-folded and regex-only syntax give no requirement (always run)."""
    assert required_characters(pattern) == ()


def _filters_let_matches_through(text: str) -> None:
    """Neither filter in front of a pattern, the character prefilter (before it is compiled)
    nor the gate of required strings (once it runs often), may turn away a text it matches;
    and no match starts further than the lead before the first required string the gate
    finds from where the match starts (so a search may start there)."""
    for p in PATTERNS:
        if p.compiled.search(text) is None:
            continue
        assert p.may_match(text), ("prefilter", p.pattern, text)
        assert GATES[p.pattern].search(text), ("gate", p.pattern, text)
        lead = LEADS[p.pattern]
        if lead is None:
            continue
        for pos in range(len(text)):
            match = p.compiled.search(text, pos)
            if match is None:
                break
            first = GATES[p.pattern].search(text, match.start())
            assert first and match.start() >= first.start() - lead, ("lead", p.pattern, text, pos)


def test_no_filter_turns_away_a_text_its_pattern_matches():
    for text in EXAMPLES + DRAFTS:
        _filters_let_matches_through(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_alphabet()), min_size=1, max_size=40).map("".join))
def test_no_filter_hides_a_match(text):
    _filters_let_matches_through(text)


def test_the_wrapper_answers_like_the_engine():
    p = patterns.compile(r"(?P<n>\d+)元")
    assert [m.group("n") for m in p.finditer("付了100元，又付50元")] == ["100", "50"]
    assert p.search("没有金额") is None and list(p.finditer("没有金额")) == []
    assert p.sub("X", "付了100元") == "付了X" and p.sub("X", "无") == "无"
    assert p.findall("1元2元") == ["1", "2"] and p.split("无") == ["无"]
    assert p.fullmatch("100元") and p.match("x100元") is None


def test_a_cached_start_loads_the_same_rules(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = Linter(Config())
    assert list(tmp_path.glob("kameng-lint/packs-*.pickle")), "the verified packs were stored"
    cached = Linter(Config())
    assert [r.code for r in cached.all_rules] == [r.code for r in fresh.all_rules]
    text = DRAFTS[0] if DRAFTS else "你们就是骗子！！！请在3日内退款100元。"
    assert cached.lint_text(text) == fresh.lint_text(text)


def test_a_changed_pack_is_checked_again(tmp_path, monkeypatch):
    """The cache is keyed by the packs' text: a pack whose example now fails still refuses."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    pack = tmp_path / "mine.toml"
    rule = '[[rule]]\ncode = "KM191"\nkind = "lexicon"\ncategory = "tone"\nmessage = "m"\nwords = ["骗子"]\n'
    pack.write_text(rule + '[rule.examples]\nbad = ["你是骗子"]\n', encoding="utf-8")
    Linter(Config(rules=[pack]))
    pack.write_text(rule + '[rule.examples]\nbad = ["你很好"]\n', encoding="utf-8")
    with pytest.raises(Exception, match="bad example does not fire"):
        Linter(Config(rules=[pack]))


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("KAMENG_LINT_NO_CACHE", "1")
    Linter(Config())
    assert not list(tmp_path.glob("kameng-lint/packs-*.pickle"))
    assert cache.load("packs", cache.key("anything")) is None


def test_a_damaged_cache_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    Linter(Config())
    for entry in tmp_path.glob("kameng-lint/packs-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert [r.code for r in Linter(Config()).all_rules]


def test_both_engines_find_the_same_matches():
    """Patterns the standard ``re`` reads run on it (faster to compile); they must find exactly
    what the ``regex`` module finds, groups included."""
    import re

    import regex

    on_re = [p for p in PATTERNS if isinstance(p.compiled, re.Pattern)]
    assert len(on_re) >= len(PATTERNS) // 2
    for p in on_re:
        reference = regex.compile(p.pattern, p.flags)
        for text in EXAMPLES + DRAFTS:
            ours = [(m.span(), m.groups()) for m in p.compiled.finditer(text)]
            assert ours == [(m.span(), m.groups()) for m in reference.finditer(text)], (p.pattern, text)


def test_a_timeout_keeps_the_regex_module():
    p = patterns.compile(r"(a+)+b", timeout=0.5)
    assert p.search("aaab") and not isinstance(p.compiled, type(patterns.re.compile("")))


def test_regex_module_patterns_are_kept_compiled_between_runs(tmp_path, monkeypatch):
    """A pattern only ``regex`` reads is stored compiled; a later run loads it (no parsing),
    and it matches exactly like a fresh compile, on every draft and example."""
    import regex

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    on_regex = [p for p in PATTERNS if isinstance(p.compiled, regex.Pattern) and p.timeout is None]
    assert on_regex, "some built-in patterns need the regex module"
    first_run = patterns._KeptBetweenRuns("compiled", "test")
    for p in on_regex:
        first_run.get((p.pattern, p.flags), lambda p=p: regex.compile(p.pattern, p.flags))
    first_run._save()
    assert list(tmp_path.glob("kameng-lint/compiled-*.pickle"))

    def must_not_compile():
        raise AssertionError("compiled again although it was stored")

    next_run = patterns._KeptBetweenRuns("compiled", "test")
    for p in on_regex:
        loaded = next_run.get((p.pattern, p.flags), must_not_compile)
        assert loaded.groupindex == p.compiled.groupindex
        for text in EXAMPLES + DRAFTS:
            assert [(m.span(), m.groups()) for m in loaded.finditer(text)] == [
                (m.span(), m.groups()) for m in p.compiled.finditer(text)
            ], (p.pattern, text)
    other_version = patterns._KeptBetweenRuns("compiled", "test", "another regex version")
    assert other_version.get("x", lambda: "computed") == "computed"


# -- the first-character look-ahead (re only) ---------------------------------------------------
@pytest.mark.parametrize(
    "pattern, starts",
    [
        (r"(?:\d{4}年)?\d{1,2}月", r"\d"),  # either branch starts with a digit
        (r"(?<![A-Za-z])(?:本|下)?周[一二]", r"\u672c\u4e0b\u5468"),  # 本 下 周
        (r"(?P<limit>\s*\d+天|限\d+天)", r"\s\d\u9650"),  # \s* may be empty: then \d
        (r"(?:(?<!\p{Han})|真)妈的", r"\u771f\u5988"),  # the look-behind is zero width: 真 妈
    ],
)
def test_first_characters_read_from_the_pattern(pattern, starts):
    assert patterns.first_characters(pattern) == starts


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:a|b?)c?",  # may match nothing
        r"\p{Han}+x",  # \p{..} is not read
        r"(?i)\d|(?=x)y",  # case folding
        r"(?=x).",  # any character
        r"(?<=a)[^骗]",  # a negated class
    ],
)
def test_no_first_characters_where_they_are_not_certain(pattern):
    assert patterns.first_characters(pattern) is None
    assert patterns.text_for_re(pattern) == pattern  # re as it is (or regex, if re cannot read it)


@pytest.mark.parametrize("pattern", [r"骗子|骗钱", r"[骗诈]\w+", r"(?P<x>退款|退货)"])
def test_no_look_ahead_where_re_scans_ahead_itself(pattern):
    assert patterns.text_for_re(pattern) == pattern


def test_nested_alternations_of_literals_go_to_the_regex_module():
    """regex scans for their first literals itself; re would try every position."""
    assert patterns.text_for_re(r"(?:(?:已经?|都)被|没有?充)值") is None
    assert isinstance(patterns.compile(r"(?:(?:已经?|都)被|没有?充)值").compiled, regex.Pattern)


@pytest.mark.parametrize(
    "pattern, text, found",
    [
        ("(?x) (?:\\d+ | 半) \\s* 天", "3天或者半 天，", ["3天", "半 天"]),  # a category: \d
        ("(?<![A-Z])(?:本|下)周", "本周和下周，X下周", ["本周", "下周"]),  # a look-behind first
    ],
)
def test_the_look_ahead_goes_in_front_and_finds_the_same(pattern, text, found):
    ahead = patterns.text_for_re(pattern)
    lead = 4 if pattern.startswith("(?x)") else 0  # global flags stay first
    assert ahead is not None and ahead[lead:].startswith("(?=[")
    assert [m.group() for m in re.finditer(ahead, text)] == found == [m.group() for m in re.finditer(pattern, text)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_alphabet() + [" ", "\n", "7"]), min_size=1, max_size=40).map("".join))
def test_the_look_ahead_never_changes_a_match(text):
    for p in PATTERNS:
        if isinstance(p.compiled, re.Pattern) and p.compiled.pattern != p.pattern:
            plain = re.compile(p.pattern, p.flags & ~regex.UNICODE)
            assert [(m.span(), m.groups()) for m in p.compiled.finditer(text)] == [
                (m.span(), m.groups()) for m in plain.finditer(text)
            ], (p.pattern, text)


def test_several_built_in_patterns_get_the_look_ahead():
    with_look_ahead = [p for p in PATTERNS if isinstance(p.compiled, re.Pattern) and p.compiled.pattern != p.pattern]
    assert len(with_look_ahead) >= 8


def test_kept_results_do_not_pile_up(tmp_path, monkeypatch):
    """When more than KEEP_UNUSED entries went unused, a save keeps only what its run used (an
    edited user pack's old patterns go), even a run that added nothing; otherwise a run that
    added nothing writes nothing."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterns._KeptBetweenRuns, "KEEP_UNUSED", 1)
    first = patterns._KeptBetweenRuns("piles", "test")
    for key in "abc":
        first.get(key, lambda key=key: key.upper())
    first._save()
    second = patterns._KeptBetweenRuns("piles", "test")
    assert [second.get(key, lambda: "computed again") for key in "ab"] == ["A", "B"]
    second._save()  # one unused (c): within the limit, and nothing new: nothing written
    third = patterns._KeptBetweenRuns("piles", "test")
    assert third.get("a", lambda: "computed again") == "A"
    third._save()  # b and c unused: only a is kept
    fourth = patterns._KeptBetweenRuns("piles", "test")
    assert [fourth.get(key, lambda: "computed again") for key in "abc"] == ["A", "computed again", "computed again"]


# -- the gate of required strings -----------------------------------------------------------------
@pytest.mark.parametrize(
    "pattern, strings",
    [
        # parts spelled one after another, until one cannot be spelled
        (r"(?:把|拿)(?:我|你)\d+", {"把我", "把你", "拿我", "拿你"}),
        (r"气(?:死|炸)了?\p{Han}", {"气死", "气炸", "气死了", "气炸了"}),
        # each alternative brings its own; the strongest of each is joined
        (r"\d+元|(?:退|还)款\d", {"元", "退款", "还款"}),
        (r"(?<!不)故意\w{1,3}", {"故意"}),  # a negative look-behind is zero width
        (r"滚(?=\s*(?:[,.!]|$))", {"滚"}),
        (r"(?=截止)\d+天", {"截止"}),  # a look-ahead's text stands beside the match
        (r"(?:一次|两次){1,2}\d", {"一次", "两次", "一次一次", "一次两次", "两次一次", "两次两次"}),
    ],
)
def test_required_strings_read_from_the_pattern(pattern, strings):
    assert patterns.required_strings(pattern) == strings


@pytest.mark.parametrize(
    "pattern",
    [
        r"骗子|骗钱",  # a list of strings: searching for them is running the pattern
        r"\d+\w",  # nothing spelled
        r"(?i)ab\d",  # case folding
        r"(?:骗|\w)\d",  # one alternative requires nothing
        r"(?:都)?\d",  # optional
        r"a{e<=1}",  # regex-only syntax
    ],
)
def test_no_required_strings_where_none_is_certain(pattern):
    assert patterns.required_strings(pattern) == frozenset()


def test_the_literal_search_is_a_trie_that_finds_every_string():
    strings = frozenset({"去您", "去你", "来您", "气死", "气死了", "a.b"})
    text = patterns.literal_search(strings)
    assert text == r"(?:a\.b|去(?:你|您)|来您|气死)"  # 气死了 holds 气死: finding that is enough
    for string in strings:
        assert re.search(text, f"前{string}后")
    assert not re.search(text, "来你 去 a-b 气")


def test_most_gated_patterns_have_a_lead_and_every_tone_pattern_does():
    """A search may start shortly before the first required string when what precedes that
    string in a match is bounded (\\p{Han}{0,6}; not \\s* or \\d+)."""
    from kameng_lint.pack_rules import PatternRule

    gated = [p for p in PATTERNS if GATES[p.pattern] is not patterns._NO_GATE]
    assert sum(LEADS[p.pattern] is not None for p in gated) >= len(gated) // 2
    tone = [r._pattern for r in LINTER.all_rules if isinstance(r, PatternRule) and r.category == "tone"]
    assert tone and all(LEADS[p.pattern] is not None for p in tone)


@pytest.mark.parametrize(
    "pattern, strings, lead",
    [
        (r"\d{1,3}气死", {"气死"}, 3),  # the digits come first: up to three of them
        (r"(?:立即|马上)(?:给我)?(?:退|赔)\d", None, 0),  # the match opens with it
        (r"(?=截止)\d+", {"截止"}, 0),  # in a look-ahead, read from where the match starts
        (r"(?:ab){3,}c", {"ab"}, 0),  # the first time round holds it
        (r"(?:好|太)?\w{0,2}(?:骗子|骗钱)|卧槽", {"骗子", "骗钱", "卧槽"}, 3),  # the longer alternative
        (r"a(?<=xa)\d气死", {"气死"}, 2),  # a look-behind reads nothing ahead
        (r"(?:让|叫)你们?\s*(?:倒闭|破产)", {"倒闭", "破产"}, None),  # after \s*: no bound
        (r"(?i)\d{0,2}气死", {"气死"}, None),  # under case folding no bound is read
    ],
)
def test_the_lead_is_how_far_into_a_match_its_required_string_starts(pattern, strings, lead):
    found, found_lead = patterns.pattern_syntax.required_strings_and_lead(pattern)
    assert found_lead == lead
    if strings is not None:
        assert found == strings
    assert found == patterns.required_strings(pattern)


def test_gated_searches_answer_like_the_engine_from_every_position():
    """The settled wrapper (gate, lead) against the engine alone, on the drafts and examples."""
    for p in PATTERNS:
        if GATES[p.pattern] is patterns._NO_GATE:
            continue
        settled = patterns.compile(p.pattern, p.flags)
        settled._compiled, settled._gate, settled._lead = p.compiled, GATES[p.pattern], LEADS[p.pattern]
        for text in EXAMPLES + DRAFTS[:20]:
            for pos in range(0, len(text), 7):
                expected = p.compiled.search(text, pos)
                got = settled.search(text, pos)
                assert (got and got.span()) == (expected and expected.span()), (p.pattern, text, pos)
                assert [m.span() for m in settled.finditer(text, pos, len(text) - 1)] == [
                    m.span() for m in p.compiled.finditer(text, pos, len(text) - 1)], (p.pattern, text, pos)


def test_every_tone_pattern_gets_a_gate():
    """The tone patterns are long lists of phrasings that open with common characters (你, 把,
    让): the ones that most need a gate."""
    from kameng_lint.pack_rules import PatternRule

    tone = [r._pattern for r in LINTER.all_rules if isinstance(r, PatternRule) and r.category == "tone"]
    assert len(tone) >= 10
    assert all(GATES[p.pattern] is not patterns._NO_GATE for p in tone)



def test_a_pattern_gets_its_gate_after_many_uses_and_answers_the_same():
    p = patterns.compile(r"(?:气死|气炸)了?\p{Han}")
    texts = ["真的气死了吧", "没有问题", "气炸我", "空气"] * patterns._GATE_AFTER
    found = [[m.group() for m in p.finditer(text)] for text in texts]
    assert p._gate is not None and p._gate is not patterns._NO_GATE
    assert found == [[m.group() for m in regex.finditer(p.pattern, text)] for text in texts]
    assert p.search("没有问题") is None and p.search("气死了吧").group() == "气死了吧"


def test_every_word_list_opens_with_what_re_scans_for():
    """``re`` scans ahead for an alternation only when every branch opens with a literal: one
    pattern of a list opening with a group or a class ((?:把|将)…, [退假]一赔…) made every
    search of the money actions try every position of a draft. demand.markers is never searched
    as one list (``voice.DemandMarkers`` builds its own searches from it); the others that do
    not are read on a few characters at a time (a clause, the text before a number) or inside
    a larger pattern (demand.after_limit), or go to the regex module (demand.vague)."""
    from kameng_lint import pattern_syntax

    vocabulary = LINTER.vocabulary
    slow = []
    for name in vocabulary.names():
        start = pattern_syntax.opening(vocabulary.regex(name).pattern)
        if start is not None and not start.re_scans_ahead and name != "demand.markers":
            slow.append(name)
    assert slow == ["demand.after_limit", "demand.vague", "privacy.bank_card_labels", "privacy.card_unused",
                    "privacy.card_used", "privacy.card_used_by_others"], slow
