"""Conversation drafts (receivers' names and phones) are encrypted at rest (issue 11.3)."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import FsmRecord
from tests.bot.conftest import BotHarness
from tests.bot.flows import login
from tests.bot.mocked import joined


async def test_a_draft_on_disk_holds_no_name_or_phone_in_plain_text(harness: BotHarness) -> None:
    ali = harness.user()
    await login(ali)
    await ali.send("➕ New order")
    await ali.send("Jurabek Turdiyev")
    sent = await ali.send("+998991234567")
    assert "Which city does the parcel leave from?" in joined(sent)
    await harness.storage.flush()
    async with harness.services.session_factory() as session:
        rows = (await session.execute(select(FsmRecord.key, FsmRecord.data, FsmRecord.data_enc))).all()
    drafts = [row for row in rows if row.data_enc is not None or row.data]
    assert drafts, "the conversation left no row"
    for row in drafts:
        assert row.data is None  # never the plain JSON column
        assert "Jurabek" not in row.data_enc and "998991234567" not in row.data_enc
    # ... and the key reads it back whole (a restart continues the conversation).
    assert any("+998991234567" in harness.services.box.decrypt(row.data_enc) for row in drafts)
