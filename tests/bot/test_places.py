"""Places in the new order, against the BTS fake in its documented shape (a directory of ids,
no names) and in its rich one: every spelling a seller types finds the right BTS city id, the
region buttons read in the seller's language, a shared location names its city and asks when it
contradicts the chosen one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.callbacks import Nav, NavCb, PickCb, SummaryAction, SummaryCb
from bot.i18n import Translator
from tests.bot.conftest import BotHarness
from tests.bot.flows import login
from tests.bot.mocked import Chatter, Sent, joined

# (typed, the buttons to press after it, the BTS city id that must reach order/add)
SPELLINGS: list[tuple[str, tuple[str, ...], int]] = [
    ("Toshkent", ("r6", "c191"), 191),
    ("Tashkent", ("r6", "c196"), 196),
    ("Ташкент", ("r6", "c198"), 198),
    ("toshkent shahri", ("r6", "c194"), 194),
    ("Tashkent city", ("r6", "c190"), 190),
    ("Chilonzor", ("c191",), 191),
    ("Самарканд", ("c75",), 75),
    ("Samarkand", ("c75",), 75),
    ("Fargʻona", ("c50",), 50),
    ("Фергана", ("c50",), 50),
    ("Qarshi", ("c66",), 66),
    ("Karshi", ("c66",), 66),
]
AMBIGUOUS = {"Toshkent", "Tashkent", "Ташкент"}  # Tashkent city and Tashkent region both offered


@pytest.fixture(params=["documented", "rich"])
def shape(request: pytest.FixtureRequest, harness: BotHarness) -> str:
    harness.fake.rich = request.param == "rich"
    return str(request.param)


def buttons(sent: list[Sent]) -> list[str]:
    return [d for s in sent for _, d in s.buttons() if d]


async def type_place(user: Chatter, step: str, typed: str, presses: tuple[str, ...]) -> None:
    sent = await user.send(typed)
    found = [
        d.removeprefix(f"pk:{step}:")
        for d in buttons(sent)
        if d.startswith(f"pk:{step}:") and d[-1].isdigit()
    ]
    assert found, joined(sent)
    if typed in AMBIGUOUS:
        assert found[:2] == ["r6", "r1"], found
    assert found[0] == presses[0], (typed, found)
    for value in presses:
        sent = await user.press(PickCb(step=step, value=value))


async def order_with(user: Chatter, typed: str, presses: tuple[str, ...]) -> list[Sent]:
    sent = await user.send("➕ New order")
    if "pk:sender_pick:new" in buttons(sent):
        await user.press(PickCb(step="sender_pick", value="new"))
    await user.send("Jurabek Turdiyev")
    await user.send("+998 99 123 45 67")
    await type_place(user, "sender_city", typed, presses)
    await user.press(PickCb(step="sender_delivery", value="1"))
    await user.send("Bobur ko'chasi 5")
    await user.press(NavCb(action=Nav.SKIP, step="sender_date"))
    await user.send("Odil Ahmedov")
    await user.send("90 123 45 67")
    await user.press(NavCb(action=Nav.SKIP, step="receiver_phone2"))
    await user.press(PickCb(step="receiver_delivery", value="1"))
    await type_place(user, "receiver_city", typed, presses)
    await user.send("Navoiy ko'chasi 1")
    await user.send("1,5")
    await user.press(NavCb(action=Nav.SKIP, step="pieces"))
    await user.press(PickCb(step="package", value="8"))
    await user.press(PickCb(step="content", value="4"))
    await user.press(NavCb(action=Nav.SKIP, step="volume"))
    await user.send("Kitob; 2; 45000")
    await user.press(PickCb(step="items", value="done"))
    await user.press(PickCb(step="cod", value="0"))
    await user.press(PickCb(step="photo", value="0"))
    await user.press(PickCb(step="waybill", value="1"))
    await user.press(NavCb(action=Nav.SKIP, step="comment"))
    return await user.press(SummaryCb(action=SummaryAction.CONFIRM))


async def test_every_spelling_reaches_order_add_as_the_right_city(harness: BotHarness, shape: str) -> None:
    ali = harness.user()
    await login(ali)
    for typed, presses, city_id in SPELLINGS:
        before = len(harness.fake.orders)
        sent = await order_with(ali, typed, presses)
        assert "Order created" in joined(sent), (typed, joined(sent))
        assert len(harness.fake.orders) == before + 1
        body = [b for route, b in harness.fake.bodies if route == "v1/order/add"][-1]
        assert isinstance(body, dict)
        assert (body["senderCityId"], body["receiverCityId"]) == (city_id, city_id), typed
        assert Decimal(str(body["weight"])) == Decimal("1.5")


@pytest.mark.parametrize(
    ("lang", "capital", "andijan"),
    [
        ("uz", "Toshkent shahri", "Andijon viloyati"),
        ("ru", "город Ташкент", "Андижанская область"),
        ("en", "Tashkent City", "Andijan Region"),
    ],
)
async def test_region_buttons_read_in_the_sellers_language(
    harness: BotHarness, shape: str, translator: Translator, lang: str, capital: str, andijan: str
) -> None:
    ali = harness.user(language_code=lang)
    await login(ali, lang)
    sent = await ali.send(translator.get(lang)("menu-new-order"))
    if "pk:sender_pick:new" in buttons(sent):
        sent = await ali.press(PickCb(step="sender_pick", value="new"))
    await ali.send("Jurabek Turdiyev")
    sent = await ali.send("+998 99 123 45 67")
    regions = [(t, d) for s in sent for t, d in s.buttons() if d and d.startswith("pk:sender_city:r")]
    assert len(regions) == 14, joined(sent)
    assert regions[0] == (capital, "pk:sender_city:r6")
    assert (andijan, "pk:sender_city:r2") in regions
    assert not any(t.startswith("#") for t, _ in regions)
    sent = await ali.press(PickCb(step="sender_city", value="r6"))
    cities = [t for s in sent for t, d in s.buttons() if d and d.startswith("pk:sender_city:c")]
    chilonzor = {"uz": "Chilonzor tumani", "ru": "Чиланзарский район", "en": "Chilanzar District"}[lang]
    assert chilonzor in cities
    # The message over the list says what it is now: Tashkent's districts, not "Choose the region".
    district = {"uz": "Tumanni tanlang", "ru": "Выберите район", "en": "Choose the district"}[lang]
    assert f"<b>{capital}</b>. {district}:" in joined(sent)
    sent = await ali.press("pk:sender_city:R")
    assert translator.get(lang)("place-pick-region") in joined(sent)
    # A region found by name opens its towns and districts under a heading that says so.
    sent = await ali.send({"uz": "Andijon", "ru": "Андижан", "en": "Andijan"}[lang])
    assert translator.get(lang)("place-matches") in joined(sent)
    sent = await ali.press("pk:sender_city:r2")
    town = {
        "uz": "Shahar yoki tumanni tanlang",
        "ru": "Выберите город или район",
        "en": "Choose the town or district",
    }
    assert f"<b>{andijan}</b>. {town[lang]}:" in joined(sent)
    assert translator.get(lang)("place-matches") not in joined(sent)


async def test_a_location_names_its_city_and_asks_when_another_was_chosen(
    harness: BotHarness, shape: str
) -> None:
    ali = harness.user()
    await login(ali)
    sent = await ali.send("➕ New order")
    if "pk:sender_pick:new" in buttons(sent):
        await ali.press(PickCb(step="sender_pick", value="new"))
    await ali.send("Jurabek Turdiyev")
    await ali.send("+998 99 123 45 67")
    sent = await ali.send_location(41.2756, 69.2034)
    assert "That is in Chilanzar District, Tashkent City" in joined(sent)
    await ali.press(PickCb(step="sender_delivery", value="1"))
    # the address step: a location in Nukus contradicts Chilonzor
    sent = await ali.send_location(42.4600, 59.6100)
    text = joined(sent)
    assert "This location is in Nukus, Republic of Karakalpakstan, but you chose Chilanzar District" in text
    assert {"pk:sender_address:keep", "pk:sender_address:c70"} <= set(buttons(sent))
    sent = await ali.press(PickCb(step="sender_address", value="keep"))
    assert "the location was removed" in joined(sent)
    sent = await ali.send_location(42.4600, 59.6100)
    sent = await ali.press(PickCb(step="sender_address", value="c70"))
    assert "Location attached" in joined(sent)
    sent = await ali.send("Berdaq shoh ko'chasi 41")
    assert "When should the courier collect the parcel" in joined(sent)
    sent = await ali.press(NavCb(action=Nav.SKIP, step="sender_date"))
    assert "Receiver" in joined(sent)


SEED_000_ANSWER = {
    "orderId": 4293644,
    "barcode": "019914293644",
    "status": {"code": "0101", "info": "У отправителя (У ОТПРАВИТЕЛЯ)"},
    "receiver": {
        "name": "Odil Ahkmedov",
        "stickerData": {
            "hubName": "Тошкент шахри   01",
            "cityName": "Uchtepa tumani",
            "branchName": "0101 - YAKKASAROY <b> (Д-КА)</b>",
            "zonaId": 26,
        },
    },
    "cargo": {
        "postTypes": [
            {"child_id": 58, "barcode": "019914293644001", "name": "Kitob", "count": 1, "cost": "10000.00"},
            {"child_id": 59, "barcode": "019914293644002", "name": "Daftar", "count": 2, "cost": "20000.00"},
            {"child_id": 60, "barcode": "019914293644001", "name": "Kitob", "count": 1, "cost": "10000.00"},
        ]
    },
    "tracking": "https://bts.uz/uz/waybill-tracking?term=eyJ3YXliaWxsX2lkIjo0MjkzNjQ0fQ",
}


@pytest.mark.parametrize(
    ("lang", "sticker", "pieces"),
    [
        (
            "en",
            "On the label: Тошкент шахри 01 · Uchtepa tumani · 0101 - YAKKASAROY (Д-КА)",
            "Barcodes of the 2 pieces",
        ),
        ("ru", "На этикетке: Тошкент шахри 01", "2 места, штрихкоды: 019914293644001, 019914293644002"),
        ("uz", "Yorliqda: Тошкент шахри 01", "Joylar shtrix kodlari (2 ta)"),
    ],
)
def test_the_card_and_the_label_show_the_sticker_pieces_and_tracking(
    translator: Translator, lang: str, sticker: str, pieces: str
) -> None:
    from datetime import UTC, datetime

    from bot.render import label_caption, order_card_text
    from services.bts.models import Order
    from services.orders import OrderView

    order = Order.model_validate(SEED_000_ANSWER)
    assert order.status_id == 1
    view = OrderView(
        id=1,
        bts_order_id=order.order_id,
        reference="r",
        barcode=order.barcode,
        status_code=order.status_id,
        is_final=False,
        cost=None,
        cod_amount=None,
        receiver_name="Odil",
        receiver_phone="+998991234567",
        receiver_city="Uchtepa tumani",
        created_at=datetime(2026, 1, 6, tzinfo=UTC),
        status_changed_at=None,
        tracking_url=order.tracking,
        snapshot={"order": order.model_dump(mode="json")},
    )
    l10n = translator.get(lang)
    for text in (order_card_text(l10n, view), label_caption(l10n, view)):
        assert sticker in text
        assert pieces in text
        assert "019914293644001, 019914293644002" in text
        assert "waybill-tracking?term=" in text
    assert "26" in order_card_text(l10n, view)


async def test_the_price_offers_the_remote_village_courier_and_the_order_keeps_it(
    harness: BotHarness,
) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("💰 Price")
    sent = await ali.send("Chilonzor")
    await ali.press(PickCb(step="p_from", value="c191"))
    sent = await ali.send("Samarkand")
    assert "pk:p_to:c75" in buttons(sent)
    await ali.press(PickCb(step="p_to", value="c75"))
    await ali.press(NavCb(action=Nav.SKIP, step="p_date"))
    sent = await ali.send("2")
    text = joined(sent)
    # Tashkent → Samarkand, 2 kg: 15000 + 2500, plus 3000 per courier end and 6000 per remote one
    assert "Door to door: <b>23,500\xa0UZS" in text
    assert "Door to door, to a remote village: <b>26,500\xa0UZS" in text
    assert "Door to door, from a remote village: <b>26,500\xa0UZS" in text
    codes = {
        (b["senderDelivery"], b["receiverDelivery"])
        for route, b in harness.fake.bodies
        if route == "v1/order/calculate" and isinstance(b, dict)
    }
    assert {(2, 1), (1, 2)} <= codes
    remote = next(d for s in sent for t, d in s.buttons() if d and "to a remote village" in t and "12" in d)
    sent = await ali.press(remote)
    assert "full name" in joined(sent)
    data = await harness.storage.get_data(
        StorageKey(bot_id=harness.bot.id, chat_id=ali.user.id, user_id=ali.user.id)
    )
    draft = data["draft"]
    assert (draft["receiver_delivery"], draft["receiver_remote"], draft["sender_remote"]) == (1, True, False)


async def test_cod_goods_every_page_searchable_with_a_count_each(harness: BotHarness) -> None:
    from tests.bot.flows import first_branch, new_order_to_summary, plain_parcel
    from tests.fakes.bts.server import DEMO_USERNAME

    for i in range(25):
        harness.fake.add_mxik_good(DEMO_USERNAME, f"{i:017d}", f"Mahsulot {i:02d}", "dona", 1000 * (i + 1))
    phone = harness.fake.add_mxik_good(DEMO_USERNAME, "08517001001020045", "Telefon", "dona", 100000)
    ali = harness.user()
    await login(ali)
    sent = await new_order_to_summary(ali)
    await ali.press(first_branch(sent))
    await ali.send("2")
    await plain_parcel(ali)
    await ali.press(PickCb(step="cod", value="1"))
    sent = await ali.send("300 000")
    assert "1/4" in [t for s in sent for t, _ in s.buttons()]  # 26 goods, 8 a page
    for page in ("P2", "P3", "P4"):  # to the last page: read from BTS's second page
        sent = await ali.press(PickCb(step="cod_goods", value=page))
    assert f"pk:cod_goods:g{phone['id']}" in buttons(sent)
    assert "4/4" in [t for s in sent for t, _ in s.buttons()]
    sent = await ali.send("telefon")  # or search
    assert [d for d in buttons(sent) if d.startswith("pk:cod_goods:g")] == [f"pk:cod_goods:g{phone['id']}"]
    await ali.press(PickCb(step="cod_goods", value=f"g{phone['id']}"))
    await ali.press(PickCb(step="cod_goods", value=f"p{phone['id']}"))
    sent = await ali.press(PickCb(step="cod_goods", value=f"p{phone['id']}"))
    assert "✅ Telefon × 3 pcs" in [t for s in sent for t, _ in s.buttons()]
    await ali.press(PickCb(step="cod_goods", value=f"m{phone['id']}"))
    await ali.press(PickCb(step="cod_goods", value="done"))
    await ali.press(PickCb(step="photo", value="0"))
    await ali.press(PickCb(step="waybill", value="0"))
    await ali.press(NavCb(action=Nav.SKIP, step="comment"))
    sent = await ali.press(SummaryCb(action=SummaryAction.CONFIRM))
    assert "Order created" in joined(sent)
    order = next(iter(harness.fake.orders.values()))
    goods = order.fields["options"][0]["goods"]
    assert [(g["mxikGoodsId"], g["amount"]) for g in goods] == [(phone["id"], 2)]
