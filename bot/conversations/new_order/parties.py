"""The sender's and the receiver's steps: a saved contact or a typed name, phones, addresses."""

from __future__ import annotations

from aiogram.types import Contact, InlineKeyboardMarkup

from bot.conversation import SKIP, Goto, Invalid
from bot.conversations.new_order.deps import OrderTurn, orders
from bot.keyboards.common import choice_keyboard, nav_keyboard
from services.drafts import OrderDraft, Party, Who
from services.orders import ContactKind
from services.parsing import InvalidInput, ascii_int, parse_address, parse_name, parse_phone

SAVED = {"sender": "saved_senders", "receiver": "saved_receivers"}


async def ask_sender_pick(turn: OrderTurn, draft: OrderDraft) -> None:
    saved = await orders(turn).contacts(turn.user_id, ContactKind.SENDER)
    if not saved:
        await turn.conv.go(turn, "sender_name", draft)
        return
    choices = [(f"{c.name} · {turn.l10n.phone(c.phone)}", str(i)) for i, (_, c) in enumerate(saved)]
    choices.append((turn.l10n("btn-new-sender"), "new"))
    await turn.remember(saved_senders=[c.model_dump(mode="json") for _, c in saved])
    markup = choice_keyboard(turn.l10n, "sender_pick", choices, back=False)
    await turn.reply(turn.l10n("order-ask-sender-pick"), markup)


async def _saved(turn: OrderTurn, who: Who, value: str) -> Party | None:
    saved = (await turn.data()).get(SAVED[who]) or []
    index = ascii_int(value, high=len(saved) - 1) if saved else None
    if index is None:
        turn.reply.stale()
        return None
    return Party.model_validate(saved[index])


async def pick_sender(turn: OrderTurn, value: str, draft: OrderDraft) -> Goto[OrderDraft] | None:
    if value == "new":
        return Goto("sender_name", draft)
    party = await _saved(turn, "sender", value)
    if party is None:
        return None
    keep_city = "sender_city" in ((await turn.data()).get(SKIP) or ())  # chosen on the price screen
    updated = draft.with_saved_contact("sender", party, keep_city=keep_city)
    # A saved sender has a name, a phone and (usually) a city: go on after the last one known.
    anchor = "sender_city" if updated.sender.city_id is not None else "sender_phone"
    await turn.conv.advance(turn, turn.conv.step(anchor), updated)
    return None


async def typed_sender(turn: OrderTurn, text: str, draft: OrderDraft) -> None:
    """A name typed instead of choosing a saved sender: a new sender."""
    updated = draft.with_party("sender", name=parse_name(text))
    await turn.conv.advance(turn, turn.conv.step("sender_name"), updated)


def set_sender_name(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.with_party("sender", name=parse_name(text))


def set_sender_phone(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.with_party("sender", phone=parse_phone(text))


async def sender_from_contact(turn: OrderTurn, contact: Contact, draft: OrderDraft) -> None:
    """The seller's contact shared at the name: the sender's name and phone in one go."""
    with_phone = draft.with_party("sender", phone=parse_phone(contact.phone_number))
    try:
        name = parse_name(" ".join(part for part in (contact.first_name, contact.last_name) if part))
    except InvalidInput:
        await turn.conv.move(turn, turn.step, with_phone)  # the phone is kept; the name is asked again
        raise
    await turn.conv.advance(turn, turn.conv.step("sender_phone"), with_phone.with_party("sender", name=name))


def sender_contact(turn: OrderTurn, contact: Contact, draft: OrderDraft) -> OrderDraft:
    updated = draft.with_party("sender", phone=parse_phone(contact.phone_number))
    if not updated.sender.name:
        updated = updated.with_party("sender", name=contact.first_name)
    return updated


def set_sender_address(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.with_party("sender", address=parse_address(text))


async def ask_receiver_name(turn: OrderTurn, draft: OrderDraft) -> None:
    saved = await orders(turn).contacts(turn.user_id, ContactKind.RECIPIENT)
    markup: InlineKeyboardMarkup
    if saved:
        await turn.remember(saved_receivers=[c.model_dump(mode="json") for _, c in saved])
        choices = [(f"📒 {c.name} · {turn.l10n.phone(c.phone)}", str(i)) for i, (_, c) in enumerate(saved)]
        markup = choice_keyboard(turn.l10n, "receiver_name", choices)
    else:
        markup = nav_keyboard(turn.l10n, "receiver_name")
    # "(or pick one from your address book)" only when there is something to pick
    key = "order-ask-receiver-name" if saved else "order-ask-receiver-name-first"
    await turn.reply(turn.l10n(key), markup)


async def pick_receiver(turn: OrderTurn, value: str, draft: OrderDraft) -> None:
    party = await _saved(turn, "receiver", value)
    if party is None:
        return
    keep_city = "receiver_city" in ((await turn.data()).get(SKIP) or ())
    updated = draft.with_saved_contact("receiver", party, keep_city=keep_city)
    await turn.conv.advance(turn, turn.conv.step("receiver_phone2"), updated)


def set_receiver_name(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.with_party("receiver", name=parse_name(text))


def set_receiver_phone(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.with_party("receiver", phone=parse_phone(text))


def receiver_contact(turn: OrderTurn, contact: Contact, draft: OrderDraft) -> OrderDraft:
    return set_receiver_phone(turn, contact.phone_number, draft)


def set_receiver_phone2(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    phone = parse_phone(text)
    if phone == draft.receiver.phone:
        raise Invalid("invalid-phone-same")
    return draft.with_party("receiver", phone2=phone)


def receiver_contact2(turn: OrderTurn, contact: Contact, draft: OrderDraft) -> OrderDraft:
    return set_receiver_phone2(turn, contact.phone_number, draft)


def set_receiver_address(turn: OrderTurn, text: str, draft: OrderDraft) -> OrderDraft:
    return draft.with_party("receiver", address=parse_address(text))


def pick_delivery(turn: OrderTurn, value: str, draft: OrderDraft) -> OrderDraft | None:
    """``1`` a courier, ``2`` a courier from / to a remote village (priced so; order/add gets a
    courier), ``0`` an office (the sender's) or a branch (the receiver's)."""
    if value not in ("0", "1", "2"):
        turn.reply.stale()
        return None
    remote = "sender_remote" if turn.step.name == "sender_delivery" else "receiver_remote"
    return draft.model_copy(update={turn.step.name: min(int(value), 1), remote: value == "2"})
