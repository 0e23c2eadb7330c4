"""Text rendering shared by handlers (everything goes through ``l10n``; user text is escaped)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from bot.i18n import Localizer
from bot.place_names import branch_text, city_text
from bot.text import TELEGRAM_LIMIT, clip_lines, quote
from services.branches import BranchDirectory
from services.catalog import package_key, post_type_key, unit_key
from services.common.errors import (
    AuthFailed,
    BadResponse,
    Forbidden,
    NotFound,
    RateLimited,
    Unavailable,
    UpstreamError,
    ValidationFailed,
)
from services.drafts import OrderDraft, Party
from services.errors import DomainError
from services.orders import EventView, OrderView
from services.payments import PARTIALLY_REFUNDED, PaymentView, money_held
from services.seller_access import SellerRefused

FIELD_LIMIT = 1000  # one user or upstream value inside a card


def q(text: object) -> str:
    """User or upstream text, escaped for HTML parse mode (a runaway value clipped)."""
    return quote(text, FIELD_LIMIT)


# The messages that name another upstream service than BTS's courier API (by ``exc.service``).
_SERVICE_KEYS: dict[str, dict[str, str]] = {
    "yandex_pay": {"auth": "ypay-key-refused", "unavailable": "ypay-unavailable"},
    "wms": {"auth": "ff-error-auth", "refused": "ff-error-refused", "unavailable": "ff-error-unavailable"},
}


def error_text(exc: BaseException, l10n: Localizer) -> str:
    """An upstream or domain error as the user reads it (the one place errors become words)."""
    if isinstance(exc, SellerRefused):
        return refusal_text(exc, l10n)
    if isinstance(exc, DomainError):
        return l10n(exc.key)
    if isinstance(exc, ValidationFailed) and exc.field_errors:
        return validation_text(l10n, exc.field_errors)
    if isinstance(exc, RateLimited):
        return l10n("error-rate-limited", seconds=math.ceil(exc.retry_after or 5))
    keys = _SERVICE_KEYS.get(exc.service, {}) if isinstance(exc, UpstreamError) else {}
    if isinstance(exc, AuthFailed):
        return l10n(keys.get("auth", "error-auth"))
    if isinstance(exc, Forbidden | ValidationFailed):
        return l10n(keys.get("refused", "error-forbidden"), reason=q(exc.message or "—"))
    if isinstance(exc, NotFound):
        return l10n("error-not-found")
    if isinstance(exc, BadResponse):
        return l10n("error-bad-response")
    if isinstance(exc, Unavailable | UpstreamError):
        return l10n(keys.get("unavailable", "error-unavailable"))
    return l10n("error-unknown")


def refusal_text(exc: SellerRefused, l10n: Localizer) -> str:
    """The allow-list's refusal: whom to ask (the operator's contact, else the administrator) and
    the Telegram id to send them (as text: no digit grouping)."""
    who = {
        "who": "contact" if exc.contact else "admin",
        "contact": q(exc.contact or ""),
        "id": str(exc.user_id),
    }
    if exc.logged_in and exc.login and exc.inn:
        return l10n("access-refused-seller", login=q(exc.login), inn=q(exc.inn), **who)
    return l10n("access-refused", **who)


def field_label(l10n: Localizer, field: str) -> str:
    """A BTS field name shown as the label of our step when we know it, else as is."""
    key = f"field-{field}"
    text = l10n(key)
    return field if text == key else text


def validation_text(l10n: Localizer, field_errors: Mapping[str, Sequence[str]]) -> str:
    lines = [l10n("error-validation")]
    for field, messages in field_errors.items():
        for message in messages or ("—",):
            lines.append(
                l10n("error-validation-field", field=q(field_label(l10n, field)), message=q(message))
            )
    return clip("\n".join(lines))


def clip(text: str, limit: int = TELEGRAM_LIMIT) -> str:
    """Keep a message under Telegram's limit (as Telegram counts), dropping whole lines."""
    return clip_lines(text.split("\n"), limit)


def status_name(
    l10n: Localizer, code: int | None, *, international: bool = False, fallback: str | None = None
) -> str:
    """The localized name of a BTS status (one table: ``services.statuses``)."""
    from services import statuses

    if code is None:
        return fallback or l10n("status-unknown")
    info = statuses.international_status(code) if international else statuses.local_status(code)
    if info.category is not statuses.StatusCategory.UNKNOWN:
        return l10n(info.key)
    return fallback or l10n("status-unknown")


def _party_lines(
    l10n: Localizer, party: Party, directory: BranchDirectory | None, *, branch: bool
) -> list[str]:
    """Name and phones, then the place: its city or district (and region) by id, then the branch
    (a receiver who collects there) or the address."""
    lines = [
        f"{q(party.name or '—')}, {q(l10n.phone(party.phone))}"
        + (f", {q(l10n.phone(party.phone2))}" if party.phone2 else "")
    ]
    place = city_text(l10n, directory, party.city_id, party.city_name)
    branch_name = branch_text(directory, party.branch_id, party.branch_name) if branch else None
    if branch_name:
        lines.append(l10n("summary-branch", city=q(place), branch=q(branch_name)))
    else:
        lines.append(l10n("summary-address", city=q(place), address=q(party.address or "—")))
    return lines


def _good_line(l10n: Localizer, name: str, amount: int, units: str | None, price: Decimal | None) -> str:
    args = {"name": q(name), "amount": amount, "unit": unit_label(l10n, units, amount)}
    if price is None:
        return l10n("summary-good", **args)
    return l10n("summary-good-priced", **args, price=l10n.money(price))


def goods_lines(l10n: Localizer, draft: OrderDraft) -> list[str]:
    """One goods section: the parcel's items and the goods on the electronic receipt (🧾), each
    with its unit; an item that is also on the receipt is listed once, as the receipt has it."""
    on_receipt = {good.name.casefold() for good in draft.cod_goods} if draft.cod else set()
    lines = [
        _good_line(l10n, item.name, item.count, None, item.cost)
        for item in draft.items
        if item.name.casefold() not in on_receipt
    ]
    if draft.cod:
        lines.extend(
            l10n("summary-good-on-receipt", good=_good_line(l10n, g.name, g.amount, g.units, g.price))
            for g in draft.cod_goods
        )
    return [l10n("summary-goods"), *lines] if lines else []


def cod_lines(l10n: Localizer, draft: OrderDraft) -> list[str]:
    """Cash on delivery, and a warning when the receipt's goods come to another sum."""
    if not draft.cod or draft.cod_amount is None:
        return []
    lines = [l10n("summary-cod", amount=l10n.money(draft.cod_amount))]
    total = draft.receipt_total
    if draft.receipt_mismatch and total is not None:
        lines.append(l10n("summary-cod-mismatch", cod=l10n.money(draft.cod_amount), goods=l10n.money(total)))
    return lines


def unit_label(l10n: Localizer, units: str | None, count: int = 1) -> str:
    """A unit of measure as the reader writes it (``dona`` → ``шт.``), after ``count`` of it
    (``1 pc``, ``2 pcs``); one we don't know as BTS wrote it; none: ``dona``, the document's
    default."""
    key = unit_key(units or "dona")
    return l10n(key, count=count) if key else q(units or "")


def _cargo_lines(l10n: Localizer, draft: OrderDraft) -> list[str]:
    """The parcel, its items and the cash to collect with the goods it is for."""
    lines: list[str] = []
    package = package_key(draft.package_id)
    content = post_type_key(draft.post_type_id)
    lines.append(
        l10n(
            "summary-cargo",
            weight=l10n.weight(draft.weight),
            pieces=draft.pieces,
            package=l10n(package) if package else "—",
            content=l10n(content) if content else "—",
        )
    )
    if draft.volume is not None:
        lines.append(l10n("summary-volume", volume=l10n.number(draft.volume)))
    lines.extend(goods_lines(l10n, draft))
    lines.extend(cod_lines(l10n, draft))
    return lines


def summary_text(
    l10n: Localizer,
    draft: OrderDraft,
    directory: BranchDirectory | None = None,
    *,
    price: Decimal | None,
    price_error: str | None = None,
    title_key: str = "summary-title",
) -> str:
    s, r = draft.sender, draft.receiver
    lines = [l10n(title_key), ""]
    lines.append(l10n("summary-sender"))
    lines.extend(_party_lines(l10n, s, directory, branch=False))
    lines.append(l10n("delivery-sender-courier" if draft.sender_delivery == 1 else "delivery-sender-office"))
    if draft.pickup_date is not None:
        lines.append(l10n("summary-pickup-date", date=l10n.day(draft.pickup_date)))
    lines.append("")
    lines.append(l10n("summary-receiver"))
    lines.extend(_party_lines(l10n, r, directory, branch=draft.receiver_delivery == 0))
    lines.append(
        l10n("delivery-receiver-courier" if draft.receiver_delivery == 1 else "delivery-receiver-branch")
    )
    lines.append("")
    lines.extend(_cargo_lines(l10n, draft))
    options = []
    if draft.take_photo:
        options.append(l10n("summary-photo"))
    if draft.return_waybill:
        options.append(l10n("summary-waybill"))
    if options:
        lines.append(", ".join(options))
    if draft.comment:
        lines.append(l10n("summary-comment", comment=q(draft.comment)))
    # The price (or why there is none) is never clipped: the seller confirms what they see.
    tail = ["", l10n("summary-price", price=l10n.money(price))] if price is not None else []
    if price is None:
        tail = ["", l10n("summary-price-unknown"), *([price_error] if price_error else [])]
    return clip_lines([*lines, *tail], keep_tail=len(tail))


def order_result_text(l10n: Localizer, order: OrderView) -> str:
    lines = [l10n("order-created", barcode=q(order.barcode or "—"))]
    lines.append(
        l10n(
            "order-status-line",
            status=q(status_name(l10n, order.status_code, international=order.international)),
        )
    )
    if order.cost is not None:
        lines.append(l10n("order-cost-line", cost=l10n.money(order.cost)))
    if order.tracking_url:
        lines.append(l10n("track-link", url=q(order.tracking_url)))
    return "\n".join(lines)


def order_line(l10n: Localizer, order: OrderView) -> str:
    """One order in a list button: barcode · receiver · status."""
    if order.pending:
        return f"⏳ {order.receiver_name or '—'} · {l10n('order-pending-short')}"[:60]
    name = status_name(l10n, order.status_code, international=order.international)
    if order.awaiting_barcode:  # no BTS barcode yet: the seller knows it by its parcel number
        return f"⏳ {order.parcel_number or '—'} · {order.receiver_name or '—'} · {name}"[:60]
    return f"{order.barcode or order.bts_order_id} · {order.receiver_name or '—'} · {name}"[:60]


CARD_PAYMENTS = 3  # the newest payment attempts shown on an order card


def payment_status_text(l10n: Localizer, payment: PaymentView) -> str:
    """``Payment of 130 000 UZS: ✅ paid`` (a partial refund names the money given back)."""
    outcome = payment.outcome
    if payment.status == PARTIALLY_REFUNDED and payment.refunded is not None:
        status = l10n("payment-outcome-partially-refunded", refunded=l10n.money(payment.refunded))
    elif outcome is not None:
        status = l10n(f"payment-outcome-{outcome.value}")
    else:
        status = l10n("payment-status-pending")
    return l10n("payment-status", amount=l10n.money(payment.amount), status=status)


def sticker_lines(l10n: Localizer, order: OrderView) -> list[str]:
    """What BTS prints on the label for sorting (seed 000's ``stickerData``) and each piece's
    own barcode (``cargo.postTypes[].barcode``), when an answer gave them."""
    lines: list[str] = []
    sticker = order.sticker
    if sticker is not None:
        parts = [p for p in (sticker.hub_name, sticker.city_name, sticker.branch_text) if p]
        if parts:
            lines.append(l10n("order-sticker", route=q(" · ".join(" ".join(p.split()) for p in parts))))
        if sticker.zona_id is not None:
            lines.append(l10n("order-sticker-zone", zone=str(sticker.zona_id)))
    pieces = order.piece_barcodes
    if pieces:
        lines.append(l10n("order-piece-barcodes", count=len(pieces), barcodes=q(", ".join(pieces))))
    return lines


def label_caption(l10n: Localizer, order: OrderView) -> str:
    """The caption of the label file: the label's sorting data, the pieces, the public tracking."""
    lines = [l10n("order-label-caption"), *sticker_lines(l10n, order)]
    if order.tracking_url:
        lines.append(l10n("track-link", url=q(order.tracking_url)))
    return clip("\n".join(lines), limit=1024)


def order_weight(order: OrderView) -> Decimal | None:
    """The parcel's weight as sent (the stored draft), else as BTS answered it."""
    snapshot = order.snapshot or {}
    for source in (snapshot.get("draft"), snapshot.get("order"), (snapshot.get("order") or {}).get("cargo")):
        value = source.get("weight") if isinstance(source, dict) else None
        if value not in (None, ""):
            try:
                return Decimal(str(value))
            except ArithmeticError:
                continue
    return None


def card_title_lines(l10n: Localizer, order: OrderView) -> list[str]:
    """An order's title; an international parcel's is its number and its BTS barcode (or that it
    waits for one: the create answer carries none), never our own key for it."""
    if not order.international:
        return [l10n("order-card-title", barcode=q(order.barcode or "—"), id=str(order.bts_order_id or "—"))]
    title = l10n("order-card-intl-title", number=q(order.parcel_number or order.barcode or "—"))
    if order.barcode:
        return [title, l10n("order-card-barcode", barcode=q(order.barcode))]
    return [title, l10n("order-card-awaiting-barcode")]


def order_card_text(
    l10n: Localizer,
    order: OrderView,
    payments: Sequence[PaymentView] = (),
    directory: BranchDirectory | None = None,
) -> str:
    """The order card; places named by id through ``directory`` (the receiver's city and, when
    they collect it there, the branch); a cancelled order still holding a payment says so."""
    if order.pending:
        return l10n(
            "order-card-pending",
            receiver=q(order.receiver_name or "—"),
            created=l10n.datetime(order.created_at),
        )
    place = order.receiver_place
    lines = [
        *card_title_lines(l10n, order),
        l10n(
            "order-status-line",
            status=q(status_name(l10n, order.status_code, international=order.international)),
        ),
        l10n(
            "order-card-receiver",
            name=q(order.receiver_name or "—"),
            phone=q(l10n.phone(order.receiver_phone)),
            city=q(city_text(l10n, directory, place.city_id, order.receiver_city)),
        ),
    ]
    branch = branch_text(directory, place.branch_id, place.branch_name) if place.at_branch else None
    if branch:
        lines.append(l10n("order-card-branch", branch=q(branch)))
    weight = order_weight(order)
    if weight is not None:
        lines.append(l10n("order-card-weight", weight=l10n.weight(weight)))
    if order.cost is not None:
        lines.append(l10n("order-cost-line", cost=l10n.money(order.cost)))
    if order.cod_amount:
        lines.append(l10n("summary-cod", amount=l10n.money(order.cod_amount)))
    lines.append(l10n("order-card-created", created=l10n.datetime(order.created_at)))
    if order.status_changed_at:
        lines.append(l10n("order-card-changed", changed=l10n.datetime(order.status_changed_at)))
    lines.extend(payment_status_text(l10n, payment) for payment in payments[:CARD_PAYMENTS])
    lines.extend(refund_due_lines(l10n, order, payments))
    lines.extend(sticker_lines(l10n, order))
    if order.tracking_url:
        lines.append(l10n("track-link", url=q(order.tracking_url)))
    return clip("\n".join(lines))


def refund_due_lines(l10n: Localizer, order: OrderView, payments: Sequence[PaymentView]) -> list[str]:
    """A cancelled order whose payment was taken: the money is to be given back (in Yandex Pay's
    console: our documents give no refund route)."""
    held = money_held(payments)
    if not order.cancelled or held <= 0:
        return []
    return [l10n("order-card-refund-due", amount=l10n.money(held))]


def timeline_lines(l10n: Localizer, events: Iterable[EventView]) -> list[str]:
    """A parcel's history, oldest first: ``• 23.11.2026 14:05: Delivered — TASHKENT BTS``."""
    lines = []
    for event in sorted(events, key=lambda e: e.occurred_at):
        where = f" — {q(event.location)}" if event.location else ""
        name = status_name(l10n, event.status_code, fallback=event.message)
        lines.append(f"• {l10n.datetime(event.occurred_at)}: {q(name)}{where}")
    return lines
