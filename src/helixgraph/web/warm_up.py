"""The server's start-up warm-up: the home ecosystem's pages built before the first visitor.

For a store on disk the server first starts its analysis worker (it builds the store-wide views
the first request's report needs), then a warm-up process of its own at low priority: it opens
the store read-only, builds the views, the home dashboard and the explorer's first view in each
language, hands the server those pages and what every page asks of the whole store (the home
scope, the countries held, the form's choices, the store-wide counts), and ends; its memory
goes back to the system. The server never builds the store-wide views for its pages (on all of
Horizon 2020 they are a gigabyte), and nothing a request asks waits for the warm-up: meanwhile
it is answered by the analysis worker, as after a write. A store in memory or a remote one is
warmed up in the server.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Hashable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from helixgraph.language import Language
from helixgraph.network.registry import ViewName
from helixgraph.network.scope import countries_held, home_scope
from helixgraph.report.ecosystem import ecosystem_report
from helixgraph.report.precision import Precision
from helixgraph.report.worker import STARTUP, AnalysisWorker, store_with_views, worker_for
from helixgraph.report.years import fragmentation_by_year
from helixgraph.settings import Settings
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import key_of
from helixgraph.web.dashboard import scope_choices
from helixgraph.web.page_memo import pages_of
from helixgraph.web.routes.pages import DEFAULT_LIMIT, overview_context, viz_context
from helixgraph.workers.process import WorkerDied, WorkerProcess, WorkerSilent

#: The languages of the pages the warm-up builds.
PAGE_LANGUAGES: tuple[Language, ...] = ("en", "hu")

_ended: WeakKeyDictionary[KnowledgeGraph, threading.Event] = WeakKeyDictionary()


def warm_up(kg: KnowledgeGraph, settings: Settings) -> None:
    """Warm the server up (the thread the app starts; see the module docstring)."""
    precision = Precision.from_settings(settings)  # the pages' own, so that they find it kept
    with contextlib.suppress(OSError, AttributeError):  # requests first (a thread's own nice)
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    ended = _ended[kg] = threading.Event()
    try:
        worker = worker_for(kg)
        if worker is None:
            _warm_here(kg, precision)
        else:
            _warm_elsewhere(kg, worker, precision)
    except Exception:  # the server still serves; the same failure shows again on request
        logging.getLogger("helixgraph").exception("warming up the ecosystem report failed")
    finally:
        ended.set()


def warmed_up(kg: KnowledgeGraph, seconds: float = 0.0) -> bool:
    """Whether the start-up warm-up of ``kg``'s server has ended (or none was started),
    waiting up to ``seconds`` for it."""
    ended = _ended.get(kg)
    return ended is None or ended.wait(seconds)


def _warm_here(kg: KnowledgeGraph, precision: Precision) -> None:
    home = home_scope(kg)  # what / and /viz open on
    ecosystem_report(kg, scope=home, precision=precision)
    fragmentation_by_year(kg, scope=home)
    viz_context(kg, ViewName.actors, home, DEFAULT_LIMIT, precision=precision)


def _warm_elsewhere(kg: KnowledgeGraph, worker: AnalysisWorker, precision: Precision) -> None:
    generation = kg.generation
    worker.start(kg)  # the store open for the first request
    builder = WorkerProcess(_build, str(kg.path), precision, name="helixgraph-warm-up")
    try:
        ok, value = builder.receive(STARTUP)
    except (WorkerSilent, WorkerDied) as error:
        logging.getLogger("helixgraph").warning("the start-up warm-up stopped: %s", error)
        return
    finally:
        builder.kill()
    if not ok:
        raise value
    values, pages = value
    # kept only where the store is as the warm-up read it; what a request built meanwhile stays
    if kg.seed(values, generation):
        pages_of(kg).seed(kg, pages, generation)


def _build(conn: Connection, sandboxed: bool, location: str, precision: Precision) -> None:
    """The warm-up process: the home pages (the store-wide counts and the form's choices among
    what they keep) and the home scope and countries held, sent as the values kept under their
    keys and the pages kept (see the module docstring)."""
    with contextlib.suppress(OSError):
        os.nice(10)  # requests first
    try:
        kg = store_with_views(Path(location))
        home = home_scope(kg)
        for lang in PAGE_LANGUAGES:
            scope_choices(kg, lang)
            overview_context(kg, home, "scope", lang, precision=precision)
            viz_context(kg, ViewName.actors, home, DEFAULT_LIMIT, lang, precision)
        answers: list[tuple[Hashable, Any]] = [
            (key_of(home_scope, kg), home),
            (key_of(countries_held, kg), countries_held(kg)),
        ]
        conn.send((True, (answers, pages_of(kg).items(kg))))
    except Exception as error:
        conn.send((False, error))
