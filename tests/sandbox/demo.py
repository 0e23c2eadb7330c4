"""The sandbox's demo parcels, made through the bot as a seller would make them.

Customers track a barcode through the bot's own store (api-notes, "Tracking": a barcode resolves
to an order created through the bot), so parcels that exist only at BTS would answer "not found".
The demo shop (a sandbox user logged in with the BTS demo account) therefore creates them with the
bot's own services before the bot starts: the same ``OrderService.create`` a Confirm tap calls.
BTS then moves two of them on (at the sending office, delivered) and the bot reads them back
(``refresh`` and ``history``), so a fresh sandbox holds three parcels at different stages that
any chat can track and follow.
"""

from __future__ import annotations

from decimal import Decimal

from services.container import Services
from services.drafts import OrderDraft, Party
from services.orders import OrderFilterKind
from tests.fakes.bts.server import DEMO_INN, DEMO_PASSWORD, DEMO_USERNAME, BtsFake
from tests.sandbox.web import SandboxUser

DEMO_SHOP = SandboxUser(10004, "BTS Demo", "shop", "+998712000000", "demo seller: made the demo parcels")
SENDER = Party(
    name="Jurabek Turdiyev",
    phone="+998991234567",
    address="Bobur ko'chasi, 5-A",
    city_id=198,  # Shayxontohur tumani, Tashkent
    city_name="Shayxontohur tumani",
    region_id=6,
)
# (receiver's city id, its name, weight in kg, steps along BTS's status path after the create)
PARCELS: tuple[tuple[int, int, str, str, int], ...] = (
    (75, 10, "Samarqand shahri", "2.5", 0),  # with the sender
    (3, 2, "Asaka tumani", "1", 4),  # at the delivery office
    (66, 14, "Qarshi shahri", "4.2", 6),  # delivered
)


def _draft(city_id: int, region_id: int, city_name: str, weight: str) -> OrderDraft:
    return OrderDraft(
        sender=SENDER,
        sender_delivery=1,
        receiver=Party(
            name="Odil Ahmedov",
            phone="+998901234568",
            address="Gozovo qish. 41 uy",
            city_id=city_id,
            city_name=city_name,
            region_id=region_id,
        ),
        receiver_delivery=1,
        weight=Decimal(weight),
        package_id=8,
        post_type_id=4,
    )


async def seed_demo_parcels(services: Services, bts: BtsFake, shop: SandboxUser = DEMO_SHOP) -> list[str]:
    """Log the demo shop in and create its demo parcels through the bot; returns their barcodes.

    Nothing is made twice: a store that already holds the shop's orders (``--keep-data``) is
    left as it is.
    """
    bts.seed_demo_goods()
    await services.users.load(shop.id)
    existing = await services.orders.list_orders(shop.id, OrderFilterKind.ALL)
    if existing.items:
        return [order.barcode for order in existing.items if order.barcode]
    await services.accounts.login(shop.id, DEMO_USERNAME, DEMO_PASSWORD, DEMO_INN)
    barcodes: list[str] = []
    for city_id, region_id, city_name, weight, steps in PARCELS:
        created = await services.orders.create(shop.id, _draft(city_id, region_id, city_name, weight))
        order = created.order
        assert order.bts_order_id is not None and order.barcode is not None
        for _ in range(steps):
            bts.advance(order.bts_order_id)
        if steps:
            await services.orders.refresh(shop.id, order.id)
            await services.orders.history(shop.id, order.id)
        barcodes.append(order.barcode)
    return barcodes
