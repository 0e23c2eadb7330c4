"""The operator's menu (ADMIN_IDS): figures, and a broadcast with preview, confirm and progress."""

from __future__ import annotations

from bot.callbacks import LangCb
from storage.repositories.admin import AdminRepository
from tests.bot.conftest import ADMIN, BotHarness
from tests.bot.mocked import button, joined


async def test_admin_sees_figures_and_broadcasts_to_everyone(admin_harness: BotHarness) -> None:
    customer = admin_harness.user(2002, language_code="ru")
    await customer.send("/start")
    admin = admin_harness.user(ADMIN, language_code="en")
    await admin.send("/start")
    await admin.press(LangCb(code="en"))

    menu = await admin.send("/admin")
    assert "Admin menu" in joined(menu)
    figures = await admin.press(button(menu, "Figures"))
    text = joined(figures)
    assert "Users: 2" in text and "Orders today: 0" in text

    asked = await admin.press(button(menu, "Broadcast"))
    assert "Who should get the message?" in joined(asked)
    asked_text = await admin.press(button(asked, "Everyone"))
    assert "Send the text" in joined(asked_text)
    too_long = await admin.send("x" * 3501)
    assert "at most 3,500" in joined(too_long)
    preview = await admin.send("Tomorrow <b>all</b> branches open at 10:00")
    shown = joined(preview)
    # shown as typed (as the push will show it), not as HTML
    assert "2 chats" in shown and "Tomorrow &lt;b&gt;all&lt;/b&gt; branches" in shown
    queued = await admin.press(button(preview, "Send"))
    assert "Queued for 2 chats" in joined(queued)
    assert "0 of 2 chats sent" in joined(queued)
    async with admin_harness.services.session_factory() as session:
        rows = await AdminRepository(session).count_outbox("broadcast:")
    assert rows == {"pending": 2}
    # A second tap on Send (a double tap, answered after the first) queues nothing more.
    await admin.press_stale(button(preview, "Send"))
    async with admin_harness.services.session_factory() as session:
        assert await AdminRepository(session).count_outbox("broadcast:") == {"pending": 2}


async def test_anyone_else_gets_no_admin_menu(admin_harness: BotHarness) -> None:
    someone = admin_harness.user(3003, language_code="en")
    await someone.send("/start")
    answer = await someone.send("/admin")
    assert "Admin menu" not in joined(answer)
    assert not [b for s in answer for _, b in s.buttons() if b and b.startswith("adm:")]
