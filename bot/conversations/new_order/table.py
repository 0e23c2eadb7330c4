"""The new order, declared once: one record per step, in the order the questions are asked.

``fields`` are the BTS field names whose validation errors the step fixes; ``then`` the steps
that follow a change made from the summary (a new delivery way asks its city and branch).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from aiogram.fsm.state import State

from bot.conversation import Conversation, Handler, Step, choose, question, yes_no
from bot.conversations import pickup, places
from bot.conversations.new_order import cargo, parties
from bot.conversations.new_order.summary import ask_summary, cancel
from bot.i18n import Localizer
from bot.keyboards.places import contact_keyboard, location_keyboard
from bot.states import NewOrder as S
from services.drafts import OrderDraft


def _ways(courier: str, remote: str, office: str) -> Callable[[Localizer], list[tuple[str, str]]]:
    """The three ways a parcel leaves or arrives: by courier (1), a remote point (2), an office (0)."""
    return lambda l10n: [(l10n(courier), "1"), (l10n(remote), "2"), (l10n(office), "0")]


SENDER_WAYS = _ways("delivery-sender-courier", "delivery-sender-remote", "delivery-sender-office")
RECEIVER_WAYS = _ways("delivery-receiver-courier", "delivery-receiver-remote", "delivery-receiver-branch")


async def _nothing(turn: object, draft: OrderDraft) -> None:
    """The unsure state asks nothing: its message (Check / Menu) was already shown."""


def _cod_question(draft: OrderDraft) -> str:
    """At a branch nobody brings the parcel: the receiver pays there when collecting it."""
    return "order-ask-cod-at-branch" if draft.receiver_delivery == 0 else "order-ask-cod"


def _cod_amount_question(draft: OrderDraft) -> str:
    return "order-ask-cod-amount-at-branch" if draft.receiver_delivery == 0 else "order-ask-cod-amount"


def _skip(step: str) -> Callable[[OrderDraft], OrderDraft]:
    return lambda draft: draft.skipped(step)


def _delivery(
    state: State, key: str, ways: Callable[[Localizer], list[tuple[str, str]]], field: str, then: str
) -> Step[OrderDraft]:
    """How the parcel reaches BTS or the receiver; a change asks the place that depends on it."""
    return Step(
        state,
        choose(key, ways),
        pick=parties.pick_delivery,
        changeable=True,
        fields=(field,),
        then=(then,),
    )


def _address(
    state: State, key: str, text: Handler[OrderDraft], courier: Callable[[OrderDraft], bool], field: str
) -> Step[OrderDraft]:
    """The courier's address: typed, or a shared location (asked only when a courier goes there)."""
    return Step(
        state,
        question(key, hint="order-address-hint"),
        text=text,
        location=places.address_location,
        pick=places.pick_location_city,
        applies=courier,
        changeable=True,
        fields=(field,),
    )


def _optional(
    state: State, key: str, text: Handler[OrderDraft], field: str, contact: Handler[OrderDraft] | None = None
) -> Step[OrderDraft]:
    """A typed answer the seller may skip (Skip clears it)."""
    step = Step(state, question(key), text=text, contact=contact, changeable=True, fields=(field,))
    return replace(step, skip=_skip(step.name))


STEPS: tuple[Step[OrderDraft], ...] = (
    Step(S.sender_pick, parties.ask_sender_pick, text=parties.typed_sender, pick=parties.pick_sender),
    Step(
        S.sender_name,
        question("order-ask-sender-name"),
        text=parties.set_sender_name,
        contact=parties.sender_from_contact,
        changeable=True,
        fields=("senderReal",),
        keyboard=contact_keyboard,  # the same as the phone's: no new keyboard between the two
    ),
    Step(
        S.sender_phone,
        question("order-ask-sender-phone", hint="order-or-type-phone"),
        text=parties.set_sender_phone,
        contact=parties.sender_contact,
        changeable=True,
        fields=("senderPhone",),
        keyboard=contact_keyboard,
    ),
    places.city_step(S.sender_city, "order-ask-sender-city", changeable=True, fields=("senderCityId",)),
    _delivery(
        S.sender_delivery, "order-ask-sender-delivery", SENDER_WAYS, "senderDelivery", "sender_address"
    ),
    _address(
        S.sender_address,
        "order-ask-sender-address",
        parties.set_sender_address,
        lambda d: d.sender_delivery == 1,
        "senderAddress",
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
    _optional(
        S.receiver_phone2,
        "order-ask-receiver-phone2",
        parties.set_receiver_phone2,
        "receiverPhone1",
        contact=parties.receiver_contact2,
    ),
    _delivery(
        S.receiver_delivery, "order-ask-receiver-delivery", RECEIVER_WAYS, "receiverDelivery", "receiver_city"
    ),
    places.city_step(
        S.receiver_city,
        "order-ask-receiver-city",
        changeable=True,
        fields=("receiverCityId",),
        then=("receiver_branch", "receiver_address"),
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
    _address(
        S.receiver_address,
        "order-ask-receiver-address",
        parties.set_receiver_address,
        lambda d: d.receiver_delivery == 1,
        "receiverAddress",
    ),
    Step(S.weight, question("order-ask-weight"), text=cargo.set_weight, changeable=True, fields=("weight",)),
    _optional(S.pieces, "order-ask-pieces", cargo.set_pieces, "piece"),
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
    _optional(S.volume, "order-ask-volume", cargo.set_volume, "volume"),
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
    _optional(S.comment, "order-ask-comment", cargo.set_comment, "additionalInfo"),
    Step(S.summary, ask_summary),
    Step(S.unsure, _nothing, back="summary"),
)

NEW_ORDER: Conversation[OrderDraft] = Conversation(
    "new_order", OrderDraft, STEPS, on_cancel=cancel, summary="summary", opening="menu-new-order"
)
