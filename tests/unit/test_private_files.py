"""The one owner-only policy: the program's folders 0700 (tightened), files 0600, exports never widen."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from desktop_app.paths import AppPaths
from desktop_app.private_files import (
    DIR_MODE,
    FILE_MODE,
    make_private_dir,
    open_private,
    protect_file,
    write_private_file,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def wide_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_modes_are_owner_only() -> None:
    assert DIR_MODE == 0o700
    assert FILE_MODE == 0o600


@posix_only
def test_the_programs_folder_is_created_and_an_existing_one_tightened(tmp_path: Path, wide_umask) -> None:
    new = tmp_path / "a" / "b"
    make_private_dir(new)
    assert new.is_dir() and mode(new) == 0o700
    assert mode(new.parent) == 0o700  # a parent created here is owner-only too
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)
    make_private_dir(existing)
    assert mode(existing) == 0o700
    make_private_dir(existing)  # again: nothing to do, nothing fails


@posix_only
def test_a_written_file_is_owner_only_and_its_chosen_folder_kept(tmp_path: Path, wide_umask) -> None:
    chosen = tmp_path / "Desktop"
    chosen.mkdir()
    chosen.chmod(0o755)
    target = chosen / "export.csv"
    write_private_file(target, b"one")
    assert target.read_bytes() == b"one"
    assert mode(target) == 0o600
    assert mode(chosen) == 0o755, "a folder the agent chose is never changed"
    target.chmod(0o644)
    write_private_file(target, b"two")  # replaced whole, owner-only again
    assert target.read_bytes() == b"two" and mode(target) == 0o600
    assert [p.name for p in chosen.iterdir()] == ["export.csv"]  # no temp file left
    missing = tmp_path / "new-folder" / "x.zip"
    write_private_file(missing, b"z")
    assert mode(missing.parent) == 0o700


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "config.toml"
    target.write_bytes(b"old")

    def disk_gone(src: object, dst: object) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "replace", disk_gone)
    with pytest.raises(OSError):
        write_private_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]


@posix_only
def test_open_private_creates_0600_and_tightens_an_older_file(tmp_path: Path, wide_umask) -> None:
    path = tmp_path / "log"
    fd = open_private(path, os.O_WRONLY | os.O_APPEND)
    os.write(fd, b"a")
    os.close(fd)
    assert mode(path) == 0o600
    path.chmod(0o644)
    fd = open_private(path, os.O_WRONLY | os.O_APPEND)
    os.write(fd, b"b")
    os.close(fd)
    assert mode(path) == 0o600
    assert path.read_bytes() == b"ab"  # appended, not truncated


@posix_only
def test_protect_file_tightens_and_ignores_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "db"
    path.write_bytes(b"")
    path.chmod(0o644)
    protect_file(path)
    assert mode(path) == 0o600
    protect_file(tmp_path / "gone")  # no error


def test_app_paths_ensure_creates_private_folders(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "d").ensure()
    for folder in (paths.data_dir, paths.config_dir, paths.log_dir):
        assert folder.is_dir()
        if os.name == "posix":
            assert mode(folder) == 0o700
    default = AppPaths.default()
    assert "EstateCall" in str(default.data_dir)
    assert "EstateCall" in str(default.log_dir)
