"""Build the one-folder bundle and its archive, then report their sizes.

    bash run.sh bundle                          (Linux; sets up the environment first)
    .venv\\Scripts\\python resources\\packaging\\build.py   (Windows)

Steps: compile the program's translations (``resources/translations/*.ts`` → ``.qm``)
when there are any, run PyInstaller on ``estate-call.spec`` (output ``dist/estate-call``,
work files under ``build/``), pack ``dist/estate-call-<platform>.tar.gz`` (``.zip`` on
Windows), and print the bundle and archive sizes. ``--check`` then runs the bundled
program's ``--self-test`` and ``--measure-startup`` and prints their results.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = Path(__file__).resolve().parent / "estate-call.spec"
NAME = "estate-call"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / NAME
TRANSLATIONS = ROOT / "resources" / "translations"
WINDOWS = sys.platform == "win32"

# The sizes and start-up time the bundle is held to (Linux figures; see README).
MAX_BUNDLE_BYTES = 125_000_000
MAX_ARCHIVE_BYTES = 55_000_000
MAX_STARTUP_MS = 600


def platform_tag() -> str:
    """``linux-x86_64``, ``windows-x64``, ``macos-arm64`` …"""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower()
    names = {"amd64": "x64", "x86_64": "x64" if WINDOWS else "x86_64", "aarch64": "arm64"}
    machine = names.get(machine, machine)
    return f"{system}-{machine}"


def archive_path() -> Path:
    return DIST / f"{NAME}-{platform_tag()}{'.zip' if WINDOWS else '.tar.gz'}"


def executable(console: bool = True) -> Path:
    """The bundled program; on Windows the console twin when ``console`` is set."""
    if WINDOWS:
        return BUNDLE / (f"{NAME}-console.exe" if console else f"{NAME}.exe")
    return BUNDLE / NAME


def tree_bytes(folder: Path) -> int:
    """Apparent size of a folder, as ``du -sb`` counts it (files, links and folders)."""
    total = folder.lstat().st_size
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            total += (Path(dirpath) / name).lstat().st_size
    return total


def newest_input() -> float:
    """Modification time of the newest file the bundle is built from."""
    roots = [ROOT / "main.py", ROOT / "desktop_app", ROOT / "resources"]
    newest = 0.0
    for root in roots:
        files = [root] if root.is_file() else root.rglob("*")
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                newest = max(newest, path.stat().st_mtime)
    return newest


def is_fresh() -> bool:
    """Whether dist/ holds a bundle and archive built after the last change to their inputs."""
    exe, archive = executable(), archive_path()
    if not (exe.is_file() and archive.is_file()):
        return False
    built = exe.stat().st_mtime
    return built > newest_input() and archive.stat().st_mtime >= built


def lrelease() -> Path | None:
    """Qt's translation compiler as shipped in the PySide6 wheel."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / "lrelease", folder / "lrelease.exe", folder / "Qt" / "libexec" / "lrelease"):
        if candidate.is_file():
            return candidate
    found = shutil.which("pyside6-lrelease")
    return Path(found) if found else None


def compile_translations() -> None:
    sources = sorted(TRANSLATIONS.glob("*.ts")) if TRANSLATIONS.is_dir() else []
    stale = [ts for ts in sources if not ts.with_suffix(".qm").exists() or _older(ts.with_suffix(".qm"), ts)]
    if not stale:
        return
    tool = lrelease()
    if tool is None:
        raise SystemExit("lrelease not found (it comes with PySide6-Essentials)")
    for ts in stale:
        subprocess.run([str(tool), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        print(f"compiled {ts.relative_to(ROOT)}")


def _older(a: Path, b: Path) -> bool:
    return a.stat().st_mtime < b.stat().st_mtime


def run_pyinstaller() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            os.environ.get("PYINSTALLER_LOG_LEVEL", "WARN"),
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(SPEC),
        ],
        cwd=ROOT,
        check=True,
    )


def make_archive() -> Path:
    target = archive_path()
    partial = target.with_name(target.name + ".part")
    if WINDOWS:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(BUNDLE.rglob("*")):
                archive.write(path, Path(NAME) / path.relative_to(BUNDLE))
    else:
        with tarfile.open(partial, "w:gz", compresslevel=9) as archive:
            archive.add(BUNDLE, arcname=NAME)
    partial.replace(target)
    return target


@dataclass(frozen=True)
class Checked:
    """What the bundled program said about itself."""

    self_test_ok: bool
    verdict: str
    startup_ms: int | None
    wall_ms: int | None


STARTUP_LINE = re.compile(r"^startup_ms=(\d+)\s*$", re.MULTILINE)


def _bundle_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def self_test(data_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``estate-call --self-test`` on the bundle, with its own data folder."""
    return subprocess.run(
        [str(executable()), "--self-test", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=_bundle_env(),
        timeout=timeout,
        check=False,
    )


def measure_startup(data_dir: Path, runs: int = 3, timeout: float = 60) -> tuple[int, int, str]:
    """Median ``startup_ms`` reported by the bundle over ``runs`` starts, median wall time, last output."""
    reported, wall = [], []
    output = ""
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(
            [str(executable()), "--measure-startup", "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=_bundle_env(),
            timeout=timeout,
            check=False,
        )
        wall.append(round((time.perf_counter() - started) * 1000))
        output = proc.stdout + proc.stderr
        match = STARTUP_LINE.search(proc.stdout)
        if proc.returncode != 0 or not match:
            raise RuntimeError(f"--measure-startup failed (exit {proc.returncode}):\n{output}")
        reported.append(int(match[1]))
    return round(statistics.median(reported)), round(statistics.median(wall)), output


def check() -> Checked:
    with tempfile.TemporaryDirectory(prefix="estate-bundle-") as tmp:
        proc = self_test(Path(tmp) / "self-test")
        lines = [line for line in proc.stdout.splitlines() if line.strip()]
        verdict = lines[-1] if lines else (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        startup: int | None = None
        wall: int | None = None
        try:
            startup, wall, _ = measure_startup(Path(tmp) / "startup")
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
    return Checked(proc.returncode == 0, verdict, startup, wall)


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _size(size: int, target: int) -> str:
    return f"{_mb(size)} ({size:,} bytes; target ≤ {_mb(target)})"


def report(bundle: int, archive: Path | None, checked: Checked | None) -> None:
    print(f"bundle   {BUNDLE.relative_to(ROOT)}  {_size(bundle, MAX_BUNDLE_BYTES)}")
    if archive is not None:
        print(f"archive  {archive.relative_to(ROOT)}  {_size(archive.stat().st_size, MAX_ARCHIVE_BYTES)}")
    if checked is not None:
        print(f"self-test  {'passed' if checked.self_test_ok else 'FAILED'}: {checked.verdict}")
        if checked.startup_ms is not None:
            print(
                f"start-up   {checked.startup_ms} ms to the first painted window "
                f"(target ≤ {MAX_STARTUP_MS} ms; whole run {checked.wall_ms} ms)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/estate-call and its archive.")
    parser.add_argument("--no-archive", action="store_true", help="skip the .tar.gz / .zip")
    parser.add_argument(
        "--check", action="store_true", help="then run the bundle's self-test and --measure-startup"
    )
    args = parser.parse_args(argv)

    compile_translations()
    started = time.monotonic()
    run_pyinstaller()
    print(f"built {BUNDLE.relative_to(ROOT)} in {time.monotonic() - started:.0f} s")
    archive = None if args.no_archive else make_archive()
    checked = check() if args.check else None
    report(tree_bytes(BUNDLE), archive, checked)
    return 0 if checked is None or checked.self_test_ok else 1


if __name__ == "__main__":
    sys.exit(main())
