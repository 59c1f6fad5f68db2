"""The diagnostics package (诊断包): one zip an agent can send to IT.

It holds what IT needs to find a fault (logs, configuration, effective settings,
versions, queue counts) and nothing an outsider must not read: no database, no
secrets, no full phone number. Everything is masked again on its way into the zip,
even text that was masked when it was written. What is a secret is decided by
``masking`` alone. Like the logs, the files are written for IT in plain technical
English, whatever the agent's language.
"""

from __future__ import annotations

import dataclasses
import io
import json
import platform
import re
import sqlite3
import sys
import time
import zipfile
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import desktop_app
from desktop_app.config import Settings
from desktop_app.masking import SECRET, SECRET_KEY_PATTERN, is_secret_key, mask_text
from desktop_app.paths import LOG_FILE_NAME
from desktop_app.private_files import write_private_file

ZIP_STEM = "estate-call-diagnostics"
PACKAGES = (
    ("PySide6", ("PySide6-Essentials", "PySide6")),
    ("httpx", ("httpx",)),
    ("sqlite-utils", ("sqlite-utils",)),
    ("platformdirs", ("platformdirs",)),
)
_DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".db-wal", ".db-shm", "-wal", "-shm", "-journal")

# key = value lines of a TOML (or ini-like) file whose key names a secret
_SECRET_LINE = re.compile(
    rf"""^(?P<key>[ \t]*["']?[\w.-]*{SECRET_KEY_PATTERN}[\w.-]*["']?[ \t]*=[ \t]*).*$""",
    re.IGNORECASE | re.MULTILINE,
)


def redact_url(url: str) -> str:
    """The URL without a user name or password in it (``https://u:p@host`` → ``https://***@host``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{SECRET}@{host}"))


def redact_config_text(text: str) -> str:
    """A configuration file's text with secret values and URL credentials removed, phones masked."""
    text = _SECRET_LINE.sub(lambda m: f'{m.group("key")}"{SECRET}"', text)
    text = re.sub(r"(?P<scheme>https?://)[^\s/\"'@]+@", rf"\g<scheme>{SECRET}@", text)
    return mask_text(text)


def redact_mapping(values: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON-ready copy: secret keys → ``***``, URL credentials dropped, phones masked."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if is_secret_key(key) and value is not None:
            out[key] = SECRET
        elif isinstance(value, Mapping):
            out[key] = redact_mapping(value)
        elif isinstance(value, Path):
            out[key] = mask_text(str(value))
        elif isinstance(value, str):
            out[key] = mask_text(redact_url(value))
        else:
            out[key] = value
    return out


def _distribution_version(names: Sequence[str]) -> str:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not found"


def versions_text() -> str:
    """Program, Python, platform and library versions (read without importing the libraries)."""
    lines = [
        f"estate-call {desktop_app.__version__}",
        f"Python {sys.version.split()[0]} ({platform.python_implementation()})",
        f"platform {platform.platform()}",
        f"bundled {'yes' if getattr(sys, 'frozen', False) else 'no'}",
        f"SQLite {sqlite3.sqlite_version}",
    ]
    lines += [f"{label} {_distribution_version(names)}" for label, names in PACKAGES]
    return "\n".join(lines) + "\n"


def _is_database(path: Path) -> bool:
    return path.name.lower().endswith(_DATABASE_SUFFIXES)


def _entry_name(folder: str, name: str, taken: set[str]) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name or "file"
    candidate = f"{folder}/{base}" if folder else base
    n = 1
    while candidate in taken:
        n += 1
        candidate = f"{folder}/{n}-{base}" if folder else f"{n}-{base}"
    taken.add(candidate)
    return candidate


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def diagnostics_entries(
    *,
    log_dir: Path,
    config_files: Sequence[Path],
    settings: Settings,
    outbox_counts: Mapping[str, int],
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The zip's entries as name → text, every text already redacted and masked."""
    taken: set[str] = set()
    entries: dict[str, str] = {}
    log_files = sorted(log_dir.glob(f"{LOG_FILE_NAME}*")) if log_dir.is_dir() else []
    for path in log_files:
        if path.is_file() and not _is_database(path):
            entries[_entry_name("logs", path.name, taken)] = mask_text(_read_text(path))
    for path in config_files:
        if path.is_file() and not _is_database(path):
            header = f"# source: {path}\n"
            entries[_entry_name("config", path.name, taken)] = redact_config_text(header + _read_text(path))
    effective = redact_mapping(dataclasses.asdict(settings))
    entries[_entry_name("", "settings.json", taken)] = json.dumps(effective, ensure_ascii=False, indent=2)
    entries[_entry_name("", "versions.txt", taken)] = versions_text()
    counts = {str(state): int(count) for state, count in outbox_counts.items()}
    entries[_entry_name("", "outbox.json", taken)] = json.dumps(counts, ensure_ascii=False, indent=2)
    for name, text in (extra or {}).items():
        if not _is_database(Path(name)):
            entries[_entry_name("extra", name, taken)] = redact_config_text(text)
    return entries


def write_diagnostics_zip(
    target: Path,
    *,
    log_dir: Path,
    config_files: Sequence[Path],
    settings: Settings,
    outbox_counts: Mapping[str, int],
    extra: Mapping[str, str] | None = None,
) -> Path:
    """Write the 诊断包 and return its path.

    ``target`` is the zip file to write, or an existing folder in which a file named
    ``estate-call-diagnostics-<date>-<time>.zip`` is created (the window suggests its own name). The zip replaces any earlier file
    atomically and is readable by its owner only.
    """
    if target.is_dir():
        target = target / f"{ZIP_STEM}-{time.strftime('%Y%m%d-%H%M%S')}.zip"
    entries = diagnostics_entries(
        log_dir=log_dir,
        config_files=config_files,
        settings=settings,
        outbox_counts=outbox_counts,
        extra=extra,
    )
    stamp = time.localtime()[:6]
    buffer = io.BytesIO()  # built in memory: a half-written zip never lies on disk
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    write_private_file(target, buffer.getvalue())
    return target
