"""The house rules a machine can check: handler modules do not import each other (shared screens
live in modules without a router), services reach the database only through repositories, and
no function in bot/ or services/ runs over 60 lines (no file in bot/ over 400)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_FUNCTION_LINES = 60
MAX_BOT_FILE_LINES = 400


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


def _sources() -> list[Path]:
    return [
        p
        for folder in ("bot", "services")
        for p in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in p.parts
    ]


def test_no_long_functions() -> None:
    long = [
        f"{p.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for p in _sources()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_no_long_bot_files() -> None:
    long = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "bot").rglob("*.py")
        if len(p.read_text(encoding="utf-8").splitlines()) > MAX_BOT_FILE_LINES
    ]
    assert long == []
