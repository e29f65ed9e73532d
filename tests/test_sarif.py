"""``--format sarif``: a SARIF 2.1.0 log that validates against the official schema and says the
same as the JSON output, in code-point columns."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, SHARED, run_cli
from kameng_lint.models import Report
from kameng_lint.sarif import LEVELS, sarif_dict

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_PATH = SHARED / "schemas" / "sarif-schema-2.1.0.json"
#: A draft with a tone finding, a privacy finding that carries a fix, and an emoji before a span
#: (one code point, two UTF-16 code units: the column kind matters).
DRAFT = "😀订单XH0815未到账，你们就是骗子！！！\r\n我的身份证号是11010519491231002X，请核实。\n"


#: The root object (``sarifLog``) of the official schema. The copy in ../shared holds only its
#: ``definitions``, and an empty root accepts any JSON at all, so the root is restored here.
SARIF_LOG_ROOT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": ["array", "null"], "items": {"$ref": "#/definitions/run"}},
        "inlineExternalProperties": {"type": "array", "uniqueItems": True,
                                     "items": {"$ref": "#/definitions/externalProperties"}},
        "properties": {"$ref": "#/definitions/propertyBag"},
    },
}


@pytest.fixture(scope="module")
def schema():
    if not SCHEMA_PATH.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA_PATH}")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    if "properties" not in schema:
        schema = {**schema, **SARIF_LOG_ROOT}
    return schema


def test_the_schema_is_not_vacuous(schema, default_linter):
    """Validation must be able to fail: a log with a wrong level or a 0 column is refused."""
    report = Report(files=[default_linter.lint_text("你们就是骗子！！！", path="a.txt")])
    log = sarif_dict(report.files, [r.info for r in default_linter.rules])
    jsonschema.validate(log, schema)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "info"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0"}, schema)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sarif")
    draft = folder / "draft one.txt"  # a space: the URI must be percent-encoded
    draft.write_bytes(DRAFT.encode("utf-8"))
    missing = folder / "missing.txt"
    sarif = run_cli("--format", "sarif", str(draft), str(missing))
    as_json = run_cli("--format", "json", str(draft), str(missing))
    assert "Traceback" not in sarif.stderr
    return sarif, json.loads(sarif.stdout), json.loads(as_json.stdout), draft, missing


def test_validates_against_the_sarif_schema(outputs, schema):
    _, log, *_ = outputs
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_exit_code_matches_the_other_formats(outputs):
    proc, *_ = outputs
    assert proc.returncode == 2  # a missing file is an input error, whatever the format


def test_run_header(outputs):
    _, log, *_ = outputs
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "kameng-lint"


def test_rules_describe_every_enabled_rule(outputs, default_linter):
    _, log, *_ = outputs
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r.code for r in default_linter.rules)
    by_code = {r.code: r for r in default_linter.rules}
    for descriptor in rules:
        rule = by_code[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == LEVELS[rule.severity]


def test_results_say_what_the_json_says(outputs):
    _, log, data, draft, _ = outputs
    run = log["runs"][0]
    findings = next(f for f in data["files"] if "findings" in f)["findings"]
    results = run["results"]
    assert len(results) == len(findings) > 0
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result, finding in zip(results, findings):
        assert result["ruleId"] == finding["code"]
        assert rule_ids[result["ruleIndex"]] == finding["code"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert finding["message"] in result["message"]["text"]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("draft%20one.txt")
        region = physical["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            finding["line"], finding["column"], finding["end_line"], finding["end_column"])
        assert (region["charOffset"], region["charLength"]) == (finding["start"], finding["end"] - finding["start"])
        assert DRAFT[region["charOffset"]:region["charOffset"] + region["charLength"]] == finding["text"]


def test_columns_count_code_points_not_utf16_units(outputs):
    _, log, *_ = outputs
    insult = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "KM101")
    region = insult["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == DRAFT.index("骗子") + 1  # the emoji counts once


def test_fixes_only_where_a_finding_has_a_fix(outputs):
    _, log, data, *_ = outputs
    findings = next(f for f in data["files"] if "findings" in f)["findings"]
    results = log["runs"][0]["results"]
    assert any("fix" in f for f in findings), "the draft should contain a finding with a fix"
    for result, finding in zip(results, findings):
        if "fix" not in finding:
            assert "fixes" not in result
            continue
        [fix] = result["fixes"]
        [change] = fix["artifactChanges"]
        [replacement] = change["replacements"]
        deleted = replacement["deletedRegion"]
        assert (deleted["charOffset"], deleted["charLength"]) == (
            finding["fix"]["start"], finding["fix"]["end"] - finding["fix"]["start"])
        assert replacement["insertedContent"]["text"] == finding["fix"]["replacement"]


def test_unreadable_file_is_a_notification(outputs):
    _, log, _, _, missing = outputs
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and str(missing) in note["message"]["text"]


def test_clean_run(schema, default_linter):
    report = Report(files=[default_linter.lint_text("", path="empty.txt")])
    log = sarif_dict(report.files, [r.info for r in default_linter.rules])
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["results"] == [] or all(r["ruleId"] for r in run["results"])


def test_sarif_is_a_format_choice():
    proc = run_cli("--format", "sarif", str(EXAMPLES / "model-complaint.txt"))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["runs"][0]["results"] == []
