"""Geography on the documented BTS directory (ids only) and on the rich one (with names).

The directory of seed 001 names no region or city: the bot names them from the data it ships
(``services.geodata``) by each branch's ``lat_long``, and from the names order answers give.
Every test here runs against both shapes of the fake.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest

from services.branches import places_in_international
from services.bts.models import InternationalOrder, Order
from services.common.http import RetryPolicy
from services.container import Services, build_services
from services.drafts import OrderDraft, Party
from services.orders import build_nested_edit
from services.settings import RouteStyle, Settings
from tests.fakes.bts.server import DEMO_INN, DEMO_PASSWORD, DEMO_USERNAME, BtsFake

FAST = RetryPolicy(attempts=2, base_delay=0.001, max_delay=0.005, max_retry_after=0.05)
USER = 1001


def settings_for(tmp_path: Path, fake: BtsFake, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "bot_token": "42:TEST",
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        "bts_base_url": f"{fake.url}/index.php",
        "bts_timeout": 2.0,
        "bts_service_username": DEMO_USERNAME,
        "bts_service_password": DEMO_PASSWORD,
        "bts_service_inn": DEMO_INN,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture(params=["documented", "rich"])
async def services(
    request: pytest.FixtureRequest, tmp_path: Path, bts_fake: BtsFake
) -> AsyncIterator[Services]:
    bts_fake.rich = request.param == "rich"
    async with build_services(settings_for(tmp_path, bts_fake), retry=FAST) as built:
        await built.branches.ensure_fresh()
        yield built


SPELLINGS: list[tuple[str, list[tuple[str, int]]]] = [
    # Tashkent: the city (region 6) and the region (1), city first
    ("Toshkent", [("region", 6), ("region", 1)]),
    ("Tashkent", [("region", 6), ("region", 1)]),
    ("Ташкент", [("region", 6), ("region", 1)]),
    ("Тошкент", [("region", 6), ("region", 1)]),
    ("toshkent shahri", [("region", 6)]),
    ("Tashkent city", [("region", 6)]),
    ("город Ташкент", [("region", 6)]),
    ("Ташкентская область", [("region", 1)]),
    ("Chilonzor", [("city", 191)]),
    ("Чиланзар", [("city", 191)]),
    ("Самарканд", [("city", 75), ("region", 10)]),
    ("Samarkand", [("city", 75), ("region", 10)]),
    ("Fargʻona", [("city", 50), ("region", 4)]),
    ("Farg'ona", [("city", 50), ("region", 4)]),
    ("Фергана", [("city", 50), ("region", 4)]),
    ("Qarshi", [("city", 66)]),
    ("Karshi", [("city", 66)]),
    ("Карши", [("city", 66)]),
    ("Nukus", [("city", 70)]),
    ("Qoʻqon", [("city", 51)]),
    ("Kokand", [("city", 51)]),
]


@pytest.mark.parametrize(("text", "expected"), SPELLINGS)
async def test_every_spelling_finds_its_place(
    services: Services, text: str, expected: list[tuple[str, int]]
) -> None:
    hits = services.branches.search_places(text)
    assert [(h.kind, h.id) for h in hits] == expected


async def test_branch_names_and_addresses_find_their_city(services: Services) -> None:
    directory = services.branches
    assert ("city", 198) in [(h.kind, h.id) for h in directory.search_places("Malika bozor")]
    assert ("city", 198) in [(h.kind, h.id) for h in directory.search_places("Labzak")]
    assert [c.id for c in directory.search_cities("Chilonzor")] == [191]
    # a region's cities when the region is what matched
    assert {c.id for c in directory.search_cities("toshkent shahri")} == {
        190,
        191,
        192,
        194,
        195,
        196,
        197,
        198,
        199,
    }


async def test_regions_are_named_in_three_languages_capital_first(services: Services) -> None:
    directory = services.branches
    for lang, capital, karakalpakstan in (
        ("uz", "Toshkent shahri", "Qoraqalpogʻiston Respublikasi"),
        ("ru", "город Ташкент", "Республика Каракалпакстан"),
        ("en", "Tashkent City", "Republic of Karakalpakstan"),
    ):
        labels = [r.label(lang) for r in directory.regions(lang)]
        assert len(labels) == 14
        assert labels[0] == capital
        assert karakalpakstan in labels
        assert not any(label.startswith("#") or label.isdigit() for label in labels)
        assert labels[1:] == sorted(labels[1:], key=lambda t: t.casefold().replace("ʻ", ""))
    assert [r.id for r in directory.regions("ru")][:2] == [6, 2]  # город Ташкент, Андижанская область
    region = directory.region(1)
    assert region is not None and region.names is not None
    assert region.names.all() == ("Toshkent viloyati", "Ташкентская область", "Tashkent Region")


async def test_cities_are_named_from_their_branches(services: Services) -> None:
    directory = services.branches
    chilonzor, karshi, samarkand = directory.city(191), directory.city(66), directory.city(75)
    assert chilonzor is not None and karshi is not None and samarkand is not None
    assert (chilonzor.label("uz"), chilonzor.label("ru")) == ("Chilonzor tumani", "Чиланзарский район")
    assert (karshi.label("uz"), karshi.label("ru"), karshi.label("en")) == ("Qarshi", "Карши", "Karshi")
    assert samarkand.label("ru") == "Самарканд"
    assert [c.label("en") for c in directory.cities(14, "en")] == sorted(
        c.label("en") for c in directory.cities(14, "en")
    )


async def test_a_shared_location_says_where_it_is(services: Services) -> None:
    directory = services.branches
    there = directory.locate(41.2756, 69.2034)
    assert there.city is not None and there.city.id == 191
    assert there.label("en") == "Chilanzar District, Tashkent City"
    assert there.label("uz") == "Chilonzor tumani, Toshkent shahri"
    nukus = directory.locate(42.4600, 59.6100)
    assert nukus.city is not None and nukus.city.id == 70
    assert nukus.label("ru") == "Нукус, Республика Каракалпакстан"
    nowhere = directory.locate(48.85, 2.35)  # Paris
    assert (nowhere.city, nowhere.label("en")) == (None, None)


def v1_answer(city_id: int, city_name: str, city_code: str, branch_code: str) -> Order:
    """The parts of seed 000's answer that name places."""
    return Order.model_validate(
        {
            "orderId": 4293644,
            "sender": {
                "name": None,
                "region": {"id": 6, "name": "город Ташкент", "code": "0101"},
                "city": {"id": city_id, "name": city_name, "code": city_code},
                "branch": {"id": 3, "name": "YAKKASAROY", "code": branch_code},
            },
            "receiver": {
                "name": "Odil",
                "region": {"id": 6, "name": "город Ташкент", "code": "01"},
                "city": {"id": city_id, "name": city_name, "code": None},
                "branch": {"id": 3, "name": "YAKKASAROY", "code": None},
            },
        }
    )


async def test_names_from_order_answers_win_and_are_kept(
    services: Services, tmp_path: Path, bts_fake: BtsFake
) -> None:
    directory = services.branches
    assert await directory.learn(v1_answer(195, "Учтепа тумани", "0101", "0199")) is True
    assert await directory.learn(v1_answer(195, "Учтепа тумани", "0101", "0199")) is False  # nothing new
    uchtepa = directory.city(195)
    assert uchtepa is not None
    assert (uchtepa.label("uz"), uchtepa.label("ru")) == ("Uchtepa tumani", "Учтепинский район")
    assert "Учтепа тумани" in uchtepa.aliases
    assert (directory.city_code(195), directory.branch_code(3), directory.city_code(191)) == (
        "0101",
        "0199",
        None,
    )
    assert [(h.kind, h.id) for h in directory.search_places("Учтепа")] == [("city", 195)]
    # kept in storage: a restart knows them
    async with build_services(settings_for(tmp_path, bts_fake), retry=FAST) as again:
        await again.branches.ensure_fresh()
        city = again.branches.city(195)
        assert city is not None and city.label("en") == "Uchtepa District"
        assert again.branches.city_code(195) == "0101"


async def test_an_unknown_learned_name_is_shown_as_given(services: Services) -> None:
    directory = services.branches
    await directory.learn(v1_answer(66, "Кўкдала тумани", "1401", "1401"))
    city = directory.city(66)
    assert city is not None
    assert (city.label("ru"), city.label("uz"), city.label("en")) == (
        "Кўкдала тумани",
        "Koʻkdala tumani",
        "Kokdala tumani",
    )


def test_the_nested_edit_sends_codes_flags_and_coordinates() -> None:
    draft = OrderDraft(
        sender=Party(
            name="Jurabek",
            phone="+998991234560",
            address="Bobur 5",
            city_id=195,
            lat=41.311081,
            lon=69.240562,
        ),
        sender_delivery=1,
        receiver=Party(
            name="Odil", phone="+998991234567", city_id=66, branch_id=10, branch_name="KARSHI BTS"
        ),
        receiver_delivery=0,
        weight=Decimal(3),
    )
    codes = {195: "0101", 66: "1401"}
    body = build_nested_edit(
        draft, city_code=codes.get, branch_code={10: "1401"}.get, wcs_code="900001"
    ).to_wire()
    assert body["pickup_type"] == "courier" and body["dropoff_type"] == "branch"
    assert body["wcs_code"] == "900001"
    assert body["is_sender_location"] is True and "is_receiver_location" not in body
    assert (body["sender"]["latitude"], body["sender"]["longitude"]) == ("41.311081", "69.240562")
    assert body["sender"]["city_code"] == "0101" and "branch_code" not in body["sender"]
    assert (body["receiver"]["city_code"], body["receiver"]["branch_code"]) == ("1401", "1401")
    assert "latitude" not in body["receiver"]


async def test_the_edit_form_follows_the_route_style(tmp_path: Path, bts_fake: BtsFake) -> None:
    assert settings_for(tmp_path, bts_fake).edit_format.value == "flat"
    assert settings_for(tmp_path, bts_fake, bts_route_style=RouteStyle.PATH).edit_format.value == "nested"
    assert (
        settings_for(
            tmp_path, bts_fake, bts_route_style=RouteStyle.PATH, bts_edit_format="flat"
        ).edit_format.value
        == "flat"
    )


def test_an_international_answer_names_its_city_and_branch() -> None:
    """Seed 001's ``international/add`` answer: ``branch: {ReceiverBranchId, name}`` and
    ``city: {ReceiverCityId, name}`` are names BTS gives its ids."""
    answer = InternationalOrder.model_validate(
        {
            "ParcelNumber": "366489851",
            "ReceiverDelivery": 0,
            "branch": {"ReceiverBranchId": 62, "name": "ASAKA BTS"},
            "city": {"ReceiverCityId": 3, "name": "Asaka tumani"},
        }
    )
    assert [(p.kind, p.bts_id, p.names) for p in places_in_international(answer)] == [
        ("city", 3, ("Asaka tumani",)),
        ("branch", 62, ("ASAKA BTS",)),
    ]
    door = InternationalOrder.model_validate(
        {"ReceiverDelivery": 1, "city": {"ReceiverCityId": 3, "name": " "}}
    )
    assert places_in_international(door) == []  # no name, nothing to learn


async def test_names_from_an_international_answer_are_learned_and_found(
    services: Services, tmp_path: Path, bts_fake: BtsFake
) -> None:
    directory = services.branches
    answer = InternationalOrder.model_validate(
        {
            "branch": {"ReceiverBranchId": 93, "name": "ASAKA MARKAZIY FILIAL"},
            "city": {"ReceiverCityId": 3, "name": "Асака тумани"},
        }
    )
    assert await directory.learn_places(places_in_international(answer)) is True
    assert await directory.learn_places(places_in_international(answer)) is False  # nothing new
    asaka = directory.city(3)
    assert asaka is not None and "Асака тумани" in asaka.aliases
    assert [(h.kind, h.id) for h in directory.search_places("Асака тумани")] == [("city", 3)]
    # the branch's own directory name stays; the name BTS gave it finds it too
    branch = directory.branch(93)
    assert branch is not None and branch.name == "ASAKA BTS" and branch.aliases == ("ASAKA MARKAZIY FILIAL",)
    assert [b.id for b in directory.search_branches("markaziy filial")][:1] == [93]
    async with build_services(settings_for(tmp_path, bts_fake), retry=FAST) as again:  # kept
        await again.branches.ensure_fresh()
        kept = again.branches.branch(93)
        assert kept is not None and kept.aliases == ("ASAKA MARKAZIY FILIAL",)
