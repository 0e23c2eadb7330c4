"""The house rules a machine can check: handler modules do not import each other (shared screens
live in modules without a router), and services reach the database only through repositories."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_handler_module_imports_another() -> None:
    handlers = sorted((ROOT / "bot" / "handlers").glob("*.py"))
    names = {f"bot.handlers.{p.stem}" for p in handlers if p.stem != "__init__"}
    offending = {
        p.stem: sorted(_imports(p) & (names - {f"bot.handlers.{p.stem}"}))
        for p in handlers
        if p.stem != "__init__"
    }
    assert {k: v for k, v in offending.items() if v} == {}


def test_only_handlers_import_handler_modules() -> None:
    """The composition root and shared modules take what they need from modules without a router;
    only ``setup_routers`` (the package) is reached from outside ``bot/handlers``."""
    handlers = {f"bot.handlers.{p.stem}" for p in (ROOT / "bot" / "handlers").glob("*.py")}
    handlers.discard("bot.handlers.__init__")
    offending = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & handlers)
        for p in (ROOT / "bot").rglob("*.py")
        if "handlers" not in p.relative_to(ROOT).parts
    }
    assert {k: v for k, v in offending.items() if v} == {}


def test_services_build_no_sql() -> None:
    offending = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "services").rglob("*.py")
        if {"sqlalchemy.select", "sqlalchemy.sql.select", "sqlalchemy.func"} & _imports(p)
    )
    assert offending == []
