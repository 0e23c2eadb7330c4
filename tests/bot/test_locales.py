"""Every message id exists in all three languages, and every id the code names exists."""

from __future__ import annotations

import re
from pathlib import Path

from fluent.syntax import FluentSerializer, ast, parse

from bot.i18n import LANGUAGES, Translator
from services import statuses
from services.catalog import PACKAGE_TYPES, POST_TYPES

ROOT = Path(__file__).resolve().parents[2]
# Literal ids in the code: l10n("id"), keys in tables and f-string families we expand below.
LITERAL = re.compile(r"""(?:l10n|ctx\.l10n)\(\s*["']([a-z][a-z0-9-]*)["']""")
KEYS = re.compile(
    r"""["']((?:menu|btn|cmd|order|error|field|step|price|place|track|summary|login|logout|invalid|"""
    r"""delivery|package|content|history|label|share|cancel|orders|filter|settings|notify|branch|"""
    r"""branches|hours|weekday|open|opens|closed|parcels|push|payment|pay)-[a-z0-9-]+)["']"""
)


def code_ids() -> set[str]:
    ids: set[str] = set()
    for path in list((ROOT / "bot").rglob("*.py")) + list((ROOT / "services").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        ids |= set(LITERAL.findall(text)) | set(KEYS.findall(text))
    ids |= {info.key for info in statuses.all_statuses()}
    ids |= {entry.key for entry in (*PACKAGE_TYPES, *POST_TYPES)}
    ids |= {f"weekday-{d}" for d in range(1, 8)}
    ids |= {f"price-way-{s}{r}" for s in (0, 1) for r in (0, 1)}
    from bot.conversations.new_order.table import STEPS
    from services.parsing import KINDS

    ids |= {f"step-{step.name}" for step in STEPS if step.changeable}
    ids |= {f"invalid-{kind}" for kind in KINDS}
    return ids


def test_every_language_has_the_same_ids() -> None:
    translator = Translator()
    ids = {lang: translator.message_ids(lang) for lang in LANGUAGES}
    union = set().union(*ids.values())
    for lang in LANGUAGES:
        assert union - ids[lang] == set(), f"{lang} lacks {sorted(union - ids[lang])}"


def test_every_id_used_by_the_code_exists() -> None:
    translator = Translator()
    known = translator.message_ids("en")
    missing = sorted(i for i in code_ids() - {"key"} if i not in known and not i.endswith("-"))
    assert missing == []


# Variables that hold a number of things (plural selectors pick on them); the rest get text.
NUMBERS = {"count": 1, "total": 2, "pieces": 1, "seconds": 5, "days": 3, "id": 1}
VARIABLE = re.compile(r"\{\s*\$([a-zA-Z_][a-zA-Z0-9_-]*)")


def message_variables(lang: str) -> dict[str, set[str]]:
    """Every variable each message of a language uses (from the .ftl source, not a fixed list)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "locales" / lang).glob("*.ftl")):
        for item in parse(path.read_text(encoding="utf-8")).body:
            if isinstance(item, ast.Message):
                source = FluentSerializer().serialize_entry(item)
                found[item.id.name] = set(VARIABLE.findall(source))
    return found


def test_messages_format_without_errors_in_every_language() -> None:
    """Each message formats with a value for every variable it names, without a Fluent error."""
    translator = Translator()
    for lang in LANGUAGES:
        names = message_variables(lang)
        for key in translator.message_ids(lang):
            sample = {name: NUMBERS.get(name, name[:1] or "x") for name in names.get(key, set())}
            text = translator.format(lang, key, sample)
            assert "{" not in text, (lang, key, text)
