"""The root router: aiogram's order of handlers, minus the ones that surely cannot match.

aiogram tries every handler in turn: for each, its filters are called through the dependency
injection layer (a dict of the handler data built per filter), and every router on the way wraps
its outer middlewares and copies the data. With ~200 handlers, a typed answer in a conversation
passed ~40 filters (commands, menu buttons, button-data prefixes, states of other flows) and ~10
routers before its own handler.

:class:`Sieve` is the root. :meth:`Sieve.freeze` reads each handler's filters once and derives a
*gate*: a plain function of a :class:`Probe` (what the filters look at: the raw FSM state, the
first character of the text, whether the text is a main-menu button, the prefix of a button's
data) that says no only when one of the filters would surely say no (a command filter and text
that does not begin with its prefix, a menu button and other text, a button of another data
prefix, a state filter and another state). The routers and handlers left for a probe (its
*plan*) are found once per kind of update and probe, and kept. Every handler in the plan is then
tried exactly as aiogram tries it (root filters first, then the handler's filters, its inner
middlewares, ``SkipHandler``), in the same order. If any router has outer middlewares on an
event, that event goes through aiogram's own propagation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from inspect import isclass
from typing import Any, NamedTuple

from aiogram import Router
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED, SkipHandler
from aiogram.dispatcher.event.handler import FilterObject, HandlerObject
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.state import State, StatesGroup

from bot.filters import MenuButton, StatePrefix

ANY_STATE = "*"
DATA_SEPARATOR = ":"  # aiogram's default; a button kind with another separator is not gated
PLANS_KEPT = 10_000  # kinds of update remembered (each: a state, a menu text, a button kind)


class Probe(NamedTuple):
    """What the gates look at, taken from an update once."""

    state: str | None
    head: str  # the first character of the text (or caption) when it may begin a command, else ""
    menu: str | None  # the text, when it is the text of a main-menu button
    data: str | None  # a button's data up to the first separator


Gate = Callable[[Probe], bool]


def probe(event: Any, state: str | None, heads: str, kinds: frozenset[str] = frozenset()) -> Probe:
    """The probe of ``event`` (``heads``: every command prefix a gate knows; ``kinds``: every
    button prefix one knows; any other prefix, a forged one too, reads as ``""``)."""
    text = getattr(event, "text", None)
    typed = text or getattr(event, "caption", None)
    head = typed.lstrip()[:1] if isinstance(typed, str) else ""
    menu = text if isinstance(text, str) and text in MenuButton.any_text() else None
    data = getattr(event, "data", None)
    kind = data.split(DATA_SEPARATOR, 1)[0] if isinstance(data, str) else None
    return Probe(
        state=state,
        head=head if head and head in heads else "",
        menu=menu,
        data=kind if kind is None or kind in kinds else "",
    )


def filter_gate(check: Any) -> Gate | None:
    """A necessary condition for ``check`` (a filter as registered) to pass, or ``None`` when it
    cannot be told without calling it."""
    if isinstance(check, Command):
        prefixes = check.prefix
        return lambda p: p.head != "" and p.head in prefixes
    if isinstance(check, MenuButton):
        return lambda p: check.accepts_text(p.menu)
    if isinstance(check, CallbackQueryFilter):
        kind = check.callback_data
        if kind.__separator__ != DATA_SEPARATOR:
            return None
        prefix = kind.__prefix__
        return lambda p: p.data == prefix
    if isinstance(check, StatePrefix):
        start = check.prefix
        return lambda p: p.state is not None and p.state.startswith(start)
    states = _states_of(check)
    if states is None:
        return None
    return lambda p: p.state in states


def _states_of(check: Any) -> frozenset[str | None] | None:
    """The raw states a state filter accepts; ``None``: not a state filter, or any state."""
    if isinstance(check, StateFilter):
        accepted: set[str | None] = set()
        for allowed in check.states:
            states = _states_of(allowed)
            if states is None:
                return None
            accepted |= states
        return frozenset(accepted)
    if check is None or isinstance(check, str):
        return None if check == ANY_STATE else frozenset({check})
    if isinstance(check, State):
        return None if check.state == ANY_STATE else frozenset({check.state})
    if isinstance(check, StatesGroup):
        return frozenset(type(check).__all_states_names__)
    if isclass(check) and issubclass(check, StatesGroup):
        return frozenset(check.__all_states_names__)
    return None


def handler_gate(filters: Sequence[FilterObject] | None) -> Gate | None:
    """Every filter of a handler must pass: the gates of those that can be told, joined."""
    gates = [gate for f in filters or () if (gate := filter_gate(f.magic or f.callback)) is not None]
    if not gates:
        return None
    if len(gates) == 1:
        return gates[0]
    return lambda p: all(gate(p) for gate in gates)


def command_prefixes(filters: Sequence[FilterObject] | None) -> str:
    return "".join(f.callback.prefix for f in filters or () if isinstance(f.callback, Command))


def button_kinds(filters: Sequence[FilterObject] | None) -> set[str]:
    return {
        f.callback.callback_data.__prefix__
        for f in filters or ()
        if isinstance(f.callback, CallbackQueryFilter)
    }


@dataclass(eq=False)
class _Node:
    """One router's part in one kind of event, as frozen."""

    router: Router
    observer: TelegramEventObserver
    has_root_filters: bool
    root_gate: Gate | None
    entries: tuple[tuple[HandlerObject, Gate | None], ...]
    children: tuple[_Node, ...]
    # The inner middlewares of this router and the routers above it (up to the dispatcher),
    # resolved at the first update: the dispatcher includes the root after it is frozen.
    middlewares: list[Any] | None = None

    def inner_middlewares(self) -> list[Any]:
        if self.middlewares is None:
            self.middlewares = self.observer._resolve_middlewares()
        return self.middlewares

    def plan(self, p: Probe) -> _Plan | None:
        """What may match ``p`` here: the handlers and the sub-routers' plans, or ``None``."""
        if self.root_gate is not None and not self.root_gate(p):
            return None
        handlers = tuple(handler for handler, gate in self.entries if gate is None or gate(p))
        children = tuple(plan for child in self.children if (plan := child.plan(p)) is not None)
        if not handlers and not children:
            return None
        return _Plan(self, handlers, children)


@dataclass(frozen=True)
class _Plan:
    node: _Node
    handlers: tuple[HandlerObject, ...]
    children: tuple[_Plan, ...]


def _freeze(router: Router, event_name: str) -> tuple[_Node, bool, str, set[str]]:
    """The router's node, whether outer middlewares sit anywhere in it, its command prefixes and
    its button prefixes."""
    observer = router.observers[event_name]
    root_filters = observer._handler.filters or []
    entries = tuple((handler, handler_gate(handler.filters)) for handler in observer.handlers)
    prefixes = command_prefixes(root_filters) + "".join(
        command_prefixes(h.filters) for h in observer.handlers
    )
    kinds = button_kinds(root_filters).union(*(button_kinds(h.filters) for h in observer.handlers))
    opaque = bool(observer.outer_middleware)
    children = []
    for sub in router.sub_routers:
        child, child_opaque, child_prefixes, child_kinds = _freeze(sub, event_name)
        children.append(child)
        opaque = opaque or child_opaque
        prefixes += child_prefixes
        kinds |= child_kinds
    node = _Node(
        router=router,
        observer=observer,
        has_root_filters=bool(root_filters),
        root_gate=handler_gate(root_filters),
        entries=entries,
        children=tuple(children),
    )
    return node, opaque, prefixes, kinds


class Sieve(Router):
    """The root router; see the module's docstring. Until :meth:`freeze` it is aiogram's router."""

    def __init__(self, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._frozen: dict[str, _Node] = {}
        self._heads = ""
        self._kinds: frozenset[str] = frozenset()
        self._plans: dict[tuple[str, Probe], _Plan | None] = {}
        self._menu: frozenset[str] = frozenset()

    def freeze(self) -> int:
        """Read the handlers' filters (after every router is included). Returns how many
        handlers got a gate."""
        self._frozen, self._plans = {}, {}
        heads: set[str] = set()
        kinds: set[str] = set()
        gated = 0
        for name in self.resolve_used_update_types():
            node, opaque, prefixes, found = _freeze(self, name)
            if not opaque:
                self._frozen[name] = node
                heads.update(prefixes)
                kinds |= found
                gated += _count_gated(node)
        self._heads, self._kinds = "".join(sorted(heads)), frozenset(kinds)
        return gated

    def probe(self, event: Any, state: str | None) -> Probe:
        return probe(event, state, self._heads, self._kinds)

    def plan(self, update_type: str, event: Any, state: str | None) -> _Plan | None:
        """The routers and handlers that may take ``event`` (kept per kind of update)."""
        menu = MenuButton.any_text()
        if menu is not self._menu or len(self._plans) > PLANS_KEPT:  # new menu texts: plans anew
            self._plans, self._menu = {}, menu
        key = (update_type, self.probe(event, state))
        try:
            return self._plans[key]
        except KeyError:
            found = self._plans[key] = self._frozen[update_type].plan(key[1])
            return found

    async def propagate_event(self, update_type: str, event: Any, **kwargs: Any) -> Any:
        if update_type not in self._frozen:
            return await super().propagate_event(update_type, event, **kwargs)
        plan = self.plan(update_type, event, kwargs.get("raw_state"))
        if plan is None:
            return UNHANDLED
        return await _walk(plan, event, kwargs)


def _count_gated(node: _Node) -> int:
    return sum(gate is not None for _, gate in node.entries) + sum(_count_gated(c) for c in node.children)


async def _walk(plan: _Plan, event: Any, data: dict[str, Any]) -> Any:
    """aiogram's ``Router.propagate_event`` and ``TelegramEventObserver.trigger`` for one router,
    over the handlers and sub-routers its plan left."""
    node = plan.node
    kwargs = {**data, "event_router": node.router}
    observer = node.observer
    if node.has_root_filters:
        passed, found = await observer.check_root_filters(event, **kwargs)
        if not passed:
            return UNHANDLED
        kwargs.update(found)
    for handler in plan.handlers:
        kwargs["handler"] = handler
        passed, found = await handler.check(event, **kwargs)
        if not passed:
            continue
        kwargs.update(found)
        try:
            call = observer.outer_middleware.wrap_middlewares(node.inner_middlewares(), handler.call)
            response = await call(event, kwargs)
        except SkipHandler:
            continue
        return UNHANDLED if response is REJECTED else response
    kwargs.pop("handler", None)
    for child in plan.children:
        response = await _walk(child, event, kwargs)
        if response is not UNHANDLED:
            return response
    return UNHANDLED
