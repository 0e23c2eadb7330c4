"""The BTS barcode of an international parcel, added by the seller from BTS's label.

Seed 001's ``international/add`` answer carries no barcode and ``track-by-barcode`` takes only
BTS's: a parcel waits for it ("Add the BTS barcode" on its card and under "created"). The seller
types it or sends a photo of the label (read as any photo is, ``bot.files.photo_barcodes``); a
bad one gets a clear answer and the question stays open until the barcode is saved or Cancel.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.busy_states import IntlBarcode
from bot.callbacks import BusyCb
from bot.files import image_document, photo_barcodes
from bot.keyboards.common import nav_keyboard
from bot.keyboards.orders import card_keyboard
from bot.render import order_card_text, q
from bot.reply import Reply
from services.errors import NotLoggedIn
from services.international import (
    BarcodeAlreadySet,
    BarcodeInvalid,
    BarcodeTaken,
    BarcodeUnknown,
    InternationalService,
)
from services.orders import OrderService
from services.users import UserProfile

STEP = "ibarcode"  # the Cancel button's step (handled with the other one-question flows)
ORDER = "intl_barcode_order"  # the FSM data key: the order whose barcode is asked


def _seller(profile: UserProfile | None) -> UserProfile:
    if profile is None or not profile.is_seller:
        raise NotLoggedIn
    return profile


async def ask_barcode(
    query: CallbackQuery,
    callback_data: BusyCb,
    state: FSMContext,
    reply: Reply,
    profile: UserProfile,
    orders: OrderService,
) -> None:
    order = await orders.get(_seller(profile).id, callback_data.n)
    if not order.international:
        reply.stale()
        return
    if order.barcode:
        await reply(reply.l10n("intl-barcode-already", barcode=q(order.barcode)))
        return
    await state.set_state(IntlBarcode.code)
    await state.update_data({ORDER: order.id})
    await reply(
        reply.l10n("intl-ask-barcode", number=q(order.parcel_number or "—")),
        nav_keyboard(reply.l10n, STEP, back=False),
    )


async def typed_barcode(
    message: Message,
    state: FSMContext,
    reply: Reply,
    profile: UserProfile,
    international: InternationalService,
) -> None:
    await _attach(reply, state, _seller(profile), international, message.text or "")


async def photographed_barcode(
    message: Message,
    bot: Bot,
    state: FSMContext,
    reply: Reply,
    profile: UserProfile,
    international: InternationalService,
) -> None:
    seller = _seller(profile)
    async with reply.typing():
        barcodes = await photo_barcodes(bot, message)
    if barcodes is None or not barcodes:
        await _ask_again(reply, "scan-too-big" if barcodes is None else "scan-nothing")
        return
    if len(barcodes) > 1:  # a label's Code 128 and its QR code read as one: these are different
        await _ask_again(
            reply, "intl-barcode-several", barcodes=", ".join(f"<code>{q(b)}</code>" for b in barcodes)
        )
        return
    await _attach(reply, state, seller, international, barcodes[0])


async def not_a_barcode(message: Message, reply: Reply) -> None:
    await _ask_again(reply, "intl-barcode-media")


async def _ask_again(reply: Reply, key: str, **args: str) -> None:
    await reply(reply.l10n(key, **args), nav_keyboard(reply.l10n, STEP, back=False))


async def _attach(
    reply: Reply, state: FSMContext, seller: UserProfile, international: InternationalService, text: str
) -> None:
    order_id = (await state.get_data()).get(ORDER)
    if not isinstance(order_id, int):
        await state.set_state(None)
        await reply(reply.l10n("error-unknown"))
        return
    try:
        async with reply.typing():
            attached = await international.attach_barcode(seller.id, order_id, text)
    except BarcodeInvalid:
        await _ask_again(reply, "intl-barcode-invalid")
        return
    except (BarcodeTaken, BarcodeUnknown) as exc:
        await _ask_again(reply, exc.key, barcode=q(exc.barcode))
        return
    except BarcodeAlreadySet as exc:
        await _done(state)
        await reply(reply.l10n(exc.key, barcode=q(exc.barcode)))
        return
    await _done(state)
    order = attached.order
    saved = reply.l10n(
        "intl-barcode-saved" if attached.checked else "intl-barcode-saved-unchecked",
        barcode=q(order.barcode or ""),
    )
    await reply(f"{saved}\n\n{order_card_text(reply.l10n, order)}", card_keyboard(reply.l10n, order))


async def _done(state: FSMContext) -> None:
    await state.set_state(None)
    await state.update_data({ORDER: None})


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(ask_barcode, BusyCb.filter(F.action == "ibc"))
    router.message.register(typed_barcode, IntlBarcode.code, F.text)
    router.message.register(photographed_barcode, IntlBarcode.code, F.photo | F.func(image_document))
    router.message.register(not_a_barcode, IntlBarcode.code)
    return router
