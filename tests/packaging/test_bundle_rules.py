"""The rules that trim the bundle: which Qt plugins, translations and libraries stay."""

from __future__ import annotations

import pytest
from packaging_modules import load

rules = load("bundle_rules")


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        # Linux / macOS layout
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_zh_CN.qm", False),
        ("PySide6/Qt/translations/designer_zh_CN.qm", False),
        # Windows layout, backslashes
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\platforms\\qdirect2d.dll", False),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\plugins\\imageformats\\qsvg.dll", False),
        ("PySide6\\translations\\qtbase_zh_CN.qm", True),
        ("PySide6\\opengl32sw.dll", False),
        ("PySide6\\d3dcompiler_47.dll", False),
        # Python and package files
        ("python3.11/lib-dynload/_codecs_jp.cpython-311-x86_64-linux-gnu.so", False),
        ("python3.11/lib-dynload/_codecs_cn.cpython-311-x86_64-linux-gnu.so", True),
        ("_codecs_tw.pyd", True),
        ("httpx-0.28.1.dist-info/METADATA", True),
        ("httpx-0.28.1.dist-info/RECORD", False),
        ("platformdirs-4.14.8.dist-info/sboms/platformdirs.cdx.json", False),
        ("resources/style.qss", True),
        ("resources/translations/estate_call_en.qm", True),
        ("certifi/cacert.pem", True),
    ],
)
def test_keep_file(dest: str, kept: bool) -> None:
    assert rules.keep_file(dest) is kept


def test_excluded_modules_spare_the_four_qt_modules_in_use() -> None:
    excluded = set(rules.EXCLUDED_MODULES)
    # QtNetwork: QLocalServer/QLocalSocket keep one window per data folder (ui/single_instance/).
    assert {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtNetwork"}.isdisjoint(excluded)
    assert {"PySide6.QtQml", "PySide6.QtSql", "tkinter", "unittest"} <= excluded


def test_qt_network_stays_without_its_plugins() -> None:
    """The local socket needs libQt6Network; TLS backends and network information do not."""
    binaries = [
        ("PySide6/QtNetwork.abi3.so", "/site/PySide6/QtNetwork.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/site/Qt/lib/libQt6Network.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/site/Qt/lib/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", "/site/tls/libqopensslbackend.so", "BINARY"),
        ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", "/site/ni/libqnm.so", "BINARY"),
    ]
    links = {"QtNetwork.abi3.so": ["libQt6Network.so.6"], "libQt6Network.so.6": ["libQt6Core.so.6"]}

    def imports(src: str) -> list[str]:
        return links.get(src.rsplit("/", 1)[-1], [])

    kept, _datas, dropped = rules.trim(binaries, [], windows=False, imports=imports)
    assert {dest for dest, _src, _kind in kept} == {
        "PySide6/QtNetwork.abi3.so",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6",
    }
    assert len(dropped) == 2


LINKS = {
    "QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libpyside6.abi3.so.6.11", "libc.so.6"],
    "libpyside6.abi3.so.6.11": ["libQt6Core.so.6"],
    "libQt6Widgets.so.6": ["libQt6Gui.so.6", "libQt6Core.so.6"],
    "libQt6Gui.so.6": ["libQt6Core.so.6", "libQt6DBus.so.6", "libfontconfig.so.1"],
    "libQt6DBus.so.6": ["libQt6Core.so.6", "libdbus-1.so.3"],
    "libQt6Core.so.6": ["libicuuc.so.73", "libQt6Core.so.6"],  # a cycle must not hang the walk
    "libqxcb.so": ["libQt6XcbQpa.so.6"],
    "libqwayland.so": ["libQt6WaylandClient.so.6"],
    "libqgtk3.so": ["libgtk-3.so.0"],
    "libgtk-3.so.0": ["libcairo.so.2"],
}


def fake_imports(src: str) -> list[str]:
    return LINKS.get(src.rsplit("/", 1)[-1], [])


def linux_toc() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    lib = "PySide6/Qt/lib/"
    libs = [
        "libQt6Core.so.6",
        "libQt6Gui.so.6",
        "libQt6Widgets.so.6",
        "libQt6DBus.so.6",
        "libQt6XcbQpa.so.6",
        "libQt6WaylandClient.so.6",
        "libQt6Network.so.6",
        "libicuuc.so.73",
    ]
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/site/PySide6/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/libpyside6.abi3.so.6.11", "/site/PySide6/libpyside6.abi3.so.6.11", "BINARY"),
        *((lib + name, "/site/" + lib + name, "BINARY") for name in libs),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/site/qxcb/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", "/site/qwl/libqwayland.so", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/site/gtk/libqgtk3.so", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("libfontconfig.so.1", "/usr/lib/libfontconfig.so.1", "BINARY"),
        ("libdbus-1.so.3", "/usr/lib/libdbus-1.so.3", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", "/py/_ssl.so", "EXTENSION"),
    ]
    datas = [
        ("libQt6Gui.so.6", lib + "libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Network.so.6", lib + "libQt6Network.so.6", "SYMLINK"),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/site/tr/qtbase_zh_CN.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_ja.qm", "/site/tr/qtbase_ja.qm", "DATA"),
    ]
    return binaries, datas


def test_trim_keeps_what_is_linked_and_drops_what_only_dropped_plugins_needed() -> None:
    binaries, datas = linux_toc()
    kept_bin, kept_data, dropped = rules.trim(binaries, datas, windows=False, imports=fake_imports)
    kept = {dest for dest, _src, _kind in kept_bin + kept_data}
    assert {
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6DBus.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",  # reached through the kept xcb plugin
        "PySide6/Qt/lib/libicuuc.so.73",
        "libfontconfig.so.1",
        "libdbus-1.so.3",
        "libpython3.11.so.1.0",
        "libQt6Gui.so.6",  # a link whose target stays
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
    } <= kept
    gone = {
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",  # only the dropped Wayland plugin linked it
        "PySide6/Qt/lib/libQt6Network.so.6",  # nothing links it
        "libQt6Network.so.6",  # a link to a dropped library
        "libgtk-3.so.0",  # the dropped GTK theme plugin's world
        "libcairo.so.2",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/translations/qtbase_ja.qm",
    }
    assert gone.isdisjoint(kept)
    assert gone <= {dest for dest, _src, _kind in dropped}
    assert len(kept) + len(dropped) == len(binaries) + len(datas)


def test_trim_on_windows_prunes_only_qt_libraries() -> None:
    binaries = [
        ("PySide6\\QtWidgets.pyd", "C:\\site\\PySide6\\QtWidgets.pyd", "EXTENSION"),
        ("PySide6\\Qt6Widgets.dll", "C:\\site\\PySide6\\Qt6Widgets.dll", "BINARY"),
        ("PySide6\\Qt6Core.dll", "C:\\site\\PySide6\\Qt6Core.dll", "BINARY"),
        ("PySide6\\Qt6Network.dll", "C:\\site\\PySide6\\Qt6Network.dll", "BINARY"),
        ("libcrypto-3.dll", "C:\\py\\DLLs\\libcrypto-3.dll", "BINARY"),
    ]
    links = {"qtwidgets.pyd": ["Qt6Widgets.dll"], "qt6widgets.dll": ["Qt6Core.dll"]}

    def imports(src: str) -> list[str]:
        return links.get(src.rsplit("\\", 1)[-1].lower(), [])

    kept, _datas, dropped = rules.trim(binaries, [], windows=True, imports=imports)
    assert [dest for dest, _src, _kind in dropped] == ["PySide6\\Qt6Network.dll"]
    assert "libcrypto-3.dll" in {dest for dest, _src, _kind in kept}  # may be loaded by name
