"""The order between apps (docs/architecture.md, "Apps and import direction"), checked on the source.

    schools (core) ← programs ← recruitment ← orientation, activities ← evaluation

An AST walk over every module of the apps (migrations and tests aside), imports inside functions included, fails
when a module imports against that order. The rules:

1. The core, ``schools``, imports no other app of the project.
2. A domain app imports only apps before it in the order (never itself backwards, never a sibling:
   ``orientation`` and ``activities`` do not import each other).
3. From the core, a domain app may import any module (models for scoping and foreign keys, mixins, permissions,
   scoping, registries, services, selectors...) except its views (``views`` and ``*_views`` modules): what a
   view computes that others need lives in a module of its own (``schools.peer_safe``).
4. From another domain app, only its public surface: ``<app>.selectors`` (read) and ``<app>.services`` (write).
   Not its models (a foreign key names the model by string, ``"programs.Program"``), not its areas' modules
   (``recruitment.applying.selectors``), not its ``apps``, ``demo`` or views.
5. No app imports the project package ``peerpartners``, which sits above every app and may import all of them.

Imports built from strings at run time (``settings.DEMO_SEEDERS``, ``apps.get_model``) are not checked.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = "schools"
# Each app with its place in the order: an app imports only apps of a lower rank.
RANK = {"schools": 0, "programs": 1, "recruitment": 2, "orientation": 3, "activities": 3, "evaluation": 4}
PROJECT = "peerpartners"
PUBLIC = ("selectors", "services")


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    module: str  # the module imported, as a dotted path ("programs.selectors")


def _is_module(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _app_modules():
    for app in RANK:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts:
                continue
            yield app, path


def _package(path: Path) -> list[str]:
    """The dotted package a module belongs to (what ``from . import x`` starts from)."""
    return list(path.relative_to(ROOT).parent.parts)


def _imports(path: Path, source: str | None = None):
    """Every import of the module, at any depth (inside functions and ``if`` blocks too), as absolute modules."""
    tree = ast.parse(path.read_text() if source is None else source, filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(path, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = _package(path)[: len(_package(path)) - node.level + 1] if node.level else []
            start = ".".join([*base, *([node.module] if node.module else [])])
            # ``from programs import selectors`` imports the module programs.selectors; ``from programs.selectors
            # import x`` imports programs.selectors.
            for alias in node.names:
                dotted = f"{start}.{alias.name}"
                yield Import(path, node.lineno, dotted if _is_module(dotted) else start)


def violation(app: str, module: str) -> str | None:
    """The rule ``module`` breaks when imported from ``app``, or None."""
    target = module.split(".")[0]
    if target == PROJECT:
        return f"an app never imports the project package {PROJECT!r} (rule 5)"
    if target not in RANK or target == app:
        return None
    if app == CORE:
        return f"the core {CORE!r} imports no other app of the project (rule 1)"
    if RANK[target] >= RANK[app]:
        return (
            f"{app!r} may import only apps before it in the order schools ← programs ← recruitment ← "
            f"orientation/activities ← evaluation, not {target!r} (rule 2)"
        )
    last = module.split(".")[-1]
    if target == CORE:
        if last == "views" or last.endswith("_views"):
            return "a domain app never imports the core's views (rule 3)"
        return None
    if module not in {f"{target}.{name}" for name in PUBLIC}:
        return f"from another domain app, only {target}.selectors and {target}.services may be imported (rule 4)"
    return None


def breaches_in(app: str, path: Path, source: str | None = None) -> list[str]:
    found = []
    for imported in sorted(_imports(path, source), key=lambda imported: imported.line):
        rule = violation(app, imported.module)
        if rule:
            found.append(f"{imported.path.relative_to(ROOT)}:{imported.line}: imports {imported.module}: {rule}")
    return found


def breaches() -> list[str]:
    return [breach for app, path in _app_modules() for breach in breaches_in(app, path)]


def test_apps_import_one_another_only_in_the_documented_order():
    found = breaches()
    assert not found, "Imports against the order between apps (docs/architecture.md):\n" + "\n".join(found)


def test_the_walk_reads_every_app_but_not_migrations():
    # A walk that read nothing would pass whatever the tree holds.
    modules = {path.relative_to(ROOT).as_posix() for _app, path in _app_modules()}
    assert {"schools/models.py", "programs/selectors.py", "recruitment/campaigns/services.py"} <= modules
    assert not any("/migrations/" in module for module in modules)


def test_imports_inside_functions_and_relative_imports_are_read():
    source = (
        "from . import selectors\n"
        "from ..models import Match\n"
        "def confirm():\n"
        "    from programs.models import Program\n"
        "    if True:\n"
        "        import evaluation.selectors\n"
    )
    path = ROOT / "recruitment/matching/services.py"
    modules = [imported.module for imported in _imports(path, source)]
    assert modules == [
        "recruitment.matching.selectors",
        "recruitment.models",
        "programs.models",
        "evaluation.selectors",
    ]
    assert breaches_in("recruitment", path, source) == [
        "recruitment/matching/services.py:4: imports programs.models: from another domain app, only "
        "programs.selectors and programs.services may be imported (rule 4)",
        "recruitment/matching/services.py:6: imports evaluation.selectors: 'recruitment' may import only apps "
        "before it in the order schools ← programs ← recruitment ← orientation/activities ← evaluation, not "
        "'evaluation' (rule 2)",
    ]


def test_each_rule_names_what_it_forbids():
    assert violation("schools", "programs.selectors") and "rule 1" in violation("schools", "programs.selectors")
    assert "rule 2" in violation("programs", "recruitment.selectors")
    assert "rule 2" in violation("orientation", "activities.selectors")
    assert "rule 3" in violation("recruitment", "schools.student_views")
    assert "rule 4" in violation("recruitment", "programs.models")
    assert "rule 4" in violation("evaluation", "recruitment.applying.selectors")
    assert "rule 5" in violation("programs", "peerpartners.settings")
    assert violation("recruitment", "programs.selectors") is None
    assert violation("evaluation", "activities.services") is None
    assert violation("recruitment", "schools.models") is None
    assert violation("recruitment", "recruitment.models") is None
