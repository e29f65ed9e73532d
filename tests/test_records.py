"""The engine's plain records and the API's pydantic models: the same data, one JSON shape;
and a command-line run that finds its packs in the cache never imports pydantic."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli_env
from pydantic import ValidationError

from kameng_lint import Category, Config, ConfigError, Edit, FileReport, Finding, Severity
from kameng_lint.contract import RULE_CATEGORIES
from kameng_lint.channels import load_profile
from kameng_lint.config import load_config
from kameng_lint.records import FileRecord, FindingRecord, Fix, Plain, file_entry, finding_entry, plain

DRAFTS = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]


def test_the_examples_exercise_the_shape(default_linter):
    findings = [f for draft in DRAFTS for f in default_linter.lint_text(draft).findings]
    assert any(f.fix is not None for f in findings) and any(f.fix is None for f in findings)
    assert {f.category for f in findings} == set(RULE_CATEGORIES)


def test_a_record_has_the_fields_of_the_model_in_its_order():
    assert FindingRecord._fields == tuple(Finding.model_fields)


@pytest.mark.parametrize("draft", DRAFTS)
def test_the_json_shape_written_once_is_what_the_models_dump(default_linter, draft):
    report = default_linter.lint_text(draft, path="d.txt")
    for finding in report.findings:
        assert finding_entry(finding) == finding.model_dump(mode="json", exclude={"fix"} if finding.fix is None else None)
        assert Finding.model_validate(finding.model_dump()) == finding  # what from_record skips validating is valid
    dumped = report.model_dump(mode="json")
    entry = file_entry(default_linter.check_text(draft, path="d.txt"))
    assert entry["score"] == dumped["score"] and entry["verdict"] == dumped["verdict"]
    assert entry == report.model_dump_public()


@pytest.mark.parametrize("draft", DRAFTS)
def test_models_built_from_records_equal_what_pydantic_builds(default_linter, draft):
    """from_record skips model_construct's loop over the fields; what it builds must not differ."""
    report = default_linter.lint_text(draft, path="d.txt")
    rebuilt = FileReport.model_construct(**{name: getattr(report, name) for name in FileReport.model_fields})
    assert report == rebuilt and report.model_fields_set == rebuilt.model_fields_set
    assert FileReport.model_validate(report.model_dump()) == report
    for finding in report.findings:
        validated = Finding(**finding.model_dump())
        assert finding == validated and finding.model_fields_set == set(Finding.model_fields)
        assert finding.__pydantic_extra__ is None and finding.__pydantic_private__ is None
        assert repr(finding) == repr(validated) and hash(finding) == hash(validated)  # frozen: hashable
        if finding.fix is not None:
            assert finding.fix == Edit(**finding.fix.model_dump()) and finding.fix.model_fields_set == {"start", "end", "replacement"}


def test_a_fix_becomes_an_edit_in_the_api(default_linter):
    draft = "我的身份证号是11010519491231002X。"
    fixes = [f.fix for f in default_linter.lint_text(draft).findings if f.fix is not None]
    assert fixes and all(isinstance(fix, Edit) for fix in fixes)
    record_fixes = [f.fix for f in default_linter.check_text(draft).findings if f.fix is not None]
    assert record_fixes and all(isinstance(fix, Fix) for fix in record_fixes)
    assert [tuple(fix) for fix in record_fixes] == [(e.start, e.end, e.replacement) for e in fixes]


def test_an_unreadable_file_has_no_score():
    record = FileRecord("a.txt", error="not UTF-8")
    assert record.score is None and file_entry(record) == {"path": "a.txt", "error": "not UTF-8"}


# -- Config: a dataclass that pydantic validates ------------------------------------------------
def test_config_coerces_like_a_pydantic_model():
    config = Config(fail_on="error", rules=["extra.toml"], severity={"KM101": "info"})
    assert config.fail_on is Severity.ERROR
    assert config.rules == [Path("extra.toml")]
    assert config.severity == {"KM101": Severity.INFO}


@pytest.mark.parametrize("fields", [{"select": "KM1"}, {"fail_on": "loud"}, {"plugins": "maybe"}])
def test_config_refuses_values_of_the_wrong_type(fields):
    with pytest.raises(ValidationError):
        Config(**fields)


def test_config_file_errors_name_the_file_and_the_field(tmp_path):
    bad_key = tmp_path / "kameng-lint.toml"
    bad_key.write_text('selekt = ["KM1"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kameng-lint\.toml: selekt"):
        load_config(bad_key)
    bad_channel = tmp_path / "other.toml"
    bad_channel.write_text('channel = "nowhere"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"other\.toml: channel: unknown channel 'nowhere'"):
        load_config(bad_channel)


# -- validated specs as plain records ---------------------------------------------------------
def test_plain_records_are_read_only_and_survive_pickling():
    profile = load_profile("12315")
    assert isinstance(profile, Plain) and isinstance(profile.profile, Plain)
    assert profile.require and all(isinstance(item, Plain) for item in profile.require)
    with pytest.raises(AttributeError, match="read-only"):
        profile.profile = None
    assert pickle.loads(pickle.dumps(profile)) == profile


def test_plain_converts_models_however_nested():
    value = plain({"edits": [Edit(start=0, end=1, replacement="x")]})
    assert value["edits"][0] == Plain("Edit", {"start": 0, "end": 1, "replacement": "x"})
    assert value["edits"][0].replacement == "x"


# -- the start-up path --------------------------------------------------------------------------
_IMPORTED = """
import sys
from kameng_lint.cli import main
code = main(sys.argv[1:])
heavy = sorted(name for name in ("pydantic", "kameng_lint.models", "kameng_lint.pack_specs",
                                 "kameng_lint.channel_specs") if name in sys.modules)
print("imported:", ",".join(heavy))
"""


def test_a_cached_command_line_run_does_not_import_pydantic(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("致12315：我在某卡盟买了100元点卡，卡密无效。请于3日内退款。\n", encoding="utf-8")
    env = cli_env(XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("KAMENG_LINT_NO_CACHE", None)

    def imported(*args: str) -> str:
        proc = subprocess.run([sys.executable, "-c", _IMPORTED, *args, str(draft)], capture_output=True,
                              text=True, cwd=tmp_path, env=env, timeout=120)
        return proc.stdout.strip().splitlines()[-1]

    assert "pydantic" in imported()  # the first run validates the packs and profiles, and caches them
    for args in ((), ("--format", "json"), ("--format", "sarif")):
        assert imported(*args) == "imported:", args


_PLUGIN = '''
from kameng_lint import Category, Examples, Hit, Rule


class Shouting(Rule):
    """Fires on 喂喂喂."""

    code = "KM199"
    name = "test-shouting"
    category = Category.TONE
    summary = "Shouting"
    examples = Examples(bad=["喂喂喂"], good=["您好"])

    def check(self, doc):
        start = doc.text.find("喂喂喂")
        if start >= 0:
            yield Hit(start, start + 3)
'''


def test_plugins_are_found_through_their_entry_points_txt(tmp_path, monkeypatch):
    from kameng_lint.linter import Linter, _may_have_plugins

    assert not _may_have_plugins([str(tmp_path)])  # nothing installed there: no need for importlib.metadata
    (tmp_path / "shouting_plugin.py").write_text(_PLUGIN, encoding="utf-8")
    info = tmp_path / "shouting_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shouting-plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[kameng_lint.rules]\nshouting = shouting_plugin:Shouting\n",
                                           encoding="utf-8")
    assert _may_have_plugins([str(tmp_path)])
    monkeypatch.syspath_prepend(str(tmp_path))  # installed: found by the scan, then by importlib.metadata
    linter = Linter(Config(select=["KM199"]))
    assert [f.code for f in linter.lint_text("喂喂喂，退钱").findings] == ["KM199"]


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path):
    from kameng_lint.linter import _may_have_plugins

    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip archive
    assert _may_have_plugins([str(archive)])
    assert not _may_have_plugins([str(tmp_path / "missing")])


def test_an_unpacked_egg_on_the_path_is_read_too(tmp_path):
    from kameng_lint.linter import _may_have_plugins

    egg = tmp_path / "shouting-1.0.egg"
    (egg / "EGG-INFO").mkdir(parents=True)
    assert not _may_have_plugins([str(egg)])
    (egg / "EGG-INFO" / "entry_points.txt").write_text("[kameng_lint.rules]\nx = y:Z\n", encoding="utf-8")
    assert _may_have_plugins([str(egg)])


def test_frozen_records_build_compare_and_refuse_changes_like_frozen_dataclasses():
    """``records.frozen`` fills the slots itself; the rest is the dataclass's."""
    import dataclasses

    from kameng_lint.records import frozen
    from kameng_lint.rule import Hit

    @dataclasses.dataclass(frozen=True, slots=True)
    class Reference:
        start: int
        end: int
        message: str | None = None

    @frozen
    class Fast:
        start: int
        end: int
        message: str | None = None

    for args, kwargs in [((1, 2), {}), ((1, 2, "m"), {}), ((), {"start": 3, "end": 4, "message": None})]:
        fast, reference = Fast(*args, **kwargs), Reference(*args, **kwargs)
        assert dataclasses.astuple(fast) == dataclasses.astuple(reference)
        assert fast == Fast(*args, **kwargs) and hash(fast) == hash(Fast(*args, **kwargs))
        assert repr(fast).replace("Fast", "Reference") == repr(reference)
        with pytest.raises(dataclasses.FrozenInstanceError):
            fast.start = 9
    with pytest.raises(TypeError):
        Fast(1)
    assert not hasattr(Fast(1, 2), "__dict__")  # slots
    assert Hit(1, 2).message is None and Hit(1, 2, "m").message == "m"

    with pytest.raises(TypeError):
        @frozen
        class WithFactory:
            items: list = dataclasses.field(default_factory=list)
