"""Every message id exists in all three languages, and every id the code names exists."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_messages_format_without_errors_in_every_language() -> None:
    translator = Translator()
    sample = {
        "amount": "1",
        "barcode": "60000006106",
        "name": "A",
        "count": 1,
        "total": 2,
        "query": "q",
        "status": "s",
        "city": "c",
        "branch": "b",
        "address": "a",
        "price": "p",
        "cost": "c",
        "weight": "w",
        "pieces": 1,
        "package": "p",
        "content": "c",
        "volume": "1",
        "comment": "c",
        "url": "u",
        "km": "1",
        "time": "10:00",
        "day": "Monday",
        "start": "22:00",
        "end": "08:00",
        "seconds": 5,
        "reason": "r",
        "field": "f",
        "message": "m",
        "username": "u",
        "inn": "1",
        "source": "s",
        "target": "t",
        "way": "w",
        "region": "r",
        "phone": "p",
        "details": "d",
        "id": 1,
        "receiver": "r",
        "created": "c",
        "changed": "c",
        "link": "l",
        "when": "w",
        "who": "w",
        "why": "w",
        "kg": "1",
        "audience": "seller",
        "days": 5,
        "env": "e",
        "expires": "x",
        "location": "l",
        "merchant": "m",
        "status_name": "s",
    }
    for lang in LANGUAGES:
        for key in translator.message_ids(lang):
            text = translator.format(lang, key, sample)
            assert "{" not in text, (lang, key, text)
