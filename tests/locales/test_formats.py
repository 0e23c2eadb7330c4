"""Numbers, phones and place names as locals write them (``locales/README.md``, "Formats")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.i18n import Money, Translator, group_amount
from services.common.phones import format_phone
from services.placenames import localize_place, uzbek_apostrophes

T = Translator()


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("+998901234567", "+998 90 123 45 67"),
        ("998991234567", "+998 99 123 45 67"),
        ("+998 99 1234567", "+998 99 123 45 67"),
        ("+7 495 123-45-67", "+7 495 123-45-67"),
        ("call me", "call me"),
    ],
)
def test_phones_are_grouped_as_in_uzbekistan(raw: str, shown: str) -> None:
    assert format_phone(raw) == shown


def test_every_language_shows_a_phone_the_same_way() -> None:
    for lang in ("uz", "ru", "en"):
        # No-break spaces: "+998 90 123 45 68" broke across two lines on a phone.
        assert T.get(lang).phone("+998901234567") == "+998\u00a090\u00a0123\u00a045\u00a067"
        assert T.get(lang).phone(None) == "—"


@pytest.mark.parametrize(
    ("lang", "km", "shown"),
    [
        ("uz", 0.94, "0,9\u00a0km"),
        ("ru", 4501.63, "4\u00a0501,6\u00a0км"),
        ("en", 4501.63, "4,501.6\u00a0km"),
        ("uz", Decimal("12"), "12,0\u00a0km"),
    ],
)
def test_distances_with_the_local_decimal_mark(lang: str, km: float, shown: str) -> None:
    assert T.get(lang).km(km) == shown


def test_numbers_and_weights() -> None:
    uz, en = T.get("uz"), T.get("en")
    assert uz.number(Decimal("0.0060")) == "0,006"
    assert uz.number(Decimal("1500")) == "1\u00a0500"
    assert en.number(Decimal("1500.5")) == "1,500.5"
    assert uz.weight(Decimal("1.500")) == "1,5\u00a0kg"
    assert en.weight("2.000") == "2\u00a0kg"
    assert uz.number(-3.25, 1) == "-3,2"


@pytest.mark.parametrize(
    ("name", "uz", "ru", "en"),
    [
        ("Andijon viloyati", "Andijon viloyati", "Андижанская область", "Andijan Region"),
        ("Qoraqalpog'iston Respublikasi", "Qoraqalpogʻiston Respublikasi", "Республика Каракалпакстан", None),
        ("Nukus shahri", "Nukus shahri", "Нукус", "Nukus"),
        ("Qo'qon shahri", "Qoʻqon shahri", "Коканд", "Qo'qon"),
        ("Chilonzor tumani", "Chilonzor tumani", "Чиланзарский район", "Chilonzor district"),
        ("Uchtepa tumani", "Uchtepa tumani", "Учтепинский район", "Uchtepa district"),
        ("Toshkent shahri", "Toshkent shahri", "город Ташкент", "Tashkent city"),
    ],
)
def test_place_names_in_the_sentence_language(name: str, uz: str, ru: str, en: str | None) -> None:
    assert localize_place(name, "uz") == uz
    assert localize_place(name, "ru") == ru
    if en is not None:
        assert localize_place(name, "en") == en


def test_uzbek_apostrophes_are_normalised() -> None:
    assert uzbek_apostrophes("Farg'ona, ma'lumot, G‘uzor, so’m") == "Fargʻona, maʼlumot, Gʻuzor, soʻm"


@pytest.mark.parametrize(
    ("lang", "amount", "shown"),
    [
        ("uz", 73000, "73\u00a0000\u00a0soʻm"),
        ("ru", Decimal("1250000"), "1\u00a0250\u00a0000\u00a0сум"),
        ("en", 73000, "73,000\u00a0UZS"),
        ("en", "12.5", "12.50\u00a0UZS"),
        ("ru", "12.5", "12,50\u00a0сум"),
        ("uz", 500, "500\u00a0soʻm"),
    ],
)
def test_money_groups_as_each_language_does_and_never_breaks(lang: str, amount: object, shown: str) -> None:
    """English groups thousands with a comma; uz and ru with a no-break space and a decimal
    comma; nothing in an amount lets a line break ("50 000 / сум" on two lines)."""
    assert T.get(lang).money(amount) == shown  # type: ignore[arg-type]
    assert " " not in shown


def test_grouping_without_a_localizer() -> None:
    assert group_amount(1234567, "en") == "1,234,567"
    assert group_amount(1234567, "uz") == "1\u00a0234\u00a0567"
    assert group_amount("0.5", "ru") == "0,50"


@pytest.mark.parametrize(("lang", "shown"), [("en", "50,000\u00a0UZS"), ("uz", "50\u00a0000\u00a0soʻm")])
def test_money_in_a_push_takes_the_language_of_the_text(lang: str, shown: str) -> None:
    """Pushes are written before their language is known: ``Money`` is formatted by the text."""
    assert T.format(lang, "summary-cod", {"amount": Money(50000)}).endswith(shown)
