"""What the pages ask of the whole store (the home scope, the countries held): kept in the
server; while the start-up warm-up (:mod:`helixgraph.web.warm_up`) is on its way, its answer,
waited for; else computed in the analysis worker of a store on disk, so that the server never
builds the store-wide views for them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from helixgraph.network.scope import Scope
from helixgraph.report.worker import worker_for
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import key_of

T = TypeVar("T")


class WarmingUp:
    """A warm-up on its way: ``answers`` is set once the store-wide answers are kept (or the
    warm-up failed), ``home`` holds the home scope from then, ``pages`` once the pages are."""

    def __init__(self) -> None:
        self.answers = threading.Event()
        self.pages = threading.Event()
        self.home: Scope | None = None


_warming: WeakKeyDictionary[KnowledgeGraph, WarmingUp] = WeakKeyDictionary()


def warming_up(kg: KnowledgeGraph) -> WarmingUp:
    """A warm-up of ``kg``'s server starts: what the pages wait for until it has answered."""
    state = _warming[kg] = WarmingUp()
    return state


def store_answer(
    kg: KnowledgeGraph, function: Callable[..., T], *args: Any, deadline: float | None
) -> T:
    """``function(kg, *args)`` (a :func:`~helixgraph.store.kept.kept` function): kept in the
    server; while the warm-up is on its way, its answer (waited for up to ``deadline``); else
    computed in the analysis worker, and kept here. Computed here for a store in memory or a
    remote one, or without a deadline (in the warm-up's own process)."""
    worker = worker_for(kg)
    if worker is None or deadline is None:
        return function(kg, *args)
    key = key_of(function, kg, *args)
    state = _warming.get(kg)
    if kg.kept(key) is None and state is not None:
        state.answers.wait(deadline)
    found: T = kg.memo(key, lambda: worker.call_on_store(kg, function, *args, deadline=deadline))
    return found


def home_pending(kg: KnowledgeGraph, scope: Scope) -> bool:
    """Whether the warm-up is building the pages of ``scope`` (the home ecosystem) right now."""
    state = _warming.get(kg)
    return state is not None and not state.pages.is_set() and state.home == scope


def warmed_up(kg: KnowledgeGraph, seconds: float = 0.0) -> bool:
    """Whether the start-up warm-up of ``kg``'s server has ended (or none was started),
    waiting up to ``seconds`` for it."""
    state = _warming.get(kg)
    return state is None or state.pages.wait(seconds)
