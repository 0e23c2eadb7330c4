"""bot.routing: plain routers dissolved, guarded ones kept, handlers tried in the same order."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.dispatcher.event.bases import UNHANDLED

from bot.handlers import setup_routers
from bot.routing import flatten_routers


def _order(router: Router, event: str) -> list[object]:
    """The callbacks aiogram would try, in order (own handlers, then each sub-router)."""
    own = [handler.callback for handler in router.observers[event].handlers]
    return own + [cb for sub in router.sub_routers for cb in _order(sub, event)]


def _count(router: Router) -> int:
    return 1 + sum(_count(sub) for sub in router.sub_routers)


def _tree() -> Router:
    def make(name: str, *handlers: str, guarded: bool = False) -> Router:
        router = Router(name=name)
        if guarded:
            router.message.filter(F.text == name)
        for handler in handlers:

            async def callback(handler: str = handler) -> str:
                return handler

            callback.__name__ = handler
            router.message.register(callback)
        return router

    root = make("root", "r1")
    a = make("a", "a1", "a2")
    a.include_routers(make("a-guard", "g1", guarded=True), make("a-plain", "p1"))
    root.include_routers(a, make("b", "b1"), make("c", "c1", guarded=True), make("d", "d1"))
    return root


def test_same_handlers_in_the_same_order_in_fewer_routers() -> None:
    tree, flat = _tree(), _tree()
    before = [cb.__name__ for cb in _order(tree, "message")]  # type: ignore[attr-defined]
    dissolved = flatten_routers(flat)
    assert [cb.__name__ for cb in _order(flat, "message")] == before  # type: ignore[attr-defined]
    assert dissolved == 4  # a, a-plain, b, d
    assert [sub.name for sub in flat.sub_routers] == ["a-guard", "root+", "c", "root+"]
    assert flat.sub_routers[0].message._handler.filters  # the guard kept its filter
    assert _count(flat) < _count(tree)


async def test_a_guarded_router_still_turns_an_update_away() -> None:
    from datetime import datetime

    from aiogram.types import Chat, Message

    flat = _tree()
    flatten_routers(flat)
    guard = flat.sub_routers[0]
    message = Message(message_id=1, date=datetime.now(), chat=Chat(id=1, type="private"), text="x")
    assert await guard.propagate_event("message", message) is UNHANDLED


def test_the_bot_routers_keep_their_order() -> None:
    root = setup_routers()
    names = [sub.name for sub in root.sub_routers]
    assert "conversation:new_order" in names  # a guarded conversation stays a router
    assert _count(root) <= 22  # 37 routers before flattening
