"""Seed data of the BTS fake: regions, cities, the branch directory, statuses, the price rule.

Geography: all 14 regions of Uzbekistan (Tashkent city and Karakalpakstan included), cities
(districts) with ids and ``city_code``s, and 53 branches with ``lat_long``, phones and working
hours per ISO weekday 1..7. Ids that appear in the documents are kept (region 2 Andijon, 6
Tashkent city, 14 Qashqadaryo; city 3 Asaka, 66 Qarshi, 195 Uchtepa, 198 Shayxontohur; branch
3 YAKKASAROY, 10 KARSHI BTS, 24 SHAYXONTOHUR BTS, 79 MALIKA BOZOR BTS, 93 ASAKA BTS).
Seed 000 pairs city "0101" (Uchtepa, 195) with branch YAKKASAROY (3): so does the fake.
Bektemir (city 200) has no branch on purpose: ``?cityId=200`` lists nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Region:
    id: int
    name: str
    code: str


@dataclass(frozen=True, slots=True)
class City:
    id: int
    region_id: int
    name: str
    code: str


@dataclass(frozen=True, slots=True)
class Branch:
    id: int
    name: str
    city_id: int
    address: str
    lat_long: str
    phone: str
    hours: tuple[str, str, str, str, str, str, str]
    code: str = ""


REGIONS: dict[int, Region] = {
    r.id: r
    for r in (
        Region(1, "Toshkent viloyati", "02"),
        Region(2, "Andijon viloyati", "03"),
        Region(3, "Buxoro viloyati", "04"),
        Region(4, "Farg'ona viloyati", "05"),
        Region(5, "Jizzax viloyati", "06"),
        Region(6, "Toshkent shahri", "01"),
        Region(7, "Namangan viloyati", "07"),
        Region(8, "Navoiy viloyati", "08"),
        Region(9, "Qoraqalpog'iston Respublikasi", "09"),
        Region(10, "Samarqand viloyati", "10"),
        Region(11, "Sirdaryo viloyati", "11"),
        Region(12, "Surxondaryo viloyati", "12"),
        Region(13, "Xorazm viloyati", "13"),
        Region(14, "Qashqadaryo viloyati", "14"),
    )
}

_CITY_ROWS: tuple[tuple[int, int, str], ...] = (
    # Tashkent city (region 6); Uchtepa first so its code is "0101" as in seed 000
    (195, 6, "Uchtepa tumani"),
    (190, 6, "Yunusobod tumani"),
    (191, 6, "Chilonzor tumani"),
    (192, 6, "Mirzo Ulug'bek tumani"),
    (193, 6, "Yakkasaroy tumani"),
    (194, 6, "Sergeli tumani"),
    (196, 6, "Yashnobod tumani"),
    (197, 6, "Mirobod tumani"),
    (198, 6, "Shayxontohur tumani"),
    (199, 6, "Olmazor tumani"),
    (200, 6, "Bektemir tumani"),
    # Tashkent region
    (20, 1, "Nurafshon shahri"),
    (21, 1, "Chirchiq shahri"),
    (22, 1, "Angren shahri"),
    (23, 1, "Olmaliq shahri"),
    (25, 1, "Zangiota tumani"),
    # Andijan
    (3, 2, "Asaka tumani"),
    (30, 2, "Andijon shahri"),
    (31, 2, "Xonobod shahri"),
    (32, 2, "Shahrixon tumani"),
    # Bukhara
    (40, 3, "Buxoro shahri"),
    (41, 3, "Kogon shahri"),
    (42, 3, "G'ijduvon tumani"),
    # Fergana
    (50, 4, "Farg'ona shahri"),
    (51, 4, "Qo'qon shahri"),
    (52, 4, "Marg'ilon shahri"),
    (53, 4, "Quvasoy shahri"),
    # Jizzakh
    (55, 5, "Jizzax shahri"),
    (56, 5, "G'allaorol tumani"),
    # Namangan
    (60, 7, "Namangan shahri"),
    (61, 7, "Chust tumani"),
    # Navoi
    (64, 8, "Navoiy shahri"),
    (65, 8, "Zarafshon shahri"),
    # Karakalpakstan
    (70, 9, "Nukus shahri"),
    (71, 9, "Xo'jayli tumani"),
    (72, 9, "Beruniy tumani"),
    # Samarkand
    (75, 10, "Samarqand shahri"),
    (76, 10, "Kattaqo'rg'on shahri"),
    (77, 10, "Urgut tumani"),
    # Syrdarya
    (80, 11, "Guliston shahri"),
    (81, 11, "Yangiyer shahri"),
    # Surkhandarya
    (85, 12, "Termiz shahri"),
    (86, 12, "Denov tumani"),
    (88, 12, "Jarqo'rg'on tumani"),
    # Khorezm
    (90, 13, "Urganch shahri"),
    (91, 13, "Xiva shahri"),
    # Kashkadarya
    (66, 14, "Qarshi shahri"),
    (67, 14, "Shahrisabz shahri"),
    (68, 14, "Kitob tumani"),
    (69, 14, "G'uzor tumani"),
)


def _cities() -> dict[int, City]:
    cities: dict[int, City] = {}
    index: dict[int, int] = {}
    for city_id, region_id, name in _CITY_ROWS:
        index[region_id] = index.get(region_id, 0) + 1
        code = f"{REGIONS[region_id].code}{index[region_id]:02d}"
        cities[city_id] = City(city_id, region_id, name, code)
    return cities


CITIES: dict[int, City] = _cities()

# Working hours, ISO weekday 1 (Monday) .. 7 (Sunday).
STANDARD = ("08:00-20:00",) * 5 + ("08:00-16:00", "08:00-16:00")  # seed: KARSHI BTS
OFFICE = ("09:00-18:00",) * 7  # seed: MALIKA BOZOR BTS
ALWAYS = ("27/7",) * 7  # seed: SHAYXONTOHUR BTS ("27/7" sic)
SUNDAY_OFF = ("09:00-18:00",) * 5 + ("09:00-15:00", "")

_BRANCH_ROWS: tuple[tuple[int, str, int, str, str, str, tuple[str, ...]], ...] = (
    # Tashkent city
    (
        3,
        "YAKKASAROY BTS",
        195,
        "Toshkent, Shota Rustaveli ko'ch. 12",
        "41.289700,69.254100",
        "1230",
        STANDARD,
    ),
    (
        24,
        "SHAYXONTOHUR BTS",
        198,
        "TASHKENT, ul. Furkat 6. Mo'ljal: Xadra,Asaka Bankni orqasi",
        "41.319124,69.240262",
        "1230",
        ALWAYS,
    ),
    (
        79,
        "MALIKA BOZOR BTS",
        198,
        "Toshkent, Labzak ko'ch 2/122. Mag 118 or: Tramvay aylanasi",
        "41.338727,69.269875",
        "1230",
        OFFICE,
    ),
    (11, "QUSHBEGI BTS (PVZ)", 199, "Toshkent, Qushbegi ko'ch. 8", "41.321300,69.226000", "1230", SUNDAY_OFF),
    (12, "CHILONZOR BTS", 191, "Toshkent, Bunyodkor shoh ko'ch. 24", "41.275600,69.203400", "1230", STANDARD),
    (13, "YUNUSOBOD BTS", 190, "Toshkent, Amir Temur ko'ch. 107", "41.364500,69.286800", "1230", ALWAYS),
    (14, "UCHTEPA BTS", 195, "Toshkent, Lutfiy ko'ch. 15", "41.296000,69.180500", "1230", STANDARD),
    (15, "SERGELI BTS", 194, "Toshkent, Yangi Sergeli ko'ch. 3", "41.225700,69.222700", "1230", SUNDAY_OFF),
    (
        16,
        "MIRZO ULUG'BEK BTS",
        192,
        "Toshkent, Buyuk Ipak Yo'li ko'ch. 154",
        "41.328300,69.334800",
        "1230",
        OFFICE,
    ),
    (17, "YASHNOBOD BTS", 196, "Toshkent, Mahtumquli ko'ch. 93", "41.293000,69.321000", "1230", STANDARD),
    (18, "MIROBOD BTS", 197, "Toshkent, Mirobod ko'ch. 25", "41.293500,69.279000", "1230", STANDARD),
    # Tashkent region
    (
        30,
        "NURAFSHON BTS",
        20,
        "Nurafshon sh., Toshkent yo'li ko'ch. 5",
        "41.045000,69.358000",
        "+998 70 7151230",
        SUNDAY_OFF,
    ),
    (
        31,
        "CHIRCHIQ BTS",
        21,
        "Chirchiq sh., Amir Temur ko'ch. 41",
        "41.469000,69.582000",
        "+998 70 7161230",
        STANDARD,
    ),
    (
        32,
        "ANGREN BTS",
        22,
        "Angren sh., Navoiy ko'ch. 12",
        "41.016700,70.143600",
        "+998 70 7171230",
        SUNDAY_OFF,
    ),
    (
        33,
        "OLMALIQ BTS",
        23,
        "Olmaliq sh., Amir Temur ko'ch. 30",
        "40.844700,69.598000",
        "+998 70 7181230",
        STANDARD,
    ),
    (34, "ZANGIOTA BTS", 25, "Zangiota t., Katta Xalqa yo'li 2", "41.242000,69.148000", "1230", ALWAYS),
    # Andijan
    (93, "ASAKA BTS", 3, "Asaka sh., Navoiy ko'ch. 22", "40.641500,72.238700", "+998 74 2331230", STANDARD),
    (
        40,
        "ANDIJON BTS",
        30,
        "Andijon sh., Bobur shoh ko'ch. 55",
        "40.782100,72.344200",
        "+998 74 2231230",
        STANDARD,
    ),
    (
        41,
        "ANDIJON JAHON BOZORI BTS",
        30,
        "Andijon sh., Jahon bozori yonida",
        "40.770000,72.360000",
        "1230",
        OFFICE,
    ),
    (42, "XONOBOD BTS", 31, "Xonobod sh., Mustaqillik ko'ch. 4", "40.803000,73.000000", "1230", SUNDAY_OFF),
    (
        43,
        "SHAHRIXON BTS",
        32,
        "Shahrixon sh., Amir Temur ko'ch. 18",
        "40.713000,72.057000",
        "1230",
        SUNDAY_OFF,
    ),
    # Bukhara
    (
        45,
        "BUXORO BTS",
        40,
        "Buxoro sh., Piridastgir ko'ch. 2",
        "39.774700,64.428600",
        "+998 65 2211230",
        STANDARD,
    ),
    (46, "KOGON BTS", 41, "Kogon sh., Mustaqillik ko'ch. 7", "39.722000,64.551000", "1230", SUNDAY_OFF),
    (47, "G'IJDUVON BTS", 42, "G'ijduvon sh., Buxoro ko'ch. 40", "40.104000,64.683000", "1230", SUNDAY_OFF),
    # Fergana
    (
        50,
        "FARG'ONA BTS",
        50,
        "Farg'ona sh., Al-Farg'oniy ko'ch. 27",
        "40.386400,71.786400",
        "+998 73 2441230",
        STANDARD,
    ),
    (
        51,
        "QO'QON BTS",
        51,
        "Qo'qon sh., Turkiston ko'ch. 9",
        "40.528600,70.942500",
        "+998 73 5421230",
        STANDARD,
    ),
    (
        52,
        "MARG'ILON BTS",
        52,
        "Marg'ilon sh., Burhoniddin Marg'inoniy ko'ch. 3",
        "40.471100,71.724700",
        "1230",
        OFFICE,
    ),
    (53, "QUVASOY BTS", 53, "Quvasoy sh., Mustaqillik ko'ch. 11", "40.297200,71.980000", "1230", SUNDAY_OFF),
    # Jizzakh
    (
        55,
        "JIZZAX BTS",
        55,
        "Jizzax sh., Sh. Rashidov ko'ch. 40",
        "40.115800,67.842200",
        "+998 72 2261230",
        STANDARD,
    ),
    (
        56,
        "G'ALLAOROL BTS",
        56,
        "G'allaorol sh., Mustaqillik ko'ch. 2",
        "40.023000,67.596000",
        "1230",
        SUNDAY_OFF,
    ),
    # Namangan
    (
        60,
        "NAMANGAN BTS",
        60,
        "Namangan sh., Uychi ko'ch. 12",
        "40.998300,71.672600",
        "+998 69 2271230",
        STANDARD,
    ),
    (
        61,
        "NAMANGAN CHORSU BTS",
        60,
        "Namangan sh., Chorsu bozori yonida",
        "41.001000,71.645000",
        "1230",
        ALWAYS,
    ),
    (62, "CHUST BTS", 61, "Chust sh., Alisher Navoiy ko'ch. 21", "41.003000,71.237000", "1230", SUNDAY_OFF),
    # Navoi
    (
        64,
        "NAVOIY BTS",
        64,
        "Navoiy sh., G'alaba shoh ko'ch. 18",
        "40.103300,65.368600",
        "+998 79 2231230",
        STANDARD,
    ),
    (65, "ZARAFSHON BTS", 65, "Zarafshon sh., Navoiy ko'ch. 6", "41.574000,64.203000", "1230", SUNDAY_OFF),
    # Karakalpakstan
    (
        70,
        "NUKUS BTS",
        70,
        "Nukus sh., Berdaq shoh ko'ch. 41",
        "42.460000,59.610000",
        "+998 61 2221230",
        STANDARD,
    ),
    (71, "XO'JAYLI BTS", 71, "Xo'jayli sh., Amir Temur ko'ch. 5", "42.403000,59.446000", "1230", SUNDAY_OFF),
    (72, "BERUNIY BTS", 72, "Beruniy sh., Beruniy ko'ch. 14", "41.691000,60.752000", "1230", SUNDAY_OFF),
    # Samarkand
    (
        75,
        "SAMARQAND BTS",
        75,
        "Samarqand sh., Registon ko'ch. 30",
        "39.654200,66.959700",
        "+998 66 2331230",
        STANDARD,
    ),
    (
        76,
        "SAMARQAND SIYOB BTS",
        75,
        "Samarqand sh., Siyob bozori yonida",
        "39.665000,66.985000",
        "1230",
        ALWAYS,
    ),
    (
        77,
        "KATTAQO'RG'ON BTS",
        76,
        "Kattaqo'rg'on sh., Mustaqillik ko'ch. 9",
        "39.899000,66.256000",
        "1230",
        SUNDAY_OFF,
    ),
    (78, "URGUT BTS", 77, "Urgut sh., Amir Temur ko'ch. 33", "39.402000,67.243000", "1230", SUNDAY_OFF),
    # Syrdarya
    (
        80,
        "GULISTON BTS",
        80,
        "Guliston sh., Birlashgan ko'ch. 7",
        "40.489700,68.784200",
        "+998 67 2251230",
        STANDARD,
    ),
    (81, "YANGIYER BTS", 81, "Yangiyer sh., Navoiy ko'ch. 19", "40.275000,68.822000", "1230", SUNDAY_OFF),
    # Surkhandarya
    (
        85,
        "TERMIZ BTS",
        85,
        "Termiz sh., At-Termiziy ko'ch. 15",
        "37.224200,67.278300",
        "+998 76 2231230",
        STANDARD,
    ),
    (86, "DENOV BTS", 86, "Denov sh., Sharof Rashidov ko'ch. 8", "38.267000,67.899000", "1230", SUNDAY_OFF),
    (
        87,
        "JARQO'RG'ON BTS",
        88,
        "Jarqo'rg'on sh., Mustaqillik ko'ch. 1",
        "37.505000,67.413000",
        "1230",
        SUNDAY_OFF,
    ),
    # Khorezm
    (
        90,
        "URGANCH BTS",
        90,
        "Urganch sh., Al-Xorazmiy ko'ch. 26",
        "41.550000,60.633300",
        "+998 62 2241230",
        STANDARD,
    ),
    (91, "XIVA BTS", 91, "Xiva sh., Islom Xo'ja ko'ch. 3", "41.378300,60.363900", "1230", OFFICE),
    # Kashkadarya
    (
        10,
        "KARSHI BTS",
        66,
        "KARSHI 5-Mikro rayon ul. Nasaf. or: Nikoh uyi orqa tomoni ",
        "38.837395,65.783467",
        "1230",
        STANDARD,
    ),
    (
        67,
        "SHAHRISABZ BTS",
        67,
        "Shahrisabz sh., Ipak yo'li ko'ch. 20",
        "39.057000,66.834000",
        "1230",
        SUNDAY_OFF,
    ),
    (68, "KITOB BTS", 68, "Kitob sh., Mustaqillik ko'ch. 4", "39.119000,66.881000", "1230", SUNDAY_OFF),
    (69, "G'UZOR BTS", 69, "G'uzor sh., Navoiy ko'ch. 10", "38.621000,66.248000", "1230", SUNDAY_OFF),
)


def _branches() -> dict[int, Branch]:
    branches: dict[int, Branch] = {}
    index: dict[int, int] = {}
    for branch_id, name, city_id, address, lat_long, phone, hours in _BRANCH_ROWS:
        region = REGIONS[CITIES[city_id].region_id]
        index[region.id] = index.get(region.id, 0) + 1
        code = f"{region.code}{index[region.id]:02d}"
        week = (hours[0], hours[1], hours[2], hours[3], hours[4], hours[5], hours[6])
        branches[branch_id] = Branch(branch_id, name, city_id, address, lat_long, phone, week, code)
    return branches


BRANCHES: dict[int, Branch] = _branches()
SORTING_CENTER = "TOSHKENT SARALASH MARKAZI"


def branch_json(branch: Branch, *, with_city: bool = False) -> dict[str, object]:
    """A branch as ``directory/branches`` answers it (seed 001); ``with_city`` adds city/region."""
    city = CITIES[branch.city_id]
    data: dict[str, object] = {
        "id": branch.id,
        "name": branch.name,
        "regionId": city.region_id,
        "cityId": city.id,
        "address": branch.address,
        "lat_long": branch.lat_long,
        "phone": branch.phone,
        "video_link": "",
        "working_hours": {str(day): branch.hours[day - 1] for day in range(1, 8)},
    }
    if with_city:
        data["city"] = {"id": city.id, "name": city.name}
        data["region"] = {"id": city.region_id, "name": REGIONS[city.region_id].name}
    return data


def branches_of_city(city_id: int) -> list[Branch]:
    return [b for b in BRANCHES.values() if b.city_id == city_id]


def serving_branch(city_id: int) -> Branch | None:
    """The office that serves a city: one of its own, else the first of its region."""
    own = branches_of_city(city_id)
    if own:
        return own[0]
    region_id = CITIES[city_id].region_id
    return next((b for b in BRANCHES.values() if CITIES[b.city_id].region_id == region_id), None)


def city_by_code(code: str) -> City | None:
    return next((c for c in CITIES.values() if c.code == code), None)


def branch_by_code(code: str) -> Branch | None:
    return next((b for b in BRANCHES.values() if b.code == code), None)


# --- statuses (seed 001) ---------------------------------------------------------------------

LOCAL_STATUS_INFO: dict[int, str] = {
    0: "Rad etilgan",
    1: "Yuboruvchida",
    2: "Kuryer buyurtmani qabul qildi",
    3: "Jo'natuvchining ofisida",
    4: "Yetkazish ofisida",
    5: "Kuryer yetkazmoqda",
    6: "Yetkazib berilgan",
    7: "Qaytarish",
    8: "Tranzit ofisda",
    10: "Saralash markazida",
    31: "Omborda",
    32: "Qopda",
    33: "Transportda",
    34: "RC kuryerka",
}
CANCELLED_NAME = "Bekor qilingan buyurtma"
# The happy path a test walks with ``fake.advance``.
STATUS_PATH: tuple[int, ...] = (1, 2, 3, 10, 4, 5, 6)

INTERNATIONAL_STATUS_MESSAGE: dict[int, str] = {
    100: "At the sender",
    110: "Entered customs",
    120: "Released by customs",
    130: "Cancelled by customs",
    200: "In the sorting center",
    300: "At the recipient's office",
    400: "Courier is delivering",
    500: "Delivered",
}
INTERNATIONAL_PATH: tuple[int, ...] = (100, 110, 120, 200, 300, 400, 500)

PACKAGES: dict[int, str] = {4: "СУМКА", 8: "BTS PAKETLAR", 1: "KONVERT", 2: "QUTI"}
POST_TYPES: dict[int, str] = {4: "HUJJATLAR", 26: "KANTSELYARIYA TOVARLARI", 1: "POSILKA", 2: "KIYIM-KECHAK"}


# --- the price rule --------------------------------------------------------------------------

BASE_PRICE = {"city": Decimal(4000), "region": Decimal(8000), "country": Decimal(15000)}
PER_EXTRA_KG = {"city": Decimal(1000), "region": Decimal(1500), "country": Decimal(2500)}
DELIVERY_SURCHARGE = {0: Decimal(0), 1: Decimal(3000), 2: Decimal(6000)}


def zone(sender_city_id: int, receiver_city_id: int) -> str:
    if sender_city_id == receiver_city_id:
        return "city"
    if CITIES[sender_city_id].region_id == CITIES[receiver_city_id].region_id:
        return "region"
    return "country"


def price(
    sender_city_id: int, receiver_city_id: int, weight: Decimal, sender_delivery: int, receiver_delivery: int
) -> Decimal:
    """The fake's deterministic tariff, in so'm (``order/calculate`` and the ``cost`` of orders).

    price = base(zone) + per_extra_kg(zone) * (ceil(weight) - 1)
            + surcharge(senderDelivery) + surcharge(receiverDelivery)

    zone: same city 4000 (+1000/kg), same region 8000 (+1500/kg), other region 15000 (+2500/kg);
    surcharge per delivery code: 0 office = 0, 1 courier in a city = 3000, 2 courier to or from
    a remote village = 6000. Volume is ignored. The document's example (same city, 1 kg,
    courier at both ends) comes out at its 10000.
    """
    where = zone(sender_city_id, receiver_city_id)
    extra_kg = max(0, math.ceil(weight) - 1)
    return (
        BASE_PRICE[where]
        + PER_EXTRA_KG[where] * extra_kg
        + DELIVERY_SURCHARGE[sender_delivery]
        + DELIVERY_SURCHARGE[receiver_delivery]
    )
