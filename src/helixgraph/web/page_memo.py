"""What pages are rendered with (figures, SVG charts, the explorer's data and layout), kept by
the web layer, not the store: the store keeps data (views, reports), the pages keep what they
draw from it. Per state of the store: a write drops every page."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from helixgraph.network.scope import Scope
from helixgraph.store import KnowledgeGraph

T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """The key of a page kept: which page, for which choice on it."""

    name: str
    view: str | None = None
    years: tuple[int, int] | None = None
    limit: int | None = None
    scope: Scope | None = None
    through: str | None = None
    lang: str = "en"


class PageMemo:
    """Pages of one store: those asked without ``recent`` until the store changes, the others
    for the ``most`` asked most recently (each scope's dashboard is hundreds of kilobytes).

    >>> kg = KnowledgeGraph.in_memory(default_data=False)
    >>> pages, built = PageMemo(most=1), []
    >>> for key in ("a", "b", "a"):
    ...     _ = pages.keep(kg, key, lambda key=key: built.append(key), recent=True)
    >>> built, pages.kept(kg, "a") is None
    (['a', 'b', 'a'], True)
    """

    def __init__(self, most: int = 16) -> None:
        self.most = most
        self._lock = threading.Lock()
        self._generation = -1
        self._pinned: dict[Hashable, Any] = {}
        self._recent: OrderedDict[Hashable, Any] = OrderedDict()

    def kept(self, kg: KnowledgeGraph, key: Hashable) -> Any:
        """The page kept under ``key`` for the store as it is, or None: never builds it."""
        with self._lock:
            self._follow(kg)
            if key in self._recent:
                self._recent.move_to_end(key)
                return self._recent[key]
            return self._pinned.get(key)

    def keep(
        self, kg: KnowledgeGraph, key: Hashable, build: Callable[[], T], *, recent: bool = False
    ) -> T:
        """What ``build()`` answers, built once per state of the store; one built while the
        store changed is answered but not kept (it shows the store as it was)."""
        found = self.kept(kg, key)
        if found is not None:
            kept: T = found
            return kept
        generation = kg.generation
        value = build()
        with self._lock:
            self._follow(kg)
            if kg.generation == generation:
                if recent:
                    self._recent[key] = value
                    while len(self._recent) > self.most:
                        self._recent.popitem(last=False)
                else:
                    self._pinned[key] = value
        return value

    def items(self, kg: KnowledgeGraph) -> list[tuple[Hashable, Any, bool]]:
        """Every page kept for the store as it is: (key, page, whether among the recent)."""
        with self._lock:
            self._follow(kg)
            return [(k, v, False) for k, v in self._pinned.items()] + [
                (k, v, True) for k, v in self._recent.items()
            ]

    def seed(
        self, kg: KnowledgeGraph, pages: list[tuple[Hashable, Any, bool]], generation: int
    ) -> bool:
        """Keep pages built elsewhere (:meth:`items` of another process's memo) where the store
        is still at ``generation``, those kept here already left as they are; whether it was."""
        with self._lock:
            self._follow(kg)
            if kg.generation != generation:
                return False
            for key, value, recent in pages:
                if key not in self._pinned and key not in self._recent:
                    (self._recent if recent else self._pinned)[key] = value
            while len(self._recent) > self.most:
                self._recent.popitem(last=False)
            return True

    def _follow(self, kg: KnowledgeGraph) -> None:
        if kg.generation != self._generation:
            self._generation = kg.generation
            self._pinned.clear()
            self._recent.clear()


_MEMOS: WeakKeyDictionary[KnowledgeGraph, PageMemo] = WeakKeyDictionary()
_MEMOS_LOCK = threading.Lock()


def pages_of(kg: KnowledgeGraph) -> PageMemo:
    """The pages kept for ``kg`` (one memo a store, gone with it)."""
    with _MEMOS_LOCK:
        memo = _MEMOS.get(kg)
        if memo is None:
            memo = _MEMOS[kg] = PageMemo()
        return memo
