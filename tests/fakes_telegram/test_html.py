"""Telegram HTML parse mode as the stand-in parses it: entities, UTF-16 offsets, Telegram's errors."""

from __future__ import annotations

import pytest

from tests.fakes.telegram.html import EntityParseError, parse_html, strip_text, utf16_len


def test_plain_text_has_no_entities() -> None:
    assert parse_html("hello world") == ("hello world", [])


def test_tags_become_entities_with_utf16_offsets() -> None:
    text, entities = parse_html("😀 <b>bold <i>both</i></b> <u>u</u>")
    assert text == "😀 bold both u"
    # the emoji is two UTF-16 code units, so "bold" starts at 3
    assert entities == [
        {"type": "bold", "offset": 3, "length": 9},
        {"type": "italic", "offset": 8, "length": 4},
        {"type": "underline", "offset": 13, "length": 1},
    ]


def test_all_allowed_tags_parse() -> None:
    source = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike>"
        '<del>d</del><span class="tg-spoiler">p</span><tg-spoiler>q</tg-spoiler>'
        '<a href="https://example.com/?a=1&amp;b=2">l</a><code>c</code><pre>p</pre>'
        '<blockquote>q</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    text, entities = parse_html(source)
    assert text == "bsieunskdpqlcpq👍"
    types = [e["type"] for e in entities]
    assert types == [
        "bold",
        "bold",
        "italic",
        "italic",
        "underline",
        "underline",
        "strikethrough",
        "strikethrough",
        "strikethrough",
        "spoiler",
        "spoiler",
        "text_link",
        "code",
        "pre",
        "blockquote",
        "custom_emoji",
    ]
    link = next(e for e in entities if e["type"] == "text_link")
    assert link["url"] == "https://example.com/?a=1&b=2"


def test_html_entities_are_decoded_and_count_once() -> None:
    text, _ = parse_html("a &lt; b &amp;&amp; c &gt; d &quot;q&quot; &#65;&#x42; &nbsp;")
    # only lt, gt, amp, quot and numeric entities are known; &nbsp; stays literal as in Telegram
    assert text == 'a < b && c > d "q" AB &nbsp;'


def test_pre_with_code_language_is_one_entity() -> None:
    text, entities = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert text == "x = 1"
    assert entities == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]


def test_tag_names_are_case_insensitive_and_empty_entities_dropped() -> None:
    text, entities = parse_html("<B>x</B><i></i>")
    assert text == "x"
    assert entities == [{"type": "bold", "offset": 0, "length": 1}]


def test_expandable_blockquote_and_user_mention() -> None:
    _, entities = parse_html('<blockquote expandable>q</blockquote><a href="tg://user?id=42">u</a>')
    assert entities[0]["type"] == "expandable_blockquote"
    assert entities[1]["type"] == "text_mention"
    assert entities[1]["user"]["id"] == 42


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<a href="x>y', "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("ш<i>", 'Can\'t find end tag corresponding to start tag "i"'),
        ("шш<x>", 'Unsupported start tag "x" at byte offset 4'),  # offsets are UTF-8 bytes
    ],
)
def test_invalid_html_is_refused_with_telegrams_reason(source: str, reason: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        parse_html(source)
    assert str(caught.value) == reason


def test_strip_moves_entities() -> None:
    text, entities = parse_html("\n  <b>hi</b> there  \n")
    stripped, moved = strip_text(text, entities)
    assert stripped == "hi there"
    assert moved == [{"type": "bold", "offset": 0, "length": 2}]


def test_utf16_len() -> None:
    assert utf16_len("a😀ш") == 4
