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


def group_amount(amount: Decimal | int | str, *, comma: bool = False) -> str:
    """``110500`` → ``110 500`` (no-break spaces), ``12.5`` → ``12.50`` (``12,50`` with ``comma``)."""
    value = Decimal(str(amount))
    whole = value.quantize(Decimal(1)) if value == value.to_integral() else value.quantize(Decimal("0.01"))
    text = f"{whole:,}".replace(",", "\u00a0")
    return text.replace(".", ",") if comma else text


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
        text, errors = bundle.format_pattern(message.value, dict(args or {}))
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
        """``12000`` → ``12 000 so'm`` / ``12 000 сум`` / ``12 000 UZS`` (pushes group the same way)."""
        if amount is None:
            return "—"
        return self("money", amount=group_amount(amount, comma=self.lang in ("uz", "ru")))

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
        return self("weight-kg", kg=self.number(kg))

    def number(self, value: Decimal | float | int | str, places: int | None = None) -> str:
        """A number as locals write it: ``4 501,6`` in uz and ru, ``4,501.6`` in en.

        ``places`` rounds to that many decimals (``None``: as many as the value has, without
        trailing zeros).
        """
        number = Decimal(str(value))
        if places is not None:
            number = number.quantize(Decimal(1).scaleb(-places))
        elif number == number.to_integral():
            number = number.quantize(Decimal(1))
        else:
            number = number.normalize()
        sign = "-" if number < 0 else ""
        whole, _, fraction = format(abs(number), "f").partition(".")
        if self.lang in ("uz", "ru"):
            grouped = f"{int(whole):,}".replace(",", "\u00a0") if len(whole) > 3 else whole
            return sign + grouped + ("," + fraction if fraction else "")
        grouped = f"{int(whole):,}" if len(whole) > 3 else whole
        return sign + grouped + ("." + fraction if fraction else "")

    def km(self, value: Decimal | float | int) -> str:
        """A distance, ``0,9 km`` / ``0,9 км`` / ``0.9 km`` (one decimal)."""
        return self("distance-km", km=self.number(value, 1))

    def phone(self, phone: str | None) -> str:
        """``+998901234567`` → ``+998 90 123 45 67`` (other numbers as they came)."""
        return format_phone(phone) if phone else "—"

    def place(self, name: str | None) -> str:
        """A place name in this language (``Andijon viloyati`` → ``Андижанская область``)."""
        return localize_place(name, self.lang) if name else "—"
