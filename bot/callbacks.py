"""Callback data factories. Every value fits Telegram's 64 bytes (checked in tests).

Callbacks that name an order carry our local order id (an integer); handlers always re-check
that the order belongs to the pressing user before doing anything with it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from services.parsing import MAX_ID

# An id of ours in callback data: a forged 20-digit number fails the filter, never reaches SQL.
Id = Annotated[int, Field(ge=0, le=MAX_ID)]
Page = Annotated[int, Field(ge=0, le=10_000)]


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


class PageKind(StrEnum):
    CITIES = "c"
    BRANCHES = "b"


class PageCb(CallbackData, prefix="pg"):
    """Paging inside a picker of a flow step."""

    step: str
    kind: PageKind
    key: str
    page: Page


class OrderFilter(StrEnum):
    ALL = "all"
    ACTIVE = "act"
    DELIVERED = "dlv"
    CANCELLED = "cnl"


class OrdersCb(CallbackData, prefix="ol"):
    kind: OrderFilter
    page: Page


class OrderLabelsCb(CallbackData, prefix="ll"):
    """ "Labels (one PDF)" under a filtered or searched order list: ``kind`` is the filter, ``query``
    a short tag of the search it was shown for (a button of another search is stale)."""

    kind: OrderFilter
    query: str = ""


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
    order_id: Id


class CancelOrderCb(CallbackData, prefix="oc"):
    order_id: Id
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


class TrackAction(StrEnum):
    REFRESH = "r"
    FOLLOW = "f"
    UNFOLLOW = "u"


class TrackCb(CallbackData, prefix="tr"):
    """Parcel card buttons: r = refresh, f = follow, u = unfollow. They carry the barcode (which
    the chat already knows), never our order id, so a forged button reveals nothing new."""

    action: TrackAction
    barcode: str


class SearchAction(StrEnum):
    START = "start"


class SearchCb(CallbackData, prefix="os"):
    action: SearchAction


class Section(StrEnum):
    LANGUAGE = "lang"
    BOOK = "book"
    CONTACT = "contact"
    NOTIFY = "notify"
    LOGOUT = "logout"
    YANDEX_PAY = "ypay"
    BACK = "back"


class SettingsAction(StrEnum):
    NONE = ""
    SENDERS = "s"
    RECIPIENTS = "r"
    RENAME = "ren"
    DEFAULT = "def"
    DELETE = "del"
    MUTE = "mute"
    QUIET = "quiet"
    STALLED = "stall"
    FINAL = "final"
    YES = "yes"
    SET = "set"


class SettingsCb(CallbackData, prefix="st"):
    """Settings: ``section`` (lang, book, notify, logout), an ``action`` and an optional id."""

    section: Section
    action: SettingsAction = SettingsAction.NONE
    item: Id = 0


class PayAction(StrEnum):
    ORDER = "order"
    MANUAL = "manual"
    TTL = "ttl"


class PayMode(StrEnum):
    NONE = ""
    ORDER = "o"
    MANUAL = "m"


class PayCb(CallbackData, prefix="py"):
    """Payment link from an order card: ``action`` order / manual / ttl, ``ttl`` an index of TTL_CHOICES."""

    action: PayAction
    order_id: Id
    ttl: Annotated[int, Field(ge=-1, le=100)] = -1
    mode: PayMode = PayMode.NONE


class BusyCb(CallbackData, prefix="bz"):
    """The busy seller's tools: ``action`` (see ``bot/handlers/busy_*.py``), up to two short
    arguments and a number (an import or manifest id: re-checked against the presser)."""

    action: str
    a: str = ""
    b: str = ""
    n: int = 0


class AllowAction(StrEnum):
    SHOW = "show"
    ON = "on"
    OFF = "off"
    ADD = "add"
    REMOVE = "rm"  # the list of entries to remove, page ``page``
    DROP = "drop"  # remove entry ``item``
    CONTACT = "contact"


class AllowCb(CallbackData, prefix="alw"):
    """The operator's allow-list of sellers (``ADMIN_IDS`` only; re-checked by the router's filter)."""

    action: AllowAction
    item: Id = 0
    page: Page = 0
