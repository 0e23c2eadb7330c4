"""Payment pushes name the parcel: with several links open the seller sees which order paid."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Translator
from bot.push import make_renderer
from bot.worker import prepared_params
from services.orders import OrderView
from services.payments import PaymentService
from tests.fakes.yandex_pay.server import YandexPayFake
from tests.payments.helpers import DEEP_LINK, SELLER, outbox


async def render(message_key: str, params: dict[str, object], lang: str) -> str:
    async def lang_of(chat_id: int) -> str | None:
        return lang

    renderer = make_renderer(Translator(), lang_of)
    text = await renderer(SELLER, message_key, [prepared_params(message_key, params)])
    assert isinstance(text, str)
    return text


async def test_the_seller_is_told_which_order_paid(
    payments: PaymentService,
    yandex_fake: YandexPayFake,
    order: OrderView,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    """Issue 13, bug 3: "✅ Payment received: 113 000 UZS." named neither the order nor the receiver."""
    link = await payments.create_link(SELLER, order=order, ttl_seconds=1800, deep_link=DEEP_LINK)
    yandex_fake.mark_paid(link.yandex_order_id)
    await payments.poll_pending(datetime.now(UTC) + timedelta(seconds=10))
    [push] = [m for m in await outbox(session_factory) if m.chat_id == SELLER]

    english = await render(push.message_key, dict(push.params), "en")
    assert "BTS0000555001" in english and "№555001" in english and "Dilnoza" in english
    uzbek = await render(push.message_key, dict(push.params), "uz")
    assert "BTS0000555001" in uzbek and "qabul qiluvchi: Dilnoza" in uzbek
    russian = await render(push.message_key, dict(push.params), "ru")
    assert "Заказ <b>BTS0000555001</b> (№555001), получатель: Dilnoza" in russian


async def test_a_link_without_an_order_still_reads_well() -> None:
    params: dict[str, object] = {"amount": "50000", "audience": "seller", "status": "FAILED"}
    text = await render("push-payment-failed", params, "en")
    assert text == "❌ The customer's payment of 50,000\u00a0UZS failed."
