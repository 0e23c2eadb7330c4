"""The new order, declared once: one record per step, in the order the questions are asked.

``fields`` are the BTS field names whose validation errors the step fixes; ``then`` the steps
that follow a change made from the summary (a new delivery way asks its city and branch).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.conversation import Conversation, Step, choose, question, yes_no
from bot.conversations import pickup, places
from bot.conversations.new_order import cargo, parties
from bot.conversations.new_order.summary import ask_summary, cancel
from bot.i18n import Localizer
from bot.keyboards.places import contact_keyboard, location_keyboard
from bot.states import NewOrder as S
from services.drafts import OrderDraft


def _sender_ways(l10n: Localizer) -> list[tuple[str, str]]:
    return [
        (l10n("delivery-sender-courier"), "1"),
        (l10n("delivery-sender-remote"), "2"),
        (l10n("delivery-sender-office"), "0"),
    ]


def _receiver_ways(l10n: Localizer) -> list[tuple[str, str]]:
    return [
        (l10n("delivery-receiver-courier"), "1"),
        (l10n("delivery-receiver-remote"), "2"),
        (l10n("delivery-receiver-branch"), "0"),
    ]


async def _nothing(turn: object, draft: OrderDraft) -> None:
    """The unsure state asks nothing: its message (Check / Menu) was already shown."""


def _cod_question(draft: OrderDraft) -> str:
    """At a branch nobody brings the parcel: the receiver pays there when collecting it."""
    return "order-ask-cod-at-branch" if draft.receiver_delivery == 0 else "order-ask-cod"


def _cod_amount_question(draft: OrderDraft) -> str:
    return "order-ask-cod-amount-at-branch" if draft.receiver_delivery == 0 else "order-ask-cod-amount"


def _skip(step: str) -> Callable[[OrderDraft], OrderDraft]:
    return lambda draft: draft.skipped(step)


STEPS: tuple[Step[OrderDraft], ...] = (
    Step(S.sender_pick, parties.ask_sender_pick, text=parties.typed_sender, pick=parties.pick_sender),
    Step(
        S.sender_name,
        question("order-ask-sender-name"),
        text=parties.set_sender_name,
        changeable=True,
        fields=("senderReal",),
    ),
    Step(
        S.sender_phone,
        parties.ask_sender_phone,
        text=parties.set_sender_phone,
        contact=parties.sender_contact,
        changeable=True,
        fields=("senderPhone",),
        keyboard=contact_keyboard,
    ),
    Step(
        S.sender_city,
        places.ask_city("order-ask-sender-city"),
        text=places.search_city,
        pick=places.pick_city,
        page=places.page,
        location=places.city_near,
        changeable=True,
        fields=("senderCityId",),
        keyboard=location_keyboard,
    ),
    Step(
        S.sender_delivery,
        choose("order-ask-sender-delivery", _sender_ways),
        pick=parties.pick_delivery,
        changeable=True,
        fields=("senderDelivery",),
        then=("sender_address",),
    ),
    Step(
        S.sender_address,
        question("order-ask-sender-address", hint="order-address-hint"),
        text=parties.set_sender_address,
        location=places.address_location,
        pick=places.pick_location_city,
        applies=lambda d: d.sender_delivery == 1,
        changeable=True,
        fields=("senderAddress",),
    ),
    Step(
        S.sender_date,
        pickup.ask_pickup_date("order-ask-pickup-date"),
        text=pickup.set_pickup_date,
        pick=pickup.pick_pickup_date,
        applies=lambda d: d.sender_delivery == 1,  # a courier collects (services.pickup)
        skip=_skip("sender_date"),
        changeable=True,
        fields=("senderDate",),
    ),
    Step(
        S.receiver_name,
        parties.ask_receiver_name,
        text=parties.set_receiver_name,
        pick=parties.pick_receiver,
        changeable=True,
        fields=("receiver",),
    ),
    Step(
        S.receiver_phone,
        question("order-ask-receiver-phone"),
        text=parties.set_receiver_phone,
        contact=parties.receiver_contact,
        changeable=True,
        fields=("receiverPhone",),
    ),
    Step(
        S.receiver_phone2,
        question("order-ask-receiver-phone2"),
        text=parties.set_receiver_phone2,
        contact=parties.receiver_contact2,
        skip=_skip("receiver_phone2"),
        changeable=True,
        fields=("receiverPhone1",),
    ),
    Step(
        S.receiver_delivery,
        choose("order-ask-receiver-delivery", _receiver_ways),
        pick=parties.pick_delivery,
        changeable=True,
        fields=("receiverDelivery",),
        then=("receiver_city",),
    ),
    Step(
        S.receiver_city,
        places.ask_city("order-ask-receiver-city"),
        text=places.search_city,
        pick=places.pick_city,
        page=places.page,
        location=places.city_near,
        changeable=True,
        fields=("receiverCityId",),
        then=("receiver_branch", "receiver_address"),
        keyboard=location_keyboard,
    ),
    Step(
        S.receiver_branch,
        places.ask_branch,
        text=places.search_branch,
        pick=places.pick_branch,
        page=places.page,
        location=places.branch_near,
        applies=lambda d: d.receiver_delivery == 0,
        changeable=True,
        fields=("receiver_branch_id",),
        keyboard=location_keyboard,
    ),
    Step(
        S.receiver_address,
        question("order-ask-receiver-address", hint="order-address-hint"),
        text=parties.set_receiver_address,
        location=places.address_location,
        pick=places.pick_location_city,
        applies=lambda d: d.receiver_delivery == 1,
        changeable=True,
        fields=("receiverAddress",),
    ),
    Step(S.weight, question("order-ask-weight"), text=cargo.set_weight, changeable=True, fields=("weight",)),
    Step(
        S.pieces,
        question("order-ask-pieces"),
        text=cargo.set_pieces,
        skip=_skip("pieces"),
        changeable=True,
        fields=("piece",),
    ),
    Step(
        S.package,
        choose("order-ask-package", cargo.package_options),
        pick=cargo.pick_package,
        changeable=True,
        fields=("packageId",),
    ),
    Step(
        S.content,
        choose("order-ask-content", cargo.content_options),
        pick=cargo.pick_content,
        changeable=True,
        fields=("postTypeId",),
    ),
    Step(
        S.volume,
        question("order-ask-volume"),
        text=cargo.set_volume,
        skip=_skip("volume"),
        changeable=True,
        fields=("volume",),
    ),
    Step(
        S.items,
        cargo.ask_items,
        text=cargo.add_item,
        pick=cargo.pick_items,
        skip=_skip("items"),
        changeable=True,
    ),
    Step(
        S.cod,
        choose(_cod_question, yes_no, columns=2),
        pick=cargo.pick_cod,
        changeable=True,
        fields=("bringBackMoney",),
        then=("cod_amount",),
    ),
    Step(
        S.cod_amount,
        question(_cod_amount_question),
        text=cargo.set_cod_amount,
        applies=lambda d: d.cod,
        fields=("back_money",),
        then=("cod_goods",),
    ),
    Step(
        S.cod_goods,
        cargo.ask_cod_goods,
        text=cargo.search_goods,
        pick=cargo.pick_good,
        applies=lambda d: d.cod,
        fields=("options",),
    ),
    Step(S.mxik_spic, question("order-ask-mxik-spic"), text=cargo.set_good_spic, back="cod_goods"),
    Step(S.mxik_name, question("order-ask-mxik-name"), text=cargo.set_good_name, back="cod_goods"),
    Step(
        S.mxik_units,
        choose("order-ask-mxik-units", cargo.unit_options, columns=4),
        pick=cargo.pick_good_units,
        back="cod_goods",
    ),
    Step(S.mxik_price, cargo.ask_good_price, text=cargo.set_good_price, back="cod_goods"),
    Step(
        S.photo,
        choose("order-ask-photo", yes_no, columns=2),
        pick=cargo.pick_flag("take_photo"),
        changeable=True,
    ),
    Step(
        S.waybill,
        choose("order-ask-waybill", yes_no, columns=2),
        pick=cargo.pick_flag("return_waybill"),
        changeable=True,
    ),
    Step(
        S.comment,
        question("order-ask-comment"),
        text=cargo.set_comment,
        skip=_skip("comment"),
        changeable=True,
        fields=("additionalInfo",),
    ),
    Step(S.summary, ask_summary),
    Step(S.unsure, _nothing, back="summary"),
)

NEW_ORDER: Conversation[OrderDraft] = Conversation(
    "new_order", OrderDraft, STEPS, on_cancel=cancel, summary="summary", opening="menu-new-order"
)
