"""A store that echoes the request in its error never has helixgraph print a credential."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helixgraph.errors import StoreError
from helixgraph.store import KnowledgeGraph, RemoteEndpoint


class _Echo(BaseHTTPRequestHandler):
    def _echo(self) -> None:
        first = sorted(self.headers.items(), key=lambda item: item[0].lower() != "authorization")
        body = "".join(f"{name}: {value}\n" for name, value in first).encode()
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _echo

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def echo() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "env",
    [
        {"HELIX_STORE_TOKEN": "tok-3f9a1c"},
        {"HELIX_STORE_USER": "admin", "HELIX_STORE_PASSWORD": "pw-3f9a1c"},
    ],
)
def test_an_echoed_credential_is_never_printed(
    echo: str, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(StoreError) as caught:
        KnowledgeGraph.open_remote(RemoteEndpoint.from_url(echo), initialise=False).select(
            "SELECT * WHERE { ?s ?p ?o }"
        )
    said = str(caught.value)
    assert "HTTP 500" in said
    assert "3f9a1c" not in said
    assert "YWRtaW46" not in said  # base64 of "admin:"
    assert "[redacted]" in said
