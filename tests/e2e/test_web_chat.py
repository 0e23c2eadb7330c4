"""The sandbox's web chat page in real headless Chromium (Debian's, driven by Playwright), talking
to the real bot process through the Telegram stand-in.

The screenshot of the README (``tests/sandbox/screenshot.png``) comes from this test: it is
written there when it is missing or when ``UPDATE_SCREENSHOT=1``; otherwise to the test's
temporary folder, so a test run leaves the work tree as it was.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, async_playwright, expect

from tests.e2e.browser import CHROMIUM_ARGS, BrowserUnavailable, ensure_chromium
from tests.e2e.conftest import Stack
from tests.e2e.driver import ChatDriver
from tests.e2e.flows import create_order
from tests.fakes.bts.server import DEMO_INN, DEMO_PASSWORD, DEMO_USERNAME
from tests.fakes.yandex_pay.server import DEMO_MERCHANT_ID
from tests.sandbox.web import TASHKENT, ChatPage, SandboxUser

pytestmark = pytest.mark.asyncio(loop_scope="session")

SCREENSHOT = Path(__file__).resolve().parents[1] / "sandbox" / "screenshot.png"
WAIT_MS = 30_000


@pytest.fixture(scope="session")
def chromium_path() -> str:
    try:
        return ensure_chromium()
    except BrowserUnavailable as reason:
        pytest.skip(str(reason))


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser(chromium_path: str) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path, args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()


@pytest_asyncio.fixture(loop_scope="session")
async def chat_page(e2e: Stack) -> AsyncIterator[tuple[ChatPage, SandboxUser]]:
    user = SandboxUser(29001, "Jurabek", "Turdiyev", "+998991234567", "seller")
    other = SandboxUser(29002, "Odil", "Ahmedov", "+998901234568", "customer")
    for one in (user, other):
        if one.id not in e2e.telegram.users:
            e2e.telegram.add_user(
                one.id, first_name=one.first_name, last_name=one.last_name, phone_number=one.phone_number
            )
    demo = {
        "bts": {"username": DEMO_USERNAME, "password": DEMO_PASSWORD, "inn": DEMO_INN},
        "yandex": {"merchant_id": DEMO_MERCHANT_ID, "api_key": DEMO_MERCHANT_ID},
    }
    page = ChatPage(e2e.telegram, [user, other], bts=e2e.bts, demo=demo)
    await page.start()
    try:
        yield page, user
    finally:
        await page.stop()


async def _send(page: Page, text: str) -> None:
    await page.fill("#input", text)
    await page.press("#input", "Enter")


def _bot_text(page: Page, text: str):  # type: ignore[no-untyped-def]
    return page.locator(".msg.bot .text", has_text=text)


async def test_web_chat_page_talks_to_the_real_bot(
    e2e: Stack, browser: Browser, chat_page: tuple[ChatPage, SandboxUser], tmp_path: Path
) -> None:
    server, user = chat_page
    seller = e2e.seller_account()
    context = await browser.new_context(viewport={"width": 1200, "height": 820}, locale="en-GB")
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        await page.goto(f"{server.url}?chat={user.id}")
        await expect(page.locator("body")).to_have_attribute("data-ready", "true", timeout=WAIT_MS)
        await expect(page.locator("#bot-name")).to_have_text(e2e.telegram.bot_first_name)
        await expect(page.locator("#start-button")).to_be_visible()

        # Type /start: the user's bubble, then the bot's question with its inline keyboard.
        await _send(page, "/start")
        await expect(page.locator(".msg.me .text", has_text="/start")).to_be_visible(timeout=WAIT_MS)
        english = page.locator(".msg.bot .inline-kb button[data-callback='lang:en']")
        await expect(english).to_be_visible(timeout=WAIT_MS)
        await expect(page.locator("#start-button")).to_be_hidden()

        # Press a language button: the question is edited in place, the next one arrives.
        await english.click()
        await expect(_bot_text(page, "How will you use the bot?")).to_be_visible(timeout=WAIT_MS)
        await expect(_bot_text(page, "Language: English.")).to_be_visible()
        await expect(_bot_text(page, "Choose your language")).to_have_count(0)

        # Log in as a seller by typing, as a person would; the password message is deleted.
        await page.locator("button[data-callback='role:s']").click()
        await expect(_bot_text(page, "username")).to_be_visible(timeout=WAIT_MS)
        await expect(page.locator(".msg.bot .text b", has_text="username")).to_be_visible()  # HTML formatting
        await _send(page, seller.username)
        await expect(_bot_text(page, "password")).to_be_visible(timeout=WAIT_MS)
        await _send(page, seller.password)
        await expect(_bot_text(page, "INN")).to_be_visible(timeout=WAIT_MS)
        await _send(page, seller.inn)
        await expect(_bot_text(page, "Logged in")).to_be_visible(timeout=WAIT_MS)
        await expect(page.locator(".msg.me .text", has_text=seller.password)).to_have_count(
            0, timeout=WAIT_MS
        )

        # The reply keyboard (the main menu) is at the bottom; its buttons send their text.
        new_order = page.locator("#reply-kb button", has_text="New order")
        await expect(new_order).to_be_visible(timeout=WAIT_MS)
        await page.locator("#reply-kb button", has_text="Help").click()
        await expect(_bot_text(page, "BTS Express bot")).to_be_visible(timeout=WAIT_MS)

        # The Menu button lists the commands the bot registered (setMyCommands).
        await page.locator("#commands-button").click()
        await expect(page.locator("#commands-menu .command-name", has_text="/language")).to_be_visible()
        await page.locator("#messages").click(position={"x": 5, "y": 5})
        await expect(page.locator("#commands-menu")).to_be_hidden()

        # A whole new order, typed through the control API (the page only shows it), then the
        # order's card opened from the page: My orders (reply button), the order (inline button).
        driver = ChatDriver(e2e.http, e2e.telegram.url, user.id)
        _, barcode = await create_order(driver)
        await expect(page.locator(".msg.bot .document .doc-name", has_text=barcode)).to_be_visible(
            timeout=WAIT_MS
        )
        await page.locator("#reply-kb button", has_text="My orders").click()
        await page.locator(".msg.bot .inline-kb button", has_text=barcode).last.click(timeout=WAIT_MS)
        card = page.locator(".msg.bot", has=page.locator(".text", has_text="Odil Ahmedov")).last
        await expect(card.locator(".inline-kb button", has_text="Edit")).to_be_visible(timeout=WAIT_MS)

        shot = SCREENSHOT if (os.environ.get("UPDATE_SCREENSHOT") == "1" or not SCREENSHOT.exists()) else None
        target = shot or tmp_path / "screenshot.png"
        await page.locator("#messages").evaluate("box => { box.scrollTop = box.scrollHeight; }")
        await page.screenshot(path=str(target))
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

        # Send a location from the attach menu (prefilled with Tashkent): a location card.
        await page.locator("#attach-button").click()
        await page.locator("[data-attach='location']").click()
        await expect(page.locator("#loc-lat")).to_have_value(str(TASHKENT["latitude"]))
        await page.locator("#loc-send").click()
        card = page.locator(".msg.me .location .loc-coords")
        await expect(card).to_have_text(
            f"{TASHKENT['latitude']:.6f}, {TASHKENT['longitude']:.6f}", timeout=WAIT_MS
        )
        sent = e2e.telegram.transcript(user.id).user_messages[-1]
        assert sent.location == {"latitude": TASHKENT["latitude"], "longitude": TASHKENT["longitude"]}
    finally:
        await context.close()
    assert not errors, errors


async def test_web_chat_renders_bot_html_safely(
    e2e: Stack, browser: Browser, chat_page: tuple[ChatPage, SandboxUser]
) -> None:
    """Whatever the bot sends is shown as text: markup in the text stays text, script links are
    dropped, and a t.me link to the bot itself sends /start with its parameter."""
    server, user = chat_page
    fake = e2e.telegram
    html = (
        "<b>Bold</b> <i>it</i> <u>un</u> <s>st</s> <code>c0de</code> <tg-spoiler>secret</tg-spoiler>\n"
        '&lt;img src=x onerror="window.__xss=1"&gt;\n'
        '<a href="javascript:window.__xss=2">js-link</a> '
        f'<a href="https://t.me/{fake.bot_username}?start=track_60000229234">deep-link</a>\n'
        "<blockquote>quoted</blockquote><pre>pre-block</pre>"
    )
    context = await browser.new_context(viewport={"width": 1000, "height": 760})
    page = await context.new_page()
    try:
        await page.goto(f"{server.url}?chat={user.id}")
        await expect(page.locator("body")).to_have_attribute("data-ready", "true", timeout=WAIT_MS)
        async with e2e.http.post(
            f"{fake.url}/bot{fake.token}/sendMessage",
            json={"chat_id": user.id, "text": html, "parse_mode": "HTML"},
        ) as response:
            assert response.status == 200, await response.text()
        bubble = page.locator(".msg.bot .text", has_text="c0de").last
        await expect(bubble).to_be_visible(timeout=WAIT_MS)

        for selector, text in (
            ("b", "Bold"),
            ("i", "it"),
            ("u", "un"),
            ("s", "st"),
            ("code", "c0de"),
            (".spoiler", "secret"),
            ("blockquote", "quoted"),
            ("pre", "pre-block"),
        ):
            await expect(bubble.locator(selector, has_text=text)).to_have_count(1)
        await expect(bubble).to_contain_text('<img src=x onerror="window.__xss=1">')
        assert await bubble.locator("img").count() == 0
        js_link = bubble.locator("a", has_text="js-link")
        assert await js_link.get_attribute("href") is None
        await js_link.click()
        assert await page.evaluate("window.__xss") is None

        mark = fake.mark()
        await bubble.locator("a", has_text="deep-link").click()
        await expect(page.locator(".msg.me .text", has_text="/start track_60000229234")).to_be_visible(
            timeout=WAIT_MS
        )
        assert fake.transcript(user.id).user_messages[-1].text == "/start track_60000229234"
        await fake.wait_for(user.id, since=mark, timeout=WAIT_MS / 1000)  # the bot answers it
    finally:
        await context.close()
