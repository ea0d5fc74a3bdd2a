"""Values derived from the store, computed once per state of it: decorate ``f(kg, ...)`` with
:func:`kept` and each call's value is kept under the function and its arguments by
:meth:`~helixgraph.store.reading.GraphReader.memo` until the store changes.

With :func:`kept_by`, the values are kept by scope: only those of the few scopes asked most
recently stay (a years window, a page's choice), so that asking for many cannot fill the memory.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

from helixgraph.store.reading import GraphReader

K = TypeVar("K", bound=GraphReader)
P = ParamSpec("P")
R = TypeVar("R")


def kept(function: Callable[Concatenate[K, P], R]) -> Callable[Concatenate[K, P], R]:
    """Keep ``function``'s value per store state and arguments (which must be hashable).

    >>> from helixgraph.store import KnowledgeGraph
    >>> calls = []
    >>> @kept
    ... def size(kg: KnowledgeGraph, graph: str) -> int:
    ...     calls.append(graph)
    ...     return 1
    >>> kg = KnowledgeGraph.in_memory(default_data=False)
    >>> size(kg, "a"), size(kg, "a"), size(kg, "b"), calls
    (1, 1, 1, ['a', 'b'])
    >>> kg.forget(); _ = size(kg, "a"); calls
    ['a', 'b', 'a']
    """
    return _keeping(function, scope=None)


def kept_by(
    scope: str,
) -> Callable[[Callable[Concatenate[K, P], R]], Callable[Concatenate[K, P], R]]:
    """:func:`kept`, grouped by the argument named ``scope``: the values of the
    :data:`~helixgraph.store.reading.GraphReader.SCOPES_KEPT` scopes asked most recently stay."""

    def decorate(function: Callable[Concatenate[K, P], R]) -> Callable[Concatenate[K, P], R]:
        return _keeping(function, scope=scope)

    return decorate


def _keeping(
    function: Callable[Concatenate[K, P], R], *, scope: str | None
) -> Callable[Concatenate[K, P], R]:
    signature = inspect.signature(function)  # once: kept functions sit on every request
    name = (function.__module__, function.__qualname__)

    def wrapper(kg: K, /, *args: P.args, **kwargs: P.kwargs) -> R:
        key, bound = _key(signature, name, kg, args, kwargs)
        group: Hashable = bound.arguments.get(scope) if scope is not None else None
        return kg.memo(key, lambda: function(kg, *args, **kwargs), scope=group)

    functools.update_wrapper(wrapper, function)
    wrapper.kept_as = (signature, name)  # type: ignore[attr-defined]  # for key_of
    return wrapper


def held(function: Callable[..., Any], kg: GraphReader, *args: Any, **kwargs: Any) -> bool:
    """Whether the value of ``function(kg, *args, **kwargs)`` (a :func:`kept` function) is kept
    in this process now; never computes it.

    >>> from helixgraph.store import KnowledgeGraph
    >>> @kept
    ... def size(kg: KnowledgeGraph, graph: str) -> int:
    ...     return 1
    >>> kg = KnowledgeGraph.in_memory(default_data=False)
    >>> held(size, kg, "a"), size(kg, "a"), held(size, kg, "a")
    (False, 1, True)
    """
    return kg.kept(key_of(function, kg, *args, **kwargs)) is not None


def key_of(function: Callable[..., Any], kg: GraphReader, *args: Any, **kwargs: Any) -> Hashable:
    """The key the value of ``function(kg, *args, **kwargs)`` (a :func:`kept` function) is kept
    under: the same in every process, so that one process can hand another what it computed."""
    signature, name = function.kept_as  # type: ignore[attr-defined]  # read once, by kept
    return _key(signature, name, kg, args, kwargs)[0]


def _key(
    signature: inspect.Signature, name: tuple[str, str], kg: GraphReader, args: Any, kwargs: Any
) -> tuple[Hashable, inspect.BoundArguments]:
    """The key a call's value is kept under: the function's name and its arguments as bound."""
    bound = signature.bind(kg, *args, **kwargs)
    bound.apply_defaults()  # f(kg) and f(kg, "en") are one call when "en" is the default
    return (name, *list(bound.arguments.values())[1:]), bound
