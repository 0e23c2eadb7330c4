"""Each step shows its own reply keyboard or takes the previous one away (issue 13, bug 4).

Telegram keeps the last reply keyboard a message set (``ReplyKeyboardMarkup``) until another
message sets one or removes it (``ReplyKeyboardRemove``). These tests replay what the bot sent
and, at every step, compare the keyboard in force with the one the step should show: when the
step's question (any message with inline buttons) is on the screen and after the whole answer.
"""

from __future__ import annotations

from collections.abc import Awaitable

from aiogram.fsm.storage.base import StorageKey
from aiogram.types import InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove

from bot.callbacks import LangCb, Nav, NavCb, PickCb, Role, RoleCb, SummaryAction, SummaryCb
from tests.bot.conftest import BotHarness
from tests.bot.flows import finish_after_branch, first_branch, login, new_order_to_summary, onboard
from tests.bot.mocked import Chatter, Sent, joined

MENU, LOCATION, CONTACT = "main menu", "📍 location button", "📱 contact button"
NONE = None  # no reply keyboard


def _kind(markup: ReplyKeyboardMarkup | ReplyKeyboardRemove) -> str | None:
    if isinstance(markup, ReplyKeyboardRemove):
        return NONE
    buttons = [b for row in markup.keyboard for b in row]
    if any(b.request_location for b in buttons):
        return LOCATION
    if any(b.request_contact for b in buttons):
        return CONTACT
    return MENU


class Keyboards:
    """The reply keyboard a chat shows, replayed from every message the bot sent it."""

    def __init__(self, harness: BotHarness, user: Chatter) -> None:
        self.calls = harness.bot.recorder.calls
        self.chat_id = user.chat.id

    def in_force(self, upto: int | None = None) -> str | None:
        kind: str | None = NONE
        for call in self.calls[:upto]:
            if call.chat_id == self.chat_id and isinstance(
                call.markup, ReplyKeyboardMarkup | ReplyKeyboardRemove
            ):
                kind = _kind(call.markup)
        return kind

    async def step(
        self, action: Awaitable[list[Sent]], expected: str | None, *, each: bool = True
    ) -> list[Sent]:
        """Run ``action``; the keyboard in force must be ``expected`` after it and (``each``)
        whenever one of its messages with inline buttons appeared."""
        start = len(self.calls)
        sent = await action
        if each:
            for index in range(start, len(self.calls)):
                call = self.calls[index]
                if call.method == "SendMessage" and isinstance(call.markup, InlineKeyboardMarkup):
                    seen = self.in_force(index + 1)
                    assert seen == expected, f"{call.text!r} shown under {seen}, expected {expected}"
        assert self.in_force() == expected, f"after {joined(sent)!r}: {self.in_force()}, expected {expected}"
        return sent


def _pressed(sent: list[Sent], data: str) -> bool:
    return any(d == data for s in sent for _, d in s.buttons())


ANY_NAME_QUESTION = (
    "Sender's <b>full name</b> (as on the label). If you are the sender, just tap «📱 Send my contact» below:"
)


async def _to_sender_name(kb: Keyboards, ali: Chatter) -> None:
    """From the main menu to the sender's name, which shows the contact button."""
    sent = await ali.send("➕ New order")
    assert sent[0].text == "➕ New order"  # the opening line takes the menu away
    if _pressed(sent, PickCb(step="sender_pick", value="new").pack()):
        assert kb.in_force() == NONE  # saved senders to pick from first
        sent = await kb.step(ali.press(PickCb(step="sender_pick", value="new")), CONTACT)
    assert kb.in_force() == CONTACT
    assert ANY_NAME_QUESTION in [s.text for s in sent]


async def _seller_at_sender_name(harness: BotHarness) -> tuple[Chatter, Keyboards]:
    ali = harness.user()
    kb = Keyboards(harness, ali)
    await login(ali)
    await _to_sender_name(kb, ali)
    return ali, kb


async def test_the_contact_shared_at_the_name_fills_the_name_and_the_phone(harness: BotHarness) -> None:
    ali, kb = await _seller_at_sender_name(harness)
    # One message per step between the name and the phone: the keyboard stays, no extra line.
    sent = await kb.step(ali.send("Jurabek Turdiyev"), CONTACT)
    assert len([s for s in sent if s.method == "SendMessage"]) == 1 and "phone" in joined(sent)
    await kb.step(ali.press(NavCb(action=Nav.BACK, step="sender_phone")), CONTACT)
    # The keyboard's button used at the name: the name and the phone from the contact.
    sent = await kb.step(ali.send_contact("+998 90 111 22 33"), LOCATION)
    assert "Which city" in joined(sent)
    # Back from the city: the phone step (answered by the contact), its keyboard sent again.
    sent = await kb.step(ali.press(NavCb(action=Nav.BACK, step="sender_city")), CONTACT)
    assert "Sender's <b>phone</b>" in joined(sent)
    key = StorageKey(bot_id=harness.bot.id, chat_id=ali.user.id, user_id=ali.user.id)
    data = await harness.storage.get_data(key)
    assert data["draft"]["sender"]["name"] == "Ali" and data["draft"]["sender"]["phone"] == "+998901112233"


async def test_every_new_order_step_shows_its_own_reply_keyboard(harness: BotHarness) -> None:
    ali = harness.user()
    kb = Keyboards(harness, ali)
    await kb.step(login(ali), MENU, each=False)  # the login steps take the menu away; it comes back
    await _to_sender_name(kb, ali)
    await kb.step(ali.send("Jurabek Turdiyev"), CONTACT)
    await kb.step(ali.send("+998 99 123 45 67"), LOCATION)
    await kb.step(ali.send("Chilonzor"), LOCATION)
    # The city picked by a button: the location button goes (it stayed through the address
    # and the name steps, and pressing it there got "use the buttons of this step").
    sent = await kb.step(ali.press(PickCb(step="sender_city", value="c191")), NONE)
    assert next(s.text for s in sent if s.method == "SendMessage") == "✅ Got it."
    await kb.step(ali.send("anything"), NONE)  # text at a button step: the hint, no keyboard
    await kb.step(ali.press(PickCb(step="sender_delivery", value="1")), NONE)
    await kb.step(ali.send("Bobur ko'chasi 5"), NONE)
    await kb.step(ali.press(NavCb(action=Nav.SKIP, step="sender_date")), NONE)  # the pickup date
    await kb.step(ali.send("Odil Ahmedov"), NONE)
    await kb.step(ali.send("90 123 45 67"), NONE)
    await kb.step(ali.press(NavCb(action=Nav.SKIP, step="receiver_phone2")), NONE)
    await kb.step(ali.press(PickCb(step="receiver_delivery", value="0")), LOCATION)
    await kb.step(ali.press(PickCb(step="receiver_city", value="r10")), LOCATION)
    sent = await kb.step(ali.press(PickCb(step="receiver_city", value="c75")), LOCATION)
    await kb.step(ali.press(first_branch(sent)), NONE)
    await kb.step(ali.send("1,5"), NONE)
    await kb.step(ali.press(NavCb(action=Nav.BACK, step="pieces")), NONE)  # Back to the weight
    await kb.step(ali.send("1,5"), NONE)
    await kb.step(ali.press(NavCb(action=Nav.SKIP, step="pieces")), NONE)
    await kb.step(ali.press(PickCb(step="package", value="8")), NONE)
    await kb.step(ali.press(PickCb(step="content", value="4")), NONE)
    await kb.step(ali.press(NavCb(action=Nav.SKIP, step="volume")), NONE)
    await kb.step(ali.send("Kitob; 2; 45000"), NONE)
    await kb.step(ali.press(PickCb(step="items", value="done")), NONE)
    await kb.step(ali.press(PickCb(step="cod", value="0")), NONE)
    await kb.step(ali.press(PickCb(step="photo", value="0")), NONE)
    await kb.step(ali.press(PickCb(step="waybill", value="1")), NONE)
    sent = await kb.step(ali.press(NavCb(action=Nav.SKIP, step="comment")), NONE)
    assert "Check the order" in joined(sent)
    # Change the sender's city from the summary: its location button, then none on the summary.
    await kb.step(ali.press(SummaryCb(action=SummaryAction.CHANGE)), NONE)
    await kb.step(ali.press(SummaryCb(action=SummaryAction.FIELD, field="sender_city")), LOCATION)
    sent = await kb.step(ali.send_location(41.2756, 69.2034), NONE)
    assert "Check the order" in joined(sent)
    sent = await kb.step(ali.press(SummaryCb(action=SummaryAction.CONFIRM)), MENU)
    assert "Order created" in joined(sent)


async def test_cancel_and_a_location_answer_bring_the_right_keyboard(harness: BotHarness) -> None:
    ali, kb = await _seller_at_sender_name(harness)
    await kb.step(ali.send("Jurabek Turdiyev"), CONTACT)
    # The name and the phone share the contact button: Back is the name's question alone.
    sent = await kb.step(ali.press(NavCb(action=Nav.BACK, step="sender_phone")), CONTACT)
    assert [s.text for s in sent if s.method == "SendMessage"] == [ANY_NAME_QUESTION]
    await kb.step(ali.send("Jurabek Turdiyev"), CONTACT)
    await kb.step(ali.send("+998 99 123 45 67"), LOCATION)
    sent = await kb.step(ali.send_location(41.2756, 69.2034), NONE)  # the city from a location
    assert "Chilanzar District" in joined(sent)
    await kb.step(ali.press(NavCb(action=Nav.BACK, step="sender_delivery")), LOCATION)
    await kb.step(ali.press(NavCb(action=Nav.CANCEL, step="sender_city")), MENU)


async def test_the_price_quote_steps_and_its_order(harness: BotHarness) -> None:
    ali = harness.user()
    kb = Keyboards(harness, ali)
    await login(ali)
    await kb.step(ali.send("💰 Price"), LOCATION)
    await kb.step(ali.send("Chilonzor"), LOCATION)
    await kb.step(ali.press(PickCb(step="p_from", value="c191")), LOCATION)
    await kb.step(ali.send("Samarkand"), LOCATION)
    await kb.step(ali.press(PickCb(step="p_to", value="c75")), NONE)
    await kb.step(ali.press(NavCb(action=Nav.SKIP, step="p_date")), NONE)  # no pickup date
    sent = await kb.step(ali.send("2"), MENU, each=False)  # the prices, then the menu again
    assert "Door to door" in joined(sent)
    way = next(d for s in sent for t, d in s.buttons() if d and "Door to door" in t)
    # A new order from the price: the menu goes (the sender's name shows its contact button).
    sent = await ali.press(way)
    picking = _pressed(sent, PickCb(step="sender_pick", value="new").pack())
    assert kb.in_force() == (NONE if picking else CONTACT)
    assert "full name" in joined(sent) or "sender" in joined(sent).lower()


async def test_the_nearest_branches_bring_the_main_menu_back(harness: BotHarness) -> None:
    ali = harness.user()
    kb = Keyboards(harness, ali)
    await kb.step(onboard(ali), MENU, each=False)
    await kb.step(ali.send("🏢 Branches"), LOCATION)
    sent = await kb.step(ali.send_location(41.3191, 69.2403), MENU, each=False)
    assert "SHAYXONTOHUR BTS" in joined(sent)
    sent = await kb.step(ali.send_location(41.3191, 69.2403), MENU, each=False)  # outside the lookup too
    assert "SHAYXONTOHUR BTS" in joined(sent)


async def test_the_login_and_the_yandex_pay_set_up_take_the_menu_away_and_bring_it_back(
    harness: BotHarness,
) -> None:
    ali = harness.user()
    kb = Keyboards(harness, ali)
    await ali.send("/start")
    await ali.press(LangCb(code="en"))
    sent = await kb.step(ali.press(RoleCb(role=Role.SELLER)), NONE)  # the login's first step
    assert "Log in as a seller" in joined(sent)
    await kb.step(ali.send("demo"), NONE)
    await kb.step(ali.send("demo123"), NONE)
    await kb.step(ali.send("123456789"), MENU)
    merchant = "5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e01"
    harness.yandex.add_merchant(merchant)
    await kb.step(ali.send("⚙️ Settings"), MENU)
    await kb.step(ali.press("st:ypay::0"), MENU)
    sent = await kb.step(ali.press("st:ypay:set:0"), NONE)
    assert "Set up Yandex Pay" in joined(sent)
    await kb.step(ali.send(merchant), NONE)
    await kb.step(ali.press(PickCb(step="ypay_env", value="sandbox")), NONE)
    sent = await kb.step(ali.send(merchant), MENU)  # in the sandbox the key is the merchant id
    assert "saved" in joined(sent)


async def test_editing_an_order_takes_the_menu_away_until_saved(harness: BotHarness) -> None:
    ali = harness.user()
    kb = Keyboards(harness, ali)
    await login(ali)
    sent = await new_order_to_summary(ali)
    await finish_after_branch(ali, first_branch(sent))
    await kb.step(ali.press(SummaryCb(action=SummaryAction.CONFIRM)), MENU)
    sent = await kb.step(ali.send("📋 My orders"), MENU)
    card = await kb.step(
        ali.press(next(d for s in sent for _, d in s.buttons() if d and d.startswith("or:o:"))), MENU
    )
    edit = next(d for s in card for t, d in s.buttons() if d and "Edit" in t)
    sent = await kb.step(ali.press(edit), NONE)
    assert "Editing the order" in joined(sent)
    await kb.step(ali.press(SummaryCb(action=SummaryAction.FIELD, field="receiver_city")), LOCATION)
    await kb.step(ali.press(PickCb(step="receiver_city", value="r10")), LOCATION)
    sent = await kb.step(ali.press(PickCb(step="receiver_city", value="c75")), LOCATION)
    sent = await kb.step(ali.press(first_branch(sent)), NONE)
    assert "Check the changes" in joined(sent)
    save = next(d for s in sent for t, d in s.buttons() if d and "Save changes" in t)
    sent = await kb.step(ali.press(save), MENU, each=False)  # the card, then the menu again
    assert "Changes saved" in joined(sent)


async def test_a_stale_button_in_a_step_leaves_the_step_s_keyboard(harness: BotHarness) -> None:
    """A button nobody handles any more: a toast; the main menu would hide the step's keyboard."""
    ali, kb = await _seller_at_sender_name(harness)
    sent = await kb.step(ali.press_stale("zz:forged"), CONTACT)
    assert [s.method for s in sent] == ["AnswerCallbackQuery"]
    sent = await kb.step(ali.send("Jurabek Turdiyev"), CONTACT)
    assert "Sender's <b>phone</b>" in joined(sent)
