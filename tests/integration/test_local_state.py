"""Bad local state on the command line: a damaged database moved aside is reported (where it
went, how many writes were rescued), an unusable folder gives words and exit code 3, never
a traceback, and ``--status`` reads a read-only folder, the rows still in the WAL included."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from desktop_app.cli.exit_codes import Exit
from desktop_app.demo.server import DemoServer
from desktop_app.store.db import DB_FILENAME, LocalStore
from tests.helpers import writes
from tests.helpers.damaged import damaged_database
from tests.helpers.mounts import read_only_view
from tests.helpers.processes import run_main
from tests.helpers.writes import feedback


def enqueue(store: LocalStore, n: int, prefix: str = "m") -> None:
    for i in range(n):
        writes.enqueue(store, feedback(f"{prefix}{i}"))


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_status_reports_a_database_moved_aside(tmp_path: Path) -> None:
    damaged_database(tmp_path)
    result = run_main("--status", "--data-dir", str(tmp_path))
    assert result.returncode == Exit.OK, result.stderr
    assert_clean(result)
    report = json.loads(result.stdout)  # stdout is the JSON and nothing else
    assert report["data_dir"] == str(tmp_path)
    moved = report["moved_aside"]
    assert Path(moved["to"]).parent == tmp_path and Path(moved["to"]).is_file()
    assert ".corrupt-" in Path(moved["to"]).name
    assert 0 < moved["rescued"] == report["queued"]
    assert f"已移到 {moved['to']} 保存" in result.stderr
    assert f"已从中找回 {moved['rescued']} 条" in result.stderr


def test_sync_reports_a_database_moved_aside_and_sends_what_was_rescued(tmp_path: Path) -> None:
    with DemoServer() as server:
        damaged_database(tmp_path, server.base_url)
        result = run_main("--sync", "--data-dir", str(tmp_path), "--server", server.base_url)
        sent = len(server.writes())
    assert result.returncode == Exit.OK, result.stdout + result.stderr
    assert_clean(result)
    moved = next(tmp_path.glob(f"{DB_FILENAME}.corrupt-*"))
    assert f"已移到 {moved} 保存" in result.stdout
    assert f"已从中找回 {sent} 条" in result.stdout and sent > 0
    assert f"已发送 {sent} 条" in result.stdout


def test_a_folder_where_the_database_should_be(tmp_path: Path) -> None:
    (tmp_path / DB_FILENAME).mkdir()
    status = run_main("--status", "--data-dir", str(tmp_path))
    assert status.returncode == Exit.LOCAL_DATA
    assert_clean(status)
    assert json.loads(status.stdout) == {
        "data_dir": str(tmp_path),
        "database": str(tmp_path / DB_FILENAME),
        "error": "store.path_is_folder",
    }
    assert f"{tmp_path / DB_FILENAME} 是一个文件夹" in status.stderr
    sync = run_main("--sync", "--data-dir", str(tmp_path), "--server", "http://127.0.0.1:9/estate")
    assert sync.returncode == Exit.LOCAL_DATA
    assert_clean(sync)
    assert f"{tmp_path / DB_FILENAME} 是一个文件夹" in sync.stdout
    assert (tmp_path / DB_FILENAME).is_dir()  # nothing was moved or deleted


def test_status_reads_a_read_only_folder_with_rows_still_in_the_wal(tmp_path: Path) -> None:
    source, view = tmp_path / "data", tmp_path / "view"
    store = LocalStore(source, server_url="http://127.0.0.1:9/estate")
    try:
        enqueue(store, 7)
        wal = source / f"{DB_FILENAME}-wal"
        assert wal.stat().st_size > 0, "the rows should still be in the WAL file"
        with read_only_view(source, view):
            before = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in source.iterdir())
            status = run_main("--status", "--data-dir", str(view), "--server", "http://127.0.0.1:9/estate")
            sync = run_main("--sync", "--data-dir", str(view), "--server", "http://127.0.0.1:9/estate")
            after = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in source.iterdir())
    finally:
        store.close()
    assert status.returncode == Exit.OK, status.stderr
    assert_clean(status)
    report = json.loads(status.stdout)
    assert (report["queued"], report["pending"], report["read_only"]) == (7, 7, True)
    assert report["data_dir"] == str(view)
    assert f"数据文件夹 {view} 是只读的" in status.stderr
    assert sync.returncode == Exit.LOCAL_DATA
    assert_clean(sync)
    assert f"数据文件夹 {view} 是只读的(不能写入)" in sync.stdout
    assert before == after


def test_status_reads_a_read_only_folder_after_a_clean_close(tmp_path: Path) -> None:
    source, view = tmp_path / "data", tmp_path / "view"
    store = LocalStore(source)
    enqueue(store, 3)
    store.close()  # the WAL is checkpointed and removed: only the main file is left
    assert not (source / f"{DB_FILENAME}-wal").exists()
    with read_only_view(source, view):
        status = run_main("--status", "--data-dir", str(view))
    assert status.returncode == Exit.OK, status.stderr
    assert json.loads(status.stdout)["queued"] == 3
