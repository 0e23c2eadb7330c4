"""The new-order draft: what the seller has typed so far, kept in the conversation's storage.

Every value is validated when it enters the draft (the bot parses, the draft holds clean data);
``Decimal`` travels as a string in JSON, so a draft survives a restart byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.branches import BranchInfo, City

Who = Literal["sender", "receiver"]

# The fields a new order cannot go without, in the order they are asked (``first_missing``).
REQUIRED: tuple[str, ...] = (
    "sender_name",
    "sender_phone",
    "sender_city",
    "sender_delivery",
    "receiver_name",
    "receiver_phone",
    "receiver_delivery",
    "receiver_city",
    "weight",
    "package",
    "content",
)


class Party(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str | None = None
    phone: str | None = None
    phone2: str | None = None
    address: str | None = None
    region_id: int | None = None
    city_id: int | None = None
    city_name: str | None = None
    branch_id: int | None = None
    branch_name: str | None = None
    lat: float | None = None
    lon: float | None = None


class DraftItem(BaseModel):
    name: str
    code: str | None = None
    count: int = 1
    cost: Decimal | None = None


class CodGood(BaseModel):
    """A good of the electronic receipt: ``amount`` of its ``units`` (the MXIK good's unit of
    measure, registered with it: ``dona``, ``kg``…), ``price`` per unit."""

    mxik_id: int
    name: str
    amount: int = 1
    price: Decimal
    units: str | None = None


class OrderDraft(BaseModel):
    model_config = ConfigDict(extra="ignore")

    reference: str = Field(default_factory=lambda: uuid.uuid4().hex)
    sender: Party = Field(default_factory=Party)
    sender_delivery: int | None = None  # 1 courier collects, 0 seller brings it to an office
    sender_profile_id: int | None = None
    receiver: Party = Field(default_factory=Party)
    receiver_delivery: int | None = None  # 1 courier delivers, 0 receiver collects at a branch
    weight: Decimal | None = None
    pieces: int = 1
    package_id: int | None = None
    post_type_id: int | None = None
    volume: Decimal | None = None
    items: list[DraftItem] = Field(default_factory=list)
    cod: bool = False
    cod_amount: Decimal | None = None
    cod_goods: list[CodGood] = Field(default_factory=list)
    take_photo: bool = False
    return_waybill: bool = False
    comment: str | None = None
    quote: Decimal | None = None
    # The calculator's remote-village courier (delivery code 2, api-notes) for either end, and the
    # pickup date (``senderDate``, services.pickup); order/add takes the date, and courier (1) for
    # a remote end. The date is kept when the way changes and counts only while a courier collects.
    sender_remote: bool = False
    receiver_remote: bool = False
    sender_date: date | None = None

    def delivery_code(self, who: Who) -> Literal[0, 1, 2]:
        """The calculator's code for one end: 0 office / branch, 1 courier, 2 courier, remote village."""
        way = self.sender_delivery if who == "sender" else self.receiver_delivery
        if way == 0:
            return 0
        return 2 if (self.sender_remote if who == "sender" else self.receiver_remote) else 1

    @property
    def receipt_total(self) -> Decimal | None:
        """What the goods on the electronic receipt come to (each good's price times its amount):
        BTS checks the receipt against the cash on delivery. ``None`` without such goods."""
        if not self.cod or not self.cod_goods:
            return None
        return sum((good.price * good.amount for good in self.cod_goods), Decimal(0))

    @property
    def receipt_mismatch(self) -> bool:
        """Cash on delivery that is not what the receipt's goods come to."""
        total = self.receipt_total
        return total is not None and self.cod_amount is not None and total != self.cod_amount

    @property
    def pickup_date(self) -> date | None:
        """The day the courier collects (``senderDate``): only when a courier collects."""
        return self.sender_date if self.sender_delivery == 1 else None

    def dump(self) -> dict[str, object]:
        return self.model_dump(mode="json")

    def fingerprint(self) -> str:
        """A short hash of what a summary card shows (everything but the live price): a button
        pressed under an older card can tell that the draft has changed since."""
        shown = self.model_dump(mode="json", exclude={"quote"})
        raw = json.dumps(shown, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(raw.encode()).hexdigest()[:16]

    def fresh_copy(self) -> OrderDraft:
        """The same order again under a new reference (repeat an order); the old order's pickup
        date is not this one's, so it goes (the seller picks a new one from the summary)."""
        return self.model_copy(update={"reference": uuid.uuid4().hex, "quote": None, "sender_date": None})

    # --- the rules of the draft -------------------------------------------------------------------

    def party(self, who: Who) -> Party:
        return self.sender if who == "sender" else self.receiver

    def with_party(self, who: Who, **changes: object) -> OrderDraft:
        return self.model_copy(update={who: self.party(who).model_copy(update=changes)})

    def with_saved_contact(self, who: Who, saved: Party, *, keep_city: bool) -> OrderDraft:
        """A contact from the address book; ``keep_city``: the city already chosen (on the price
        screen) wins over the saved one. A saved receiver never brings a branch."""
        party = saved
        if who == "receiver":
            party = party.model_copy(update={"branch_id": None, "branch_name": None})
        if keep_city:
            current = self.party(who)
            party = party.model_copy(
                update={
                    "city_id": current.city_id,
                    "city_name": current.city_name,
                    "region_id": current.region_id,
                }
            )
        return self.model_copy(update={who: party})

    def with_city(self, who: Who, city: City, *, name: str | None = None) -> OrderDraft:
        """A new city (``name``: as the user reads it); the receiver's branch is dropped when
        the city changes."""
        changes: dict[str, object] = {
            "city_id": city.id,
            "city_name": name or city.name,
            "region_id": city.region_id,
        }
        if who == "receiver" and self.receiver.city_id != city.id:
            changes |= {"branch_id": None, "branch_name": None}
        return self.with_party(who, **changes)

    def with_branch(self, branch: BranchInfo) -> OrderDraft | None:
        """The receiver's branch (and its city); ``None`` for a branch outside any city."""
        if branch.city_id is None:
            return None
        address = self.receiver.address if self.receiver_delivery == 1 else (branch.address or branch.name)
        return self.with_party(
            "receiver",
            branch_id=branch.id,
            branch_name=branch.name,
            city_id=branch.city_id,
            city_name=branch.city_name or self.receiver.city_name,
            region_id=branch.region_id,
            address=address,
        )

    def with_cod(self, cod: bool) -> OrderDraft:
        """Cash on delivery on or off; off drops its amount and goods."""
        if cod:
            return self.model_copy(update={"cod": True})
        return self.model_copy(update={"cod": False, "cod_amount": None, "cod_goods": []})

    def toggle_good(self, good: CodGood) -> OrderDraft:
        """Add a good to the cash-on-delivery goods, or remove it when it is there."""
        kept = [g for g in self.cod_goods if g.mxik_id != good.mxik_id]
        if len(kept) == len(self.cod_goods):
            kept.append(good)
        return self.model_copy(update={"cod_goods": kept})

    def with_good_amount(self, mxik_id: int, amount: int) -> OrderDraft:
        """How many of one chosen cash-on-delivery good (``amount`` in order/add's goods)."""
        goods = [
            g.model_copy(update={"amount": amount}) if g.mxik_id == mxik_id else g for g in self.cod_goods
        ]
        return self.model_copy(update={"cod_goods": goods})

    def skipped(self, step: str) -> OrderDraft:
        """What Skip clears at a skippable step (a second phone, the pieces, the volume…)."""
        match step:
            case "receiver_phone2":
                return self.with_party("receiver", phone2=None)
            case "pieces":
                return self.model_copy(update={"pieces": 1})
            case "items":
                return self.model_copy(update={"items": []})
            case "sender_date":
                return self.model_copy(update={"sender_date": None})
            case "volume" | "comment":
                return self.model_copy(update={step: None})
        raise ValueError(f"{step} cannot be skipped")

    def first_missing(self) -> str | None:
        """The first required field (named as its step) still empty; ``None`` when complete."""
        s, r = self.sender, self.receiver
        values = (
            s.name,
            s.phone,
            s.city_id,
            self.sender_delivery,
            r.name,
            r.phone,
            self.receiver_delivery,
            r.city_id,
            self.weight,
            self.package_id,
            self.post_type_id,
        )
        return next((name for name, value in zip(REQUIRED, values, strict=True) if value is None), None)

    @property
    def has_progress(self) -> bool:
        return bool(self.sender.name or self.receiver.name or self.sender.city_id)
