"""Numbers, phones and place names as locals write them (``locales/README.md``, "Formats")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.i18n import Translator
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
        assert T.get(lang).phone("+998901234567") == "+998 90 123 45 67"
        assert T.get(lang).phone(None) == "—"


@pytest.mark.parametrize(
    ("lang", "km", "shown"),
    [
        ("uz", 0.94, "0,9 km"),
        ("ru", 4501.63, "4\u00a0501,6 км"),
        ("en", 4501.63, "4,501.6 km"),
        ("uz", Decimal("12"), "12,0 km"),
    ],
)
def test_distances_with_the_local_decimal_mark(lang: str, km: float, shown: str) -> None:
    assert T.get(lang).km(km) == shown


def test_numbers_and_weights() -> None:
    uz, en = T.get("uz"), T.get("en")
    assert uz.number(Decimal("0.0060")) == "0,006"
    assert uz.number(Decimal("1500")) == "1\u00a0500"
    assert en.number(Decimal("1500.5")) == "1,500.5"
    assert uz.weight(Decimal("1.500")) == "1,5 kg"
    assert en.weight("2.000") == "2 kg"
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
