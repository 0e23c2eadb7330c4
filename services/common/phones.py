"""Phone numbers: everything we store and send is E.164, ``+998901234567`` for Uzbekistan."""

from __future__ import annotations

import phonenumbers

from services.common.digits import digits_of, is_digits

_SEPARATORS = str.maketrans("", "", " -()")


class InvalidPhone(ValueError):
    pass


def normalize_phone(raw: str, region: str = "UZ") -> str:
    """``"+998 99 123-45-67"``, ``"99 1234567"``, ``"998991234567"`` → ``"+998991234567"``.

    Raises ``InvalidPhone`` when the text is not a valid number.
    """
    text = raw.strip()
    digits = digits_of(text)
    if not text.startswith("+") and digits.startswith("998") and len(digits) == 12:
        text = "+" + digits
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(raw) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_phone_lenient(raw: str | None) -> str | None:
    """For upstream answers: normalise when possible, keep what came otherwise."""
    if raw is None:
        return None
    try:
        return normalize_phone(raw)
    except InvalidPhone:
        return raw.strip() or None


def format_phone(phone: str | None) -> str:
    """A phone as people in Uzbekistan write it: ``+998901234567`` → ``+998 90 123 45 67``.

    Anything that is not an Uzbek number (or not a number at all) is shown as it came.
    """
    if not phone:
        return phone or ""
    digits = digits_of(phone)
    if (
        len(digits) == 12
        and digits.startswith("998")
        and is_digits(phone.strip().lstrip("+").translate(_SEPARATORS))
    ):
        local = digits[3:]
        return f"+998 {local[:2]} {local[2:5]} {local[5:7]} {local[7:]}"
    return phone
