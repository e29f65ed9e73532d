"""Shared fixtures: the repository's paths, one loaded Linter, and a CLI runner.

Loading a Linter (jieba's dictionary, every pack, every rule's self-test) takes about half a
second, so tests share one per session instead of building one per test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kameng_lint import Config, Linter

REPO_ROOT = Path(__file__).resolve().parents[1]
#: Read-only project material next to the repository (schemas, corpus, reference).
SHARED = REPO_ROOT.parent / "shared"
EXAMPLES = REPO_ROOT / "examples"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: takes tens of seconds (builds and installs packages); runs by default, "
        "skip with -m 'not slow'")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def default_linter() -> Linter:
    """The rules a user gets with no options."""
    return Linter()


@pytest.fixture(scope="session")
def full_linter() -> Linter:
    """Every rule, the opt-in ones too (``--select ALL``)."""
    return Linter(Config(select=["ALL"]))


def cli_env(**extra: str) -> dict[str, str]:
    """A clean environment for the CLI: UTF-8 I/O, no colour request, no config surprises."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PYTHONPATH")}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run_cli(*args: str, stdin: bytes | str | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None, python: str | None = None) -> subprocess.CompletedProcess:
    """``python -m kameng_lint ARGS`` in a subprocess, as a user runs it; text is decoded UTF-8."""
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    proc = subprocess.run(
        [python or sys.executable, "-m", "kameng_lint", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd or REPO_ROOT,
        env=env or cli_env(),
        timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


@pytest.fixture(scope="session")
def cli():
    return run_cli
