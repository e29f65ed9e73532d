"""``-j/--jobs``: many files in worker processes give exactly the output of one process."""

from __future__ import annotations

import concurrent.futures
import json

import pytest

from kameng_lint import Config, FileReport, Linter
from kameng_lint import linter as linter_module
from kameng_lint.cli import main
from kameng_lint.linter import lint_files

DRAFTS = [
    "你们就是骗子，赶紧退钱！！！",
    "订单号LX20241208-5571，购买Q币100元未到账（见证据1）。要求平台在24小时内退还100元。\n证据1 支付截图",
    "客服说“马上到！！”，但至今没有到账。",
    "我的身份证号是110101199003074578，请尽快处理。",
    "希望尽快解决，给我个说法。",
    "垃圾分类做得好。",
]


FILES = 24


@pytest.fixture(autouse=True)
def workers_for_any_size(monkeypatch):
    """These tests are about the workers: start them for a few small files too."""
    monkeypatch.setattr(linter_module, "MIN_BYTES_FOR_WORKERS", 1)


@pytest.fixture
def corpus(tmp_path):
    """Files in nested folders, plus one unreadable file."""
    paths = []
    for i in range(FILES):
        folder = tmp_path / ("b" if i % 2 else "a") / str(i % 3)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"draft{(i * 7) % 100:02d}.txt"
        path.write_text(DRAFTS[i % len(DRAFTS)] * (1 + i % 4), encoding="utf-8")
        paths.append(path)
    broken = tmp_path / "a" / "broken.txt"
    broken.write_bytes(b"\xff\xfe\x00\xd8 not a draft \x80\x81")
    return tmp_path


def _run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_workers_give_the_same_output_as_one_process(corpus, capsys, fmt):
    single = _run(capsys, "--format", fmt, "--color", "never", "-j", "1", str(corpus))
    parallel = _run(capsys, "--format", fmt, "--color", "never", "-j", "2", str(corpus))
    default = _run(capsys, "--format", fmt, "--color", "never", str(corpus))
    assert single == parallel == default
    assert single[0] == 2  # the unreadable file makes it an input error


def test_output_is_sorted_by_path_and_complete(corpus, capsys):
    code, out, _ = _run(capsys, "--format", "json", "--jobs", "2", str(corpus))
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths == sorted(paths)
    assert len(paths) == FILES + 1
    broken = [f for f in json.loads(out)["files"] if f["path"].endswith("broken.txt")]
    assert broken and broken[0]["error"]


def test_findings_from_workers_match_the_api(corpus):
    linter = Linter(Config())
    files = sorted(corpus.rglob("draft*.txt"))
    results = list(lint_files(linter, files, jobs=2))
    assert [r.path for r, _ in results] == [str(p) for p in files]  # the order given
    for (report, text), path in zip(results, files):
        assert text == path.read_text(encoding="utf-8")
        assert FileReport.from_record(report) == linter.lint_text(text, path=str(path))


def test_texts_are_not_sent_back_when_not_needed(corpus):
    files = sorted(corpus.rglob("draft*.txt"))
    results = list(lint_files(Linter(Config()), files, jobs=2, keep_text=False))
    assert all(text is None for _, text in results)
    assert all(report.error is None for report, _ in results)


def test_a_spawned_worker_builds_its_own_linter(monkeypatch):
    monkeypatch.setattr(linter_module, "_worker_linter", None)
    config = Config(select=["tone"])
    linter_module._init_worker(config)
    assert linter_module._worker_linter is not None
    assert linter_module._worker_linter.config == config
    assert {r.category for r in linter_module._worker_linter.rules} == {"tone"}


@pytest.mark.parametrize("value", ["x", "-1", "1.5"])
def test_bad_jobs_value_is_a_one_line_usage_error(capsys, value, tmp_path):
    code, out, err = _run(capsys, "-j", value, str(tmp_path))
    assert code == 2
    assert err.startswith("kameng-lint: error:") and err.count("\n") == 1


def test_json_made_per_file_is_the_json_of_the_whole_report(corpus, capsys):
    """Workers encode their own files' entries; joined, they are the very text the report
    encodes to in one piece (indentation, order, unreadable files and all)."""
    from kameng_lint.models import FileReport, Report
    from kameng_lint.render import join_json, render_json, render_json_file

    _, out, _ = _run(capsys, "--format", "json", "-j", "2", str(corpus))
    report = Report(files=[FileReport.model_validate(entry) for entry in json.loads(out)["files"]])
    assert out == render_json(report.files)
    assert join_json([render_json_file(f) for f in report.files], report.files) == out
    assert json.loads(out) == report.to_json_dict()  # what the CLI writes is what the API's models dump
    assert join_json([], []) == render_json([])


class _CountingPool:
    """Stands in for ProcessPoolExecutor and records that a pool was started."""

    started = 0
    real = concurrent.futures.ProcessPoolExecutor

    def __init__(self, *args, **kwargs):
        type(self).started += 1
        self._pool = self.real(*args, **kwargs)

    def __enter__(self):
        return self._pool.__enter__()

    def __exit__(self, *exc):
        return self._pool.__exit__(*exc)


def _lint_counting_pools(monkeypatch, files, threshold):
    monkeypatch.setattr(linter_module, "MIN_BYTES_FOR_WORKERS", threshold)
    monkeypatch.setattr(_CountingPool, "started", 0)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _CountingPool)
    results = list(lint_files(Linter(Config()), files, jobs=2, keep_text=False))
    return _CountingPool.started, [r.path for r, _ in results]


def test_workers_start_only_for_enough_text(corpus, monkeypatch):
    """A few small drafts (a pre-commit hook) are linted in this process: starting workers and
    compiling every pattern again in each costs more than the drafts; past the threshold the
    pool starts, with the same files in the same order."""
    files = sorted(corpus.rglob("draft*.txt"))
    size = sum(p.stat().st_size for p in files)
    pools, serial = _lint_counting_pools(monkeypatch, files, size + 1)
    assert pools == 0
    pools, parallel = _lint_counting_pools(monkeypatch, files, size)
    assert pools == 1 and parallel == serial == [str(p) for p in files]


def test_the_threshold_counts_bytes_and_skips_unreadable_paths(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"x" * 10)
    b.write_bytes(b"y" * 5)
    assert linter_module._at_least_bytes([a, tmp_path / "missing.txt", b], 15)
    assert not linter_module._at_least_bytes([a, tmp_path / "missing.txt", b], 16)
