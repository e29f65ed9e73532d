"""The readiness score and verdict: the documented formula, in the report and the JSON."""

from __future__ import annotations

import json

from hypothesis import given, strategies as st

from kameng_lint import Config, Linter
from kameng_lint.models import Category, FileReport, Finding, Report, Severity
from kameng_lint.score import ERROR_CAP, readiness_score, verdict


def finding(code: str, severity: str, category: str = "structure") -> Finding:
    return Finding(code=code, category=Category(category), severity=Severity(severity), message="m",
                   start=0, end=1, line=1, column=1, end_line=1, end_column=2, text="x")


def test_no_findings_is_100_and_ready():
    assert readiness_score([]) == 100
    assert verdict([]) == "Ready to send."


def test_costs_by_severity():
    assert readiness_score([finding("KM501", "warning")]) == 90
    assert readiness_score([finding("KM503", "info")]) == 97
    assert readiness_score([finding("KM503", "info"), finding("KM504", "info")]) == 94


def test_repeats_of_one_code_cost_at_most_twice():
    assert readiness_score([finding("KM503", "info")] * 10) == 94
    assert readiness_score([finding("KM501", "warning")] * 3) == 80


def test_an_error_caps_the_score_and_privacy_says_do_not_send():
    one = [finding("KM601", "error", "privacy")]
    assert readiness_score(one) == ERROR_CAP
    assert verdict(one).startswith("Do not send")
    assert verdict([finding("KM101", "error", "tone")]).startswith("Not ready")


@given(st.lists(st.sampled_from([("KM601", "error", "privacy"), ("KM501", "warning", "structure"),
                                 ("KM503", "info", "structure"), ("KM202", "warning", "demand")]), max_size=12))
def test_score_is_bounded_and_never_rises_with_a_new_finding(specs):
    findings = [finding(*s) for s in specs]
    score = readiness_score(findings)
    assert 0 <= score <= 100
    assert readiness_score(findings + [finding("KM502", "info")]) <= score


def test_reports_carry_score_and_verdict_in_json_and_text():
    linter = Linter(Config())
    report = linter.lint_text("本人韦某，身份证号110105199003070025，订单WY0927未到账。", path="a.txt")
    assert report.score == readiness_score(report.findings) <= ERROR_CAP
    data = Report(files=[report]).to_json_dict()
    assert data["version"] == 1
    assert data["files"][0]["score"] == report.score
    assert data["files"][0]["verdict"] == report.verdict
    json.dumps(data)
    unreadable = FileReport(path="b.txt", error="cannot decode")
    assert unreadable.score is None and "score" not in unreadable.model_dump_public()


def test_text_output_shows_the_readiness_line(tmp_path, capsys):
    from kameng_lint.cli import main

    draft = tmp_path / "d.txt"
    draft.write_text("订单号LX1，卡没发（证据1）。要求24小时内退还100元。", encoding="utf-8")
    main([str(draft), "--color", "never"])
    out = capsys.readouterr().out
    assert f"{draft}: readiness " in out and "/100 — " in out
