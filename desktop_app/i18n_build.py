"""Build the program's translations: ``resources/translations/*.ts`` → ``.qm``.

    python -m desktop_app.i18n_build            compile every .ts into its .qm (lrelease)
    python -m desktop_app.i18n_build --update   first refresh the .ts from the code (lupdate)
    python -m desktop_app.i18n_build --check    list the strings without a finished translation

The ``.qm`` files are build output (git-ignored): ``run.sh`` builds them before the
program, the tests and the bundle. The tools are Qt's ``lrelease`` and ``lupdate`` as
shipped in the PySide6 wheel, so nothing else needs installing. Chinese is the source
language; the .ts files hold the other languages.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCES = ROOT / "desktop_app"
_EXE = ".exe" if sys.platform == "win32" else ""


class ToolMissing(RuntimeError):
    """lrelease or lupdate cannot be found next to this Python."""


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    finished: bool


def find_tool(name: str) -> Path:
    """Qt's ``lrelease`` / ``lupdate``: the PySide6 package's own, else ``pyside6-<name>`` of this venv."""
    spec = importlib.util.find_spec("PySide6")  # found without loading Qt
    if spec is not None and spec.origin is not None:
        package = Path(spec.origin).parent
        for candidate in (package / f"{name}{_EXE}", package / "Qt" / "libexec" / f"{name}{_EXE}"):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    scripts = Path(sys.executable).parent
    for candidate in (scripts / f"pyside6-{name}{_EXE}", scripts / f"pyside6-{name}"):
        if candidate.is_file():
            return candidate
    found = shutil.which(f"pyside6-{name}")
    if found:
        return Path(found)
    raise ToolMissing(f"{name} not found: it comes with PySide6 (pip install PySide6-Essentials)")


def source_files(root: Path = SOURCES) -> list[Path]:
    """Every Python file of the program, in a stable order (what lupdate reads)."""
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def ts_files(folder: Path = TRANSLATIONS) -> list[Path]:
    return sorted(folder.glob("*.ts")) if folder.is_dir() else []


def build(folder: Path = TRANSLATIONS, out_dir: Path | None = None) -> list[Path]:
    """Compile every .ts in ``folder`` into a .qm beside it (or in ``out_dir``); the .qm paths."""
    tool = find_tool("lrelease")
    built = []
    for ts in ts_files(folder):
        qm = (out_dir or ts.parent) / ts.with_suffix(".qm").name
        _run([str(tool), "-silent", str(ts), "-qm", str(qm)])
        built.append(qm)
    return built


def ensure_built(name: str, folder: Path = TRANSLATIONS) -> Path | None:
    """``folder/name.qm``, compiled first from its ``.ts`` when missing or older (a source
    checkout run without ``run.sh``); None when there is no such catalogue or no lrelease.

    Without it, ``--lang en`` from source would show Chinese with no word of why.
    """
    ts, qm = folder / f"{name}.ts", folder / f"{name}.qm"
    if not ts.is_file():
        return qm if qm.is_file() else None
    if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    try:
        _run([str(find_tool("lrelease")), "-silent", str(ts), "-qm", str(qm)])
    except (ToolMissing, RuntimeError, OSError) as exc:
        print(f"translation {name} not built: {exc}", file=sys.stderr)
        return qm if qm.is_file() else None
    return qm


def extract(ts: Path, sources: Sequence[Path] | None = None, *, keep_obsolete: bool = False) -> None:
    """Run lupdate over the program's code into ``ts`` (created or merged)."""
    tool = find_tool("lupdate")
    files = [str(p) for p in (sources if sources is not None else source_files())]
    options = ["-silent", "-locations", "none", "-source-language", "zh_CN"]
    if not keep_obsolete:
        options.append("-no-obsolete")
    # A list file keeps the command line short on Windows.
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "sources.lst"
        listing.write_text("\n".join(files) + "\n", encoding="utf-8")
        _run([str(tool), *options, f"@{listing}", "-ts", str(ts)])


def update(folder: Path = TRANSLATIONS) -> list[Path]:
    """Refresh every .ts from the code: new strings are added unfinished, vanished ones dropped."""
    files = ts_files(folder)
    for ts in files:
        extract(ts)
    return files


def read_messages(ts: Path) -> list[Message]:
    """The messages of a .ts file (obsolete and vanished ones left out)."""
    messages = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            element = message.find("translation")
            kind = element.get("type", "") if element is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text = (element.text or "") if element is not None else ""
            finished = kind != "unfinished" and bool(text.strip())
            messages.append(Message(name, message.findtext("source") or "", text, finished))
    return messages


def code_messages(sources: Sequence[Path] | None = None) -> list[tuple[str, str]]:
    """(context, source text) of every translatable string in the code, as lupdate finds them."""
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "code_en.ts"
        extract(ts, sources)
        return [(m.context, m.source) for m in read_messages(ts)]


def missing(ts: Path, sources: Sequence[Path] | None = None) -> list[tuple[str, str]]:
    """Strings of the code that ``ts`` does not translate (absent, empty or unfinished)."""
    done = {(m.context, m.source) for m in read_messages(ts) if m.finished}
    return [key for key in code_messages(sources) if key not in done]


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if result.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr.strip()}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app.i18n_build", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--update", action="store_true", help="refresh the .ts files from the code first")
    parser.add_argument("--check", action="store_true", help="list untranslated strings; exit 1 if any")
    args = parser.parse_args(argv)
    try:
        if args.update:
            for ts in update():
                print(f"updated {ts.relative_to(ROOT)}")
        if args.check:
            gaps = 0
            for ts in ts_files():
                for context, source in missing(ts):
                    print(f"{ts.name}: [{context}] {source}")
                    gaps += 1
            if gaps:
                print(f"{gaps} string(s) without a finished translation", file=sys.stderr)
                return 1
        for qm in build():
            print(f"built {qm.relative_to(ROOT)}")
    except (ToolMissing, RuntimeError) as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
