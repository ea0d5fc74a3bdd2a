"""Settings of the web service: one pydantic ``BaseSettings``, read from ``HELIX_*`` variables.

A leaf: read once where a process starts (the server, a command) and handed down."""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from helixgraph.errors import InputError

#: a count, a size in bytes or a number of samples: more than zero
Count = Annotated[int, Field(gt=0)]
#: a duration in seconds: more than zero
Seconds = Annotated[float, Field(gt=0)]


class Settings(BaseSettings):
    """``HELIX_STORE``, ``HELIX_HOST``, ``HELIX_PORT``, ``HELIX_MAX_ROWS``,
    ``HELIX_QUERY_TIMEOUT``, ``HELIX_QUERY_WORKERS``, ``HELIX_QUERY_CACHE_BYTES``,
    ``HELIX_CLIENT_QUERY_SECONDS``, ``HELIX_TRUSTED_PROXIES``,
    ``HELIX_MAX_BODY``, ``HELIX_UPDATE_TOKEN``, ``HELIX_EXACT_LIMIT``,
    ``HELIX_FRAGMENTATION_SAMPLES``, ``HELIX_BETWEENNESS_SAMPLES``, ``HELIX_WARM_UP``,
    ``HELIX_DEFAULT_DATA``, ``HELIX_MAX_UPLOAD``, ``HELIX_IMPORT_TIMEOUT``."""

    model_config = SettingsConfigDict(
        env_prefix="HELIX_", extra="ignore", use_attribute_docstrings=True
    )

    store: str | None = None
    """store directory, or the http(s) URL of a remote SPARQL store; default: the per-user data
    directory"""
    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=0, le=65535)] = 8000
    max_rows: Count = 10_000
    """result rows a query may return"""
    query_timeout: Seconds = 10.0
    """seconds a SPARQL query may run before it is stopped"""
    update_timeout: Seconds = 30.0
    """seconds a SPARQL update may run before its writer process is stopped (nothing written
    then)"""
    analysis_timeout: Seconds = 120.0
    """seconds the web app's report of a scope not asked before may take; its worker process
    is then stopped (503)"""
    analysis_idle: Seconds = 600.0
    """seconds the analysis worker may stay idle before it ends and gives its memory back (the
    store-wide views: a gigabyte on all of Horizon 2020); the next request starts it again"""
    query_workers: Count = Field(default_factory=lambda: max(4, 2 * (os.cpu_count() or 1)))
    """worker processes answering SPARQL queries"""
    slow_query_workers: Annotated[int, Field(ge=0)] | None = None
    """worker processes for queries past a second (default: half the query workers; 0: one
    lane, where long queries keep the worker they started on)"""
    client_query_seconds: Annotated[float, Field(ge=0)] = 30.0
    """seconds of query time one client may use a minute (429 beyond; 0: no limit)"""
    trusted_proxies: list[str] = []
    """addresses of reverse proxies whose X-Forwarded-For names the client (a JSON list, such
    as ["127.0.0.1"]); others' headers are ignored"""
    query_cache_bytes: Annotated[int, Field(ge=0)] = 64_000_000
    """bytes of answers kept until the store changes (0: none kept)"""
    max_body: Count = 2_000_000
    """bytes a request body may hold (413 beyond)"""
    update_token: SecretStr | None = None
    """SPARQL updates are accepted only with `Authorization: Bearer <token>`; unset: the
    endpoint is read-only"""
    exact_limit: Count = 5000
    """focal actors up to which every measure is exact; above, estimated or left out"""
    key_player_budget: Seconds = 2.0
    """seconds the exact key-player search may take"""
    fragmentation_samples: Count = 256
    """random sources estimating distance fragmentation"""
    betweenness_samples: Count = 1024
    """random sources estimating betweenness"""
    default_data: Literal["shipped", "none"] = "shipped"
    """`none`: a store is opened without loading the shipped default ecosystem (the user's own
    data only; what a store already holds stays)"""
    max_upload: Count = 50_000_000
    """bytes one upload to the data page or /api/imports may hold (413 beyond)"""
    import_timeout: Seconds = 600.0
    """seconds an import or a removal asked of the server may take before its writer process
    is stopped (nothing written then)"""
    warm_up: bool = True
    """build the home scope's pages at start-up, in the background"""
    # what one import may expand to, checked while it streams: a bomb is refused, not read
    max_line_bytes: Count = 1 << 20
    """bytes one line of a CSV source may hold"""
    max_expanded_bytes: Count = 4 << 30
    """bytes a CSV source may hold once decompressed (all of H2020: 15 MB)"""
    max_rdf_bytes: Count = 256 << 20
    """bytes an RDF file may hold once decompressed (parsed and validated in memory)"""
    max_workbook_bytes: Count = 64 << 20
    """bytes an .xlsx workbook may hold once unzipped"""


def read_settings(**given: Any) -> Settings:
    """The settings: what is ``given`` over the ``HELIX_*`` variables over the defaults. A wrong
    value is an :class:`InputError` naming its variable, not a traceback.

    >>> read_settings(port=80).port
    80
    >>> read_settings(exact_limit="many")
    Traceback (most recent call last):
    ...
    helixgraph.errors.InputError: a setting is wrong: HELIX_EXACT_LIMIT='many': Input should be ...
    """
    try:
        return Settings(**given)
    except ValidationError as error:
        problems = "; ".join(
            f"HELIX_{'_'.join(map(str, e['loc'])).upper()}={e['input']!r}: {e['msg']}"
            for e in error.errors()
        )
        raise InputError(f"a setting is wrong: {problems}") from None
