"""The Windows version resource of the executables: what Explorer's Properties → Details,
Task Manager and software inventories show (product name, version, company).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

PRODUCT = "电话营销桌面客户端"
COMPANY = "EstateCall"
_SIMPLIFIED_CHINESE_UNICODE = "080404B0"  # language 0x0804 (zh-CN), code page 1200 (UTF-16)


def program_version(package_init: Path) -> str:
    """``__version__`` of the program package, read without importing it."""
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', package_init.read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        raise ValueError(f"no __version__ in {package_init}")
    return match[1]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``"1.2.3"`` → ``(1, 2, 3, 0)``; anything after the numbers (``rc1``, ``.dev0``) is ignored."""
    match = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(n) for n in match[0].split(".")[:4]] if match else []
    padded = (numbers + [0, 0, 0, 0])[:4]
    return padded[0], padded[1], padded[2], padded[3]


def version_info(version: str, file_name: str) -> Any:
    """The resource for ``file_name`` (PyInstaller's ``VSVersionInfo``; it needs pefile, on Windows)."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_tuple(version)
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo(
                [
                    StringTable(
                        _SIMPLIFIED_CHINESE_UNICODE,
                        [
                            StringStruct("CompanyName", COMPANY),
                            StringStruct("FileDescription", PRODUCT),
                            StringStruct("FileVersion", version),
                            StringStruct("InternalName", file_name.removesuffix(".exe")),
                            StringStruct("OriginalFilename", file_name),
                            StringStruct("ProductName", PRODUCT),
                            StringStruct("ProductVersion", version),
                        ],
                    )
                ]
            ),
            VarFileInfo([VarStruct("Translation", [0x0804, 1200])]),
        ],
    )
