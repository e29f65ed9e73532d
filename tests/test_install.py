"""The package as users get it: a built wheel in a fresh virtual environment, and a plugin.

The wheel must carry the built-in rule packs (they live in the top-level ``rules/`` folder and
are installed as ``kameng_lint.packs``): linting from another directory, with no source checkout
on the path, must still run every built-in rule.

To stay fast and work without network access to the project's dependencies, the fresh venv gets
``pip install --no-deps <wheel>`` and a ``.pth`` file that appends this interpreter's
site-packages (pydantic, jieba, regex ...) to its ``sys.path``. A ``.pth`` line only appends a
directory, it does not process the ``.pth`` files inside it, so the editable install of the
checkout that lives there stays inert, and the venv's own site-packages (the wheel) comes first.
The test asserts that the imported ``kameng_lint`` is the wheel's.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO_ROOT, cli_env, run_cli

#: Building two packages takes about half a minute: marked, and still run by default (and in CI).
pytestmark = pytest.mark.slow

ANGRY_TEXT = (EXAMPLES / "angry.txt").read_text(encoding="utf-8")
PLUGIN_SRC = EXAMPLES / "plugin"


def _pip(*args: str, cwd: Path | None = None) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=600)
    assert proc.returncode == 0, f"pip {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"


def _isolation_flags() -> list[str]:
    """Build offline with this interpreter's setuptools when it can (setuptools>=68 and wheel);
    otherwise let pip fetch the build backend, as a plain ``pip install .`` would."""
    try:
        import setuptools
    except ImportError:
        return []
    major = int(setuptools.__version__.split(".")[0])
    return ["--no-build-isolation"] if major >= 68 and importlib.util.find_spec("wheel") else []


def _copy_tree(source: Path, destination: Path, suffixes: tuple[str, ...]) -> None:
    """Copy the package's files (by suffix), skipping build leftovers and editors' temp files."""
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.suffix not in suffixes or any(part in ("__pycache__", "build") or part.endswith(".egg-info")
                                              for part in relative.parts):
            continue
        (destination / relative).parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copy(path, destination / relative)
        except FileNotFoundError:  # a temporary file that vanished while we walked
            continue


def _copy_project(destination: Path) -> Path:
    """Build from a clean copy: no stale build/ or egg-info, and nothing written to the checkout."""
    destination.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO_ROOT / name, destination / name)
    _copy_tree(REPO_ROOT / "src", destination / "src", (".py", ".typed"))
    _copy_tree(REPO_ROOT / "rules", destination / "rules", (".toml",))
    return destination


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> Path:
    """A fresh venv with the built wheel installed; returns its python."""
    tmp = tmp_path_factory.mktemp("install")
    source = _copy_project(tmp / "source")
    _pip("wheel", str(source), "--no-deps", "-w", str(tmp / "dist"), *_isolation_flags())
    [wheel] = (tmp / "dist").glob("kameng_lint-*.whl")

    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _pip("--python", str(python), "install", "--no-deps", "--no-index", str(wheel))

    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "_kameng_lint_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return python


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory) -> Path:
    """Another directory, far from the checkout, holding one draft."""
    folder = tmp_path_factory.mktemp("elsewhere")
    (folder / "draft.txt").write_text(ANGRY_TEXT, encoding="utf-8")
    return folder


def test_the_installed_package_is_the_wheel(wheel_venv, elsewhere):
    proc = subprocess.run([str(wheel_venv), "-c", "import kameng_lint, sys; print(kameng_lint.__file__)"],
                          capture_output=True, text=True, cwd=elsewhere, env=cli_env(), check=True)
    location = Path(proc.stdout.strip())
    assert wheel_venv.parent.parent in location.parents, location
    assert REPO_ROOT not in location.parents
    packs = location.parent / "packs"
    assert sorted(p.name for p in packs.glob("*.toml")) == sorted(p.name for p in (REPO_ROOT / "rules").glob("*.toml"))


def test_wheel_lints_with_the_built_in_packs_from_another_directory(wheel_venv, elsewhere):
    proc = run_cli("--format", "json", "draft.txt", cwd=elsewhere, python=str(wheel_venv))
    assert proc.returncode == 1, proc.stderr
    codes = {f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert {"KM101", "KM107"} <= codes  # rules from the built-in tone pack
    checkout = run_cli("--format", "json", str(elsewhere / "draft.txt"))
    assert codes == {f["code"] for f in json.loads(checkout.stdout)["files"][0]["findings"]}


def test_wheel_has_every_rule_and_channel(wheel_venv, elsewhere, default_linter):
    proc = run_cli("rules", "--format", "json", "--channel", "heimao", cwd=elsewhere, python=str(wheel_venv))
    assert proc.returncode == 0, proc.stderr
    assert [row["code"] for row in json.loads(proc.stdout)] == [r.code for r in default_linter.all_rules]


def test_wheel_console_script(wheel_venv, elsewhere):
    script = wheel_venv.parent / ("kameng-lint.exe" if os.name == "nt" else "kameng-lint")
    proc = subprocess.run([str(script), "draft.txt"], capture_output=True, text=True, cwd=elsewhere,
                          env=cli_env(), timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "draft.txt:3:" in proc.stdout and "KM101" in proc.stdout


# -- the example plugin -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory) -> Path:
    """The example plugin installed into its own target folder (code and dist-info with its entry
    point), so it is seen only by processes that put that folder on their path."""
    tmp = tmp_path_factory.mktemp("plugin")
    source = tmp / "source"
    source.mkdir()
    shutil.copy(PLUGIN_SRC / "pyproject.toml", source / "pyproject.toml")
    _copy_tree(PLUGIN_SRC / "src", source / "src", (".py",))
    target = tmp / "site"
    _pip("install", "--no-deps", "--target", str(target), str(source), *_isolation_flags())
    assert list(target.glob("kameng_lint_example_plugin-*.dist-info"))
    return target


def _plugin_rule():
    spec = importlib.util.spec_from_file_location(
        "example_plugin", PLUGIN_SRC / "src" / "kameng_lint_example_plugin" / "__init__.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.LongDraft


def test_plugin_rule_is_listed(plugin_path, default_linter):
    rule = _plugin_rule()
    proc = run_cli("rules", "--format", "json", env=cli_env(PYTHONPATH=str(plugin_path)))
    assert proc.returncode == 0, proc.stderr
    rows = {row["code"]: row for row in json.loads(proc.stdout)}
    assert rows[rule.code]["summary"] == rule.summary
    assert rows[rule.code]["source"].startswith("plugin ")
    assert set(rows) == {r.code for r in default_linter.all_rules} | {rule.code}


def test_plugin_rule_fires(plugin_path, tmp_path):
    rule = _plugin_rule()
    (tmp_path / "long.txt").write_text(rule.examples.bad[0], encoding="utf-8")
    (tmp_path / "short.txt").write_text(rule.examples.good[0], encoding="utf-8")
    env = cli_env(PYTHONPATH=str(plugin_path))
    data = json.loads(run_cli("--format", "json", str(tmp_path), env=env).stdout)
    by_name = {Path(f["path"]).name: [x for x in f["findings"] if x["code"] == rule.code] for f in data["files"]}
    assert by_name["short.txt"] == []
    [finding] = by_name["long.txt"]
    assert finding["category"] == "structure"
    text = rule.examples.bad[0]
    assert finding["text"] == text[finding["start"]:finding["end"]]
    assert rule.code not in run_cli("--no-plugins", "--format", "json", str(tmp_path), env=env).stdout


def test_plugin_explain(plugin_path):
    rule = _plugin_rule()
    proc = run_cli("explain", rule.code, env=cli_env(PYTHONPATH=str(plugin_path)))
    assert proc.returncode == 0, proc.stderr
    assert rule.summary in proc.stdout and "800" in proc.stdout
