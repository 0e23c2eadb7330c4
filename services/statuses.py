"""The one table of BTS order statuses: local (seed 001), international (seed 001) and the
string codes of the v1 edit answer (seed 000).

Each status has a locale key (``status-local-6``, ``status-intl-500``; the texts live in
``locales/*/`` under those keys), a category, whether it is final (no further change expected:
stop polling) and whether it passes the "only delivered or returned" notification filter.

Readings (api-notes: "Terminal: delivered, rejected/cancelled, returned-and-closed"):

* local 0 "Rad etilgan" is also what ``order/cancel`` answers ("Bekor qilingan buyurtma"):
  cancelled, final;
* local 7 "Qaytarish" is the return under way, not its end: category returned, not final. No
  code in the documents means "returned to the sender and closed"; if BTS reports one, it
  arrives as an unknown code and is shown by its upstream text;
* international 130 "Bojxona tomonidan bekor qilindi" (cancelled by customs): cancelled, final;
  500 delivered: final;
* an unknown code is never an error: it gets the ``status-local-unknown`` /
  ``status-intl-unknown`` entry (not final, category unknown), keeping the code it came with.

The v1 edit answer carries ``"status": {"code": "0101", "info": "У отправителя (У ОТПРАВИТЕЛЯ)"}``.
Its only documented pair is "0101" = "with the sender" = local 1; the numbering scheme behind it
is not documented. ``from_v1`` therefore reads, in order: the known codes table, a plain local
number ("6"), then the ``info`` text against the names BTS uses (Uzbek and Russian), and
otherwise answers unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from types import MappingProxyType

from services.common.digits import is_digits
from services.translit import fold


class StatusKind(StrEnum):
    LOCAL = "local"
    INTERNATIONAL = "intl"


class StatusCategory(StrEnum):
    ACTIVE = "active"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURNED = "returned"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class StatusInfo:
    kind: StatusKind
    code: int | None  # the numeric code; None for an unknown non-numeric code
    key: str  # locale message key
    category: StatusCategory
    is_final: bool
    delivered_or_returned: bool  # passes the "mute everything but delivered/returned" filter
    upstream_name: str  # the name in the BTS document (Uzbek), for logs and as a fallback text
    raw: str | None = None  # the code as received, for unknown entries

    @property
    def known(self) -> bool:
        return self.category is not StatusCategory.UNKNOWN


def _entry(
    kind: StatusKind, code: int, category: StatusCategory, upstream_name: str, *, final: bool = False
) -> StatusInfo:
    return StatusInfo(
        kind=kind,
        code=code,
        key=f"status-{kind.value}-{code}",
        category=category,
        is_final=final,
        delivered_or_returned=category in (StatusCategory.DELIVERED, StatusCategory.RETURNED),
        upstream_name=upstream_name,
    )


_L, _I = StatusKind.LOCAL, StatusKind.INTERNATIONAL
_ACTIVE, _DELIVERED = StatusCategory.ACTIVE, StatusCategory.DELIVERED
_CANCELLED, _RETURNED = StatusCategory.CANCELLED, StatusCategory.RETURNED

LOCAL_STATUSES: Mapping[int, StatusInfo] = MappingProxyType(
    {
        s.code: s
        for s in (
            _entry(_L, 0, _CANCELLED, "Rad etilgan", final=True),
            _entry(_L, 1, _ACTIVE, "Yuboruvchida"),
            _entry(_L, 2, _ACTIVE, "Kuryer buyurtmani qabul qildi"),
            _entry(_L, 3, _ACTIVE, "Jo'natuvchining ofisida"),
            _entry(_L, 4, _ACTIVE, "Yetkazish ofisida"),
            _entry(_L, 5, _ACTIVE, "Kuryer yetkazmoqda"),
            _entry(_L, 6, _DELIVERED, "Yetkazib berilgan", final=True),
            _entry(_L, 7, _RETURNED, "Qaytarish"),
            _entry(_L, 8, _ACTIVE, "Tranzit ofisda"),
            _entry(_L, 10, _ACTIVE, "Saralash markazida"),
            _entry(_L, 31, _ACTIVE, "Omborda"),
            _entry(_L, 32, _ACTIVE, "Qopda"),
            _entry(_L, 33, _ACTIVE, "Transportda"),
            _entry(_L, 34, _ACTIVE, "RC kuryerka"),
        )
        if s.code is not None
    }
)

INTERNATIONAL_STATUSES: Mapping[int, StatusInfo] = MappingProxyType(
    {
        s.code: s
        for s in (
            _entry(_I, 100, _ACTIVE, "Yuboruvchida"),
            _entry(_I, 110, _ACTIVE, "Bojxonaga kirdi"),
            _entry(_I, 120, _ACTIVE, "Bojxonadan chiqdi"),
            _entry(_I, 130, _CANCELLED, "Bojxona tomonidan bekor qilindi", final=True),
            _entry(_I, 200, _ACTIVE, "Saralash markazida"),
            _entry(_I, 300, _ACTIVE, "Qabul qiluvchi ofisida"),
            _entry(_I, 400, _ACTIVE, "Kuryer yetkazmoqda"),
            _entry(_I, 500, _DELIVERED, "Yetkazib berildi", final=True),
        )
        if s.code is not None
    }
)

_UNKNOWN = {
    kind: StatusInfo(
        kind=kind,
        code=None,
        key=f"status-{kind.value}-unknown",
        category=StatusCategory.UNKNOWN,
        is_final=False,
        delivered_or_returned=False,
        upstream_name="",
    )
    for kind in StatusKind
}

FINAL_LOCAL_CODES: frozenset[int] = frozenset(c for c, s in LOCAL_STATUSES.items() if s.is_final)
FINAL_INTERNATIONAL_CODES: frozenset[int] = frozenset(
    c for c, s in INTERNATIONAL_STATUSES.items() if s.is_final
)

# v1 (seed 000) string codes with a documented meaning.
V1_CODES: Mapping[str, int] = MappingProxyType({"0101": 1})

# Texts BTS puts in ``status.info`` / ``status.name`` / history messages, per local code: the
# seed names, the other wordings seen in the documents ("Mijozda" in order detail, "new" in
# track, "Bekor qilingan buyurtma" in cancel, "У отправителя" in v1 edit) and Russian ones.
_LOCAL_ALIASES: Mapping[int, tuple[str, ...]] = MappingProxyType(
    {
        0: (
            "Rad etilgan",
            "Bekor qilingan",
            "Bekor qilindi",
            "Отменен",
            "Отменён",
            "Отклонен",
            "Отклонён",
            "Отказ",
            "Cancelled",
        ),
        1: ("Yuboruvchida", "Mijozda", "new", "У отправителя", "Новый"),
        2: ("Kuryer buyurtmani qabul qildi", "Курьер принял", "Курьер забрал"),
        3: ("Jo'natuvchining ofisida", "В офисе отправителя"),
        4: ("Yetkazish ofisida", "В офисе доставки", "В офисе получателя"),
        5: ("Kuryer yetkazmoqda", "Курьер доставляет", "У курьера на доставке"),
        6: ("Yetkazib berilgan", "Yetkazib berildi", "Доставлен", "Доставлено", "Delivered"),
        7: ("Qaytarish", "Qaytarilmoqda", "Возврат"),
        8: ("Tranzit ofisda", "Транзитном офисе", "В транзите"),
        10: ("Saralash markazida", "Сортировочном центре"),
        31: ("Omborda", "На складе"),
        32: ("Qopda", "В мешке"),
        33: ("Transportda", "В транспорте"),
        34: ("RC kuryerka", "Курьер РЦ"),
    }
)


def _unknown(kind: StatusKind, raw: object) -> StatusInfo:
    text = None if raw is None else str(raw)
    code: int | None = None
    if text is not None and is_digits(text.strip().lstrip("-")):
        code = int(text.strip())
    return replace(_UNKNOWN[kind], code=code, raw=text, upstream_name=text or "")


def _as_int(code: int | str | None) -> int | None:
    if isinstance(code, bool):
        return None
    if isinstance(code, int):
        return code
    if isinstance(code, str) and is_digits(code.strip()):
        return int(code.strip())
    return None


def local_status(code: int | str | None) -> StatusInfo:
    """The local status of ``code`` (``6``, ``"6"``); unknown codes give the unknown entry."""
    number = _as_int(code)
    found = LOCAL_STATUSES.get(number) if number is not None else None
    return found if found is not None else _unknown(StatusKind.LOCAL, code)


def international_status(code: int | str | None) -> StatusInfo:
    """The international status of ``code`` (``500``, ``"500"``); unknown → the unknown entry."""
    number = _as_int(code)
    found = INTERNATIONAL_STATUSES.get(number) if number is not None else None
    return found if found is not None else _unknown(StatusKind.INTERNATIONAL, code)


def local_status_by_text(text: str | None) -> StatusInfo | None:
    """The local status whose BTS wording appears in ``text`` (Uzbek or Russian), if any.

    The longest matching wording wins, whole words only; a Russian negation ("не доставлен")
    is not a match.
    """
    folded = f" {fold(text or '')} "
    if not folded.strip():
        return None
    best: tuple[int, int] | None = None  # (length, code)
    for code, aliases in _LOCAL_ALIASES.items():
        for alias in aliases:
            needle = fold(alias)
            if not needle or f" {needle} " not in folded or f" ne {needle} " in folded:
                continue  # absent, or negated in Russian ("не доставлен")
            if best is None or len(needle) > best[0]:
                best = (len(needle), code)
    return LOCAL_STATUSES[best[1]] if best is not None else None


def from_v1(code: str | int | None, info: str | None = None) -> StatusInfo:
    """The local status of a v1 edit answer's ``status`` (``{"code": "0101", "info": ...}``)."""
    text = None if code is None else str(code).strip()
    if text is not None and text in V1_CODES:
        return LOCAL_STATUSES[V1_CODES[text]]
    if text and is_digits(text) and len(text) <= 2 and int(text) in LOCAL_STATUSES:
        return LOCAL_STATUSES[int(text)]
    by_text = local_status_by_text(info)
    if by_text is not None:
        return by_text
    unknown = _unknown(StatusKind.LOCAL, text)
    return replace(unknown, code=None, upstream_name=info or text or "")


def all_statuses() -> list[StatusInfo]:
    """Every known status and the two unknown entries: the keys the locales must define."""
    return [*LOCAL_STATUSES.values(), *INTERNATIONAL_STATUSES.values(), *_UNKNOWN.values()]
