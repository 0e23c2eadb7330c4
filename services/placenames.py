"""Place names in the reader's language: ``Andijon viloyati`` → ``Андижанская область`` in Russian.

Our names come in Uzbek (Latin) from the shipped geography and from BTS answers. A Russian
sentence wants Russian names and an English one wants English words around them, so names are
shown through :func:`localize_place` (``Localizer.place``):

- Uzbek: the same name with the standard apostrophes (``Fargʻona``, ``Qoʻqon``);
- Russian: the twelve regions, Karakalpakstan and Tashkent by their Russian names, ``X shahri``
  as the city's Russian name (``Нукус``, ``Коканд``: ``translit.EXONYMS``, else transliterated),
  ``X tumani`` as ``Xский район`` (``Чиланзарский район``);
- English: ``Andijan Region``, ``Nukus``, ``Chilonzor district`` (names stay in Uzbek spelling,
  the administrative word is English; plain apostrophes).

Anything we cannot read is shown as it came.
"""

from __future__ import annotations

import re
from functools import lru_cache

from services import translit

# Uzbek region name (folded skeleton) → (Russian, English).
_REGIONS: tuple[tuple[str, str, str], ...] = (
    ("Toshkent viloyati", "Ташкентская область", "Tashkent Region"),
    ("Toshkent shahri", "город Ташкент", "Tashkent city"),
    ("Andijon viloyati", "Андижанская область", "Andijan Region"),
    ("Buxoro viloyati", "Бухарская область", "Bukhara Region"),
    ("Farg'ona viloyati", "Ферганская область", "Fergana Region"),
    ("Jizzax viloyati", "Джизакская область", "Jizzakh Region"),
    ("Namangan viloyati", "Наманганская область", "Namangan Region"),
    ("Navoiy viloyati", "Навоийская область", "Navoi Region"),
    ("Qoraqalpog'iston Respublikasi", "Республика Каракалпакстан", "Republic of Karakalpakstan"),
    ("Samarqand viloyati", "Самаркандская область", "Samarkand Region"),
    ("Sirdaryo viloyati", "Сырдарьинская область", "Syrdarya Region"),
    ("Surxondaryo viloyati", "Сурхандарьинская область", "Surkhandarya Region"),
    ("Xorazm viloyati", "Хорезмская область", "Khorezm Region"),
    ("Qashqadaryo viloyati", "Кашкадарьинская область", "Kashkadarya Region"),
)
# Russian names that are not in translit.EXONYMS (cities and districts of the shipped geography).
_ADJECTIVES = {"Галляарал": "Галляаральский", "Мирзо-Улугбек": "Мирзо-Улугбекский"}
_RUSSIAN: dict[str, str] = {
    "Nukus": "Нукус",
    "Nurafshon": "Нурафшан",
    "Angren": "Ангрен",
    "Zangiota": "Зангиата",
    "Asaka": "Асака",
    "Xonobod": "Ханабад",
    "G'ijduvon": "Гиждуван",
    "G'allaorol": "Галляарал",
    "Namangan": "Наманган",
    "Chust": "Чуст",
    "Beruniy": "Беруни",
    "Kattaqo'rg'on": "Каттакурган",
    "Urgut": "Ургут",
    "Mirzo Ulug'bek": "Мирзо-Улугбек",
    "Bektemir": "Бектемир",
}


def uzbek_apostrophes(text: str) -> str:
    """``Farg'ona`` → ``Fargʻona``, ``ma'lum`` → ``maʼlum`` (the two standard Uzbek apostrophes)."""
    return re.sub(r"(?<=[OoGg])['‘’`ʼ]", "ʻ", text).replace("'", "ʼ").replace("’", "ʼ").replace("‘", "ʻ")


def _plain(text: str) -> str:
    return re.sub("[ʻʼ‘’`]", "'", text)


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[str, str]]:
    return {translit.fold(_plain(uz)): (ru, en) for uz, ru, en in _REGIONS}


@lru_cache(maxsize=1)
def _exonyms() -> dict[str, str]:
    table = {translit.fold(uz): ru for ru, uz in translit.EXONYMS if re.search("[а-яё]", ru, re.I)}
    table.update({translit.fold(uz): ru for uz, ru in _RUSSIAN.items()})
    return table


def russian_name(uzbek: str) -> str:
    """The Russian name of a place given in Uzbek (Latin), transliterated when we know none."""
    known = _exonyms().get(translit.fold(_plain(uzbek)))
    if known:
        return known
    cyrillic = translit.to_cyrillic(_plain(uzbek))
    return cyrillic[:1].upper() + cyrillic[1:]


def russian_adjective(name: str) -> str:
    """``Чиланзар`` → ``Чиланзарский``, ``Учтепа`` → ``Учтепинский``, ``Сергели`` → ``Сергелийский``."""
    if name in _ADJECTIVES:
        return _ADJECTIVES[name]
    if name.endswith("а"):
        return name[:-1] + "инский"
    if name.endswith("и"):
        return name + "йский"
    if name.endswith("й"):
        return name[:-1] + "йский"
    return name + "ский"


@lru_cache(maxsize=4096)
def localize_place(name: str, lang: str) -> str:
    text = name.strip()
    if not text:
        return name
    if lang == "uz":
        return uzbek_apostrophes(text)
    plain = _plain(text)
    region = _regions().get(translit.fold(plain))
    if region:
        return region[0] if lang == "ru" else region[1]
    words = plain.split()
    kind = words[-1].casefold() if len(words) > 1 else ""
    base = " ".join(words[:-1]) if kind in ("shahri", "tumani", "viloyati") else plain
    if lang == "ru":
        if re.search("[а-яё]", text, re.I):
            return text
        russian = russian_name(base)
        if kind == "tumani":
            return f"{russian_adjective(russian)} район"
        if kind == "viloyati":
            return f"{russian_adjective(russian)[:-2]}ая область"
        return russian
    if kind == "tumani":
        return f"{base} district"
    if kind == "viloyati":
        return f"{base} Region"
    return base
