"""The engine never imports Qt: the CLI and other tools must work without a GUI stack."""

import subprocess
import sys


def test_engine_and_cli_import_without_qt():
    code = (
        "import sys, digitpad.cli, digitpad.engine.trainer, digitpad.engine.predictor, digitpad.engine.catalog,"
        " digitpad.engine.benchmark, digitpad.engine.datasets;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def module_imports() -> dict[str, set[str]]:
    """digitpad module -> the digitpad modules it imports when it loads (not inside functions)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    graph: dict[str, set[str]] = {}
    for path in (root / "digitpad").rglob("*.py"):
        name = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        tree = ast.parse(path.read_text())
        imported: set[str] = set()
        for node in tree.body:  # top-level statements only: imports inside functions are deferred on purpose
            if isinstance(node, ast.If):  # `if TYPE_CHECKING:` blocks never run
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("digitpad"):
                imported.add(node.module)
                imported.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names if alias.name.startswith("digitpad"))
        graph[name] = imported
    return {name: {t for t in targets if t in graph and t != name} for name, targets in graph.items()}


def test_no_import_cycle_in_digitpad():
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
