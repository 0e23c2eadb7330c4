"""One update inside a conversation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic

from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, ReplyKeyboardMarkup

from bot.conversation.step import D, Step
from bot.i18n import Localizer
from bot.keyboards.common import main_menu, nav_keyboard
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.conversation.engine import Conversation


class Turn(Generic[D]):
    """One update inside a conversation: the reply helper, the FSM context, the draft (read
    once), the services of the handler data, and the current step."""

    __slots__ = ("_data", "_draft", "conv", "deps", "l10n", "reply", "state", "step")

    def __init__(
        self, conv: Conversation[D], reply: Reply, state: FSMContext, deps: dict[str, Any], step: Step[D]
    ) -> None:
        self.conv = conv
        self.reply = reply
        self.state = state
        self.l10n: Localizer = reply.l10n
        self.deps = deps
        self.step = step
        self._data: dict[str, Any] | None = None
        self._draft: D | None = None

    @property
    def user_id(self) -> int:
        return self.reply.user_id

    async def data(self) -> dict[str, Any]:
        """The conversation's FSM data, read once per update (kept in step with our writes)."""
        if self._data is None:
            self._data = await self.state.get_data()
        return self._data

    def reset(self, **values: Any) -> None:
        """Start the FSM data over with ``values`` (written by the next move)."""
        self._data = dict(values)
        self._draft = None

    async def remember(self, **values: Any) -> None:
        """Write values beside the draft (saved choices, a pending sub-step's answers)."""
        data = await self.data()
        data.update(values)
        await self.state.set_data(data)

    async def draft(self) -> D:
        """The draft, validated once per update (kept in step with ``save``)."""
        if self._draft is None:
            raw = (await self.data()).get(self.conv.key)
            draft_type = self.conv.draft_type
            self._draft = draft_type.model_validate(raw) if isinstance(raw, dict) else draft_type()
        return self._draft

    async def save(self, draft: D, **values: Any) -> None:
        """Write the draft (and ``values`` beside it)."""
        self._draft = draft
        await self.remember(**{self.conv.key: draft.model_dump(mode="json")}, **values)

    def menu(self) -> ReplyKeyboardMarkup:
        """The main menu (a seller's or a customer's), shown again when the conversation ends."""
        profile = self.deps.get("profile")
        return main_menu(self.l10n, seller=bool(getattr(profile, "is_seller", False)))

    def nav(self, step: str | None = None, *, back: bool | None = None) -> InlineKeyboardMarkup:
        """The Back / (Skip) / Cancel row of the current step (no Back on the first step)."""
        current = self.conv.step(step) if step else self.step
        if back is None:
            back = current is not self.conv.steps[0]
        return nav_keyboard(self.l10n, current.name, back=back, skip=current.skip is not None)
