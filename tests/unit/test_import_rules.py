"""The layering holds: who may import whom, and no import circles.

Two views of the same rules. Read from the source (``helpers.import_graph``), every
import counts, deferred and type-only ones too, and a broken rule is shown as the chain
of imports that breaks it. Run in a fresh interpreter, importing every module of a
package must leave the forbidden ones out of ``sys.modules`` (what the source cannot
show: imports made by third-party code, or by name at run time).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers.import_graph import ROOT, ImportGraph, within

# The Qt-free core: it speaks in data and message codes, words and widgets are the UI's.
CORE = (
    "desktop_app.domain",
    "desktop_app.api",
    "desktop_app.store",
    "desktop_app.sync",
    "desktop_app.config",
)
QT = "PySide6"
UI = "desktop_app.ui"
DEMO = "desktop_app.demo"

# Circles that exist today and are being removed; each entry must still be a circle, so
# it leaves this list when it is broken.
KNOWN_CYCLES: list[set[str]] = []

GRAPH = ImportGraph.read()


def modules_within(package: str) -> list[str]:
    return sorted(m for m in GRAPH.imports if within(m, package))


def broken(modules: list[str], forbidden: str) -> list[str]:
    chains = (GRAPH.chain(m, forbidden) for m in modules)
    return [" -> ".join(chain) for chain in chains if chain is not None]


@pytest.mark.parametrize("package", CORE)
@pytest.mark.parametrize("forbidden", [QT, UI])
def test_the_core_never_imports_qt_or_the_ui(package: str, forbidden: str) -> None:
    chains = broken(modules_within(package), forbidden)
    assert chains == [], "\n".join(chains)


def test_the_ui_never_imports_the_demo_server() -> None:
    chains = broken(modules_within(UI), DEMO)
    assert chains == [], "\n".join(chains)


def test_the_demo_server_imports_nothing_of_the_client() -> None:
    client = sorted(
        f"{m} -> {imported}"
        for m in modules_within(DEMO)
        for imported in GRAPH.imports[m]
        if within(imported, "desktop_app") and not within(imported, DEMO)
    )
    assert client == [], "\n".join(client)


def test_no_import_circles() -> None:
    cycles = GRAPH.cycles()
    unknown = [" -> ".join(c) for c in cycles if set(c) not in KNOWN_CYCLES]
    assert unknown == [], "import circles:\n" + "\n".join(unknown)
    gone = [sorted(k) for k in KNOWN_CYCLES if k not in [set(c) for c in cycles]]
    assert gone == [], f"no longer a circle, take it off KNOWN_CYCLES: {gone}"


def test_the_cycle_check_finds_a_circle(tmp_path) -> None:
    package = tmp_path / "desktop_app"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from desktop_app import b\n")
    (package / "b.py").write_text("def later():\n    from . import c\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import x\n"
    )
    graph = ImportGraph.read(root=tmp_path)
    assert graph.cycles() == [["desktop_app.a", "desktop_app.b", "desktop_app.c", "desktop_app.a"]]
    assert graph.chain("desktop_app.a", "typing") == [
        "desktop_app.a",
        "desktop_app.b",
        "desktop_app.c",
        "typing",
    ]


# -- the same rules, at run time ---------------------------------------------------------------

IMPORT_ALL = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
for info in pkgutil.walk_packages(getattr(package, "__path__", []), package.__name__ + "."):
    importlib.import_module(info.name)
print(json.dumps(sorted(sys.modules)))
"""


def loaded_by_importing(package: str) -> list[str]:
    """Every module in ``sys.modules`` once each module of ``package`` is imported, afresh."""
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, package],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize("package", CORE)
def test_importing_the_core_loads_no_qt_and_no_ui(package: str) -> None:
    loaded = loaded_by_importing(package)
    assert [m for m in loaded if within(m, QT) or within(m, UI)] == []


def test_importing_the_ui_loads_no_demo_server() -> None:
    assert [m for m in loaded_by_importing(UI) if within(m, DEMO)] == []


def test_importing_the_demo_server_loads_nothing_of_the_client() -> None:
    loaded = loaded_by_importing(DEMO)
    assert [m for m in loaded if m.startswith("desktop_app.") and not within(m, DEMO)] == []
