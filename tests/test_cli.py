"""The command line, run the way a user runs it: in a subprocess.

Exit codes, the JSON contract, stdin, encodings, unreadable input, rule selection, the ``rules``
and ``explain`` subcommands, and the text format with its CJK-aligned marker.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import EXAMPLES, cli_env, run_cli
from kameng_lint import Severity

ANGRY = EXAMPLES / "angry.txt"
MODEL = EXAMPLES / "model-complaint.txt"

FINDING_KEYS = {"code", "category", "severity", "message", "start", "end", "line", "column",
                "end_line", "end_column", "text", "suggestion"}
SUMMARY_KEYS = {"files", "findings", "errors", "warnings", "infos"}
HEADER = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>KM\d{3}) (?P<severity>error|warning|info)\s+"
    r"(?P<message>.+) \[(?P<category>[a-z]+)\]$"
)


def lint_json(*args: str, **kwargs) -> tuple[int, dict]:
    proc = run_cli("--format", "json", *args, **kwargs)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    """The error a user sees: exactly one line on stderr, no traceback."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.fixture(scope="module")
def angry_json():
    return lint_json(str(ANGRY))


# -- exit codes -------------------------------------------------------------------------------
def test_clean_draft_exits_0():
    proc = run_cli(str(MODEL))
    assert proc.returncode == 0, proc.stdout
    assert "No problems" in proc.stdout


def test_findings_exit_1(angry_json):
    code, data = angry_json
    assert code == 1
    assert data["summary"]["findings"] > 0


def _rule_of_severity(linter, severity: Severity):
    return next(r for r in linter.rules if r.severity == severity and r.examples.bad)


@pytest.mark.parametrize("fail_on, expected", [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_with_a_warning(default_linter, tmp_path, fail_on, expected):
    rule = _rule_of_severity(default_linter, Severity.WARNING)
    draft = tmp_path / "d.txt"
    draft.write_text(rule.examples.bad[0], encoding="utf-8")
    proc = run_cli("--select", rule.code, "--fail-on", fail_on, str(draft))
    assert rule.code in proc.stdout
    assert proc.returncode == expected, proc.stdout


@pytest.mark.parametrize("fail_on, expected", [("warning", 0), ("info", 1)])
def test_fail_on_with_an_info(default_linter, tmp_path, fail_on, expected):
    rule = _rule_of_severity(default_linter, Severity.INFO)
    draft = tmp_path / "d.txt"
    draft.write_text(rule.examples.bad[0], encoding="utf-8")
    proc = run_cli("--select", rule.code, "--fail-on", fail_on, str(draft))
    assert rule.code in proc.stdout
    assert proc.returncode == expected, proc.stdout


def test_usage_error_exits_2_in_one_line():
    line = one_line_error(run_cli("--fail-on", "never", str(MODEL)))
    assert "--fail-on" in line


def test_no_paths_is_a_usage_error():
    assert "no paths" in one_line_error(run_cli())


# -- the JSON contract --------------------------------------------------------------------------
def test_json_shape(angry_json):
    _, data = angry_json
    assert set(data) == {"version", "files", "summary"}
    assert data["version"] == 1
    assert set(data["summary"]) == SUMMARY_KEYS
    [entry] = data["files"]
    assert entry["path"] == str(ANGRY)
    assert {"path", "findings"} <= set(entry)  # other fields (score, verdict) may be added
    source = ANGRY.read_text(encoding="utf-8")
    for finding in entry["findings"]:
        assert FINDING_KEYS <= set(finding) <= FINDING_KEYS | {"fix"}
        assert finding["text"] == source[finding["start"]:finding["end"]]
        assert finding["category"] in {"tone", "demand", "evidence", "deadline", "structure", "privacy"}
        assert finding["severity"] in {"error", "warning", "info"}
        assert all(isinstance(finding[k], int) for k in ("start", "end", "line", "column", "end_line", "end_column"))
    counts = {s: sum(f["severity"] == s for f in entry["findings"]) for s in ("error", "warning", "info")}
    assert data["summary"] == {"files": 1, "findings": len(entry["findings"]), "errors": counts["error"],
                               "warnings": counts["warning"], "infos": counts["info"]}


def test_built_in_rules_fire_on_the_angry_example(angry_json):
    _, data = angry_json
    codes = {f["code"] for f in data["files"][0]["findings"]}
    assert {"KM101", "KM107"} <= codes
    texts = {f["code"]: f["text"] for f in data["files"][0]["findings"]}
    assert texts["KM101"] == "骗子"


def test_unreadable_file_is_reported_and_the_others_are_linted(tmp_path):
    missing = tmp_path / "missing.txt"
    code, data = lint_json(str(missing), str(ANGRY))
    assert code == 2
    by_path = {f["path"]: f for f in data["files"]}
    assert "error" in by_path[str(missing)] and "findings" not in by_path[str(missing)]
    assert by_path[str(ANGRY)]["findings"], "the readable file must still be linted"
    assert data["summary"]["files"] == 2


# -- input --------------------------------------------------------------------------------------
def test_stdin_with_a_filename():
    text = ANGRY.read_text(encoding="utf-8")
    code, data = lint_json("-", "--stdin-filename", "draft.txt", stdin=text)
    assert code == 1
    [entry] = data["files"]
    assert entry["path"] == "draft.txt"
    _, from_file = lint_json(str(ANGRY))
    assert entry["findings"] == from_file["files"][0]["findings"]


def test_stdin_without_a_filename():
    proc = run_cli("-", stdin="你们就是骗子！！！")
    assert proc.returncode == 1
    assert proc.stdout.startswith("<stdin>:1:")


def test_gb18030_file_lints_like_utf8(tmp_path):
    text = ANGRY.read_text(encoding="utf-8")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(("\ufeff" + text).encode("utf-8"))  # with a BOM: the BOM is not part of the text
    _, data = lint_json(str(gbk), str(utf8))
    gbk_findings, utf8_findings = (f["findings"] for f in data["files"])
    assert gbk_findings and gbk_findings == utf8_findings
    assert "骗子" in {f["text"] for f in gbk_findings}


def test_binary_file_gives_one_line_naming_it(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    line = one_line_error(run_cli(str(binary)))
    assert str(binary) in line and "binary" in line


def test_binary_file_among_drafts_in_a_directory(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"abc\x00def")
    shutil.copy(ANGRY, tmp_path / "angry.txt")
    (tmp_path / "notes.csv").write_text("骗子", encoding="utf-8")  # not a draft suffix: not read
    code, data = lint_json(str(tmp_path))
    assert code == 2
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert set(by_name) == {"blob.txt", "angry.txt"}
    assert "error" in by_name["blob.txt"]
    assert by_name["angry.txt"]["findings"]


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    line = one_line_error(run_cli(str(missing)))
    assert str(missing) in line


def test_empty_directory(tmp_path):
    line = one_line_error(run_cli(str(tmp_path)))
    assert str(tmp_path) in line and "no" in line


def test_crlf_file_reports_the_right_line_and_column(tmp_path):
    lines = ["订单号QX7781203，点卡未到账。", "客服一直不回，你们就是骗子。"]
    draft = tmp_path / "crlf.txt"
    draft.write_bytes("\r\n".join(lines).encode("utf-8") + b"\r\n")
    _, data = lint_json("--select", "KM101", str(draft))
    [finding] = data["files"][0]["findings"]
    text = "\r\n".join(lines) + "\r\n"
    assert finding["start"] == text.index("骗子")  # \r\n counts as two characters
    assert (finding["line"], finding["column"]) == (2, lines[1].index("骗子") + 1)
    assert (finding["end_line"], finding["end_column"]) == (2, lines[1].index("骗子") + 3)


# -- selecting rules ----------------------------------------------------------------------------
def _codes(data: dict) -> set[str]:
    return {f["code"] for entry in data["files"] for f in entry.get("findings", [])}


@pytest.mark.parametrize("option, value, keep", [
    ("--select", "KM101", lambda c: c == "KM101"),
    ("--select", "KM1", lambda c: c.startswith("KM1")),
    ("--select", "tone", lambda c: c.startswith("KM1")),
    ("--select", "KM101,KM107", lambda c: c in ("KM101", "KM107")),
    ("--ignore", "KM101", lambda c: c != "KM101"),
    ("--ignore", "KM1", lambda c: not c.startswith("KM1")),
    ("--ignore", "tone", lambda c: not c.startswith("KM1")),
])
def test_select_and_ignore(angry_json, option, value, keep):
    everything = _codes(angry_json[1])
    _, data = lint_json(option, value, str(ANGRY))
    assert _codes(data) == {c for c in everything if keep(c)}
    assert _codes(data) and _codes(data) != everything  # the option changed something


# -- rules and explain ----------------------------------------------------------------------------
def test_rules_lists_every_rule(default_linter):
    proc = run_cli("rules")
    assert proc.returncode == 0
    listed = [line.split()[0] for line in proc.stdout.splitlines() if line.strip()]
    assert listed == [r.code for r in default_linter.all_rules]
    for rule in default_linter.all_rules:
        row = next(line for line in proc.stdout.splitlines() if line.startswith(rule.code))
        assert rule.category.value in row and rule.severity.value in row and rule.summary in row


def test_explain_prints_rationale_and_examples(default_linter):
    proc = run_cli("explain", "KM101")
    assert proc.returncode == 0, proc.stderr
    rule = default_linter.rule("KM101")
    assert rule.rationale.strip().splitlines()[0] in proc.stdout
    for example in rule.examples.bad + rule.examples.good:
        assert example in proc.stdout


def test_explain_is_case_insensitive():
    assert run_cli("explain", "km107").returncode == 0


def test_explain_unknown_code():
    line = one_line_error(run_cli("explain", "KM999"))
    assert "KM999" in line


# -- the text format ------------------------------------------------------------------------------
def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_text_format_and_cjk_marker_alignment(angry_json):
    proc = run_cli(str(ANGRY))
    out = proc.stdout.splitlines()
    _, data = angry_json
    findings = data["files"][0]["findings"]
    source_lines = ANGRY.read_text(encoding="utf-8").splitlines()
    headers = [i for i, line in enumerate(out) if HEADER.match(line)]
    assert len(headers) == len(findings)
    for i, finding in zip(headers, findings):
        match = HEADER.match(out[i])
        assert match["path"] == str(ANGRY)
        assert (int(match["line"]), int(match["col"])) == (finding["line"], finding["column"])
        assert (match["code"], match["severity"], match["category"]) == (
            finding["code"], finding["severity"], finding["category"])
        assert match["message"] == finding["message"]
        source_row, marker_row = out[i + 1], out[i + 2]
        gutter, _, shown = source_row.partition(" | ")
        assert gutter.strip() == str(finding["line"])
        assert shown == source_lines[finding["line"] - 1]
        marker_gutter, _, marker = marker_row.partition(" | ")
        assert len(marker_gutter) == len(gutter)
        before = shown[:finding["column"] - 1]
        assert marker == " " * display_width(before) + "^" * display_width(finding["text"]), marker_row
        if finding["suggestion"]:
            assert out[i + 3].strip() == f"= suggestion: {finding['suggestion']}"
    assert re.match(r"Found \d+ problems? \(.+\) in 1 file\.", out[-1])


def test_no_colour_without_a_tty_or_with_no_color():
    assert "\x1b[" not in run_cli(str(ANGRY)).stdout  # a pipe is not a terminal
    assert "\x1b[" not in run_cli("--color", "auto", str(ANGRY), env=cli_env(NO_COLOR="1")).stdout
    assert "\x1b[" in run_cli("--color", "always", str(ANGRY)).stdout  # the check above can fail


def test_no_color_on_a_terminal(tmp_path):
    """On a real TTY colour is on by default, and NO_COLOR turns it off."""
    pty = pytest.importorskip("pty")
    import os

    def run_on_tty(env):
        master, slave = pty.openpty()
        proc = subprocess.run([sys.executable, "-m", "kameng_lint", str(ANGRY)], stdout=slave,
                              stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env, timeout=120)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        assert proc.returncode == 1
        return b"".join(chunks)

    assert b"\x1b[" in run_on_tty(cli_env(TERM="xterm"))
    assert b"\x1b[" not in run_on_tty(cli_env(TERM="xterm", NO_COLOR="1"))


# -- entry points ---------------------------------------------------------------------------------
def test_console_script():
    script = shutil.which("kameng-lint", path=str(Path(sys.executable).parent))
    assert script, "the kameng-lint console script is not installed next to this interpreter"
    proc = subprocess.run([script, "--format", "json", str(ANGRY)], capture_output=True, env=cli_env())
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == lint_json(str(ANGRY))[1]


def test_version():
    from kameng_lint import __version__

    proc = run_cli("--version")
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_pre_commit_hook_runs_the_console_script(repo_root):
    """.pre-commit-hooks.yaml names the console script the package installs, for drafts only."""
    import tomllib

    hook = (repo_root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    fields = dict(line.strip("- ").split(": ", 1) for line in hook.splitlines()
                  if line.strip() and not line.lstrip().startswith("#") and ": " in line)
    scripts = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert fields["id"] == "kameng-lint"
    assert fields["entry"] in scripts
    assert fields["language"] == "python"
    assert re.search(fields["files"], "drafts/a.txt") and re.search(fields["files"], "b.md")
    assert not re.search(fields["files"], "setup.py")
