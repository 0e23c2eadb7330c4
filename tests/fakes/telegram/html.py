"""Telegram's HTML parse mode, parsed the way the Bot API (tdlib's ``parse_html``) does it.

``parse_html(text)`` returns the plain text and its ``MessageEntity`` dicts (offsets and lengths
in UTF-16 code units, as Telegram sends them), or raises ``EntityParseError`` with the text
Telegram puts after "Bad Request: can't parse entities: ". Byte offsets in errors are UTF-8 byte
offsets into the text as sent, like Telegram's.

What is mirrored: the allowed tags (b, strong, i, em, u, ins, s, strike, del, span
class="tg-spoiler", tg-spoiler, a href, code, pre, blockquote [expandable], tg-emoji emoji-id);
tag names are case-insensitive; a stray ``<`` (``a < b``) is an "Unsupported start tag"; end tags
must match the innermost open tag; only &lt; &gt; &amp; &quot; and numeric entities are decoded
(an unknown ``&name;`` stays literal text, as in Telegram); ``<pre><code class="language-x">``
becomes one ``pre`` entity with a language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)

_ENTITY_TYPE = {
    "a": "text_link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACE = " \t\n\r\f\v"
_TG_USER = re.compile(r"^tg://user\?id=(\d+)$")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; ``str(error)`` is Telegram's reason."""


@dataclass(slots=True)
class _Open:
    tag: str
    argument: str
    offset: int  # UTF-16 offset in the plain text where the entity starts
    byte_offset: int


@dataclass(slots=True)
class _Parser:
    text: str
    out: list[str] = field(default_factory=list)
    utf16: int = 0
    entities: list[dict[str, object]] = field(default_factory=list)

    def byte_offset(self, index: int) -> int:
        return len(self.text[:index].encode("utf-8"))

    def emit(self, chars: str) -> None:
        self.out.append(chars)
        self.utf16 += utf16_len(chars)

    def char(self, index: int) -> str:
        return self.text[index] if index < len(self.text) else ""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode ``&...`` at ``pos`` like tdlib: semicolon optional, unknown names are not entities."""
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        digits_start = end
        if end < n and text[end] in "xX":
            end += 1
            digits_start = end
            while end < n and text[end] in "0123456789abcdefABCDEF":
                end += 1
            digits = text[digits_start:end]
            value = int(digits, 16) if digits else -1
        else:
            while end < n and text[end].isdigit() and text[end].isascii():
                end += 1
            digits = text[digits_start:end]
            value = int(digits) if digits else -1
        if not digits or value <= 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            return None
        decoded = chr(value)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        name = text[pos + 1 : end]
        if name not in _NAMED_ENTITIES:
            return None
        decoded = _NAMED_ENTITIES[name]
    if end < n and text[end] == ";":
        end += 1
    return decoded, end


def _read_attributes(p: _Parser, i: int, tag: str, begin: int) -> tuple[str, int]:
    """Parse the attributes of a start tag from ``i``; returns (entity argument, index of '>')."""
    text = p.text
    argument = ""
    while True:
        while p.char(i) and p.char(i) in _SPACE:
            i += 1
        c = p.char(i)
        if c == "":
            raise EntityParseError(f"Unclosed start tag at byte offset {p.byte_offset(begin)}")
        if c == ">":
            return argument, i
        name_start = i
        while p.char(i) and p.char(i) not in _SPACE and p.char(i) not in "=>":
            i += 1
        name = text[name_start:i].lower()
        if not name:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {p.byte_offset(begin)}'
            )
        while p.char(i) and p.char(i) in _SPACE:
            i += 1
        if p.char(i) != "=":
            if p.char(i) == "":
                raise EntityParseError(f"Unclosed start tag at byte offset {p.byte_offset(begin)}")
            if tag == "blockquote" and name == "expandable":
                argument = "expandable"
            continue
        i += 1
        while p.char(i) and p.char(i) in _SPACE:
            i += 1
        quote = p.char(i)
        if quote == "":
            raise EntityParseError(f"Unclosed start tag at byte offset {p.byte_offset(begin)}")
        value_chars: list[str] = []
        if quote in "'\"":
            i += 1
            while p.char(i) and p.char(i) != quote:
                if p.char(i) == "&" and (decoded := _decode_entity(text, i)) is not None:
                    value_chars.append(decoded[0])
                    i = decoded[1]
                else:
                    value_chars.append(text[i])
                    i += 1
            if p.char(i) != quote:
                raise EntityParseError(f"Unclosed start tag at byte offset {p.byte_offset(begin)}")
            i += 1
        else:
            while p.char(i) and (p.char(i).isalnum() or p.char(i) in ".-"):
                value_chars.append(text[i])
                i += 1
            if not value_chars:
                raise EntityParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                    f"at byte offset {p.byte_offset(begin)}"
                )
        value = "".join(value_chars)
        if tag == "a" and name == "href":
            argument = value
        elif tag == "code" and name == "class" and value.startswith("language-"):
            argument = value[len("language-") :]
        elif tag == "span" and name == "class" and value.startswith("tg-"):
            argument = value[len("tg-") :]
        elif tag == "tg-emoji" and name == "emoji-id":
            argument = value


def _close(p: _Parser, opened: _Open) -> None:
    length = p.utf16 - opened.offset
    if length <= 0:
        return  # Telegram drops empty entities
    entity: dict[str, object] = {"type": _ENTITY_TYPE[opened.tag], "offset": opened.offset, "length": length}
    if opened.tag == "a":
        match = _TG_USER.match(opened.argument)
        if match:
            entity["type"] = "text_mention"
            entity["user"] = {"id": int(match.group(1)), "is_bot": False, "first_name": ""}
        elif opened.argument:
            entity["type"] = "text_link"
            entity["url"] = opened.argument
        else:
            return  # <a> without href is plain text in Telegram
    elif opened.tag == "code" and opened.argument:
        entity["language"] = opened.argument
    elif opened.tag == "pre":
        # <pre><code class="language-x">...</code></pre> is one pre entity with a language
        last = p.entities[-1] if p.entities else None
        if (
            last is not None
            and last["type"] == "code"
            and last["offset"] == opened.offset
            and last["length"] == length
        ):
            p.entities.pop()
            if "language" in last:
                entity["language"] = last["language"]
    elif opened.tag == "blockquote" and opened.argument == "expandable":
        entity["type"] = "expandable_blockquote"
    elif opened.tag == "tg-emoji":
        if not opened.argument:
            raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
        entity["custom_emoji_id"] = opened.argument
    p.entities.append(entity)


def parse_html(text: str) -> tuple[str, list[dict[str, object]]]:
    """Plain text and entities of a Telegram-HTML ``text``; raises EntityParseError like Telegram."""
    p = _Parser(text)
    stack: list[_Open] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "&":
            decoded = _decode_entity(text, i)
            if decoded is None:
                p.emit("&")
                i += 1
            else:
                p.emit(decoded[0])
                i = decoded[1]
            continue
        if c != "<":
            start = i
            while i < n and text[i] not in "&<":
                i += 1
            p.emit(text[start:i])
            continue
        begin = i
        i += 1
        if p.char(i) != "/":
            name_start = i
            while p.char(i) and p.char(i) not in _SPACE and p.char(i) != ">":
                i += 1
            if p.char(i) == "":
                raise EntityParseError(f"Unclosed start tag at byte offset {p.byte_offset(begin)}")
            tag = text[name_start:i].lower()
            if tag not in ALLOWED_TAGS:
                raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {p.byte_offset(begin)}')
            argument, i = _read_attributes(p, i, tag, begin)
            if tag == "span" and argument != "spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {p.byte_offset(begin)}'
                )
            stack.append(_Open(tag, argument, p.utf16, p.byte_offset(begin)))
            i += 1  # past '>'
            continue
        if not stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {p.byte_offset(begin)}")
        i += 1
        name_start = i
        while p.char(i) and p.char(i) not in _SPACE and p.char(i) != ">":
            i += 1
        end_tag = text[name_start:i].lower()
        while p.char(i) and p.char(i) in _SPACE:
            i += 1
        if p.char(i) != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {p.byte_offset(begin)}")
        expected = stack[-1].tag
        if end_tag != expected:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {p.byte_offset(begin)}, expected "</{expected}>", '
                f'found "</{end_tag}>"'
            )
        i += 1
        _close(p, stack.pop())
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    p.entities.sort(key=lambda e: (e["offset"], -int(str(e["length"]))))
    return "".join(p.out), p.entities


def strip_text(text: str, entities: list[dict[str, object]]) -> tuple[str, list[dict[str, object]]]:
    """Trim leading and trailing whitespace as Telegram does, moving and clipping the entities."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    out: list[dict[str, object]] = []
    for entity in entities:
        start = int(str(entity["offset"])) - lead
        end = start + int(str(entity["length"]))
        start, end = max(start, 0), min(end, total)
        if end > start:
            out.append({**entity, "offset": start, "length": end - start})
    return stripped, out
