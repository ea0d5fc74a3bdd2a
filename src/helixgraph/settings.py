"""Settings of the web service: one pydantic ``BaseSettings``, read from ``HELIX_*`` variables.

A leaf: read once where a process starts (the server, a command) and handed down."""

from __future__ import annotations

import os
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from helixgraph.errors import InputError


class Settings(BaseSettings):
    """``HELIX_STORE``, ``HELIX_HOST``, ``HELIX_PORT``, ``HELIX_MAX_ROWS``,
    ``HELIX_QUERY_TIMEOUT``, ``HELIX_QUERY_WORKERS``, ``HELIX_QUERY_CACHE_BYTES``,
    ``HELIX_CLIENT_QUERY_SECONDS``, ``HELIX_TRUSTED_PROXIES``,
    ``HELIX_MAX_BODY``, ``HELIX_UPDATE_TOKEN``, ``HELIX_EXACT_LIMIT``,
    ``HELIX_FRAGMENTATION_SAMPLES``, ``HELIX_BETWEENNESS_SAMPLES``, ``HELIX_WARM_UP``,
    ``HELIX_DEFAULT_DATA``, ``HELIX_MAX_UPLOAD``, ``HELIX_IMPORT_TIMEOUT``."""

    model_config = SettingsConfigDict(env_prefix="HELIX_", extra="ignore")

    store: str | None = Field(
        default=None,
        description="store directory, or the http(s) URL of a remote SPARQL store; "
        "default: the per-user data directory",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    max_rows: int = Field(default=10_000, gt=0, description="result rows a query may return")
    query_timeout: float = Field(
        default=10.0, gt=0, description="seconds a SPARQL query may run before it is stopped"
    )
    update_timeout: float = Field(
        default=30.0,
        gt=0,
        description="seconds a SPARQL update may run before its writer process is stopped "
        "(nothing written then)",
    )
    analysis_timeout: float = Field(
        default=120.0,
        gt=0,
        description="seconds the web app's report of a scope not asked before may take; "
        "its worker process is then stopped (503)",
    )
    query_workers: int = Field(
        default_factory=lambda: max(4, 2 * (os.cpu_count() or 1)),
        gt=0,
        description="worker processes answering SPARQL queries",
    )
    slow_query_workers: int | None = Field(
        default=None,
        ge=0,
        description="worker processes for queries past a second (default: half the query "
        "workers; 0: one lane, where long queries keep the worker they started on)",
    )
    client_query_seconds: float = Field(
        default=30.0,
        ge=0,
        description="seconds of query time one client may use a minute (429 beyond; 0: no limit)",
    )
    trusted_proxies: list[str] = Field(
        default=[],
        description="addresses of reverse proxies whose X-Forwarded-For names the client "
        '(a JSON list, such as ["127.0.0.1"]); others\' headers are ignored',
    )
    query_cache_bytes: int = Field(
        default=64_000_000,
        ge=0,
        description="bytes of answers kept until the store changes (0: none kept)",
    )
    max_body: int = Field(
        default=2_000_000, gt=0, description="bytes a request body may hold (413 beyond)"
    )
    update_token: SecretStr | None = Field(
        default=None,
        description="SPARQL updates are accepted only with `Authorization: Bearer <token>`; "
        "unset: the endpoint is read-only",
    )
    exact_limit: int = Field(
        default=5000,
        gt=0,
        description="focal actors up to which every measure is exact; above, estimated or left out",
    )
    key_player_budget: float = Field(
        default=2.0, gt=0, description="seconds the exact key-player search may take"
    )
    fragmentation_samples: int = Field(
        default=256, gt=0, description="random sources estimating distance fragmentation"
    )
    betweenness_samples: int = Field(
        default=1024, gt=0, description="random sources estimating betweenness"
    )
    default_data: Literal["shipped", "none"] = Field(
        default="shipped",
        description="`none`: a store is opened without loading the shipped default ecosystem "
        "(the user's own data only; what a store already holds stays)",
    )
    max_upload: int = Field(
        default=50_000_000,
        gt=0,
        description="bytes one upload to the data page or /api/imports may hold (413 beyond)",
    )
    import_timeout: float = Field(
        default=600.0,
        gt=0,
        description="seconds an import or a removal asked of the server may take before its "
        "writer process is stopped (nothing written then)",
    )
    warm_up: bool = Field(
        default=True,
        description="compute the views and the ecosystem report at start-up, in the background",
    )
    # what one import may expand to, checked while it streams: a bomb is refused, not read
    max_line_bytes: int = Field(
        default=1 << 20, gt=0, description="bytes one line of a CSV source may hold"
    )
    max_expanded_bytes: int = Field(
        default=4 << 30,
        gt=0,
        description="bytes a CSV source may hold once decompressed (all of H2020: 15 MB)",
    )
    max_rdf_bytes: int = Field(
        default=256 << 20,
        gt=0,
        description="bytes an RDF file may hold once decompressed (parsed and validated in memory)",
    )
    max_workbook_bytes: int = Field(
        default=64 << 20, gt=0, description="bytes an .xlsx workbook may hold once unzipped"
    )


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
