"""The sandbox page's font stack (issue 13, bug 10): emoji fonts come after every text font."""

from __future__ import annotations

import re
from pathlib import Path

CSS = Path(__file__).resolve().parent / "static" / "chat.css"
EMOJI = re.compile(r"emoji", re.IGNORECASE)


def test_emoji_fonts_come_last_in_every_font_stack() -> None:
    stacks = re.findall(r"font-family:\s*([^;]+);", CSS.read_text(encoding="utf-8"))
    assert stacks
    for stack in stacks:
        fonts = [f.strip().strip('"') for f in stack.replace("\n", " ").split(",")]
        emoji = [i for i, font in enumerate(fonts) if EMOJI.search(font)]
        text = [i for i, font in enumerate(fonts) if not EMOJI.search(font)]
        if emoji:
            assert min(emoji) > max(text), f"an emoji font before a text font: {fonts}"
