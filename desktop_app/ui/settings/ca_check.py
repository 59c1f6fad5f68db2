"""The company CA field's own check: besides the config rule (the file exists), it must load as PEM.

Loading the bundle needs the TLS layer, so this check sits beside the dialog rather than
in ``desktop_app.config`` (which reads values, not certificates).
"""

from __future__ import annotations

import ssl
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop_app.api.client import tls_context
from desktop_app.config import validate_value

from ..i18n.messages import render


def check_ca_bundle(text: str) -> str | None:
    """None when ``text`` is empty or names a readable PEM CA bundle, else the reason."""
    if not text.strip():
        return None
    problem = validate_value("ca_bundle", text)
    if problem is not None:
        return render(problem)
    try:
        tls_context(str(Path(text.strip()).expanduser()))
    except (OSError, ssl.SSLError, ValueError):
        return QCoreApplication.translate("SettingsDialog", "这个文件不是 PEM 格式的 CA 证书")
    return None
