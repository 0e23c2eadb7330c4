"""What a machine can check of the style guide in ``locales/README.md``.

Every rule here is one section of the guide; a failure names the file, the message id and the
offending text, so the fix is obvious. (Wording itself is for people: see the guide.)
"""

from __future__ import annotations

import ast as pyast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentSerializer, ast, parse

from bot.i18n import LANGUAGES

LOCALES = Path(__file__).resolve().parents[2] / "locales"

# Variables that carry a count: the words around them agree with the number.
COUNTS = {"count", "total", "days", "seconds", "pieces"}
# Uzbek case and other suffixes that must join the word (or placeable, or closing quote) before them.
UZ_SUFFIXES = r"(?:da|dan|ga|gacha|ka|qa|ni|ning|dagi|dagina|lik|likka|niki|larni|lar|dek|day|siz)"
# One term per idea (see "Terms" in the guide): the words we chose against.
AVOIDED = {
    "uz": [r"\byuboruvchi", r"\bjoʻnatma", r"\bofis", r"\bBTS['ʼ]"],
    "ru": [r"\bофис", r"\bотправлени[ея]"],
    "en": [r"\boffice", r"\bso'm\b"],
}


@dataclass(frozen=True)
class Entry:
    lang: str
    file: str
    id: str
    message: ast.Message

    @property
    def where(self) -> str:
        return f"{self.lang}/{self.file}: {self.id}"


def entries(lang: str) -> Iterator[Entry]:
    for path in sorted((LOCALES / lang).glob("*.ftl")):
        for item in parse(path.read_text(encoding="utf-8")).body:
            if isinstance(item, ast.Message):
                yield Entry(lang, path.name, item.id.name, item)


ALL = [entry for lang in LANGUAGES for entry in entries(lang)]


def texts(node: Any) -> Iterator[str]:
    """The literal text of a pattern, variant by variant (placeables as ``{}``)."""
    if isinstance(node, ast.Pattern):
        parts: list[str] = []
        for element in node.elements:
            if isinstance(element, ast.TextElement):
                parts.append(element.value)
            elif isinstance(element.expression, ast.SelectExpression):
                parts.append("{}")
                for variant in element.expression.variants:
                    yield from texts(variant.value)
            elif isinstance(element.expression, ast.StringLiteral):
                parts.append(element.expression.parse()["value"])  # {"\u000A"} is a line break
            else:
                parts.append("{}")
        yield "".join(parts)
    elif isinstance(node, ast.Message) and node.value is not None:
        yield from texts(node.value)


def variables(node: Any) -> Iterator[str]:
    if isinstance(node, ast.VariableReference):
        yield node.id.name
    elif isinstance(node, ast.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.BaseNode):
                    yield from variables(child)


def selectors(node: Any) -> Iterator[str]:
    if isinstance(node, ast.SelectExpression) and isinstance(node.selector, ast.VariableReference):
        yield node.selector.id.name
    if isinstance(node, ast.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.BaseNode):
                    yield from selectors(child)


def without_code(text: str) -> str:
    return re.sub(r"<code>.*?</code>", "", text)


# --- every message in every language ---------------------------------------------------------


def test_every_file_has_the_same_ids_in_every_language() -> None:
    by_file: dict[str, dict[str, set[str]]] = {}
    for entry in ALL:
        by_file.setdefault(entry.file, {}).setdefault(entry.lang, set()).add(entry.id)
    problems = []
    for file, langs in sorted(by_file.items()):
        union = set().union(*langs.values())
        for lang in LANGUAGES:
            missing = union - langs.get(lang, set())
            if missing:
                problems.append(f"{lang}/{file} lacks {sorted(missing)}")
    assert problems == []


def test_every_message_uses_the_same_variables_in_every_language() -> None:
    found: dict[str, dict[str, set[str]]] = {}
    for entry in ALL:
        found.setdefault(entry.id, {})[entry.lang] = set(variables(entry.message))
    problems = [
        f"{key}: {langs}"
        for key, langs in sorted(found.items())
        if len({frozenset(v) for v in langs.values()}) > 1
    ]
    assert problems == []


# --- apostrophes ----------------------------------------------------------------------------


def test_uzbek_uses_only_the_two_standard_apostrophes() -> None:
    """oʻ and gʻ take ʻ (U+02BB); the tutuq belgisi is ʼ (U+02BC); no ' ‘ ’ ` ´ in Uzbek text."""
    problems = []
    for entry in ALL:
        if entry.lang != "uz":
            continue
        for text in texts(entry.message):
            prose = without_code(text)
            if re.search(r"['‘’`´]", prose):
                problems.append(f"{entry.where}: {prose!r}")
            if re.search(r"(?<![oOgG])ʻ", prose):
                problems.append(f"{entry.where}: ʻ only after o or g: {prose!r}")
            if re.search(r"(?<=[oOgG])ʼ", prose):
                problems.append(f"{entry.where}: oʻ and gʻ take ʻ, not ʼ: {prose!r}")
    assert problems == []


def code_strings(root: Path) -> Iterator[tuple[str, str]]:
    """String constants in the bot's code (docstrings left out): ``(where, text)``."""
    for path in sorted(root.rglob("*.py")):
        tree = pyast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in pyast.walk(tree)
            if isinstance(node, pyast.Module | pyast.ClassDef | pyast.FunctionDef | pyast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], pyast.Expr)
        }
        for node in pyast.walk(tree):
            if (
                isinstance(node, pyast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                yield f"{path.relative_to(root.parent)}:{node.lineno}", node.value


def test_labels_in_code_use_the_uzbek_apostrophes() -> None:
    """Labels the code shows as they are (the language picker's ``🇺🇿 Oʻzbekcha``) follow the
    same rule as the texts: ``Oʻ``, never ``O'``."""
    problems = [
        f"{where}: {text!r}"
        for where, text in code_strings(LOCALES.parent / "bot")
        if re.search(r"[oOgG]['‘’`][a-zA-Z]", text)
    ]
    assert problems == []


def test_the_uzbek_apostrophes_stay_in_uzbek() -> None:
    problems = [
        f"{entry.where}: {text!r}"
        for entry in ALL
        if entry.lang != "uz"
        for text in texts(entry.message)
        if re.search("[ʻʼ]", text)
    ]
    assert problems == []


# --- Uzbek suffixes ------------------------------------------------------------------------


def test_uzbek_suffixes_join_the_word_before_them() -> None:
    """``{ $city }da``, ``«Tayyor»ni``, ``{ $time }gacha``: never a space before the suffix."""
    pattern = re.compile(rf"(?:\{{\}}|[»\d])\s+{UZ_SUFFIXES}\b")
    problems = [
        f"{entry.where}: {text!r}"
        for entry in ALL
        if entry.lang == "uz"
        for text in texts(entry.message)
        if pattern.search(without_code(text))
    ]
    assert problems == []


# Placeables that hold a number, a date or a time: a suffix after them takes a hyphen.
NUMERIC = {
    "time", "latest", "expires", "created", "changed", "date", "when", "day_date", "count", "total",
    "days", "seconds", "pieces", "limit", "rows", "number", "id", "qty", "quantity", "km", "kg",
    "volume", "weight", "barcode", "order_id",
}  # fmt: skip
UZ_LETTER = r"[A-Za-zʻʼ]"


def test_uzbek_suffixes_after_digits_take_a_hyphen() -> None:
    """``30.12.2026-gacha``, ``20:00-gacha``, ``m³-da``: never ``20:00gacha`` (as ``12-uy``)."""
    glued = re.compile(rf"[\d²³]{UZ_LETTER}")
    problems = [
        f"{entry.where}: {text!r}"
        for entry in ALL
        if entry.lang == "uz"
        for text in texts(entry.message)
        if glued.search(without_code(text))
    ]
    assert problems == []


def glued_to_a_number(pattern: ast.Pattern) -> Iterator[str]:
    """Numeric placeables followed directly by a letter (``{ $time }gacha``), in every variant."""
    elements = pattern.elements
    for element, after in zip(elements, [*elements[1:], None], strict=True):
        if isinstance(element, ast.Placeable):
            expression = element.expression
            if isinstance(expression, ast.SelectExpression):
                for variant in expression.variants:
                    yield from glued_to_a_number(variant.value)
            elif (
                isinstance(expression, ast.VariableReference)
                and expression.id.name in NUMERIC
                and isinstance(after, ast.TextElement)
                and re.match(rf"(?:</\w+>)*{UZ_LETTER}", after.value)
            ):
                yield f"{{ ${expression.id.name} }}{after.value[:12]}"


def test_uzbek_suffixes_after_a_number_placeable_take_a_hyphen() -> None:
    problems = [
        f"{entry.where}: {found}"
        for entry in ALL
        if entry.lang == "uz" and entry.message.value is not None
        for found in glued_to_a_number(entry.message.value)
    ]
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_markup_wraps_whole_words(lang: str) -> None:
    """``<b>loginingizni</b>``, never ``<b>login</b>ingizni``."""
    problems = [
        f"{entry.where}: {text!r}"
        for entry in ALL
        if entry.lang == lang
        for text in texts(entry.message)
        if re.search(r"\w</(?:b|i|u|code)>\w", text)
    ]
    assert problems == []


# --- plurals ---------------------------------------------------------------------------------


def test_every_count_is_shown_through_a_plural_selector() -> None:
    """A number of things (``count``, ``days``, …) picks its words by a selector on that number.

    The one exception is a bare tally in brackets after a title: ``Мои заказы (5)``.
    """
    problems = []
    for entry in ALL:
        used = set(variables(entry.message)) & COUNTS
        selected = set(selectors(entry.message))
        source = FluentSerializer().serialize_entry(entry.message)
        for name in sorted(used - selected):
            if f"({{ ${name} }})" not in source:
                problems.append(f"{entry.where}: ${name} shown without a selector")
    assert problems == []


def select_keys(node: Any, name: str) -> Iterator[set[str]]:
    selector = getattr(node, "selector", None)
    if isinstance(selector, ast.VariableReference) and selector.id.name == name:
        yield {str(getattr(v.key, "name", None) or getattr(v.key, "value", "")) for v in node.variants}
    if isinstance(node, ast.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.BaseNode):
                    yield from select_keys(child, name)


NEEDED_FORMS = {"ru": {"one", "few", "other"}, "en": {"one", "other"}, "uz": {"other"}}


def test_count_selectors_spell_out_every_plural_form() -> None:
    """Russian: 1 филиал, 2 филиала, 5 филиалов (``one``, ``few``, ``other``); English: one/other.

    Uzbek keeps the noun singular after a number (``4 ta filial``), so ``other`` is enough there.
    """
    problems = []
    for entry in ALL:
        for name in set(selectors(entry.message)) & COUNTS:
            for keys in select_keys(entry.message, name):
                missing = NEEDED_FORMS[entry.lang] - keys
                if missing:
                    problems.append(f"{entry.where}: ${name} lacks {sorted(missing)}")
    assert problems == []


def test_russian_forms_follow_the_number() -> None:
    """The form ``one`` is chosen for 1 and 21, ``few`` for 2–4, the rest for 5, 11 and 0."""
    key, forms = (
        "branches-in-region",
        {1: "филиал", 21: "филиал", 3: "филиала", 5: "филиалов", 11: "филиалов"},
    )
    for number, word in forms.items():
        assert format_message("ru", key, {"count": number}).endswith(f"{number} {word}")


# --- numbers ---------------------------------------------------------------------------------


NBSP = "\u00a0"
PHONE = re.compile(r"\+998[\d \u00a0]*")
LOCAL_PHONE = re.compile(r"(?<![\d,])\d\d[ \u00a0]\d{3}[ \u00a0]\d\d[ \u00a0]\d\d\b")


def test_phone_numbers_are_written_as_locals_write_them() -> None:
    """``+998 90 123 45 67``, the groups joined by no-break spaces (a phone never breaks)."""
    problems = []
    for entry in ALL:
        for text in texts(entry.message):
            for phone in PHONE.findall(text):
                if not re.fullmatch(r"\+998\u00a0\d\d\u00a0\d{3}\u00a0\d\d\u00a0\d\d", phone.strip()):
                    problems.append(f"{entry.where}: {phone!r}")
            for phone in LOCAL_PHONE.findall(PHONE.sub("", text)):
                if " " in phone:
                    problems.append(f"{entry.where}: {phone!r}")
    assert problems == []


def test_thousands_are_grouped_as_each_language_groups_them() -> None:
    """``100 000 000 soʻm`` (no-break spaces) in uz and ru, ``100,000,000 UZS`` in English; a
    no-break space before the currency."""
    problems = []
    for entry in ALL:
        for text in texts(entry.message):
            prose = LOCAL_PHONE.sub("", PHONE.sub("", text))
            if entry.lang == "en" and re.search(r"\d[ \u00a0]\d{3}\b", prose):
                problems.append(f"{entry.where}: English groups with a comma: {prose!r}")
            if entry.lang != "en" and re.search(r"\d \d{3}\b", prose):
                problems.append(f"{entry.where}: a no-break space between thousands: {prose!r}")
            if re.search(r"\d (?:soʻm|сум|UZS)", prose):
                problems.append(f"{entry.where}: a no-break space before the currency: {prose!r}")
    assert problems == []


def test_uzbek_and_russian_write_a_decimal_comma() -> None:
    problems = [
        f"{entry.where}: {text!r}"
        for entry in ALL
        if entry.lang in ("uz", "ru")
        for text in texts(entry.message)
        if re.search(r"\d\.\d", text)
    ]
    assert problems == []


def test_russian_statuses_agree_with_both_order_and_parcel() -> None:
    """A status follows *заказ* and *посылка* alike: ``Доставлено``, ``В пути``, not
    ``Доставлена`` (a parcel) or ``Отменён`` (an order)."""
    gendered = re.compile(r"^[А-ЯЁа-яё]{2,}(?:на|ла|ён|ан|ен|ят|та)\b")
    problems = [
        f"{entry.where}: {text!r}"
        for entry in ALL
        if entry.lang == "ru" and re.fullmatch(r"status-(?:local|intl)-\d+", entry.id)
        for text in texts(entry.message)
        if gendered.search(text)
    ]
    assert problems == []


def test_a_counted_unit_agrees_with_its_number() -> None:
    assert format_message(
        "en", "summary-cod-good", {"amount": 1, "unit": format_message("en", "unit-dona", {"count": 1})}
    ).endswith("× 1 pc · 113 000 soʻm")
    assert format_message("en", "unit-dona", {"count": 3}) == "pcs"
    assert format_message("ru", "unit-dona", {"count": 3}) == "шт."


# --- terms -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_term_per_idea(lang: str) -> None:
    problems = [
        f"{entry.where}: {word} in {text!r}"
        for entry in ALL
        if entry.lang == lang
        for text in texts(entry.message)
        for word in AVOIDED[lang]
        if re.search(word, without_code(text), re.IGNORECASE)
    ]
    assert problems == []


# --- every message formats without a Fluent error -----------------------------------------


def _bundle(lang: str) -> FluentBundle:
    bundle = FluentBundle([lang], use_isolating=False)
    for path in sorted((LOCALES / lang).glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle


BUNDLES = {lang: _bundle(lang) for lang in LANGUAGES}


def sample(name: str) -> Any:
    if name in COUNTS:
        return 3
    if name in ("amount", "price", "cost"):
        return "113 000 soʻm"
    if name in ("km", "kg", "volume"):
        return str(Decimal("4501.6"))
    if name == "audience":
        return "seller"
    return f"<{name}>"


def format_message(lang: str, key: str, overrides: dict[str, Any] | None = None) -> str:
    bundle = BUNDLES[lang]
    message = bundle.get_message(key)
    assert message.value is not None, key
    entry = next(e for e in ALL if e.lang == lang and e.id == key)
    args = {name: sample(name) for name in variables(entry.message)}
    args.update(overrides or {})
    text, errors = bundle.format_pattern(message.value, args)
    assert errors == [], (lang, key, errors)
    return str(text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_formats_without_a_fluent_error(lang: str) -> None:
    for entry in ALL:
        if entry.lang == lang:
            text = format_message(lang, entry.id)
            assert "{" not in text and "}" not in text, (entry.where, text)
            for value in (0, 1, 2, 5, 21):
                counts = {name: value for name in set(variables(entry.message)) & COUNTS}
                if counts:
                    format_message(lang, entry.id, counts)
