"""The build script's pure parts: names, sizes, freshness, and the Windows version numbers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging_modules import load

build = load("build")
winversion = load("winversion")


def test_platform_tag_and_archive_name() -> None:
    tag = build.platform_tag()
    assert re.fullmatch(r"(linux|windows|macos)-[a-z0-9_]+", tag)
    archive = build.archive_path()
    assert archive.parent == build.DIST
    assert archive.name == f"estate-call-{tag}" + (".zip" if sys.platform == "win32" else ".tar.gz")


@pytest.mark.skipif(shutil.which("du") is None or sys.platform != "linux", reason="GNU du compares sizes")
def test_tree_bytes_counts_like_du_sb(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.bin").write_bytes(b"x" * 12345)
    (tmp_path / "two.txt").write_text("电话营销", encoding="utf-8")
    os.symlink("a/one.bin", tmp_path / "link")
    du = subprocess.run(["du", "-sb", str(tmp_path)], capture_output=True, text=True, check=True)
    assert build.tree_bytes(tmp_path) == int(du.stdout.split()[0])


def test_newest_input_ignores_bytecode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "ROOT", tmp_path)
    (tmp_path / "desktop_app" / "__pycache__").mkdir(parents=True)
    (tmp_path / "resources").mkdir()
    for name, when in [
        ("main.py", 1_000),
        ("desktop_app/app.py", 2_000),
        ("resources/style.qss", 1_500),
        ("desktop_app/__pycache__/app.cpython-311.pyc", 9_000),
    ]:
        (tmp_path / name).write_text("x", encoding="utf-8")
        os.utime(tmp_path / name, (when, when))
    assert build.newest_input() == 2_000


def test_is_fresh_only_when_bundle_and_archive_follow_the_last_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "DIST", tmp_path)
    monkeypatch.setattr(build, "BUNDLE", tmp_path / "estate-call")
    monkeypatch.setattr(build, "newest_input", lambda: 5_000.0)
    assert not build.is_fresh()  # nothing built yet

    exe, archive = build.executable(), build.archive_path()
    exe.parent.mkdir()
    exe.write_bytes(b"")
    archive.write_bytes(b"")
    os.utime(exe, (6_000, 6_000))
    os.utime(archive, (6_100, 6_100))
    assert build.is_fresh()

    os.utime(exe, (4_000, 4_000))  # built before the last source change
    assert not build.is_fresh()

    os.utime(exe, (6_000, 6_000))
    os.utime(archive, (5_500, 5_500))  # archive of an older build
    assert not build.is_fresh()


def test_program_version_is_read_from_the_package() -> None:
    import desktop_app

    assert winversion.program_version(build.ROOT / "desktop_app" / "__init__.py") == desktop_app.__version__


def test_program_version_refuses_a_file_without_one(tmp_path: Path) -> None:
    init = tmp_path / "__init__.py"
    init.write_text('"""No version here."""\n', encoding="utf-8")
    with pytest.raises(ValueError):
        winversion.program_version(init)


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3.4", (1, 2, 3, 4)),
        ("2.0rc1", (2, 0, 0, 0)),
        ("1.4.0.dev3+g1a2b", (1, 4, 0, 0)),
        ("3", (3, 0, 0, 0)),
    ],
)
def test_version_tuple(version: str, numbers: tuple[int, int, int, int]) -> None:
    assert winversion.version_tuple(version) == numbers
