"""The fulfillment conversations, as step tables (see ``engine``): register a product, register a
supplier, announce a delivery to the warehouse, create a fulfillment order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import Message

from bot.conversations.fulfillment.cards import order_card
from bot.conversations.fulfillment.engine import SUMMARY, Ctx, Flow, Invalid, ShowChoices, Step, register
from bot.render import q
from services.branches import BranchDirectory
from services.common.phones import normalize_phone
from services.fulfillment.catalog import CatalogService, ProductDraft, PurveyorDraft, ReceivingDraft
from services.fulfillment.orders import FulfillmentOrderService, OrderDraft, OrderLine
from services.parsing import InvalidInput, Range, parse_decimal, parse_int, refuse_controls

TASHKENT = ZoneInfo("Asia/Tashkent")
PAGE = 8


def utf16_len(text: str) -> int:
    """Lengths as Telegram counts them."""
    return len(text.encode("utf-16-le")) // 2


# --- parsers ------------------------------------------------------------------------------------


def text_parser(limit: int) -> Any:
    async def parse(text: str, ctx: Ctx) -> str:
        if not text:
            raise Invalid("ff-invalid-empty")
        try:
            refuse_controls(text, "text")
        except InvalidInput as exc:
            raise Invalid("ff-invalid-empty") from exc
        if utf16_len(text) > limit:
            raise Invalid("ff-invalid-long", limit=limit)
        return text

    return parse


def code_parser(limit: int) -> Any:
    async def parse(text: str, ctx: Ctx) -> str:
        if not text or utf16_len(text) > limit or any(ch.isspace() for ch in text):
            raise Invalid("ff-invalid-code", limit=limit)
        return text

    return parse


async def parse_phone(text: str, ctx: Ctx) -> str:
    try:
        return normalize_phone(text)
    except ValueError as exc:
        raise Invalid("ff-invalid-phone") from exc


async def parse_inn(text: str, ctx: Ctx) -> str:
    digits = text.replace(" ", "")
    if not (digits.isdigit() and len(digits) == 9):
        raise Invalid("ff-invalid-inn")
    return digits


async def parse_gtin(text: str, ctx: Ctx) -> str:
    digits = text.replace(" ", "")
    if not (digits.isdigit() and 8 <= len(digits) <= 14):
        raise Invalid("ff-invalid-gtin")
    return digits


async def parse_zip(text: str, ctx: Ctx) -> str:
    if not (text.isdigit() and len(text) == 6):
        raise Invalid("ff-invalid-zip")
    return text


def number_parser(low: str, high: str, places: int) -> Any:
    async def parse(text: str, ctx: Ctx) -> str:
        try:
            return str(parse_decimal(text, Range(Decimal(low), Decimal(high), places), "number"))
        except InvalidInput as exc:
            raise Invalid("ff-invalid-number", low=low, high=high) from exc

    return parse


def count_parser(high: int) -> Any:
    async def parse(text: str, ctx: Ctx) -> int:
        try:
            return parse_int(text.replace(" ", ""), (1, high), "count")
        except InvalidInput as exc:
            raise Invalid("ff-invalid-count", high=high) from exc

    return parse


def _today() -> date:
    return datetime.now(TASHKENT).date()


async def parse_date(text: str, ctx: Ctx) -> str:
    for pattern in ("%d.%m.%Y", "%d.%m.%y", "%d.%m"):
        try:
            parsed = datetime.strptime(text.replace("/", ".").replace("-", "."), pattern)
        except ValueError:
            continue
        day = parsed.date().replace(year=_today().year) if pattern == "%d.%m" else parsed.date()
        if abs((day - _today()).days) > 366:
            break
        return day.isoformat()
    raise Invalid("ff-invalid-date")


async def pick_date(value: str, ctx: Ctx) -> str:
    return (_today() + timedelta(days=int(value))).isoformat()


async def date_choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
    return [(ctx.l10n("ff-day-today"), "0"), (ctx.l10n("ff-day-tomorrow"), "1")]


async def parse_moment(text: str, ctx: Ctx) -> str:
    """``25.12 14:00`` / ``25.12.2026 14:00`` in Tashkent time, in the future."""
    parts = text.split()
    if len(parts) != 2:
        raise Invalid("ff-invalid-moment")
    day = await parse_date(parts[0], ctx)
    try:
        clock = datetime.strptime(parts[1].replace(".", ":"), "%H:%M").time()
    except ValueError as exc:
        raise Invalid("ff-invalid-moment") from exc
    moment = datetime.combine(date.fromisoformat(day), clock, TASHKENT)
    if moment <= datetime.now(TASHKENT):
        raise Invalid("ff-invalid-past")
    return moment.isoformat()


async def moment_choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
    return [
        (ctx.l10n("ff-when-tomorrow", hour="10:00"), "1-10"),
        (ctx.l10n("ff-when-tomorrow", hour="15:00"), "1-15"),
        (ctx.l10n("ff-when-after-tomorrow", hour="10:00"), "2-10"),
    ]


async def pick_moment(value: str, ctx: Ctx) -> str:
    days, hour = (int(part) for part in value.split("-"))
    moment = datetime.combine(_today() + timedelta(days=days), time(hour), TASHKENT)
    return moment.isoformat()


def fixed_choices(*pairs: tuple[str, str]) -> Any:
    async def choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
        return [(ctx.l10n(key), value) for key, value in pairs]

    return choices


# --- products and purveyors as choices -----------------------------------------------------------


def _catalog(ctx: Ctx) -> CatalogService:
    catalog: CatalogService = ctx.service("ff_catalog")
    return catalog


async def product_choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
    page = await _catalog(ctx).products(ctx.user_id, limit=PAGE)
    return [(f"{p.name or '—'} · {p.code or p.id}", str(p.id)) for p in page.items]


async def parse_product(text: str, ctx: Ctx) -> dict[str, Any]:
    page = await _catalog(ctx).products(ctx.user_id, text, limit=PAGE)
    if page.total == 1:
        found = page.items[0]
        return {"product_id": found.id, "name": found.name or found.code or str(found.id)}
    if not page.items:
        raise Invalid("ff-product-not-found", query=text)
    raise ShowChoices(
        "ff-found-several", [(f"{p.name or '—'} · {p.code or p.id}", str(p.id)) for p in page.items]
    )


async def pick_product(value: str, ctx: Ctx) -> dict[str, Any]:
    product = await _catalog(ctx).product(ctx.user_id, int(value))
    if product is None:
        raise Invalid("ff-product-gone")
    return {"product_id": product.id, "name": product.name or product.code or str(product.id)}


async def purveyor_choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
    page = await _catalog(ctx).purveyors(ctx.user_id, limit=PAGE)
    return [(p.name or p.code or str(p.id), str(p.id)) for p in page.items]


async def parse_purveyor(text: str, ctx: Ctx) -> str:
    page = await _catalog(ctx).purveyors(ctx.user_id, text, limit=PAGE)
    if page.total == 1:
        return page.items[0].name or text
    if not page.items:
        raise Invalid("ff-purveyor-not-found", query=text)
    raise ShowChoices("ff-found-several", [(p.name or str(p.id), str(p.id)) for p in page.items])


async def pick_purveyor(value: str, ctx: Ctx) -> str:
    purveyor = await _catalog(ctx).purveyor(ctx.user_id, int(value))
    if purveyor is None:
        raise Invalid("ff-purveyor-gone")
    return purveyor.name or purveyor.code or str(purveyor.id)


async def pick_product_name(value: str, ctx: Ctx) -> str:
    return str((await pick_product(value, ctx))["name"])


async def parse_nomenclature(text: str, ctx: Ctx) -> str:
    return await text_parser(255)(text, ctx)  # type: ignore[no-any-return]


# --- places (the courier flows' geography: chosen, not typed blind) ------------------------------


def _branches(ctx: Ctx) -> BranchDirectory:
    branches: BranchDirectory = ctx.service("branches")
    return branches


async def region_choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
    await _branches(ctx).ensure_fresh(ctx.user_id)  # the courier flows' directory, loaded once a day
    return [(region.name, str(region.id)) for region in _branches(ctx).regions()]


async def parse_region(text: str, ctx: Ctx) -> dict[str, Any]:
    regions = _branches(ctx).regions()
    folded = text.casefold()
    found = [r for r in regions if folded in r.name.casefold()]
    if len(found) == 1:
        return {"region": found[0].name, "region_id": found[0].id}
    if found:
        raise ShowChoices("ff-found-several", [(r.name, str(r.id)) for r in found])
    raise Invalid("ff-region-unknown")


async def pick_region(value: str, ctx: Ctx) -> dict[str, Any]:
    region = _branches(ctx).region(int(value))
    if region is None:
        raise Invalid("ff-region-unknown")
    return {"region": region.name, "region_id": region.id}


def store_region(draft: dict[str, Any], value: dict[str, Any]) -> None:
    if draft.get("region_id") != value["region_id"]:
        draft["city"] = None
    draft.update(value)


async def city_choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
    region_id = ctx.draft.get("region_id")
    cities = _branches(ctx).cities(int(region_id)) if region_id else []
    return [(city.name, str(city.id)) for city in cities[:24]]


async def parse_city(text: str, ctx: Ctx) -> str:
    region_id = ctx.draft.get("region_id")
    found = [c for c in _branches(ctx).search_cities(text) if region_id is None or c.region_id == region_id]
    if len(found) == 1:
        return found[0].name
    if found:
        raise ShowChoices("ff-found-several", [(c.name, str(c.id)) for c in found])
    raise Invalid("ff-city-unknown")


async def pick_city(value: str, ctx: Ctx) -> str:
    city = _branches(ctx).city(int(value))
    if city is None:
        raise Invalid("ff-city-unknown")
    return city.name


# --- product registration -------------------------------------------------------------------------


async def product_summary(ctx: Ctx) -> str:
    d, l10n = ctx.draft, ctx.l10n
    return l10n(
        "ff-product-summary",
        name=q(d.get("name")),
        code=q(d.get("code")),
        gtin=q(d.get("gtin")),
        group=q(d.get("group") or "—"),
        unit=q(d.get("unit")),
        weight=l10n.weight(d.get("weight")),
        volume=q(d.get("volume") or "—"),
        temperature=l10n(f"ff-temp-{d.get('temperature_mode') or 'normal'}"),
    )


async def register_product(message: Message, ctx: Ctx) -> None:
    draft = ProductDraft.model_validate(ctx.draft)
    created = await _catalog(ctx).register_product(ctx.user_id, draft)
    await message.answer(ctx.l10n("ff-product-registered", name=q(created.name), id=created.id))


PRODUCT = register(
    Flow(
        name="pr",
        title="ff-product-new",
        summary=product_summary,
        finish=register_product,
        steps=(
            Step("name", "ff-ask-product-name", parse=text_parser(255)),
            Step("code", "ff-ask-product-code", parse=code_parser(64)),
            Step("gtin", "ff-ask-product-gtin", parse=parse_gtin),
            Step("group", "ff-ask-product-group", parse=text_parser(64), optional=True),
            Step(
                "unit",
                "ff-ask-product-unit",
                parse=text_parser(16),
                choices=fixed_choices(
                    ("ff-unit-piece", "dona"),
                    ("ff-unit-kg", "kg"),
                    ("ff-unit-litre", "litr"),
                    ("ff-unit-box", "quti"),
                ),
                columns=4,
            ),
            Step("weight", "ff-ask-product-weight", parse=number_parser("0.001", "10000", 3)),
            Step(
                "volume", "ff-ask-product-volume", parse=number_parser("0.000001", "1000", 6), optional=True
            ),
            Step(
                "temperature_mode",
                "ff-ask-product-temperature",
                choices=fixed_choices(
                    ("ff-temp-normal", "normal"), ("ff-temp-cold", "cold"), ("ff-temp-frozen", "frozen")
                ),
                columns=3,
            ),
        ),
    )
)


# --- purveyor registration ------------------------------------------------------------------------


async def purveyor_summary(ctx: Ctx) -> str:
    d = ctx.draft
    return ctx.l10n(
        "ff-purveyor-summary",
        name=q(d.get("name")),
        full_name=q(d.get("full_name") or d.get("name")),
        code=q(d.get("code")),
        inn=q(d.get("inn") or "—"),
        contact=q(d.get("contact_info") or "—"),
    )


async def register_purveyor(message: Message, ctx: Ctx) -> None:
    created = await _catalog(ctx).register_purveyor(ctx.user_id, PurveyorDraft.model_validate(ctx.draft))
    await message.answer(ctx.l10n("ff-purveyor-registered", name=q(created.name), id=created.id))


PURVEYOR = register(
    Flow(
        name="pv",
        title="ff-purveyor-new",
        summary=purveyor_summary,
        finish=register_purveyor,
        steps=(
            Step("name", "ff-ask-purveyor-name", parse=text_parser(255)),
            Step("full_name", "ff-ask-purveyor-full-name", parse=text_parser(255), optional=True),
            Step("code", "ff-ask-purveyor-code", parse=code_parser(64)),
            Step("inn", "ff-ask-purveyor-inn", parse=parse_inn, optional=True),
            Step("contact_info", "ff-ask-purveyor-contact", parse=parse_phone, optional=True),
        ),
    )
)


# --- receiving (an inbound delivery) --------------------------------------------------------------


def _receiving(ctx: Ctx) -> ReceivingDraft:
    return ReceivingDraft.model_validate(ctx.draft)


async def receiving_summary(ctx: Ctx) -> str:
    d, l10n = _receiving(ctx), ctx.l10n
    return l10n(
        "ff-receiving-summary",
        number=q(d.number),
        date=d.date.strftime("%d.%m.%Y") if d.date else "—",
        counterparty=q(d.counterparty),
        vehicle=q(" ".join(x for x in (d.vehicle_model, d.vehicle_number) if x) or "—"),
        driver=q(d.driver_name or "—"),
        nomenclature=q(d.nomenclature),
        quantity=d.quantity or 0,
        price=l10n.money(d.price),
        vat=str(d.vat_rate or 0),
        vat_amount=l10n.money(d.vat_amount),
        sum=l10n.money(d.total),
    )


async def create_receiving(message: Message, ctx: Ctx) -> None:
    created = await _catalog(ctx).create_receiving(ctx.user_id, _receiving(ctx))
    await message.answer(
        ctx.l10n("ff-receiving-created", number=q(created.goods.number), state=ctx.l10n(created.state.key))
    )


RECEIVING = register(
    Flow(
        name="rc",
        title="ff-receiving-new",
        summary=receiving_summary,
        finish=create_receiving,
        steps=(
            Step("number", "ff-ask-receiving-number", parse=code_parser(32)),
            Step(
                "date",
                "ff-ask-receiving-date",
                parse=parse_date,
                choices=date_choices,
                pick=pick_date,
                columns=2,
            ),
            Step(
                "counterparty",
                "ff-ask-receiving-counterparty",
                parse=parse_purveyor,
                choices=purveyor_choices,
                pick=pick_purveyor,
            ),
            Step("vehicle_model", "ff-ask-receiving-vehicle", parse=text_parser(64), optional=True),
            Step("vehicle_number", "ff-ask-receiving-plate", parse=text_parser(16), optional=True),
            Step("driver_name", "ff-ask-receiving-driver", parse=text_parser(128), optional=True),
            Step(
                "nomenclature",
                "ff-ask-receiving-goods",
                parse=parse_nomenclature,
                choices=product_choices,
                pick=pick_product_name,
            ),
            Step("quantity", "ff-ask-receiving-quantity", parse=count_parser(1_000_000)),
            Step("price", "ff-ask-receiving-price", parse=number_parser("0", "1000000000", 2)),
            Step(
                "vat_rate",
                "ff-ask-receiving-vat",
                parse=number_parser("0", "100", 2),
                choices=fixed_choices(("ff-vat-0", "0"), ("ff-vat-12", "12")),
                columns=2,
            ),
        ),
    )
)


# --- fulfillment order ----------------------------------------------------------------------------


def _lines(ctx: Ctx) -> list[OrderLine]:
    return [OrderLine.model_validate(item) for item in ctx.draft.get("items") or []]


def lines_text(ctx: Ctx) -> str:
    l10n = ctx.l10n
    return "\n".join(
        l10n(
            "ff-line",
            n=n,
            name=q(line.name),
            quantity=line.quantity,
            price=l10n.money(line.price),
            discount=l10n.money(line.discount),
            final=l10n.money(line.final_price),
        )
        for n, line in enumerate(_lines(ctx), 1)
    )


def store_line_product(draft: dict[str, Any], value: dict[str, Any]) -> None:
    draft["line"] = dict(value)


def store_line(field: str) -> Any:
    def store(draft: dict[str, Any], value: Any) -> None:
        draft.setdefault("line", {})[field] = value

    return store


async def parse_discount(text: str, ctx: Ctx) -> str:
    value = Decimal(await number_parser("0", "1000000000", 0)(text, ctx))
    line = ctx.draft.get("line") or {}
    gross = Decimal(str(line.get("price", 0))) * int(line.get("quantity", 0))
    if value > gross:
        raise Invalid("ff-invalid-discount", gross=ctx.l10n.money(gross))
    return str(value)


def store_discount(draft: dict[str, Any], value: Any) -> None:
    line = dict(draft.pop("line", {}) or {})
    line["discount"] = value or "0"
    items = list(draft.get("items") or [])
    items.append(OrderLine.model_validate(line).model_dump(mode="json"))
    draft["items"] = items


async def more_hint(ctx: Ctx) -> dict[str, Any]:
    lines = _lines(ctx)
    total = sum((line.final_price for line in lines), Decimal(0))
    return {"lines": lines_text(ctx), "sum": ctx.l10n.money(total)}


def after_more(draft: dict[str, Any]) -> str:
    return "item_product" if draft.pop("more", None) == "add" else SUMMARY


def _order_draft(ctx: Ctx) -> OrderDraft:
    d = dict(ctx.draft)
    if d.get("scheduled_at"):
        d["scheduled_at"] = datetime.fromisoformat(d["scheduled_at"])
    return OrderDraft.model_validate(d)


async def order_summary(ctx: Ctx) -> str:
    draft, l10n = _order_draft(ctx), ctx.l10n
    return l10n(
        "ff-order-summary",
        name=q(draft.full_name),
        phone=q(draft.phone),
        region=q(draft.region or "—"),
        city=q(draft.city or "—"),
        address=q(draft.address),
        zip=q(draft.zip or "—"),
        when=l10n.datetime(draft.scheduled_at),
        lines=lines_text(ctx),
        sum=l10n.money(draft.total),
    )


async def create_order(message: Message, ctx: Ctx) -> None:
    orders: FulfillmentOrderService = ctx.service("ff_orders")
    created = await orders.create(ctx.user_id, _order_draft(ctx), str(ctx.draft["_key"]))
    await order_card(message, ctx.l10n, created, fresh=True)


ORDER = register(
    Flow(
        name="or",
        title="ff-order-new",
        summary=order_summary,
        finish=create_order,
        confirm="ff-btn-confirm-order",
        steps=(
            Step("full_name", "ff-ask-order-name", parse=text_parser(100)),
            Step("phone", "ff-ask-order-phone", parse=parse_phone),
            Step(
                "region",
                "ff-ask-order-region",
                parse=parse_region,
                choices=region_choices,
                pick=pick_region,
                store=store_region,
                columns=2,
            ),
            Step(
                "city",
                "ff-ask-order-city",
                parse=parse_city,
                choices=city_choices,
                pick=pick_city,
                optional=True,
                columns=2,
            ),
            Step("address", "ff-ask-order-address", parse=text_parser(255)),
            Step("zip", "ff-ask-order-zip", parse=parse_zip, optional=True),
            Step(
                "scheduled_at",
                "ff-ask-order-when",
                parse=parse_moment,
                choices=moment_choices,
                pick=pick_moment,
            ),
            Step(
                "item_product",
                "ff-ask-order-product",
                parse=parse_product,
                choices=product_choices,
                pick=pick_product,
                store=store_line_product,
                changeable=False,
            ),
            Step(
                "item_quantity",
                "ff-ask-order-quantity",
                parse=count_parser(10_000),
                store=store_line("quantity"),
                changeable=False,
            ),
            Step(
                "item_price",
                "ff-ask-order-price",
                parse=number_parser("0", "1000000000", 0),
                store=store_line("price"),
                changeable=False,
            ),
            Step(
                "item_discount",
                "ff-ask-order-discount",
                parse=parse_discount,
                optional=True,
                store=store_discount,
                changeable=False,
            ),
            Step(
                "item_more",
                "ff-ask-order-more",
                choices=fixed_choices(("ff-btn-add-product", "add"), ("ff-btn-items-done", "done")),
                store=lambda draft, value: draft.__setitem__("more", value),
                after=after_more,
                changeable=False,
                hint=more_hint,
                columns=2,
            ),
        ),
    )
)
