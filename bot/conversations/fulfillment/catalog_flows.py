"""The catalog conversations as step tables (see ``engine``): register a product, register a
supplier, announce a delivery to the warehouse (a receiving)."""

from __future__ import annotations

from bot.conversations.fulfillment.answers import (
    code_parser,
    count_parser,
    date_choices,
    fixed_choices,
    number_parser,
    parse_date,
    parse_gtin,
    parse_inn,
    parse_phone,
    pick_date,
    text_parser,
)
from bot.conversations.fulfillment.engine import Ctx, Flow, Step, register
from bot.conversations.fulfillment.picks import (
    catalog,
    parse_nomenclature,
    parse_purveyor,
    pick_product_name,
    pick_purveyor,
    product_choices,
    purveyor_choices,
)
from bot.render import q
from bot.reply import Reply
from services.fulfillment.catalog import ProductDraft, PurveyorDraft, ReceivingDraft

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


async def register_product(reply: Reply, ctx: Ctx) -> None:
    draft = ProductDraft.model_validate(ctx.draft)
    created = await catalog(ctx).register_product(ctx.user_id, draft)
    await reply(ctx.l10n("ff-product-registered", name=q(created.name), id=created.id))


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


async def register_purveyor(reply: Reply, ctx: Ctx) -> None:
    created = await catalog(ctx).register_purveyor(ctx.user_id, PurveyorDraft.model_validate(ctx.draft))
    await reply(ctx.l10n("ff-purveyor-registered", name=q(created.name), id=created.id))


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


async def create_receiving(reply: Reply, ctx: Ctx) -> None:
    created = await catalog(ctx).create_receiving(ctx.user_id, _receiving(ctx))
    await reply(
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
