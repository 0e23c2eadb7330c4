"""Fewer routers for an update to pass through, with the same handler winning.

aiogram passes an update through every router in turn (outer middlewares wrapped, the handler
data copied, root filters checked, per router), so nesting costs on every update even where a
router only groups handlers. A router that only groups (no router-level filters, no middlewares,
no startup or shutdown handlers) is dissolved: its handlers join a run of such handlers in
one router, in the same order as aiogram would try them; routers that guard their handlers
(a state or admin filter, a middleware) stay as they are, flattened inside the same way.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.dispatcher.event.handler import HandlerObject

Handlers = dict[str, list[HandlerObject]]


def flatten_routers(router: Router) -> int:
    """Dissolve the plain sub-routers under ``router`` (which keeps its own filters and middlewares).
    Returns how many routers were dissolved."""
    segments: list[Router | Handlers] = []
    dissolved = sum(_collect(sub, segments) for sub in router.sub_routers)
    router.sub_routers = []
    run: Router | None = None
    for segment in segments:
        if isinstance(segment, Router):
            segment._parent_router = None  # detached from its old parent (include_router checks it)
            router.include_router(segment)
            run = None
            continue
        if run is None:  # the router's own handlers come first: a run before any sub-router joins them
            run = router if not router.sub_routers else router.include_router(Router(name=f"{router.name}+"))
        for name, handlers in segment.items():
            run.observers[name].handlers.extend(handlers)
    return dissolved


def _collect(router: Router, segments: list[Router | Handlers]) -> int:
    if _guards(router):
        dissolved = flatten_routers(router)
        segments.append(router)
        return dissolved
    segments.append({name: list(observer.handlers) for name, observer in router.observers.items()})
    return 1 + sum(_collect(sub, segments) for sub in router.sub_routers)


def _guards(router: Router) -> bool:
    """The router does something for all its handlers: it must stay a router."""
    if router.startup.handlers or router.shutdown.handlers:
        return True
    return any(
        observer.outer_middleware or observer.middleware or observer._handler.filters
        for observer in router.observers.values()
    )
