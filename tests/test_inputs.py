"""Walking directories for drafts: which files, in which order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kameng_lint.inputs import expand_paths


def _tree(root: Path) -> None:
    for name in ["a/x.txt", "a/.hidden/y.txt", "a-b/z.MD", ".git/q.txt", "b/c/w.md", "b/c/v.doc", ".h.txt",
                 "A.txt", "a/b.txt", "a.b/c.txt", "d.txt/inner.txt", "notes.txt.bak"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("草稿", encoding="utf-8")
    if hasattr(os, "symlink"):
        os.symlink(root / "b", root / "linked-dir")  # a symlinked directory is not walked
        os.symlink(root / "a" / "x.txt", root / "linked.txt")  # a symlinked file is a draft
        os.symlink(root / "missing", root / "broken.txt")  # a broken link is not


def _as_pathlib_finds(root: Path) -> list[Path]:
    """The walk as Path.rglob does it, which the scandir walk replaced: the reference."""
    return sorted(
        p for p in root.rglob("*")
        if p.suffix.lower() in (".txt", ".md") and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def test_a_directory_gives_its_drafts_in_path_order(tmp_path):
    _tree(tmp_path)
    files, errors = expand_paths([tmp_path])
    assert errors == []
    relative = [p.relative_to(tmp_path).as_posix() for p in files]
    assert relative[:4] == ["A.txt", "a/b.txt", "a/x.txt", "a-b/z.MD"]  # a/… before a-b: by component
    assert "a/.hidden/y.txt" not in relative and ".git/q.txt" not in relative and ".h.txt" not in relative
    assert "b/c/w.md" in relative and "b/c/v.doc" not in relative and "notes.txt.bak" not in relative
    assert "d.txt/inner.txt" in relative and "d.txt" not in relative  # a directory named *.txt is walked
    if hasattr(os, "symlink"):
        assert "linked.txt" in relative and "broken.txt" not in relative
        assert not any(r.startswith("linked-dir/") for r in relative)
    assert files == _as_pathlib_finds(tmp_path)


@pytest.mark.parametrize("name", ["empty", "only-hidden"])
def test_a_directory_without_drafts_is_an_error(tmp_path, name):
    folder = tmp_path / name
    (folder / ".hidden").mkdir(parents=True)
    (folder / ".hidden" / "x.txt").write_text("草稿", encoding="utf-8")
    files, errors = expand_paths([folder])
    assert files == [] and errors == [(folder, "directory contains no *.txt or *.md drafts")]


def test_files_and_missing_paths_keep_their_order(tmp_path):
    draft = tmp_path / "one.txt"
    draft.write_text("草稿", encoding="utf-8")
    files, errors = expand_paths([draft, tmp_path / "nope.txt"])
    assert files == [draft] and errors == [(tmp_path / "nope.txt", "no such file or directory")]
