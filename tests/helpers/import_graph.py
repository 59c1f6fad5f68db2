"""The import graph of ``desktop_app``, read from the source (nothing is imported).

Every ``import`` counts: at module level, inside functions (deferred imports still
tie one module to another) and under ``if TYPE_CHECKING:`` (a type-only import is a
dependency too, and the way circles usually start). ``from package import name`` is an
import of ``package.name`` when that is a module, else of ``package``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "desktop_app"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def within(name: str, package: str) -> bool:
    """``name`` is ``package`` or one of its submodules."""
    return name == package or name.startswith(package + ".")


@dataclass(frozen=True)
class ImportGraph:
    """Module -> the names it imports (modules of the package, or anything outside it)."""

    imports: dict[str, frozenset[str]]

    @classmethod
    def read(cls, root: Path = ROOT, package: str = PACKAGE) -> ImportGraph:
        paths = {module_name(p, root): p for p in sorted((root / package).rglob("*.py"))}
        return cls({name: frozenset(_imports_of(name, path, set(paths))) for name, path in paths.items()})

    def internal(self, name: str) -> frozenset[str]:
        return frozenset(m for m in self.imports[name] if m in self.imports and m != name)

    def chain(self, start: str, forbidden: str) -> list[str] | None:
        """The shortest chain of imports from ``start`` to anything within ``forbidden``."""
        paths = {start: [start]}
        queue = [start]
        for current in queue:
            for imported in sorted(self.imports[current]):
                if within(imported, forbidden):
                    return [*paths[current], imported]
                if imported in self.imports and imported not in paths:
                    paths[imported] = [*paths[current], imported]
                    queue.append(imported)
        return None

    def cycles(self) -> list[list[str]]:
        """Each group of modules that import each other round a circle (one example circle each)."""
        return [self._circle(group) for group in _strongly_connected(self) if len(group) > 1]

    def _circle(self, group: set[str]) -> list[str]:
        start = min(group)
        back = {start: [start]}
        queue = [start]
        for current in queue:
            for imported in sorted(self.internal(current) & group):
                if imported == start:
                    return [*back[current], start]
                if imported not in back:
                    back[imported] = [*back[current], imported]
                    queue.append(imported)
        raise AssertionError(f"no circle through {start}")


def _imports_of(name: str, path: Path, modules: set[str]) -> Iterator[str]:
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                parent = here[: len(here) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield full if full in modules else base


def _strongly_connected(graph: ImportGraph) -> list[set[str]]:
    """Tarjan's algorithm, iterative (the graph is small, but recursion limits are not ours)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for root in sorted(graph.imports):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.internal(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    groups.append(group)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.internal(child)))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups
