"""Rule packs: user packs add rules; a bad pack is refused with the file, the field and the reason."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from kameng_lint import Config, ConfigError, Linter
from kameng_lint.packs import PackError, load_pack_file

MY_PACK = EXAMPLES / "my-pack.toml"

GOOD_RULE = """
[[rule]]
code = "KM395"
kind = "lexicon"
category = "evidence"
severity = "warning"
message = "Hearsay “{text}”"
words = [{ word = "据说", suggestion = "（删去）" }]
examples = { bad = ["据说卡密被盗了。"], good = ["客服说“据说在维护”。"] }
"""


def write_pack(tmp_path: Path, body: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    """The reason a Linter refuses the pack (a PackError or ConfigError, as the CLI reports it)."""
    with pytest.raises(ConfigError) as info:
        Linter(Config(rules=[path]))
    message = str(info.value)
    assert "\n" not in message
    return message


# -- invalid packs ----------------------------------------------------------------------------------
@pytest.mark.parametrize("change, field, reason", [
    (("category = \"evidence\"", "category = \"proof\""), "rule[0].category (KM395)", "evidence"),
    (("code = \"KM395\"", "code = \"K195\""), "rule[0].code (K195)", "pattern"),
    (("kind = \"lexicon\"", "kind = \"phrase\""), "rule[0]", "lexicon"),
    (("severity = \"warning\"", "severity = \"fatal\""), "rule[0].severity (KM395)", "error"),
    (("words = [{ word = \"据说\", suggestion = \"（删去）\" }]", "words = []"), "rule[0].words (KM395)", "at least 1"),
    (("words = [{ word = \"据说\", suggestion = \"（删去）\" }]", "words = [{ wrd = \"据说\" }]"),
     "rule[0].words[0]", ""),
    (("message = \"Hearsay “{text}”\"", "message = \"Slang\"\nskip_quotes = true"), "rule[0].skip_quotes (KM395)",
     "not permitted"),
])
def test_invalid_field_names_the_file_the_field_and_the_reason(tmp_path, change, field, reason):
    path = write_pack(tmp_path, GOOD_RULE.replace(*change))
    with pytest.raises(PackError) as info:
        load_pack_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {field}"), message
    assert reason in message.split(field, 1)[1]
    assert "\n" not in message


def test_invalid_regular_expression(tmp_path):
    path = write_pack(tmp_path, """
        [[rule]]
        code = "KM196"
        kind = "pattern"
        category = "tone"
        message = "x"
        pattern = "(unclosed"
    """)
    with pytest.raises(PackError, match=r"pack\.toml: rule\[0\]\.pattern \(KM196\): invalid regular expression"):
        load_pack_file(path)


def test_invalid_toml(tmp_path):
    path = write_pack(tmp_path, "[[rule]\ncode = ")
    with pytest.raises(PackError, match=r"pack\.toml: not valid TOML"):
        load_pack_file(path)


def test_missing_pack_file(tmp_path):
    assert "not found" in load_error(tmp_path / "nope.toml")


def test_invalid_pack_from_the_cli_is_one_line_exit_2(tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace('category = "evidence"', 'category = "proof"'))
    proc = run_cli("--rules", str(path), str(EXAMPLES / "angry.txt"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert str(path) in line and "rule[0].category" in line
    assert proc.stdout == ""


def test_code_outside_its_category_range_is_refused(tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace('code = "KM395"', 'code = "KM295"'))
    with pytest.raises(PackError) as info:
        load_pack_file(path)
    assert "KM295" in str(info.value) and "evidence" in str(info.value) and "KM3xx" in str(info.value)


# -- a pack tests itself ----------------------------------------------------------------------------
def test_bad_example_that_does_not_fire_refuses_to_load(tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace('bad = ["据说卡密被盗了。"]', 'bad = ["我很平静。"]'))
    message = load_error(path)
    assert str(path) in message and "KM395" in message and "我很平静。" in message


def test_good_example_that_fires_refuses_to_load(tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace('good = ["客服说“据说在维护”。"]', 'good = ["据说已经发货。"]'))
    message = load_error(path)
    assert str(path) in message and "KM395" in message and "据说" in message


def test_a_pack_that_tests_itself_loads(tmp_path):
    linter = Linter(Config(rules=[write_pack(tmp_path, GOOD_RULE)]))
    assert [f.code for f in linter.lint_text("据说卡密被盗了。").findings if f.code == "KM395"] == ["KM395"]
    assert not [f for f in linter.lint_text("客服说“据说在维护”。").findings if f.code == "KM395"]


# -- duplicate codes ----------------------------------------------------------------------------------
def test_a_code_already_built_in_is_refused(tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace('code = "KM395"', 'code = "KM301"'))
    message = load_error(path)
    assert "KM301" in message and "twice" in message and str(path) in message


def test_the_same_code_in_two_user_packs_is_refused(tmp_path):
    first = write_pack(tmp_path, GOOD_RULE, "first.toml")
    second = write_pack(tmp_path, GOOD_RULE, "second.toml")
    with pytest.raises(ConfigError) as info:
        Linter(Config(rules=[first, second]))
    assert "KM395" in str(info.value) and "first.toml" in str(info.value) and "second.toml" in str(info.value)


def test_the_same_code_twice_in_one_pack_is_refused(tmp_path):
    path = write_pack(tmp_path, GOOD_RULE + GOOD_RULE)
    assert "KM395" in load_error(path)


# -- the example user pack ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def my_pack_codes() -> list[str]:
    return [spec.code for spec in load_pack_file(MY_PACK).rule]


def test_example_pack_has_every_kind():
    assert {spec.kind for spec in load_pack_file(MY_PACK).rule} == {"lexicon", "pattern", "require"}


def test_example_pack_adds_its_rules_to_the_cli(my_pack_codes):
    proc = run_cli("rules", "--format", "json", "--rules", str(MY_PACK))
    rows = {row["code"]: row for row in json.loads(proc.stdout)}
    for code in my_pack_codes:
        assert rows[code]["source"] == str(MY_PACK)
    without = {row["code"] for row in json.loads(run_cli("rules", "--format", "json").stdout)}
    assert not without & set(my_pack_codes)


def test_example_pack_rules_fire_from_the_cli(tmp_path, my_pack_codes):
    specs = load_pack_file(MY_PACK).rule
    draft = tmp_path / "d.txt"
    draft.write_text("".join(spec.examples.bad[0] for spec in specs), encoding="utf-8")
    proc = run_cli("--format", "json", "--rules", str(MY_PACK), str(draft))
    fired = {f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert set(my_pack_codes) <= fired


def test_example_pack_rules_are_quiet_on_their_good_examples():
    linter = Linter(Config(rules=[MY_PACK]))
    for spec in load_pack_file(MY_PACK).rule:
        for text in spec.examples.good:
            assert spec.code not in {f.code for f in linter.lint_text(text).findings}, text


def test_pack_in_a_config_file_is_relative_to_it(tmp_path, my_pack_codes):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.toml").write_bytes(MY_PACK.read_bytes())
    (tmp_path / "kameng-lint.toml").write_text('rules = ["packs/mine.toml"]\n', encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(load_pack_file(MY_PACK).rule[0].examples.bad[0], encoding="utf-8")
    proc = run_cli("--format", "json", "d.txt", cwd=tmp_path)
    assert my_pack_codes[0] in {f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]}


def test_the_readme_pack_example_loads_and_fires(tmp_path):
    """The README's rule-pack snippet is what users copy first: it must work as printed,
    also when its words are already in a built-in list (both rules then report the phrase)."""
    import re

    from kameng_lint import Config, Linter

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"```toml\n(\[\[rule\]\].*?)```", readme, re.S).group(1)
    pack = tmp_path / "readme-pack.toml"
    pack.write_text(snippet, encoding="utf-8")
    linter = Linter(Config(rules=[pack]))
    code = re.search(r'code = "(KM\d{3})"', snippet).group(1)
    assert code in {f.code for f in linter.lint_text("这就是一家黑店。").findings}
