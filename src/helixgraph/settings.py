"""Settings of the web service: one pydantic ``BaseSettings``, read from ``HELIX_*`` variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """``HELIX_STORE``, ``HELIX_HOST``, ``HELIX_PORT``, ``HELIX_MAX_ROWS``."""

    model_config = SettingsConfigDict(env_prefix="HELIX_", extra="ignore")

    store: Path | None = Field(
        default=None, description="store directory; default: the per-user data directory"
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    max_rows: int = Field(default=10_000, gt=0, description="result rows a query may return")
