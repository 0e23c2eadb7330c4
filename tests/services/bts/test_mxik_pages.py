"""MXIK goods: the whole list, every page (Yii's X-Pagination-* headers), and searching it."""

from __future__ import annotations

from services.bts import BtsClient, BtsCredentials
from tests.fakes.bts.server import DEMO_USERNAME, BtsFake


async def test_every_page_of_goods_is_read(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    for i in range(45):
        bts_fake.add_mxik_good(DEMO_USERNAME, f"{i:017d}", f"Mahsulot {i}", "dona", 1000 + i)
    goods = await bts_client.list_mxik_goods(bts_account)
    assert len(goods) == 45 and len({g.id for g in goods}) == 45
    pages = [p for p in bts_fake.paths if "mxik-goods" in p]
    assert len(pages) == 3 and any("page=3" in p for p in pages)


async def test_a_single_page_is_one_request(
    bts_client: BtsClient, bts_fake: BtsFake, bts_account: BtsCredentials
) -> None:
    bts_fake.add_mxik_good(DEMO_USERNAME, "08517001001020045", "Telefon", "dona", 100000)
    assert [g.name for g in await bts_client.list_mxik_goods(bts_account)] == ["Telefon"]
    assert len([p for p in bts_fake.paths if "mxik-goods" in p]) == 1
