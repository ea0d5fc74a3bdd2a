"""Where the store is, decided in one place for the server and every command."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from helixgraph.settings import read_settings
from helixgraph.store.remote import RemoteEndpoint, is_url


def store_location(given: Path | str | RemoteEndpoint | None = None) -> Path | RemoteEndpoint:
    """The store to use: the one given (``--store``), else ``$HELIX_STORE``, else ``store`` in
    the per-user data directory. An ``http://`` or ``https://`` URL is a remote store, never a
    folder name."""
    return named_store(given) or Path(platformdirs.user_data_dir("helixgraph")) / "store"


def named_store(given: Path | str | RemoteEndpoint | None = None) -> Path | RemoteEndpoint | None:
    """The store given (``--store``) or ``$HELIX_STORE`` names; None when neither does."""
    if isinstance(given, RemoteEndpoint):
        return given
    named = str(given) if given else read_settings().store
    if named and is_url(named):
        return RemoteEndpoint.from_url(named)
    return Path(named).expanduser() if named else None


def default_data_wanted() -> bool:
    """Whether stores are opened with the shipped default ecosystem: yes unless
    ``$HELIX_DEFAULT_DATA`` is ``none``."""
    return read_settings().default_data == "shipped"
