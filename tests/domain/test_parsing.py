"""What a user types, parsed with named limits: ASCII digits only, control characters refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.parsing import (
    MAX_ID,
    InvalidInput,
    ascii_int,
    parse_address,
    parse_cod_amount,
    parse_comment,
    parse_item,
    parse_name,
    parse_phone,
    parse_pieces,
    parse_spic,
    parse_volume,
    parse_weight,
    tagged_id,
)


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("1.5 kg", "1.5"),
        ("2,25 кг", "2.25"),
        ("1000", "1000"),
        ("0.01", "0.01"),
    ],
)
def test_weight_reads_a_decimal_comma_or_point(text: str, kg: str) -> None:
    assert parse_weight(text) == Decimal(kg)


@pytest.mark.parametrize(
    "text", ["1,5,5", "0", "5000", "abc", "²", "١٢", "1e3", "NaN", "Infinity", "1.0001", "-1", ""]
)
def test_weight_refuses_what_is_not_a_weight(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_weight(text)
    assert caught.value.kind == "weight"


def test_amounts_take_thousands_separators_in_groups_of_three() -> None:
    assert parse_cod_amount("150 000") == Decimal(150000)
    assert parse_cod_amount("1,500,000") == Decimal(1500000)
    assert parse_cod_amount("1,500,000.50 so'm") == Decimal("1500000.50")
    for text in ("1,50,000", "999", "100000001", "12.345"):
        with pytest.raises(InvalidInput):
            parse_cod_amount(text)


def test_pieces_and_ids_are_ascii_digits_within_their_range() -> None:
    assert parse_pieces(" 3 ") == 3
    for text in ("²", "0", "101", "3.0", "٣"):
        with pytest.raises(InvalidInput, match="pieces"):
            parse_pieces(text)
    assert ascii_int("42") == 42
    assert ascii_int("²") is None
    assert ascii_int("9" * 20) is None  # no 20-digit id reaches the database
    assert ascii_int(str(MAX_ID)) == MAX_ID
    assert tagged_id("c75", "c") == 75
    assert tagged_id("c²", "c") is None
    assert tagged_id("b0", "b") is None
    assert tagged_id("r5", "c") is None


def test_items_name_count_and_cost() -> None:
    item = parse_item("Kitob; 2; 45000")
    assert (item.name, item.code, item.count, item.cost) == ("Kitob", None, 2, Decimal(45000))
    coded = parse_item("Kitob | 9785 | 1 | 1,5")
    assert (coded.code, coded.count, coded.cost) == ("9785", 1, Decimal("1.5"))
    for text in ("Kitob; ²; 45000", "Kitob; 2; ²", "a;b;c;d;e", "Kitob\x00; 2", "x" * 101):
        with pytest.raises(InvalidInput, match="item"):
            parse_item(text)


def test_text_fields_refuse_null_bytes_and_keep_their_limits() -> None:
    assert parse_name("  Jurabek   Turdiyev ") == "Jurabek Turdiyev"
    assert parse_address("Bobur ko'chasi 5") == "Bobur ko'chasi 5"
    assert parse_comment("Call\nfirst") == "Call\nfirst"
    for parse, text, kind in (
        (parse_name, "Ali\x00", "name"),
        (parse_name, "1", "name"),
        (parse_name, "12345", "name"),
        (parse_address, "Chilonzor\x00 5", "address"),
        (parse_address, "ab", "address"),
        (parse_comment, "x\x00", "comment"),
        (parse_comment, "x" * 501, "comment"),
        (parse_phone, "+998991234567\x00", "phone"),
        (parse_phone, "12", "phone"),
        (parse_spic, "1234", "spic"),
        (parse_spic, "²" * 17, "spic"),
        (parse_volume, "0", "volume"),
    ):
        with pytest.raises(InvalidInput) as caught:
            parse(text)
        assert caught.value.kind == kind, (text, caught.value.kind)
    assert parse_phone("90 123 45 67") == "+998901234567"
    assert parse_spic("1234 5678 9012 34567") == "12345678901234567"


UNICODE_DIGITS = ["²", "٣", "１２", "1²3", "⁴⁵⁶", "９９８９０１２３４５６７"]


@pytest.mark.parametrize("text", UNICODE_DIGITS)
def test_unicode_digits_are_not_digits_anywhere(text: str) -> None:
    """Every check of digits in services refuses (or ignores) Unicode digits instead of crashing."""
    from services.barcodes import barcode_format, extract_barcodes, normalize_barcode
    from services.common.digits import digits_of, is_digits
    from services.common.phones import format_phone
    from services.fulfillment.accounts import InvalidWmsLogin, normalize_login
    from services.international import InvalidPinfl, check_pinfl
    from services.statuses import from_v1, international_status, local_status

    assert not is_digits(text)
    assert digits_of(text) == "".join(c for c in text if c in "0123456789")
    assert barcode_format(text * 6) is None
    assert normalize_barcode(text * 6) is None
    extract_barcodes(f"parcel {text * 6}")
    assert format_phone(text) == text
    local_status(text)
    international_status(text)
    from_v1(text)
    with pytest.raises(InvalidPinfl):
        check_pinfl(("3" + text * 14)[:14])
    with pytest.raises(InvalidWmsLogin):
        normalize_login(text * 9)
