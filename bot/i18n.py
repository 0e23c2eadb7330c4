"""Texts: Fluent files in ``locales/{uz,ru,en}/*.ftl``, loaded once, resolved per update.

We use ``fluent.runtime`` directly rather than aiogram-i18n: the same translator must serve the
push worker (no update, no middleware context) and the tests (which check that every id exists
in every language); a thin class over the Fluent bundles does both with one code path.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast

from services.common.phones import format_phone
from services.placenames import localize_place

logger = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("uz", "ru", "en")
DEFAULT_LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
TASHKENT = ZoneInfo("Asia/Tashkent")


NBSP = "\u00a0"  # no line break inside an amount, a weight or a phone, nor before its unit
# Thousands and decimal marks by language: ``113 000,5`` in uz and ru, ``113,000.5`` in English.
MARKS: dict[str, tuple[str, str]] = {"uz": (NBSP, ","), "ru": (NBSP, ","), "en": (",", ".")}


def group_amount(amount: Decimal | int | str, lang: str = "uz") -> str:
    """``110500`` → ``110 500`` (uz, ru: no-break spaces) or ``110,500`` (en); a fraction keeps
    two places: ``12,50`` / ``12.50``."""
    value = Decimal(str(amount))
    whole = value.quantize(Decimal(1)) if value == value.to_integral() else value.quantize(Decimal("0.01"))
    thousands, decimal = MARKS.get(lang, MARKS["uz"])
    return f"{whole:,}".replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def unbreakable(text: str) -> str:
    """Every space a no-break one: ``73 000 soʻm`` and ``+998 90 123 45 67`` stay on one line."""
    return text.replace(" ", NBSP)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of soʻm for a text whose language is not known yet (a push in the outbox): the
    translator writes it as ``l10n.money`` does, in the language the text is written in."""

    amount: Decimal | int | str


class Translator:
    """All bundles, one per language; ``get(lang)`` gives a ``Localizer`` bound to one."""

    def __init__(self, locales_dir: Path = DEFAULT_LOCALES_DIR, default: str = "uz") -> None:
        self.default = default
        self._bundles: dict[str, FluentBundle] = {}
        self._ids: dict[str, set[str]] = {}
        for lang in LANGUAGES:
            bundle = FluentBundle([lang], use_isolating=False)
            ids: set[str] = set()
            for path in sorted((locales_dir / lang).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                junk = [entry for entry in resource.body if type(entry).__name__ == "Junk"]
                if junk:
                    raise ValueError(f"{path}: cannot parse {junk[0]}")
                bundle.add_resource(resource)
                # Messages only: terms (``-example-date``) are for the texts, not for the code.
                ids.update(entry.id.name for entry in resource.body if isinstance(entry, ast.Message))
            self._bundles[lang] = bundle
            self._ids[lang] = ids
        self._localizers = {lang: Localizer(self, lang) for lang in LANGUAGES}
        self._plain: dict[tuple[str, str], str] = {}

    def money(self, lang: str, amount: Decimal | int | str) -> str:
        """``12000`` → ``12 000 soʻm`` / ``12 000 сум`` / ``12,000 UZS``, on one line."""
        return unbreakable(self.format(lang, "money", {"amount": group_amount(amount, lang)}))

    def message_ids(self, lang: str) -> set[str]:
        return set(self._ids[lang])

    def get(self, lang: str | None) -> Localizer:
        return self._localizers.get(lang or self.default) or self._localizers[self.default]

    def format(self, lang: str, key: str, args: Mapping[str, Any] | None = None) -> str:
        if not args:  # a message without arguments is formatted once per language
            cached = self._plain.get((lang, key))
            if cached is None:
                cached = self._plain[(lang, key)] = self._format(lang, key, None)
            return cached
        return self._format(lang, key, args)

    def _format(self, lang: str, key: str, args: Mapping[str, Any] | None) -> str:
        bundle = self._bundles.get(lang) or self._bundles[self.default]
        if not bundle.has_message(key):
            logger.error("missing message id %s in %s", key, lang)
            fallback = self._bundles[self.default]
            if lang == self.default or not fallback.has_message(key):
                return key
            bundle = fallback
        message = bundle.get_message(key)
        if message.value is None:
            return key
        values = {
            name: self.money(lang, value.amount) if isinstance(value, Money) else value
            for name, value in (args or {}).items()
        }
        text, errors = bundle.format_pattern(message.value, values)
        if errors:
            # A Fluent error puts ``{???}`` into the text: a bug (tests fail on any logged error).
            logger.error("fluent errors in %s/%s: %s", lang, key, errors)
        return str(text)


@dataclass(frozen=True, slots=True)
class Localizer:
    """What handlers receive as ``l10n``: ``l10n("key", name=...)`` and locale-aware formatting."""

    translator: Translator
    lang: str

    def __call__(self, key: str, /, **args: Any) -> str:
        return self.translator.format(self.lang, key, args)

    def money(self, amount: Decimal | int | str | None) -> str:
        """``12000`` → ``12 000 soʻm`` / ``12 000 сум`` / ``12,000 UZS``, with no-break spaces
        (pushes pass a :class:`Money` and get the same)."""
        if amount is None:
            return "—"
        return self.translator.money(self.lang, amount)

    def datetime(self, moment: datetime | None) -> str:
        """A moment in Tashkent time, ``23.11.2026 14:05``."""
        if moment is None:
            return "—"
        return moment.astimezone(TASHKENT).strftime("%d.%m.%Y %H:%M")

    def day(self, day: date | None, *, year: bool = True) -> str:
        """A calendar day, ``23.11.2026`` (``year=False``: ``23.11``)."""
        if day is None:
            return "—"
        return day.strftime("%d.%m.%Y" if year else "%d.%m")

    def weight(self, kg: Decimal | str | None) -> str:
        if kg is None:
            return "—"
        return unbreakable(self("weight-kg", kg=self.number(kg)))

    def number(self, value: Decimal | float | int | str, places: int | None = None) -> str:
        """A number as locals write it: ``4 501,6`` in uz and ru, ``4,501.6`` in en.

        ``places`` rounds to that many decimals (``None``: as many as the value has, without
        trailing zeros).
        """
        number = Decimal(str(value))
        thousands, decimal = MARKS.get(self.lang, MARKS["uz"])
        if places is not None:
            number = number.quantize(Decimal(1).scaleb(-places))
        elif number == number.to_integral():
            number = number.quantize(Decimal(1))
        else:
            number = number.normalize()
        sign = "-" if number < 0 else ""
        whole, _, fraction = format(abs(number), "f").partition(".")
        grouped = f"{int(whole):,}".replace(",", thousands) if len(whole) > 3 else whole
        return sign + grouped + (decimal + fraction if fraction else "")

    def km(self, value: Decimal | float | int) -> str:
        """A distance, ``0,9 km`` / ``0,9 км`` / ``0.9 km`` (one decimal)."""
        return unbreakable(self("distance-km", km=self.number(value, 1)))

    def phone(self, phone: str | None) -> str:
        """``+998901234567`` → ``+998 90 123 45 67`` with no-break spaces (other numbers as they
        came)."""
        return unbreakable(format_phone(phone)) if phone else "—"

    def place(self, name: str | None) -> str:
        """A place name in this language (``Andijon viloyati`` → ``Андижанская область``)."""
        return localize_place(name, self.lang) if name else "—"
