"""Services of the busy seller against the BTS fake: a logged-in seller with a sender profile
(from one order made by hand) and one receipt good for cash-on-delivery lines."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from services.container import Services, build_services
from services.drafts import OrderDraft, Party
from services.international import IntlDraft, IntlProduct, pinfl_with_check
from services.labels import LabelData, render_label
from tests.bot.conftest import FAST_RETRY, harness, make_settings, no_logged_errors, translator
from tests.fakes.bts.server import DEMO_INN, DEMO_PASSWORD, DEMO_USERNAME, BtsFake

SELLER = 1001
__all__ = ["harness", "no_logged_errors", "translator"]  # the dispatcher fixtures, for test_dispatch

HEADER = ("Name", "Phone", "Phone 2", "City", "Branch", "Address", "Weight", "COD", "Comment")
ALIASES = {
    "name": ["Name", "Ism"],
    "phone": ["Phone", "Telefon"],
    "phone2": ["Phone 2"],
    "city": ["City", "Shahar"],
    "branch": ["Branch"],
    "address": ["Address"],
    "weight": ["Weight"],
    "cod": ["COD"],
    "comment": ["Comment"],
}


@dataclass
class Seller:
    services: Services
    fake: BtsFake
    user_id: int = SELLER


def first_order_draft(fake_city: str = "Toshkent") -> OrderDraft:
    return OrderDraft(
        sender=Party(
            name="Do'kon", phone="+998901112233", address="Chilonzor 1", city_id=198, city_name="Shayxontohur"
        ),
        sender_delivery=1,
        receiver=Party(
            name="Ali", phone="+998901234567", address="Yunusobod 5", city_id=195, city_name="Uchtepa"
        ),
        receiver_delivery=1,
        weight=Decimal("1"),
        package_id=8,
        post_type_id=4,
    )


@pytest.fixture
async def seller(tmp_path: Path, bts_fake: BtsFake) -> AsyncIterator[Seller]:
    settings = make_settings(tmp_path, bts_fake)
    async with build_services(settings, retry=FAST_RETRY) as services:
        await services.users.load(SELLER)
        await services.accounts.login(SELLER, DEMO_USERNAME, DEMO_PASSWORD, DEMO_INN)
        await services.branches.ensure_fresh(SELLER)
        bts_fake.add_mxik_good(DEMO_USERNAME, "10304001001000000", "Futbolka", "dona", 100000)
        await services.orders.create(SELLER, first_order_draft())  # the sender profile comes from it
        yield Seller(services, bts_fake)


def xlsx(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def good_row(i: int, *, city: str = "Uchtepa", cod: object = "") -> list[object]:
    return [f"Mijoz {i}", f"+99890{1000000 + i:07d}", "", city, "", f"Ko'cha {i}", 1 + (i % 3), cod, ""]


PINFL = pinfl_with_check("3120398765432")


def intl_draft(number: str = "366489851") -> IntlDraft:
    """An international parcel to a branch in Asaka (city 3, branch 93), as in seed 001."""
    return IntlDraft(
        parcel_number=number,
        surname="Elizabeth",
        first_name="Emily",
        passport_series="AC",
        passport_number="0579415",
        pinfl=PINFL,
        phone="+998991234567",
        customs_agree=True,
        weight=Decimal("4"),
        value=Decimal("312412"),
        currency="RUB",
        delivery=0,
        city_id=3,
        city_name="Asaka tumani",
        branch_id=93,
        products=[
            IntlProduct(
                description="Futbolka",
                description_ru="Футболка",
                quantity=Decimal(2),
                weight=Decimal(4),
                declared_value=Decimal(1),
                url="https://shop.example/1",
                unit="dona",
                hs_code="6211390000",
            )
        ],
    )


def label_png(barcode: str) -> bytes:
    """A label the bot draws (Code 128 and a QR code of ``barcode``), as a PNG picture."""
    out = io.BytesIO()
    label = render_label(LabelData(barcode=barcode, receiver_name="Emily", weight=Decimal("4")))
    label.save(out, format="PNG")
    return out.getvalue()
