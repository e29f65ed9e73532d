"""The Python API: ``lint_text``, ``lint_paths`` and a reusable ``Linter``.

The models are the public contract; their serialisation must be exactly the CLI's JSON.
"""

from __future__ import annotations

import json
import shutil

import kameng_lint
from conftest import EXAMPLES, run_cli
from kameng_lint import Config, FileReport, Finding, Linter, Report

ANGRY = EXAMPLES / "angry.txt"


def test_lint_text_returns_pydantic_models():
    report = kameng_lint.lint_text("你们就是骗子！！！")
    assert isinstance(report, FileReport)
    assert report.findings and all(isinstance(f, Finding) for f in report.findings)
    assert {"KM101", "KM107"} <= {f.code for f in report.findings}
    assert report.path == "<text>"


def test_lint_text_equals_the_json_output():
    text = ANGRY.read_text(encoding="utf-8")
    report = kameng_lint.lint_text(text, path="draft.txt")
    proc = run_cli("--format", "json", "-", "--stdin-filename", "draft.txt", stdin=text)
    data = json.loads(proc.stdout)
    assert data["files"] == [report.model_dump_public()]
    assert data == Report(files=[report]).to_json_dict()


def test_finding_round_trips_through_json():
    report = kameng_lint.lint_text("你们就是骗子！！！", path="d.txt")
    for finding in report.findings:
        assert Finding.model_validate_json(finding.model_dump_json()) == finding


def test_lint_paths_equals_the_json_output(tmp_path):
    shutil.copy(ANGRY, tmp_path / "angry.txt")
    shutil.copy(EXAMPLES / "model-complaint.txt", tmp_path / "model.md")
    missing = tmp_path / "missing.txt"
    report = kameng_lint.lint_paths([tmp_path, missing])
    assert isinstance(report, Report)
    paths = [f.path for f in report.files]
    assert paths == sorted([str(tmp_path / "angry.txt"), str(tmp_path / "model.md"), str(missing)])
    by_path = {f.path: f for f in report.files}
    assert by_path[str(missing)].error and not by_path[str(missing)].findings
    assert by_path[str(tmp_path / "angry.txt")].findings
    assert by_path[str(tmp_path / "model.md")].findings == []
    proc = run_cli("--format", "json", str(tmp_path), str(missing))
    assert json.loads(proc.stdout) == report.to_json_dict()


def test_config_selects_rules():
    report = kameng_lint.lint_text("你们就是骗子！！！", config=Config(select=["KM107"]))
    assert {f.code for f in report.findings} == {"KM107"}


def test_lint_text_reuses_one_linter_per_config():
    kameng_lint.lint_text("a")
    first = kameng_lint._linter(None)
    assert kameng_lint._linter(Config()) is first
    assert kameng_lint._linter(Config(select=["tone"])) is not first


def test_a_linter_is_reusable_without_leaking_state(default_linter):
    """One Linter, many drafts: each result is what a fresh lint of that draft gives."""
    drafts = [ANGRY.read_text(encoding="utf-8"), (EXAMPLES / "model-complaint.txt").read_text(encoding="utf-8"),
              "你们就是骗子！！！", "", "\r\n"]
    first = [default_linter.lint_text(d).model_dump() for d in drafts]
    tokenizer = default_linter.tokenizer
    again = [default_linter.lint_text(d).model_dump() for d in reversed(drafts)]
    assert list(reversed(again)) == first
    assert default_linter.tokenizer is tokenizer
    assert first[0] == Linter().lint_text(drafts[0]).model_dump()


def test_linter_lint_file_and_paths_agree(default_linter):
    via_file = default_linter.lint_file(ANGRY)
    via_paths = default_linter.lint_paths([ANGRY]).files[0]
    assert via_file == via_paths
    assert via_file.findings == default_linter.lint_text(ANGRY.read_text(encoding="utf-8"), path=str(ANGRY)).findings


def test_summary_counts(default_linter):
    report = default_linter.lint_paths([ANGRY])
    findings = report.files[0].findings
    assert report.summary.findings == len(findings)
    assert report.summary.files == 1
    assert report.summary.errors + report.summary.warnings + report.summary.infos == len(findings)
