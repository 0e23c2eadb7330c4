"""The root router: aiogram's order of handlers, minus the ones that surely cannot match.

aiogram tries every handler in turn: for each, its filters are called through the dependency
injection layer (a dict of the handler data built per filter), and every router on the way wraps
its outer middlewares and copies the data. With ~200 handlers, a typed answer in a conversation
passed ~40 filters (commands, menu buttons, button-data prefixes, states of other flows) and ~10
routers before its own handler.

:class:`Sieve` is the root. :meth:`Sieve.freeze` reads each handler's filters once and derives a
*gate*: a plain function of the event and the raw FSM state that says no only when one of the
filters would surely say no (a command filter and text that does not begin with its prefix, a
menu button and other text, a button of another data prefix, a state filter and another state).
At each update, handlers and whole routers whose gates say no are passed by; every other handler
is tried exactly as aiogram tries it (root filters first, then the handler's filters, its inner
middlewares, ``SkipHandler``), in the same order. A router with outer middlewares on the event
is left to aiogram whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from inspect import isclass
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED, SkipHandler
from aiogram.dispatcher.event.handler import FilterObject, HandlerObject
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.state import State, StatesGroup

from bot.filters import MenuButton, StatePrefix

Gate = Callable[[Any, "str | None"], bool]
ANY_STATE = "*"


def filter_gate(check: Any) -> Gate | None:
    """A necessary condition for ``check`` (a filter as registered) to pass, or ``None`` when it
    cannot be told without calling it."""
    if isinstance(check, Command):
        return _command_gate(check.prefix)
    if isinstance(check, MenuButton):
        return lambda event, _state: check.accepts(event)
    if isinstance(check, CallbackQueryFilter):
        return _data_gate(check.callback_data.__prefix__, check.callback_data.__separator__)
    if isinstance(check, StatePrefix):
        prefix = check.prefix
        return lambda _event, state: state is not None and state.startswith(prefix)
    states = _states_of(check)
    if states is None:
        return None
    return lambda _event, state: state in states


def _command_gate(prefixes: str) -> Gate:
    def gate(event: Any, _state: str | None) -> bool:
        text = getattr(event, "text", None) or getattr(event, "caption", None)
        if not text:
            return False
        head = text.lstrip()[:1]  # aiogram splits the command off at whitespace
        return head != "" and head in prefixes

    return gate


def _data_gate(prefix: str, separator: str) -> Gate:
    head = prefix + separator

    def gate(event: Any, _state: str | None) -> bool:
        data = getattr(event, "data", None)
        return isinstance(data, str) and (data == prefix or data.startswith(head))

    return gate


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
    return lambda event, state: all(gate(event, state) for gate in gates)


@dataclass(frozen=True)
class _Node:
    """One router's part in one kind of event, as frozen."""

    router: Router
    observer: TelegramEventObserver
    has_root_filters: bool
    root_gate: Gate | None
    entries: tuple[tuple[HandlerObject, Gate | None], ...]
    children: tuple[_Node, ...]
    opaque: bool  # outer middlewares: aiogram propagates this router itself
    gates: tuple[Gate, ...]  # every handler's gate in the subtree (when ``always`` is False)
    always: bool  # some handler in the subtree has no gate

    def may_match(self, event: Any, state: str | None) -> bool:
        if self.root_gate is not None and not self.root_gate(event, state):
            return False
        return self.always or any(gate(event, state) for gate in self.gates)


def _freeze(router: Router, event_name: str) -> _Node:
    observer = router.observers[event_name]
    root_filters = observer._handler.filters or []
    entries = tuple((handler, handler_gate(handler.filters)) for handler in observer.handlers)
    children = tuple(_freeze(sub, event_name) for sub in router.sub_routers)
    opaque = bool(observer.outer_middleware) or any(child.opaque for child in children)
    gates = [gate for _, gate in entries if gate is not None]
    always = opaque or any(gate is None for _, gate in entries)
    for child in children:
        always = always or (child.always and child.root_gate is None)
        if child.root_gate is None:
            gates.extend(child.gates)
        elif not child.always:
            gates.extend(_joined(child.root_gate, gate) for gate in child.gates)
        else:
            gates.append(child.root_gate)
    return _Node(
        router=router,
        observer=observer,
        has_root_filters=bool(root_filters),
        root_gate=handler_gate(root_filters),
        entries=entries,
        children=children,
        opaque=opaque,
        gates=tuple(gates),
        always=always,
    )


def _joined(first: Gate, second: Gate) -> Gate:
    return lambda event, state: first(event, state) and second(event, state)


class Sieve(Router):
    """The root router; see the module's docstring. Until :meth:`freeze` it is aiogram's router."""

    def __init__(self, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._frozen: dict[str, _Node] = {}

    def freeze(self) -> int:
        """Read the handlers' filters (after every router is included and the menu texts are
        known). Returns how many handlers got a gate."""
        self._frozen = {}
        gated = 0
        for name in self.resolve_used_update_types():
            node = _freeze(self, name)
            if not node.opaque:
                self._frozen[name] = node
                gated += _count_gated(node)
        return gated

    async def propagate_event(self, update_type: str, event: Any, **kwargs: Any) -> Any:
        node = self._frozen.get(update_type)
        if node is None:
            return await super().propagate_event(update_type, event, **kwargs)
        return await _walk(node, event, kwargs.get("raw_state"), kwargs)


def _count_gated(node: _Node) -> int:
    return sum(gate is not None for _, gate in node.entries) + sum(_count_gated(c) for c in node.children)


async def _walk(node: _Node, event: Any, state: str | None, data: dict[str, Any]) -> Any:
    """aiogram's ``Router.propagate_event`` and ``TelegramEventObserver.trigger`` for one router,
    passing by what the gates rule out."""
    if not node.may_match(event, state):
        return UNHANDLED
    kwargs = {**data, "event_router": node.router}
    observer = node.observer
    if node.has_root_filters:
        passed, found = await observer.check_root_filters(event, **kwargs)
        if not passed:
            return UNHANDLED
        kwargs.update(found)
    for handler, gate in node.entries:
        if gate is not None and not gate(event, state):
            continue
        kwargs["handler"] = handler
        passed, found = await handler.check(event, **kwargs)
        if not passed:
            continue
        kwargs.update(found)
        try:
            call = observer.outer_middleware.wrap_middlewares(observer._resolve_middlewares(), handler.call)
            response = await call(event, kwargs)
        except SkipHandler:
            continue
        return UNHANDLED if response is REJECTED else response
    kwargs.pop("handler", None)
    for child in node.children:
        response = await _walk(child, event, state, kwargs)
        if response is not UNHANDLED:
            return response
    return UNHANDLED
