"""Preconditions of the analysis functions, stated once as decorators (networkx's style:
``not_implemented_for``, ``argmap``), so every function fails with the same clear error."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import networkx as nx

F = TypeVar("F", bound=Callable[..., Any])


def requires_node_attribute(parameter: str, graph: str = "G") -> Callable[[F], F]:
    """Refuse, with a ``ValueError`` naming one such node, a graph some of whose nodes lack the
    attribute named by the argument ``parameter`` (default taken from the signature).

    >>> @requires_node_attribute("attr")
    ... def groups(G, attr="helix"):
    ...     return sorted(nx.get_node_attributes(G, attr).values())
    >>> G = nx.path_graph(2)
    >>> G.nodes[0]["helix"] = "academia"
    >>> groups(G)
    Traceback (most recent call last):
    ...
    ValueError: 1 node(s) have no 'helix' attribute, such as 1
    """

    def decorate(function: F) -> F:
        signature = inspect.signature(function)

        @functools.wraps(function)
        def checked(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            G, attr = bound.arguments[graph], bound.arguments[parameter]
            values = nx.get_node_attributes(G, attr)
            missing = [n for n in G if n not in values]
            if missing:
                raise ValueError(
                    f"{len(missing)} node(s) have no {attr!r} attribute, such as {missing[0]!r}"
                )
            return function(*args, **kwargs)

        return checked  # type: ignore[return-value]

    return decorate
