"""What goes into the one-folder bundle, and what is left out.

PyInstaller's PySide6 hooks collect every Qt plugin type, every Qt translation and,
through the plugins, Qt libraries the program never loads (Wayland, EGL, SVG, PDF,
virtual keyboard → Quick/QML …). The program needs QtCore, QtGui, QtWidgets and
QtNetwork (for its local socket only: one window per data folder; TLS and network
information plugins are not needed), so the spec filters what the hooks found with the
rules below; they are kept free of PyInstaller so a plain test can check them.

Paths are bundle destinations as PyInstaller lists them (``PySide6/Qt/plugins/...``
on Linux and macOS, ``PySide6/plugins/...`` on Windows), with either slash.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable

# Python packages and stdlib parts the program never imports. Qt bindings first: the
# hooks of each excluded module would otherwise collect its libraries and plugins.
EXCLUDED_MODULES = [
    *(
        f"PySide6.{name}"
        for name in [
            "QtConcurrent",
            "QtDBus",
            "QtDesigner",
            "QtHelp",
            "QtLabsStyleKit",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtPdf",
            "QtPdfWidgets",
            "QtPrintSupport",
            "QtQml",
            "QtQmlFeatures",
            "QtQuick",
            "QtQuickControls2",
            "QtQuickTest",
            "QtQuickWidgets",
            "QtSql",
            "QtSvg",
            "QtSvgWidgets",
            "QtTest",
            "QtUiTools",
            "QtXml",
        ]
    ),
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc",
    "pydoc_data",
    "test",
    "lib2to3",
    "ensurepip",
    "distutils",
    "setuptools",
    "pip",
    "idlelib",
    "turtle",
    "turtledemo",
    "xmlrpc",
    "curses",
    "_curses",
    "readline",
    "pdb",
    "doctest",
    "pytest",
    "_pytest",
    "hypothesis",
    "mypy",
    "PyInstaller",
    # httpx's optional command line (httpx._main) pulls these in; the program never runs it.
    "httpx._main",
    "pygments",
    "rich",
]

# Qt plugin types and the plugins of each type the program loads; every other type is dropped.
#   platforms: the desktop (xcb / windows / cocoa) plus offscreen and minimal for
#     the self-test and headless runs; Wayland sessions fall back to xcb (XWayland).
#   platforminputcontexts: compose and ibus carry the Chinese input methods on Linux
#     (fcitx5 speaks the ibus protocol); the virtual keyboard needs QtQuick and is dropped.
#   styles: the Windows 11 look (qmodernwindowsstyle) on Windows.
KEPT_PLUGINS: dict[str, tuple[str, ...]] = {
    "platforms": ("qxcb", "qoffscreen", "qminimal", "qwindows", "qcocoa"),
    "platforminputcontexts": ("composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"),
    "styles": ("*",),
}

# Qt's own translations: only the languages the program offers (--lang zh_CN | en).
KEPT_QT_LANGUAGES = ("zh_CN", "en")
KEPT_QT_CATALOGS = ("qtbase",)

# Windows extras collected unconditionally by PyInstaller's Qt support: the software
# OpenGL renderer (20 MB) and ANGLE/D3D only serve OpenGL and Qt Quick, never widgets.
DROPPED_FILES = re.compile(r"^(opengl32sw|d3dcompiler_\d+|libegl|libglesv2)\.dll$", re.IGNORECASE)

# Python extension modules that come with the stdlib but are not needed: Japanese and
# Korean codecs (Chinese ones stay for GBK/GB18030/Big5 replies and consoles).
DROPPED_EXTENSIONS = re.compile(r"^_codecs_(jp|kr|iso2022)\.", re.IGNORECASE)

# Package metadata is carried for the version numbers in the diagnostics report and
# for plugin entry points; install records and SBOMs only weigh.
DROPPED_METADATA = re.compile(r"\.dist-info/(RECORD|INSTALLER|REQUESTED|sboms/.*)$")

_QT_PART = re.compile(r"^PySide6/(?:Qt/)?(?P<kind>plugins|translations)/(?P<rest>.+)$")
_QT_LIBRARY = re.compile(r"^(lib)?Qt6[A-Za-z0-9]+(\.so(\.\d+)*|\.dll|\.dylib)$")


def _norm(dest: str) -> str:
    return dest.replace("\\", "/")


def _basename(dest: str) -> str:
    return _norm(dest).rsplit("/", 1)[-1]


def _plugin_stem(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_plugin(dest: str) -> bool | None:
    """True/False for a Qt plugin destination, None when ``dest`` is not a Qt plugin."""
    match = _QT_PART.match(_norm(dest))
    if not match or match["kind"] != "plugins":
        return None
    parts = match["rest"].split("/")
    plugin_type, file_name = "/".join(parts[:-1]), parts[-1]
    wanted = KEPT_PLUGINS.get(plugin_type)
    if wanted is None:
        return False
    return "*" in wanted or _plugin_stem(file_name) in wanted


def keep_qt_translation(dest: str) -> bool | None:
    """True/False for a Qt translation file, None when ``dest`` is not one."""
    match = _QT_PART.match(_norm(dest))
    if not match or match["kind"] != "translations":
        return None
    name = match["rest"]
    return any(name == f"{catalog}_{lang}.qm" for catalog in KEPT_QT_CATALOGS for lang in KEPT_QT_LANGUAGES)


def keep_file(dest: str) -> bool:
    """The first-pass filter applied to every binary and data file the hooks collected."""
    for rule in (keep_qt_plugin, keep_qt_translation):
        verdict = rule(dest)
        if verdict is not None:
            return verdict
    name = _basename(dest)
    dropped = DROPPED_FILES.match(name) or DROPPED_EXTENSIONS.match(name)
    return not (dropped or DROPPED_METADATA.search(_norm(dest)))


def is_prunable_library(dest: str, *, windows: bool) -> bool:
    """Shared libraries that stay only if something kept still links them.

    On Linux that is every shared library PyInstaller pulled in (the Qt ones, and the
    system ones they drag along such as GTK for the dropped theme plugin). On Windows
    only Qt's own DLLs: other DLLs there may be loaded by name at run time.
    """
    name = _basename(dest)
    if windows:
        return bool(_QT_LIBRARY.match(name))
    if _QT_PART.match(_norm(dest)) or "/lib-dynload/" in _norm(dest) or name.startswith("libpython"):
        return False
    return ".so" in name and not name.endswith(".abi3.so") and ".cpython-" not in name


def reachable_libraries(
    roots: Iterable[str], needed: Callable[[str], Iterable[str]], candidates: Iterable[str]
) -> set[str]:
    """Base names (lower case) of the ``candidates`` linked, directly or not, from the ``roots``.

    ``needed(name)`` lists the base names a binary links against; names compare
    case-insensitively (Windows).
    """
    wanted = {c.lower() for c in candidates}
    linked: set[str] = set()
    stack = [r.lower() for r in roots]
    visited: set[str] = set()
    while stack:
        current = stack.pop()
        if current in visited:
            continue
        visited.add(current)
        for dep in needed(current):
            key = _basename(dep).lower()
            if key in wanted:
                linked.add(key)
            stack.append(key)
    return linked


Entry = tuple[str, str, str]  # PyInstaller TOC entry: (destination, source, type code)


def trim(
    binaries: list[Entry], datas: list[Entry], *, windows: bool, imports: Callable[[str], Iterable[str]]
) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """Apply the rules to what Analysis found: (binaries, datas, dropped).

    ``imports(source_path)`` lists the libraries a binary file links against. SYMLINK
    entries (the source is the link target, relative to the link) follow their target.
    """
    dropped = [e for e in binaries + datas if not keep_file(e[0])]
    binaries = [e for e in binaries if keep_file(e[0])]
    datas = [e for e in datas if keep_file(e[0])]

    files = [e for e in binaries if e[2] != "SYMLINK"]
    sources = {_basename(dest).lower(): src for dest, src, _kind in files}
    prunable = {e[0] for e in files if is_prunable_library(e[0], windows=windows)}
    roots = [_basename(e[0]) for e in files if e[0] not in prunable]

    def needed(name: str) -> Iterable[str]:
        src = sources.get(name)
        return imports(src) if src else ()

    linked = reachable_libraries(roots, needed, [_basename(d) for d in prunable])
    unlinked = {d for d in prunable if _basename(d).lower() not in linked}
    kept_dests = {_norm(e[0]) for e in files + datas if e[0] not in unlinked and e[2] != "SYMLINK"}

    def keep(entry: Entry) -> bool:
        dest, src, kind = entry
        if kind == "SYMLINK":  # src is the link target, relative to the link's folder
            target = posixpath.join(posixpath.dirname(_norm(dest)), _norm(src))
            return posixpath.normpath(target) in kept_dests
        return dest not in unlinked

    dropped += [e for e in binaries + datas if not keep(e)]
    return [e for e in binaries if keep(e)], [e for e in datas if keep(e)], dropped
