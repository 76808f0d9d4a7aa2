"""The package's import graph: no circle anywhere in helpers/ (imports inside functions
count too), and pictures.py is a leaf. Read from the source with ast, not by importing."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "helpers"


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(name, path):
    """The helpers modules that module ``name`` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("helpers")}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            elif (node.module or "").startswith("helpers"):
                source = node.module
            else:
                continue
            # "from .pkg import module" imports that module; "from .module import name" the module.
            submodules = {f"{source}.{alias.name}" for alias in node.names}
            found |= (submodules & MODULES.keys()) or {source}
    return found & MODULES.keys()


GRAPH = {name: imported(name, path) for name, path in MODULES.items()}


def find_cycle(graph):
    """One import circle as a list of modules, or None."""
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for child in sorted(graph[node]):
            if state.get(child) == "open":
                return trail[trail.index(child) :] + [child]
            if child not in state:
                cycle = visit(child, trail + [child])
                if cycle:
                    return cycle
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start, [start])
            if cycle:
                return cycle
    return None


def test_the_helpers_package_has_no_import_circle():
    assert find_cycle(GRAPH) is None, " → ".join(find_cycle(GRAPH))


def test_the_circle_finder_finds_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_pictures_is_a_leaf_that_style_and_the_explorers_figure_build_on():
    assert GRAPH["helpers.pictures"] == set()
    assert "helpers.pictures" in GRAPH["helpers.style"]
    assert "helpers.pictures" in GRAPH["helpers.explorers.figure"]
    assert "helpers.explorers.figure" not in GRAPH["helpers.style"]


def test_the_graph_sees_relative_imports():
    assert "helpers.explorers.widget" in GRAPH["helpers.explorers.tangent"]
    assert "helpers.derivatives" in GRAPH["helpers.explorers.tangent"]
