"""Callback data factories. Every value fits Telegram's 64 bytes (checked in tests).

Callbacks that name an order carry our local order id (an integer); handlers always re-check
that the order belongs to the pressing user before doing anything with it.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class LangCb(CallbackData, prefix="lang"):
    code: str


class Role(StrEnum):
    SELLER = "s"
    CUSTOMER = "c"


class RoleCb(CallbackData, prefix="role"):
    role: Role


class Nav(StrEnum):
    BACK = "b"
    CANCEL = "c"
    SKIP = "s"
    MENU = "m"


class NavCb(CallbackData, prefix="nav"):
    """Back / Cancel / Skip inside a flow; ``step`` ties the button to the step that showed it."""

    action: Nav
    step: str


class PickCb(CallbackData, prefix="pk"):
    """A choice in a flow step: ``step`` is the state it answers, ``value`` what was chosen."""

    step: str
    value: str


class PageCb(CallbackData, prefix="pg"):
    """Paging inside a picker of a flow step."""

    step: str
    kind: str
    key: str
    page: int


class OrderFilter(StrEnum):
    ALL = "all"
    ACTIVE = "act"
    DELIVERED = "dlv"
    CANCELLED = "cnl"


class OrdersCb(CallbackData, prefix="ol"):
    kind: OrderFilter
    page: int


class OrderAction(StrEnum):
    OPEN = "o"
    REFRESH = "r"
    HISTORY = "h"
    EDIT = "e"
    CANCEL = "x"
    LABEL = "l"
    SHARE = "s"
    REPEAT = "n"
    PAY = "p"


class OrderCb(CallbackData, prefix="or"):
    action: OrderAction
    order_id: int


class EditFieldCb(CallbackData, prefix="ef"):
    order_id: int
    field: str


class CancelOrderCb(CallbackData, prefix="oc"):
    order_id: int
    confirm: bool


class SummaryAction(StrEnum):
    CONFIRM = "ok"
    RESEND = "resend"
    CHANGE = "change"
    SAVE = "save"
    FIELD = "field"


class SummaryCb(CallbackData, prefix="sm"):
    """Buttons of the new-order summary card: confirm, change a field, check an unsure create."""

    action: SummaryAction
    field: str = ""


class TrackCb(CallbackData, prefix="tr"):
    """Parcel card buttons: r = refresh, f = follow, u = unfollow. They carry the barcode (which
    the chat already knows), never our order id, so a forged button reveals nothing new."""

    action: str
    barcode: str


class SearchCb(CallbackData, prefix="os"):
    action: str


class SettingsCb(CallbackData, prefix="st"):
    """Settings: ``section`` (lang, book, notify, logout), an ``action`` and an optional id."""

    section: str
    action: str = ""
    item: int = 0


class PayCb(CallbackData, prefix="py"):
    """Payment link from an order card: ``action`` order / manual / ttl, ``ttl`` an index of TTL_CHOICES."""

    action: str
    order_id: int
    ttl: int = -1
    mode: str = ""
