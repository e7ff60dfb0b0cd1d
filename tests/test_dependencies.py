"""The dependency rule of docs/architecture.md, read from every import statement.

Each project module (tests and migrations aside) belongs to one *unit*: ``thiduakt`` (the
core, ``thiduakt.pdf`` included), ``campaigns``, the bottom of awards (``awards.enums``,
``awards.paths``, ``awards.audit_labels``), one awards feature, the awards wiring (the model
and task registries, the admin, the app config, the URL list), a later app, the demo
builders, or an entry point (management commands, the project's settings and root URLconf,
Celery, WSGI). Units have ranks: a module may import its own unit and units of a lower rank,
never a higher one nor a sibling of the same rank (``importing``/``posting``,
``documents``/``certificates``, ``reports``/``exemplars``). Imports inside functions count:
a lazy import is a dependency all the same.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("thiduakt", "campaigns", "awards", "exemplars", "reports", "demo")
MAX_LINES = 600

# (rank, unit): lower ranks are imported by higher ones. Units that share a rank are siblings.
RANKS = {
    "thiduakt": 0,
    "campaigns": 1,
    "awards.base": 2,
    "awards.catalogue": 3,
    "awards.history": 4,
    "awards.eligibility": 5,
    "awards.nominations": 6,
    "awards.importing": 7,
    "awards.posting": 7,
    "awards.council": 8,
    "awards.decisions": 9,
    "awards.documents": 10,
    "awards.certificates": 10,
    "awards.wiring": 11,
    "reports": 12,
    "exemplars": 12,
    "demo": 13,
    "entry": 14,
}
AWARDS_BASE = {"awards.enums", "awards.paths", "awards.audit_labels"}
# The project's wiring inside the core package: they name every app by design.
PROJECT_ENTRY = {"thiduakt.settings", "thiduakt.urls", "thiduakt.celery", "thiduakt.wsgi", "thiduakt.asgi"}


def unit_of(module):
    """The unit a dotted module name belongs to, or None outside the project."""
    parts = module.split(".")
    if parts[0] not in PACKAGES:
        return None
    if "demo" in parts:
        return "demo"
    if "management" in parts or module in PROJECT_ENTRY:
        return "entry"
    if parts[0] != "awards":
        return parts[0]
    if module in AWARDS_BASE or any(module.startswith(base + ".") for base in AWARDS_BASE):
        return "awards.base"
    if len(parts) > 1 and f"awards.{parts[1]}" in RANKS:
        return f"awards.{parts[1]}"
    return "awards.wiring"  # awards, awards.models, .admin, .apps, .urls, .tasks


def project_files():
    for package in PACKAGES:
        base = ROOT / package
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.py")):
            if "migrations" in path.parts or "__pycache__" in path.parts:
                continue
            yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path):
    """(line, imported module) for every import statement of a file, at any depth."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            # ``from awards.council import services`` depends on awards.council.services.
            for alias in node.names:
                yield node.lineno, f"{target}.{alias.name}" if alias.name != "*" else target


def edges():
    """(file, line, from module, to module, from unit, to unit) across units."""
    found = []
    for path in project_files():
        source = module_name(path)
        source_unit = unit_of(source)
        for line, target in imports_of(path):
            target_unit = unit_of(target)
            if target_unit is None or target_unit == source_unit:
                continue
            found.append((path.relative_to(ROOT), line, source, target, source_unit, target_unit))
    return found


def test_the_rule_knows_every_awards_feature():
    from awards.apps import FEATURES

    assert tuple(f"awards.{feature}" for feature in FEATURES) == tuple(
        unit for unit in RANKS if unit.startswith("awards.") and unit not in {"awards.base", "awards.wiring"}
    )
    on_disk = {p.parent.name for p in (ROOT / "awards").glob("*/__init__.py")} - {"management", "migrations"}
    assert on_disk == set(FEATURES)


def test_imports_follow_the_dependency_rule():
    wrong = [
        f"{path}:{line}: {source} ({source_unit}) imports {target} ({target_unit})"
        for path, line, source, target, source_unit, target_unit in edges()
        if RANKS[target_unit] >= RANKS[source_unit]
    ]
    assert not wrong, "imports against the dependency rule (docs/architecture.md):\n" + "\n".join(wrong)


def test_no_import_cycle_between_units():
    graph = defaultdict(set)
    where = {}
    for path, line, _source, _target, source_unit, target_unit in edges():
        graph[source_unit].add(target_unit)
        where.setdefault((source_unit, target_unit), f"{path}:{line}")
    # Tarjan's strongly connected components: any component of more than one unit is a cycle.
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in list(graph):
        if node not in index:
            visit(node)
    described = []
    for component in cycles:
        links = [f"{a} -> {b} ({where[a, b]})" for a in component for b in component if (a, b) in where]
        described.append(", ".join(component) + ": " + "; ".join(links))
    assert not cycles, "import cycles between units:\n" + "\n".join(described)


@pytest.mark.parametrize(
    "module, unit",
    [
        ("thiduakt.pdf.render", "thiduakt"),
        ("thiduakt.urls", "entry"),
        ("campaigns.services.clusters", "campaigns"),
        ("awards.enums", "awards.base"),
        ("awards.council.views", "awards.council"),
        ("awards.models", "awards.wiring"),
        ("awards.demo", "demo"),
        ("awards.certificates.demo", "demo"),
        ("demo.builders", "demo"),
        ("awards.management.commands.bench_load", "entry"),
        ("django.db", None),
    ],
)
def test_units(module, unit):
    assert unit_of(module) == unit


def excluded_from_length(path):
    """Demo builders and benchmark code are long data, not modules to read through."""
    return (
        unit_of(module_name(path)) == "demo"
        or path.name == "locustfile.py"
        or path.name.startswith("bench_")
        or path.name == "benchmarking.py"
    )


def test_no_module_passes_the_line_limit():
    long = []
    for path in project_files():
        if excluded_from_length(path):
            continue
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES:
            long.append(f"{path.relative_to(ROOT)}: {count} lines")
    assert not long, f"modules over {MAX_LINES} lines (split them where they naturally split):\n" + "\n".join(long)
