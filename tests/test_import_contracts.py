"""The house's arrows: the engine never imports Qt, the packages import one way, and no module waits on itself."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_engine_and_cli_import_without_qt():
    modules = ["digitpad.cli", "digitpad.engine.training.run", "digitpad.engine.reading.predictor",
               "digitpad.engine.store.catalog", "digitpad.engine.training.speed", "digitpad.engine.data.loading",
               "digitpad.engine.insight.explanation"]  # fmt: skip
    code = (
        f"import sys, {', '.join(modules)};"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_import_contracts_hold():
    """pyproject.toml's import-linter contracts: the engine's layers, the front ends over it, no Qt in it."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None, "import-linter is one of the test tools: pip install -e '.[test]'"
    result = subprocess.run([lint_imports, "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(tree: ast.AST) -> set[str]:
    """Every digitpad module a module imports, at its top or inside a function (`if TYPE_CHECKING:` aside)."""
    found: set[str] = set()
    pending = [tree]
    while pending:
        node = pending.pop()
        if _is_type_checking_block(node):
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("digitpad"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("digitpad"))
        pending.extend(ast.iter_child_nodes(node))
    return found


def module_imports() -> dict[str, set[str]]:
    """digitpad module -> the digitpad modules it imports, wherever in it the import is written."""
    graph: dict[str, set[str]] = {}
    for path in (ROOT / "digitpad").rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        graph[name] = _imports(ast.parse(path.read_text()))
    return {name: {t for t in targets if t in graph and t != name} for name, targets in graph.items()}


def test_no_import_cycle_in_digitpad_counting_imports_inside_functions():
    graph = module_imports()
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            assert state.get(target) != "open", " -> ".join([*trail, module, target])
            if target not in state:
                visit(target, [*trail, module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
