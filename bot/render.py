"""Text rendering shared by handlers (everything goes through ``l10n``; user text is escaped)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from html import escape

from bot.i18n import Localizer
from services.branches import BranchDirectory
from services.catalog import package_key, post_type_key
from services.drafts import OrderDraft, Party
from services.orders import EventView, OrderView

TELEGRAM_LIMIT = 4096


def q(text: object) -> str:
    """User or upstream text, escaped for HTML parse mode."""
    return escape("" if text is None else str(text), quote=False)


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
    """Keep a message under Telegram's limit, cutting at a line break when possible."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - 2)
    return text[: cut if cut > limit // 2 else limit - 2] + "\n…"


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


def _party_lines(l10n: Localizer, party: Party, *, branch: bool) -> list[str]:
    lines = [
        f"{q(party.name or '—')}, {q(l10n.phone(party.phone))}"
        + (f", {q(l10n.phone(party.phone2))}" if party.phone2 else "")
    ]
    place = l10n.place(party.city_name)
    if branch and party.branch_name:
        lines.append(l10n("summary-branch", city=q(place), branch=q(party.branch_name)))
    else:
        lines.append(l10n("summary-address", city=q(place), address=q(party.address or "—")))
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
    lines.extend(_party_lines(l10n, s, branch=False))
    lines.append(l10n("delivery-sender-courier" if draft.sender_delivery == 1 else "delivery-sender-office"))
    lines.append("")
    lines.append(l10n("summary-receiver"))
    lines.extend(_party_lines(l10n, r, branch=draft.receiver_delivery == 0))
    lines.append(
        l10n("delivery-receiver-courier" if draft.receiver_delivery == 1 else "delivery-receiver-branch")
    )
    lines.append("")
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
    for item in draft.items:
        cost = f" · {l10n.money(item.cost)}" if item.cost is not None else ""
        lines.append(f"  • {q(item.name)} × {item.count}{cost}")
    if draft.cod and draft.cod_amount is not None:
        lines.append(l10n("summary-cod", amount=l10n.money(draft.cod_amount)))
        for good in draft.cod_goods:
            lines.append(f"  • {q(good.name)} · {l10n.money(good.price)}")
    options = []
    if draft.take_photo:
        options.append(l10n("summary-photo"))
    if draft.return_waybill:
        options.append(l10n("summary-waybill"))
    if options:
        lines.append(", ".join(options))
    if draft.comment:
        lines.append(l10n("summary-comment", comment=q(draft.comment)))
    lines.append("")
    if price is not None:
        lines.append(l10n("summary-price", price=l10n.money(price)))
    else:
        lines.append(l10n("summary-price-unknown"))
        if price_error:
            lines.append(price_error)
    return clip("\n".join(lines))


def order_result_text(l10n: Localizer, order: OrderView) -> str:
    lines = [l10n("order-created", barcode=q(order.barcode or "—"))]
    lines.append(l10n("order-status-line", status=q(status_name(l10n, order.status_code))))
    if order.cost is not None:
        lines.append(l10n("order-cost-line", cost=l10n.money(order.cost)))
    if order.tracking_url:
        lines.append(l10n("track-link", url=q(order.tracking_url)))
    return "\n".join(lines)


def order_line(l10n: Localizer, order: OrderView) -> str:
    """One order in a list button: barcode · receiver · status."""
    if order.pending:
        return f"⏳ {order.receiver_name or '—'} · {l10n('order-pending-short')}"[:60]
    name = status_name(l10n, order.status_code)
    return f"{order.barcode or order.bts_order_id} · {order.receiver_name or '—'} · {name}"[:60]


def order_card_text(l10n: Localizer, order: OrderView) -> str:
    if order.pending:
        return l10n(
            "order-card-pending",
            receiver=q(order.receiver_name or "—"),
            created=l10n.datetime(order.created_at),
        )
    lines = [
        l10n("order-card-title", barcode=q(order.barcode or "—"), id=str(order.bts_order_id or "—")),
        l10n("order-status-line", status=q(status_name(l10n, order.status_code))),
        l10n(
            "order-card-receiver",
            name=q(order.receiver_name or "—"),
            phone=q(l10n.phone(order.receiver_phone)),
            city=q(l10n.place(order.receiver_city)),
        ),
    ]
    if order.cost is not None:
        lines.append(l10n("order-cost-line", cost=l10n.money(order.cost)))
    if order.cod_amount:
        lines.append(l10n("summary-cod", amount=l10n.money(order.cod_amount)))
    lines.append(l10n("order-card-created", created=l10n.datetime(order.created_at)))
    if order.status_changed_at:
        lines.append(l10n("order-card-changed", changed=l10n.datetime(order.status_changed_at)))
    if order.tracking_url:
        lines.append(l10n("track-link", url=q(order.tracking_url)))
    return clip("\n".join(lines))


def timeline_lines(l10n: Localizer, events: Iterable[EventView]) -> list[str]:
    """A parcel's history, oldest first: ``• 23.11.2026 14:05: Delivered — TASHKENT BTS``."""
    lines = []
    for event in sorted(events, key=lambda e: e.occurred_at):
        where = f" — {q(event.location)}" if event.location else ""
        name = status_name(l10n, event.status_code, fallback=event.message)
        lines.append(f"• {l10n.datetime(event.occurred_at)}: {q(name)}{where}")
    return lines
