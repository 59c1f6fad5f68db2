"""Where screenshots go: a git-ignored folder, unless the committed ones are being regenerated.

The suite photographs every screen to check it renders, but must never change a tracked
file. ``bash run.sh screenshots`` sets ``ESTATE_SCREENSHOTS`` to ``resources/screenshots``
and runs only the tests marked ``screenshots``; that is the one way the committed
pictures change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase, QPixmap

ROOT = Path(__file__).resolve().parents[2]
TEST_OUTPUT = ROOT / "tests" / "output" / "screenshots"
ENV = "ESTATE_SCREENSHOTS"
CJK_FONT = "Noto Sans CJK SC"


def regenerating() -> bool:
    """True under ``bash run.sh screenshots`` (the committed pictures are being rewritten)."""
    return bool(os.environ.get(ENV))


def screenshot_dir() -> Path:
    folder = Path(os.environ[ENV]) if regenerating() else TEST_OUTPUT
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def require_cjk_font() -> None:
    """Screenshots are of what agents see: in the program's CJK font, or not at all."""
    if CJK_FONT in QFontDatabase.families():
        return
    why = f"{CJK_FONT} is not installed: the screenshots would not show what agents see"
    if regenerating():
        pytest.fail(why)
    pytest.skip(why)


def save_picture(picture: QPixmap, name: str) -> Path:
    """Write ``picture`` as ``name``, whole files only (a reader never sees half a PNG)."""
    path = screenshot_dir() / name
    fresh = path.with_name(f".{name}.{os.getpid()}.png")
    assert picture.save(str(fresh)), f"{name} could not be written"
    os.replace(fresh, path)
    return path
