"""A webhook receiver on 127.0.0.1 that records every JSON POST, for the notification tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Receiver:
    """Its base URL, the (path, JSON body) pairs it got, and the status it answers with (settable)."""

    url: str
    posts: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    status: int = 204


@contextmanager
def webhook_receiver() -> Iterator[Receiver]:
    """Serve for the duration of the block."""
    receiver = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server naming)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers["Content-Type"] == "application/json":
                receiver.posts.append((self.path, json.loads(body)))
            self.send_response(receiver.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, name="webhook-receiver", daemon=True).start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
