"""Pages loaded over http://127.0.0.1, the way a student reads the published book.

Chromium now and then gives a reloaded ``file://`` page an empty localStorage for that one load
(measured with Chromium 156 on this machine: 8 of 600 reloads of a file page, 0 of 1,200 of the same
page over HTTP; the load after sees the data again). A test of what survives a reload or a move to
another page would then fail for a reason no student on the web meets, so those tests load their
pages from here: one read-only server per test process, on a free port of the loopback interface,
serving the file system with caching off (a page rewritten by a test is fetched again on reload).
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import quote

_server: http.server.ThreadingHTTPServer | None = None


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files as they are now: no browser cache, no log lines in the test output."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


def origin() -> str:
    """``http://127.0.0.1:<port>``, starting this process's server on first use."""
    global _server
    if _server is None:
        _server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory="/"))
        threading.Thread(target=_server.serve_forever, name="test-pages", daemon=True).start()
    return f"http://127.0.0.1:{_server.server_address[1]}"


def url(path: Path) -> str:
    """The address of the local file ``path`` on this server."""
    return origin() + quote(str(Path(path).resolve()))


def is_local(address: str) -> bool:
    """Whether a request stays on this machine: a file, inline data or this server."""
    return address.startswith(("file:", "data:")) or (_server is not None and address.startswith(origin() + "/"))
