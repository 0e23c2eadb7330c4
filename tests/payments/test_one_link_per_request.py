"""A double tap on a lifetime button makes one Yandex order and one link (issue 11.5): the service
itself guards it by the request's idempotency key, sequential taps and simultaneous ones alike."""

from __future__ import annotations

import asyncio

from services.orders import OrderView
from services.payments import PaymentInProgress, PaymentLink, PaymentService
from tests.fakes.yandex_pay.server import YandexPayFake
from tests.payments.helpers import DEEP_LINK, SELLER

CREATE = "v1/orders"


def creates(fake: YandexPayFake) -> int:
    return fake.count(CREATE, "POST")


async def test_a_second_tap_returns_the_same_link_without_a_second_order(
    payments: PaymentService, yandex_fake: YandexPayFake, order: OrderView
) -> None:
    first = await payments.create_link(SELLER, order=order, deep_link=DEEP_LINK, idempotency_key="1:77")
    again = await payments.create_link(
        SELLER, order=order, deep_link=DEEP_LINK, idempotency_key="1:77", ttl_seconds=7200
    )
    assert creates(yandex_fake) == 1
    assert (again.yandex_order_id, again.url, again.payment_id) == (
        first.yandex_order_id,
        first.url,
        first.payment_id,
    )
    assert not first.repeated and again.repeated
    assert len(await payments.payments_for_order(SELLER, order.id)) == 1
    # Another request (another message with buttons) is another link.
    other = await payments.create_link(SELLER, order=order, deep_link=DEEP_LINK, idempotency_key="1:78")
    assert other.yandex_order_id != first.yandex_order_id and creates(yandex_fake) == 2


async def test_two_taps_at_once_make_one_order(
    payments: PaymentService, yandex_fake: YandexPayFake, order: OrderView
) -> None:
    results = await asyncio.gather(
        *(
            payments.create_link(SELLER, order=order, deep_link=DEEP_LINK, idempotency_key="1:90")
            for _ in range(3)
        ),
        return_exceptions=True,
    )
    links = [r for r in results if isinstance(r, PaymentLink)]
    assert all(isinstance(r, PaymentLink | PaymentInProgress) for r in results), results
    assert creates(yandex_fake) == 1
    assert len({link.yandex_order_id for link in links}) == 1
    assert sum(not link.repeated for link in links) == 1
    assert len(await payments.payments_for_order(SELLER, order.id)) == 1


async def test_the_order_id_stays_unguessable(payments: PaymentService, order: OrderView) -> None:
    link = await payments.create_link(SELLER, order=order, deep_link=DEEP_LINK, idempotency_key="1:5")
    prefix, _, tail = link.yandex_order_id.partition("-")
    assert prefix == f"bts{order.id}" and len(tail) == 12
    assert "1:5" not in link.yandex_order_id and tail != "5"
