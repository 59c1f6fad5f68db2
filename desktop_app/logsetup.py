"""The program's log: rotating UTF-8 files, owner-readable only, with phones and passwords masked.

Agents' PCs run for weeks; the log is what IT reads when something went wrong. It is
bounded (a few files of 1 MB) and never holds a full phone number or a password, since
every record passes ``MaskingFilter`` before it is written.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from desktop_app.masking import MaskingFilter
from desktop_app.paths import LOG_FILE_NAME
from desktop_app.private_files import make_private_dir, open_private

if TYPE_CHECKING:  # the HTTP stack loads after the first window is painted
    from desktop_app.api import CallRecord

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
QUIET_LOGGERS = ("httpx", "httpcore")

request_log = logging.getLogger("desktop_app.requests")

# The handlers this module installed on the root logger, so a second call replaces them.
_installed: list[logging.Handler] = []


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating handler whose files are created with mode 0600 (owner only)."""

    def _open(self) -> io.TextIOWrapper:
        # Always appending: a rotating handler never truncates the file it opens.
        fd = open_private(self.baseFilename, os.O_WRONLY | os.O_APPEND)  # an older file is tightened
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(
    log_dir: Path,
    level: int = logging.INFO,
    console: bool = False,
    *,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
) -> Path:
    """Send all logging to ``log_dir/estate-call.log`` (and stderr if ``console``).

    Calling it again replaces the handlers of the previous call (e.g. to point the log
    at another folder); handlers installed by others are left alone. Returns the path
    of the log file.
    """
    make_private_dir(log_dir)
    path = log_dir / LOG_FILE_NAME
    formatter = logging.Formatter(LOG_FORMAT)
    masking = MaskingFilter()

    file_handler = PrivateRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(masking)

    root = logging.getLogger()
    shutdown_logging()
    for handler in handlers:
        root.addHandler(handler)
        _installed.append(handler)
    root.setLevel(level)
    for noisy in QUIET_LOGGERS:  # request_logger already writes one line per request
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    return path


def shutdown_logging() -> None:
    """Remove and close the handlers ``setup_logging`` installed (files are flushed)."""
    root = logging.getLogger()
    while _installed:
        handler = _installed.pop()
        root.removeHandler(handler)
        handler.close()


def request_logger(record: CallRecord) -> None:
    """The ``ApiClient`` observer: one INFO line per request (details masked by the filter)."""
    host = urlsplit(record.base_url).netloc.rpartition("@")[2] or record.base_url
    request_log.info(
        "%s %s %d ms %s%s",
        record.action,
        host,
        round(record.duration_s * 1000),
        record.outcome,
        f" {record.detail}" if record.detail else "",
    )
