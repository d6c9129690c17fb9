"""Serve the bundled demo news site on 127.0.0.1 so the demo runs the production fetch path offline.

Static files under `demo/site/`, with `{{BASE}}` in text files replaced by the server's own base URL (the port is
picked at start), 404 for missing files, and a delay on `/slow/` paths to exercise timeouts and concurrency.
"""

from __future__ import annotations

import mimetypes
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITE_ROOT = Path(__file__).resolve().parent / "site"
SOURCES_TEMPLATE = Path(__file__).resolve().parent / "sources.toml"
SLOW_PREFIX = "/slow/"
# A fixed port keeps the demo's URLs, and so their hashes, the same from one run to the next, which is what makes a
# second `hotspots demo` add nothing. If it is taken, any free port works (re-runs then see new URLs, linked to the
# stored articles as duplicates). Override with HOTSPOTS_DEMO_PORT.
DEFAULT_PORT = 47474
_TEMPLATED = {".xml", ".html", ".txt", ".toml"}


class _SiteHandler(BaseHTTPRequestHandler):
    """GET/HEAD of static files with base-URL templating."""

    server_version = "HotspotsDemo/1.0"

    def __init__(self, *args: object, root: Path, slow_seconds: float, **kwargs: object) -> None:
        self.root = root
        self.slow_seconds = slow_seconds
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        if path.startswith(SLOW_PREFIX):
            time.sleep(self.slow_seconds)
        file = (self.root / path.lstrip("/")).resolve()
        if file.is_dir():
            file = file / "index.html"
        if not file.is_relative_to(self.root) or not file.is_file():
            self.send_error(404, "Not Found")
            return
        body = file.read_bytes()
        if file.suffix in _TEMPLATED:
            base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
            body = body.replace(b"{{BASE}}", base.encode())
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith("xml"):
            content_type += "; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        """Quiet: the pipeline records every fetch itself."""


@contextmanager
def serve_site(root: Path = SITE_ROOT, slow_seconds: float = 1.5) -> Iterator[str]:
    """Serve `root` on a free 127.0.0.1 port for the duration of the block; yields the base URL."""
    handler = partial(_SiteHandler, root=root.resolve(), slow_seconds=slow_seconds)
    port = int(os.environ.get("HOTSPOTS_DEMO_PORT", DEFAULT_PORT))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError:
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def render_sources(base_url: str, destination: Path) -> Path:
    """Write the demo's sources file with the live server's base URL filled in."""
    destination.write_text(SOURCES_TEMPLATE.read_text(encoding="utf-8").replace("{{BASE}}", base_url), encoding="utf-8")
    return destination
