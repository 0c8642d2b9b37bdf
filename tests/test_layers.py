"""The layers of docs/architecture.md, read from the code: no module imports a layer above its own
(imports inside functions count too)."""

from __future__ import annotations

import ast
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent / "kit"

# Modules at the top of kit/ that every layer may use; they import none of the layers.
UTILITIES = {
    "errors",
    "vn",
    "fileio",
    "metrics",
    "parallel",
    "gcfreeze",
    "resources",
    "version",
    "office",
    "_toml",
    "conventions",
    "ziplimits",
    "textpattern",
    "inputcost",
    "diagnostics",
    "award_law",
}
# What each layer may import besides the utilities (docs/architecture.md, "Layers").
ALLOWED = {
    "packs": set(),
    "form": set(),
    "documents": {"form"},
    "docmodel": set(),
    "render": {"docmodel"},
    "checks": {"docmodel"},
    "drawing": set(),
    # The award register's store (SQL): below the application layer, above the packs.
    "register": {"packs"},
    "app": {"packs", "form", "documents", "docmodel", "render", "checks", "drawing", "register"},
    # The adapters: the command line and the web page call kit.app; to list packs and rules they read
    # those layers directly.
    "cli": {"app", "packs", "checks", "web", "cli_register", "cli_packs_registry", "cli_types", "cli_hints"},
    "cli_register": {
        "app",
        "cli_types",
        "cli_hints",
    },  # kit register import/export/person/summary/correct/backup/upgrade
    "cli_packs_registry": {"app", "packs", "cli_types"},  # kit packs registry/search/install/update/diff/release
    "cli_types": set(),  # click parameter types of the command modules
    "cli_hints": set(),  # the command line's words for what to do (CLI_HINTS), for every command module
    "web": {"app", "packs", "checks"},
    "__init__": {"app"},
    "__main__": {"cli"},
}


def _layer(path: Path) -> str:
    relative = path.relative_to(KIT)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imported_layers(path: Path) -> set[str]:
    """The kit packages or top-level modules a module imports (absolute `kit.x` or relative)."""
    layer, found = _layer(path), set()
    depth = len(path.relative_to(KIT).parts) - 1  # 0 for kit/x.py, 1 for kit/pkg/x.py
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.split(".")[0] == "kit":
                parts = node.module.split(".")[1:]
            elif node.level == depth + 1:  # up to kit/
                parts = node.module.split(".") if node.module else []
            else:
                continue  # within its own package
            names = parts[:1] or [alias.name for alias in node.names]
            found.update(name for name in names if name != layer)
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.split(".")[1]
                for alias in node.names
                if alias.name.startswith("kit.") and alias.name.split(".")[1] != layer
            )
    return found


def test_every_layer_imports_only_the_layers_below_it():
    wrong = []
    for path in sorted(KIT.rglob("*.py")):
        layer = _layer(path)
        allowed = UTILITIES if layer not in ALLOWED else ALLOWED[layer] | UTILITIES
        if layer in UTILITIES:
            allowed = UTILITIES
        for name in sorted(_imported_layers(path) - allowed):
            wrong.append(f"{path.relative_to(KIT.parent)} imports kit.{name}")
    assert wrong == []


def test_the_import_reader_sees_relative_and_absolute_imports():
    assert _imported_layers(KIT / "documents" / "ho_so.py") >= {"form", "vn"}
    assert "app" in _imported_layers(KIT / "cli.py")
    assert "checks" in _imported_layers(KIT / "app" / "check.py")  # an import inside a function


def _module(path: Path) -> str:
    return ".".join(path.relative_to(KIT.parent).with_suffix("").parts)


def _imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The kit modules a module imports, by full name (`from .x import y` → kit.pkg.x, or kit.pkg.x.y
    when y is a module)."""
    name = _module(path).split(".")
    package = name[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - (node.level - 1)]
        elif (node.module or "").split(".")[0] == "kit":
            base = []
        else:
            continue
        target = base + (node.module.split(".") if node.module else [])
        for alias in node.names:
            for candidate in (target + [alias.name], target, target + ["__init__"]):
                if ".".join(candidate) in modules:
                    found.add(".".join(candidate))
                    break
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle of the graph, each as the modules in order (found once from each module)."""
    found = []
    for start in sorted(graph):
        stack = [(start, [start])]
        while stack:
            current, trail = stack.pop()
            for following in sorted(graph[current]):
                if following == start:
                    found.append(trail)
                elif following not in trail and following > start:  # each circle from its smallest module
                    stack.append((following, trail + [following]))
    return found


def test_no_import_circle_inside_a_layer():
    paths = {_module(path): path for path in KIT.rglob("*.py")}
    graph = {
        name: {m for m in _imported_modules(path, set(paths)) if _layer(paths[m]) == _layer(path) and m != name}
        for name, path in paths.items()
    }
    assert [" → ".join(circle) for circle in _cycles(graph)] == []


def test_the_circle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
