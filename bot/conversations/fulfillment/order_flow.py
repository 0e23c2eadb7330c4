"""The fulfillment order as a step table (see ``engine``): the customer, their city (the courier
flows' shared picker), the address, the time, then the products line by line (quantity, price,
discount: each line's final price shown as it is added), and the summary."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from bot.conversation import Turn
from bot.conversations.city_picker import CityPicker, branches
from bot.conversations.fulfillment.answers import (
    count_parser,
    fixed_choices,
    moment_choices,
    number_parser,
    parse_moment,
    parse_phone,
    parse_zip,
    pick_moment,
    text_parser,
)
from bot.conversations.fulfillment.cards import lines_text, order_card
from bot.conversations.fulfillment.engine import SUMMARY, Ctx, FfDraft, Flow, Invalid, Step, register
from bot.conversations.fulfillment.picks import parse_product, pick_product, product_choices
from bot.render import q
from bot.reply import Reply
from services.branches import BranchDirectory, City
from services.fulfillment.orders import FulfillmentOrderService, OrderDraft, OrderLine, place_fields

# --- the customer's city ------------------------------------------------------------------------


def _chosen(turn: Turn[FfDraft], draft: FfDraft) -> tuple[int | None, str | None]:
    values = draft.model_dump()
    return values.get("city_id"), values.get("city")


def _choose(turn: Turn[FfDraft], draft: FfDraft, city: City) -> FfDraft:
    """The city and its region: their ids (to name them in the seller's language) and the names
    the WMS order takes."""
    region = branches(turn).region(city.region_id) if city.region_id is not None else None
    values = draft.model_dump(mode="json") | place_fields(city, region)
    return FfDraft.model_validate(values | {"city_id": city.id, "region_id": city.region_id})


CITY = CityPicker(_chosen, _choose)


def place_labels(ctx: Ctx) -> tuple[str, str]:
    """The region and the city in the seller's language (the WMS gets them in Uzbek)."""
    directory = cast(BranchDirectory, ctx.service("branches"))
    city_id, lang = ctx.draft.get("city_id"), ctx.l10n.lang
    city = directory.city(int(city_id)) if city_id is not None else None
    region = directory.region(city.region_id) if city and city.region_id is not None else None
    return (
        region.label(lang) if region else ctx.draft.get("region") or "—",
        city.label(lang) if city else ctx.draft.get("city") or "—",
    )


# --- the products, line by line -----------------------------------------------------------------


def _lines(ctx: Ctx) -> list[OrderLine]:
    return [OrderLine.model_validate(item) for item in ctx.draft.get("items") or []]


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
    return {"lines": lines_text(ctx.l10n, lines), "sum": ctx.l10n.money(total)}


def after_more(draft: dict[str, Any]) -> str:
    return "item_product" if draft.pop("more", None) == "add" else SUMMARY


def _order_draft(ctx: Ctx) -> OrderDraft:
    d = dict(ctx.draft)
    if d.get("scheduled_at"):
        d["scheduled_at"] = datetime.fromisoformat(d["scheduled_at"])
    return OrderDraft.model_validate(d)


# --- the summary and the create -----------------------------------------------------------------


async def order_summary(ctx: Ctx) -> str:
    draft, l10n = _order_draft(ctx), ctx.l10n
    region, city = place_labels(ctx)
    return l10n(
        "ff-order-summary",
        name=q(draft.full_name),
        phone=q(draft.phone),
        region=q(region),
        city=q(city),
        address=q(draft.address),
        zip=q(draft.zip or "—"),
        when=l10n.datetime(draft.scheduled_at),
        lines=lines_text(l10n, draft.items),
        sum=l10n.money(draft.total),
    )


async def create_order(reply: Reply, ctx: Ctx) -> None:
    orders: FulfillmentOrderService = ctx.service("ff_orders")
    created = await orders.create(ctx.user_id, _order_draft(ctx), str(ctx.draft["_key"]))
    await order_card(reply, ctx.l10n, created, fresh=True)


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
            Step("city", "ff-ask-order-city", picker=CITY),
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
