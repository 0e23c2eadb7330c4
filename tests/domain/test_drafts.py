"""The new-order draft's rules (services.drafts.OrderDraft)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.branches import BranchInfo, City
from services.drafts import REQUIRED, CodGood, OrderDraft, Party

SAMARQAND = City(id=75, name="Samarqand", region_id=10, branch_ids=(7,))
TASHKENT = City(id=191, name="Toshkent", region_id=1, branch_ids=())


def _branch(city_id: int | None = 75) -> BranchInfo:
    return BranchInfo(
        id=7,
        name="Samarqand BTS",
        region_id=10,
        region_name="Samarqand",
        city_id=city_id,
        city_name="Samarqand",
        address="Registon 1",
        phone=None,
        lat=None,
        lon=None,
        hours={},
    )


def test_a_saved_contact_keeps_the_city_chosen_on_the_price_screen() -> None:
    draft = OrderDraft(sender=Party(city_id=75, city_name="Samarqand", region_id=10))
    saved = Party(name="Ali", phone="+998901234567", city_id=191, city_name="Toshkent", region_id=1)
    kept = draft.with_saved_contact("sender", saved, keep_city=True)
    assert (kept.sender.name, kept.sender.city_id) == ("Ali", 75)
    assert draft.with_saved_contact("sender", saved, keep_city=False).sender.city_id == 191


def test_a_saved_receiver_never_brings_a_branch() -> None:
    saved = Party(name="Odil", phone="+998901234567", branch_id=9, branch_name="Old")
    merged = OrderDraft().with_saved_contact("receiver", saved, keep_city=False)
    assert merged.receiver.branch_id is None and merged.receiver.name == "Odil"


def test_changing_the_receivers_city_drops_the_branch_only_when_it_changes() -> None:
    draft = OrderDraft(receiver_delivery=0).with_city("receiver", SAMARQAND)
    with_branch = draft.with_branch(_branch())
    assert with_branch is not None and with_branch.receiver.branch_id == 7
    assert with_branch.receiver.address == "Registon 1"
    assert with_branch.with_city("receiver", SAMARQAND).receiver.branch_id == 7
    moved = with_branch.with_city("receiver", TASHKENT)
    assert (moved.receiver.city_id, moved.receiver.branch_id) == (191, None)
    assert OrderDraft().with_branch(_branch(city_id=None)) is None


def test_dropping_cash_on_delivery_drops_its_amount_and_goods() -> None:
    good = CodGood(mxik_id=1, name="Kitob", price=Decimal(45000))
    draft = OrderDraft(cod=True, cod_amount=Decimal(50000), cod_goods=[good])
    dropped = draft.with_cod(False)
    assert (dropped.cod, dropped.cod_amount, dropped.cod_goods) == (False, None, [])
    assert draft.toggle_good(good).cod_goods == []
    assert dropped.toggle_good(good).cod_goods == [good]


def test_what_skip_clears() -> None:
    draft = OrderDraft(
        receiver=Party(phone="+998901234567", phone2="+998911234567"),
        pieces=3,
        volume=Decimal("0.5"),
        comment="x",
    )
    assert draft.skipped("receiver_phone2").receiver.phone2 is None
    assert draft.skipped("receiver_phone2").receiver.phone == "+998901234567"
    assert draft.skipped("pieces").pieces == 1
    assert draft.skipped("volume").volume is None
    assert draft.skipped("comment").comment is None
    with pytest.raises(ValueError):
        draft.skipped("weight")


def test_the_first_missing_field_in_the_order_asked() -> None:
    assert OrderDraft().first_missing() == REQUIRED[0] == "sender_name"
    draft = OrderDraft(
        sender=Party(name="A", phone="+998901234567", city_id=191),
        sender_delivery=1,
        receiver=Party(name="B", phone="+998911234567", city_id=75),
        receiver_delivery=0,
        weight=Decimal(1),
        package_id=8,
    )
    assert draft.first_missing() == "content"
    assert draft.model_copy(update={"post_type_id": 4}).first_missing() is None
    assert not OrderDraft().has_progress and draft.has_progress
