"""The layering rules of ARCHITECTURE.md, checked on the source tree."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_never_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "app" / "core").rglob("*.py")
        for name in imports_of(path)
        if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"} or name.startswith("app.ui")
    ]
    assert offenders == []


def test_ui_touches_neither_sql_nor_models() -> None:
    forbidden = ("sqlite3", "sqlcipher3", "onnxruntime", "mediapipe", "app.core.storage", "app.core.store")
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "app" / "ui").rglob("*.py")
        for name in imports_of(path)
        if name.startswith(forbidden)
    ]
    assert offenders == []


def test_only_storage_speaks_sql() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "app").rglob("*.py")
        if {"sqlite3", "sqlcipher3", "sqlcipher3.dbapi2"} & imports_of(path)
        and "storage" not in path.relative_to(ROOT).parts
        and path.name != "store.py"
    ]
    assert offenders == []
