"""The cached BTS branch directory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from storage.schemas import BranchData, CityRecord
from storage.uow import UnitOfWork

T0 = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)

HOURS = {"1": "08:00-20:00", "7": "27/7"}


def branch(
    branch_id: int, name: str, city_id: int | None, city_name: str | None, region_id: int = 2
) -> BranchData:
    return BranchData(
        id=branch_id,
        name=name,
        region_id=region_id,
        city_id=city_id,
        city_name=city_name,
        address="Bobur 7",
        latitude=Decimal("41.330000"),
        longitude=Decimal("69.260000"),
        phone="+998712000000",
        working_hours=HOURS,
        raw={"id": branch_id, "name": name, "lat_long": "41.33,69.26"},
    )


async def test_replace_all_list_and_fetch_time(uow: UnitOfWork) -> None:
    assert await uow.branches.fetched_at() is None and await uow.branches.list_all() == []
    count = await uow.branches.replace_all(
        [
            branch(93, "ASAKA BTS", 3, "Asaka tumani"),
            branch(94, "ANDIJON BTS", 4, "Andijon sh."),
            branch(95, "ASAKA 2", 3, None),
            branch(93, "ASAKA BTS", 3, "Asaka tumani"),  # listed twice upstream
            branch(10, "CHILONZOR", 195, "Chilonzor", region_id=6),
        ],
        now=T0,
    )
    assert count == 4
    assert await uow.branches.fetched_at() == T0
    assert [b.name for b in await uow.branches.list_all()] == [
        "ANDIJON BTS",
        "ASAKA 2",
        "ASAKA BTS",
        "CHILONZOR",
    ]
    assert [b.id for b in await uow.branches.list_all(city_id=3)] == [95, 93]
    assert [b.id for b in await uow.branches.list_all(region_id=6)] == [10]
    found = await uow.branches.get(93)
    assert found is not None and found.working_hours == HOURS and found.latitude == Decimal("41.330000")
    assert found.raw == {"id": 93, "name": "ASAKA BTS", "lat_long": "41.33,69.26"} and found.fetched_at == T0
    assert await uow.branches.cities(region_id=2) == [
        CityRecord(id=4, name="Andijon sh.", region_id=2),
        CityRecord(id=3, name="Asaka tumani", region_id=2),
    ]

    later = T0 + timedelta(days=1)
    assert (
        await uow.branches.replace_all([branch(10, "CHILONZOR", 195, "Chilonzor", region_id=6)], now=later)
        == 1
    )
    assert [b.id for b in await uow.branches.list_all()] == [10]
    assert await uow.branches.fetched_at() == later
    assert await uow.branches.get(93) is None
