"""The seller's products and suppliers as answers: offered as buttons, found by a typed name,
code or barcode (one match is taken, several are shown as buttons, none is refused)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar, cast

from bot.conversations.fulfillment.answers import text_parser
from bot.conversations.fulfillment.cards import product_label, purveyor_label
from bot.conversations.fulfillment.engine import Ctx, Invalid, ShowChoices
from services.fulfillment.catalog import CatalogService
from services.wms.models import Product
from storage.schemas import Page

PAGE = 8


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


T = TypeVar("T", bound=_HasId)


def catalog(ctx: Ctx) -> CatalogService:
    return cast(CatalogService, ctx.service("ff_catalog"))


def _options(items: Sequence[T], label: Callable[[T], str]) -> list[tuple[str, str]]:
    return [(label(item), str(item.id)) for item in items]


def _the_one(found: Page[T], label: Callable[[T], str], missing: str, query: str) -> T:
    """The only match of ``query``; several are shown as buttons, none is refused (``missing``)."""
    if found.total == 1 and found.items:
        return found.items[0]
    if not found.items:
        raise Invalid(missing, query=query)
    raise ShowChoices("ff-found-several", _options(found.items, label))


def _line_product(product: Product) -> dict[str, Any]:
    return {"product_id": product.id, "name": product.name or product.code or str(product.id)}


async def product_choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
    found = await catalog(ctx).products(ctx.user_id, limit=PAGE)
    return _options(found.items, product_label)


async def parse_product(text: str, ctx: Ctx) -> dict[str, Any]:
    found = await catalog(ctx).products(ctx.user_id, text, limit=PAGE)
    return _line_product(_the_one(found, product_label, "ff-product-not-found", text))


async def pick_product(value: str, ctx: Ctx) -> dict[str, Any]:
    product = await catalog(ctx).product(ctx.user_id, int(value))
    if product is None:
        raise Invalid("ff-product-gone")
    return _line_product(product)


async def pick_product_name(value: str, ctx: Ctx) -> str:
    return str((await pick_product(value, ctx))["name"])


async def parse_nomenclature(text: str, ctx: Ctx) -> str:
    """Goods of a delivery: any name (the delivery may bring goods not registered yet)."""
    return str(await text_parser(255)(text, ctx))


async def purveyor_choices(ctx: Ctx) -> Sequence[tuple[str, str]]:
    found = await catalog(ctx).purveyors(ctx.user_id, limit=PAGE)
    return _options(found.items, purveyor_label)


async def parse_purveyor(text: str, ctx: Ctx) -> str:
    found = await catalog(ctx).purveyors(ctx.user_id, text, limit=PAGE)
    return _the_one(found, purveyor_label, "ff-purveyor-not-found", text).name or text


async def pick_purveyor(value: str, ctx: Ctx) -> str:
    purveyor = await catalog(ctx).purveyor(ctx.user_id, int(value))
    if purveyor is None:
        raise Invalid("ff-purveyor-gone")
    return purveyor_label(purveyor)
