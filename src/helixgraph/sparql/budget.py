"""A fair share per client: each may use so many seconds of query time a minute.

The two lanes of the pool keep cheap queries moving past runaways; this keeps one client from
taking every worker in turn. A client is its address, or behind a reverse proxy listed in
``HELIX_TRUSTED_PROXIES`` the nearest address in ``X-Forwarded-For`` that no trusted proxy added
(an address a client writes into the header itself is never believed). A client past its budget
gets 429 with ``Retry-After``: the seconds until enough of its spending is a minute old.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Collection

from helixgraph.errors import QueryBusyError

#: The span a budget counts over, in seconds.
WINDOW = 60.0


class OverBudgetError(QueryBusyError):
    """A client has used its query time for now; ``retry_after`` says for how long."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class ClientBudget:
    """Seconds of query time per client per :data:`WINDOW`; safe across threads.

    >>> now = [0.0]
    >>> budget = ClientBudget(5, clock=lambda: now[0])
    >>> budget.check("a"); budget.spend("a", 6)
    >>> budget.check("b")  # another client is not held back
    >>> try:
    ...     budget.check("a")
    ... except OverBudgetError as error:
    ...     print(error.retry_after, str(error)[:43])
    60 this client used 6.0 s of query time in the
    >>> now[0] = 61.0; budget.check("a")
    """

    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self._spent: dict[str, deque[tuple[float, float]]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        """Raise :class:`OverBudgetError` if ``client`` has no query time left."""
        if self.seconds <= 0:
            return
        with self._lock:
            spent = self._recent(client)
            used = sum(seconds for _, seconds in spent)
            if used < self.seconds:
                return
            # wait until the oldest spending that keeps it over budget is a minute old
            now, over = self._clock(), used - self.seconds
            for at, seconds in spent:
                over -= seconds
                if over < 0:
                    wait = max(1, round(at + WINDOW - now + 0.5))
                    break
        raise OverBudgetError(
            f"this client used {used:.1f} s of query time in the last minute (the budget is "
            f"{self.seconds:g} s); ask again in {wait} s",
            wait,
        )

    def spend(self, client: str, seconds: float) -> None:
        """Count ``seconds`` of query time against ``client``."""
        if self.seconds <= 0 or seconds <= 0:
            return
        with self._lock:
            self._recent(client).append((self._clock(), seconds))
            if len(self._spent) > 10_000:  # forget the clients that spent nothing lately
                for other in [c for c, spent in self._spent.items() if not spent]:
                    del self._spent[other]

    def _recent(self, client: str) -> deque[tuple[float, float]]:
        spent = self._spent[client]
        horizon = self._clock() - WINDOW
        while spent and spent[0][0] <= horizon:
            spent.popleft()
        return spent


def client_address(
    peer: str | None, forwarded_for: str | None, trusted_proxies: Collection[str]
) -> str:
    """Who is asking: the peer's address, or when the peer is a trusted proxy the nearest
    address in ``X-Forwarded-For`` that no trusted proxy added.

    >>> client_address("10.0.0.9", "1.2.3.4", ())  # an untrusted peer's header is ignored
    '10.0.0.9'
    >>> client_address("127.0.0.1", "6.6.6.6, 1.2.3.4", ("127.0.0.1",))  # 6.6.6.6 is made up
    '1.2.3.4'
    >>> client_address("127.0.0.1", "1.2.3.4, 10.0.0.2", ("127.0.0.1", "10.0.0.2"))
    '1.2.3.4'
    """
    address = peer or "unknown"
    if address not in trusted_proxies or not forwarded_for:
        return address
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        if hop not in trusted_proxies:
            return hop
    return address
