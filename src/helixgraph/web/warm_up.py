"""The server's start-up warm-up: the home ecosystem's pages built before the first visitor.

For a store on disk the warm-up runs in a process of its own, at low priority: it opens the
store read-only, builds the views, and hands the server, as soon as it has them, the few
answers about the whole store that every page asks (the home scope, the countries held, the
form's choices, the store-wide counts); then the home dashboard and the explorer's first view in
each language; then it ends, and its memory goes back to the system. The server never builds
the store-wide views for its pages (on all of Horizon 2020 they are a gigabyte), and the
analysis worker stays free for the requests: a report asked meanwhile is not queued behind the
warm-up's. A store in memory or a remote one is warmed up in the server.

What the pages ask of the whole store goes through
:func:`~helixgraph.web.store_answers.store_answer`: kept in the server, else the warm-up's
answer (waited for while it is on its way), else the analysis worker's.
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

from helixgraph.language import Language
from helixgraph.network.registry import ViewName
from helixgraph.network.scope import Scope, countries_held, home_scope
from helixgraph.report.ecosystem import ecosystem_report
from helixgraph.report.precision import Precision
from helixgraph.report.worker import STARTUP, store_with_views, worker_for
from helixgraph.report.years import fragmentation_by_year
from helixgraph.settings import Settings
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import key_of
from helixgraph.web.dashboard import scope_choices
from helixgraph.web.page_memo import pages_of
from helixgraph.web.routes.pages import DEFAULT_LIMIT, overview_context, store_stats, viz_context
from helixgraph.web.store_answers import WarmingUp, warming_up
from helixgraph.workers.process import WorkerDied, WorkerProcess, WorkerSilent

#: The languages of the pages the warm-up builds.
PAGE_LANGUAGES: tuple[Language, ...] = ("en", "hu")


def warm_up(kg: KnowledgeGraph, settings: Settings) -> None:
    """Warm the server up (the thread the app starts; see the module docstring)."""
    precision = Precision.from_settings(settings)  # the pages' own, so that they find it kept
    with contextlib.suppress(OSError, AttributeError):  # requests first (a thread's own nice)
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    state = warming_up(kg)
    try:
        if worker_for(kg) is None:
            _warm_here(kg, precision)
        else:
            _warm_elsewhere(kg, precision, state)
    except Exception:  # the server still serves; the same failure shows again on request
        logging.getLogger("helixgraph").exception("warming up the ecosystem report failed")
    finally:
        state.answers.set()
        state.pages.set()


def _warm_here(kg: KnowledgeGraph, precision: Precision) -> None:
    home = home_scope(kg)  # what / and /viz open on
    ecosystem_report(kg, scope=home, precision=precision)
    fragmentation_by_year(kg, scope=home)
    viz_context(kg, ViewName.actors, home, DEFAULT_LIMIT, precision=precision)


def _warm_elsewhere(kg: KnowledgeGraph, precision: Precision, state: WarmingUp) -> None:
    generation = kg.generation
    worker = WorkerProcess(_build, str(kg.path), precision, name="helixgraph-warm-up")
    try:
        for step in (state.answers, state.pages):
            ok, value = worker.receive(STARTUP)
            if not ok:
                raise value
            values, pages = value
            if not (kg.seed(values, generation) and pages_of(kg).seed(kg, pages, generation)):
                return  # the store changed meanwhile: what was built describes it as it was
            state.home = home_scope(kg)  # kept now
            step.set()
    except (WorkerSilent, WorkerDied) as error:
        logging.getLogger("helixgraph").warning("the start-up warm-up stopped: %s", error)
    finally:
        worker.kill()


def _build(conn: Connection, sandboxed: bool, location: str, precision: Precision) -> None:
    """The warm-up process: the store-wide answers first, then the home pages; each sent as the
    values kept under their keys and the pages kept (see the module docstring)."""
    with contextlib.suppress(OSError):
        os.nice(10)
    try:
        kg = store_with_views(Path(location))
        home = home_scope(kg)
        countries_held(kg)
        for lang in PAGE_LANGUAGES:
            scope_choices(kg, lang)
        store_stats(kg)
        conn.send((True, (_answers(kg, home), pages_of(kg).items(kg))))
        for lang in PAGE_LANGUAGES:
            overview_context(kg, home, "scope", lang, precision=precision)
            viz_context(kg, ViewName.actors, home, DEFAULT_LIMIT, lang, precision)
        conn.send((True, (_answers(kg, home), pages_of(kg).items(kg))))
    except Exception as error:
        conn.send((False, error))


def _answers(kg: KnowledgeGraph, home: Scope) -> list[tuple[Hashable, Any]]:
    return [(key_of(home_scope, kg), home), (key_of(countries_held, kg), countries_held(kg))]
