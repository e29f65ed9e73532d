"""Fixes: ``--fix`` and ``--diff`` on the command line, ``fix_text`` and ``apply_edits`` in Python,
and a pack pattern's ``fix`` template.

A draft is written only when the user asks for a fix, then atomically, in the encoding, line
endings and permissions it came with; everything else is left as it was.
"""

from __future__ import annotations

import os
import stat
import textwrap
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, run_cli
from kameng_lint import Config, ConfigError, Linter, cli
from kameng_lint.fixes import MAX_PASSES, apply_edits, expand, fix_text, template_groups, unified_diff
from kameng_lint.records import Fix

PRIVACY = EXAMPLES / "privacy.txt"
#: examples/privacy.txt with every secret masked, as --fix leaves it.
PRIVACY_FIXED = PRIVACY.read_text(encoding="utf-8").replace("110105199003070025", "110105********0025").replace(
    "6222 0000 1234 5678 907", "6222***********8907").replace("830522", "******").replace(
    "739204", "******").replace("7Q4KP-X92HH-D35R0", "*****-*****-*35R0")
SHOUTING = "订单A1未到账（证据1）！！！要求3日内退还50元。证据1：截图"


def _copy(tmp_path: Path, source: Path = PRIVACY, name: str = "draft.txt") -> Path:
    target = tmp_path / name
    target.write_bytes(source.read_bytes())
    return target


# -- apply_edits ------------------------------------------------------------------------------
def _reference(text: str, edits: list[Fix]) -> tuple[str, int]:
    """Edits taken left to right, skipping any that overlaps one taken, applied right to left."""
    taken: list[Fix] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if text[edit.start : edit.end] == edit.replacement:
            continue
        if taken and edit.start < taken[-1].end:
            continue
        taken.append(edit)
    for edit in reversed(taken):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, len(taken)


@st.composite
def _text_and_edits(draw):
    text = draw(st.text(alphabet="ab。！\n证据1", max_size=20))
    edits = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        edits.append(Fix(start, end, draw(st.text(alphabet="*x", max_size=4))))
    return text, edits


@settings(max_examples=300, deadline=None)
@given(_text_and_edits())
@example(("abc", [Fix(0, 2, "*"), Fix(1, 3, "x")]))  # overlapping: the first wins
@example(("abc", [Fix(1, 1, "*"), Fix(1, 1, "x")]))  # two insertions at one place: both, in order
@example(("abc", [Fix(0, 1, "a")]))  # writes back what is there: no fix
def test_apply_edits_takes_non_overlapping_edits_left_to_right(case):
    text, edits = case
    assert apply_edits(text, edits) == _reference(text, edits)


# -- fix_text ---------------------------------------------------------------------------------
def test_fix_text_masks_every_secret(default_linter):
    outcome = fix_text(default_linter, PRIVACY.read_text(encoding="utf-8"))
    assert outcome.text == PRIVACY_FIXED
    assert outcome.fixed == 5
    assert not [f for f in outcome.record.findings if f.category.value == "privacy"]


def test_fix_text_cuts_shouting_to_one_mark_as_typed(default_linter):
    outcome = fix_text(default_linter, SHOUTING)
    assert outcome.text == SHOUTING.replace("！！！", "！")
    assert "KM107" not in {f.code for f in outcome.record.findings}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "身份证号110105199003070025", "银行卡6222 0000 1234 5678 907", "密码是830522", "验证码是739204",
    "还没用，卡密是 7Q4KP-X92HH-D35R0", "！！！", "？？", "?!?!", "‼", "“！！”", "退还50元", "，", "。", "\n", "\r\n",
]), max_size=10).map("".join))
def test_fix_text_leaves_nothing_to_fix_and_is_idempotent(default_linter, text):
    outcome = fix_text(default_linter, text)
    again = fix_text(default_linter, outcome.text)
    assert again.text == outcome.text and again.fixed == 0
    assert outcome.record == default_linter.check_text(outcome.text)  # the report is on the mended text
    for finding in outcome.record.findings:
        assert finding.fix is None or finding.fix.replacement == finding.text


def test_fix_text_stops_after_max_passes():
    class Flipper:
        """A linter whose fix always undoes the last one: passes must stop."""

        def __init__(self):
            self.calls = 0

        def check_text(self, text, path=None):
            from kameng_lint.records import FileRecord, FindingRecord

            self.calls += 1
            other = "b" if text == "a" else "a"
            finding = FindingRecord("KM107", "tone", "warning", "m", 0, 1, 1, 1, 1, 2, text, None, Fix(0, 1, other))
            return FileRecord("<text>", [finding])

    flipper = Flipper()
    outcome = fix_text(flipper, "a")
    assert outcome.fixed == MAX_PASSES and flipper.calls == MAX_PASSES + 1


def test_unified_diff_keeps_line_endings_and_marks_a_missing_last_newline():
    diff = unified_diff("一\r\n二", "一\r\n三", "d.txt")
    assert diff.splitlines(keepends=True)[:2] == ["--- a/d.txt\n", "+++ b/d.txt\n"]
    assert "-二\n\\ No newline at end of file\n+三\n\\ No newline at end of file\n" in diff
    assert " 一\r\n" in diff


# -- the command line -------------------------------------------------------------------------
def test_without_fix_a_draft_is_never_written(tmp_path):
    draft = _copy(tmp_path)
    before = draft.stat()
    for args in ([], ["--format", "json"], ["--format", "sarif"], ["--diff"]):
        run_cli(*args, str(draft))
    assert draft.read_bytes() == PRIVACY.read_bytes()
    assert draft.stat().st_mtime_ns == before.st_mtime_ns and draft.stat().st_ino == before.st_ino


def test_fix_writes_the_mended_draft_and_reports_what_is_left(tmp_path):
    draft = _copy(tmp_path)
    proc = run_cli("--fix", str(draft))
    assert draft.read_text(encoding="utf-8") == PRIVACY_FIXED
    assert "privacy" not in proc.stdout  # no privacy finding is left
    assert proc.stdout.endswith("Found 1 problem (1 info) in 1 file.\nFixed 5 problems in 1 file.\n")
    assert proc.returncode == 0  # the exit code is for what is left: one info (KM503)
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file is gone"


def test_fix_exits_1_when_warnings_are_left(tmp_path):
    draft = _copy(tmp_path, EXAMPLES / "angry.txt")
    proc = run_cli("--fix", str(draft))
    assert proc.returncode == 1 and "Fixed 1 problem in 1 file." in proc.stdout
    assert "退钱！\n" in draft.read_text(encoding="utf-8")
    assert run_cli("--fix", str(draft)).stdout.endswith("Nothing to fix.\n")


def test_fix_json_reports_offsets_into_the_mended_draft(tmp_path):
    import json

    draft = _copy(tmp_path)
    proc = run_cli("--fix", "--format", "json", str(draft))
    data = json.loads(proc.stdout)
    text = draft.read_text(encoding="utf-8")
    for finding in data["files"][0]["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["text"]


def test_fix_keeps_encoding_bom_line_endings_and_permissions(tmp_path):
    text = PRIVACY.read_text(encoding="utf-8").replace("\n", "\r\n")
    fixed = PRIVACY_FIXED.replace("\n", "\r\n")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    os.chmod(bom, 0o640)
    run_cli("--fix", str(gbk), str(bom))
    assert gbk.read_bytes() == fixed.encode("gb18030")
    assert bom.read_bytes() == b"\xef\xbb\xbf" + fixed.encode("utf-8")
    assert stat.S_IMODE(bom.stat().st_mode) == 0o640


def test_fix_through_a_symbolic_link_mends_the_target(tmp_path):
    target = _copy(tmp_path, name="target.txt")
    (tmp_path / "drafts").mkdir()
    link = tmp_path / "drafts" / "link.txt"
    link.symlink_to(target)
    run_cli("--fix", str(link))
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == PRIVACY_FIXED


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path):
    draft = _copy(tmp_path)
    clean = _copy(tmp_path, EXAMPLES / "model-complaint.txt", "clean.txt")
    proc = run_cli("--diff", str(draft), str(clean))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"--- a/{draft}\n+++ b/{draft}\n")
    assert "+客服又要支付密码，我给了，密码是******；刚才收到的短信验证码是******。\n" in proc.stdout
    assert "clean.txt" not in proc.stdout
    assert proc.stderr.strip() == "kameng-lint: would fix 5 problems in 1 file"
    assert draft.read_bytes() == PRIVACY.read_bytes()
    nothing = run_cli("--diff", str(clean))
    assert (nothing.returncode, nothing.stdout) == (0, "")


def test_fix_on_stdin_writes_the_mended_draft_to_stdout_and_the_report_to_stderr():
    proc = run_cli("--fix", "-", stdin=PRIVACY.read_text(encoding="utf-8"))
    assert proc.stdout == PRIVACY_FIXED
    assert "<stdin>:" in proc.stderr and "Fixed 5 problems in 1 file." in proc.stderr


@pytest.mark.parametrize("args, reason", [
    (["--fix", "-", "examples/angry.txt"], "no other paths"),
    (["--diff", "--format", "json", "examples/angry.txt"], "no --format"),
    (["--fix", "--diff", "examples/angry.txt"], "not allowed with"),
])
def test_fix_usage_errors_are_one_line(args, reason):
    proc = run_cli(*args)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and reason in proc.stderr


def test_a_draft_that_cannot_be_written_is_one_line_and_the_others_are_fixed(tmp_path, monkeypatch, capsys):
    stuck, other = _copy(tmp_path, name="a.txt"), _copy(tmp_path, name="b.txt")
    real_replace = os.replace

    def replace(source, target):
        if Path(target).name == "a.txt":
            raise PermissionError(13, "Permission denied")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    assert cli.main(["--fix", str(stuck), str(other)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"kameng-lint: {stuck}: cannot write the fix: Permission denied"]
    assert stuck.read_bytes() == PRIVACY.read_bytes()
    assert other.read_text(encoding="utf-8") == PRIVACY_FIXED
    assert not list(tmp_path.glob(".*.tmp"))


# -- a pack's fix template --------------------------------------------------------------------
PACK = """
[[rule]]
code = "KM196"
kind = "pattern"
category = "tone"
message = "Tilde run “{text}”"
pattern = '(?P<first>[~～])[~～]+'
fix = '\\g<first>'
examples = { bad = ["好的～～～"], good = ["好的～"], fixed = [["好的～～～，谢谢~~", "好的～，谢谢~"]] }
"""


def _pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pack.toml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_pack_pattern_fix_keeps_what_the_author_typed(tmp_path):
    linter = Linter(Config(rules=[_pack(tmp_path, PACK)]))
    [finding] = [f for f in linter.lint_text("收到了～～～").findings if f.code == "KM196"]
    assert (finding.fix.start, finding.fix.end, finding.fix.replacement) == (3, 6, "～")  # not the folded ~


@pytest.mark.parametrize("change, reason", [
    (("fix = '\\g<first>'", "fix = '\\g<second>'"), "group 'second'"),
    (("fix = '\\g<first>'", "fix = '\\2'"), "group 2"),
    (('"好的～，谢谢~"', '"好的，谢谢"'), "its fix makes"),
    (("fix = '\\g<first>'", ""), "no fix"),
])
def test_a_pack_whose_fix_is_wrong_refuses_to_load(tmp_path, change, reason):
    path = _pack(tmp_path, PACK.replace(*change))
    with pytest.raises(ConfigError) as info:
        Linter(Config(rules=[path]))
    assert str(path) in str(info.value) and reason in str(info.value)


class _Match:
    def __init__(self, spans):
        self.spans = spans

    def span(self, group):
        return self.spans.get(group, (-1, -1))


def test_expand_fills_groups_from_the_original_text():
    match = _Match({"mark": (2, 3), 1: (0, 1)})
    assert expand(r"\g<mark>", match, "好的！！") == "！"
    assert expand(r"[\1]\\", match, "好的！！") == "[好]\\"
    assert expand(r"\g<missing>", match, "好的！！") is None  # a group that took no part: no fix
    assert template_groups(r"\g<a>\2\\\g<10>") == ["a", 2, 10]


def test_the_python_api_returns_the_mended_text_and_its_report():
    import kameng_lint

    result = kameng_lint.fix_text(PRIVACY.read_text(encoding="utf-8"), path="d.txt")
    assert isinstance(result, kameng_lint.FixResult)
    assert (result.text, result.fixed) == (PRIVACY_FIXED, 5)
    assert result.report == kameng_lint.lint_text(PRIVACY_FIXED, path="d.txt")
