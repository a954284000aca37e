"""The shared web layer imports the kernel and the policy only; feature apps import it, never the reverse."""

import ast
from pathlib import Path

import weerbaar.web

ALLOWED = ("weerbaar.core", "weerbaar.accounts", "weerbaar.web")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_web_imports_no_feature_app():
    package = Path(weerbaar.web.__file__).parent
    ours = {
        (path.name, name)
        for path in package.glob("*.py")
        for name in _imports(path)
        if name.startswith("weerbaar") and not name.startswith(ALLOWED)
    }
    assert ours == set()
