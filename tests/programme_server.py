"""An HTTP server on 127.0.0.1 (port 0) that serves a conference's programme, started by a test.

``/programme.xml`` serves :attr:`ProgrammeServer.body` with an ETag and a
Last-Modified date and answers a matching conditional request with 304;
``/moved`` redirects there; ``/loop`` redirects to itself; ``/cut`` promises
more bytes than it sends; ``/endless`` sends bytes without a length until the
client stops reading; ``/missing`` is a 404.
"""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ProgrammeServer:
    def __init__(self, body: bytes) -> None:
        self.body = body
        # While cleared, /programme.xml waits (up to 10 s) before answering.
        self.gate = threading.Event()
        self.gate.set()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.last_modified = "Sat, 06 Feb 2021 08:00:00 GMT"
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                route = getattr(server, "_" + self.path.strip("/").replace(".", "_"), None)
                if route is None:
                    self._send(404, b"not here")
                    return
                route(self)

            def _send(self, status: int, body: bytes, **headers: str) -> None:
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name.replace("_", "-"), value)
                self.end_headers()
                self.wfile.write(body)

        self.handler = Handler
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return f"{self.base}/{path}"

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # ------------------------------------------------------------------ routes

    def _programme_xml(self, request) -> None:  # type: ignore[no-untyped-def]
        self.gate.wait(10)
        if request.headers.get("If-None-Match") == self.etag:
            request.send_response(304)
            request.send_header("ETag", self.etag)
            request.end_headers()
            return
        request._send(
            200,
            self.body,
            Content_Type="application/xml",
            ETag=self.etag,
            Last_Modified=self.last_modified,
        )

    def _moved(self, request) -> None:  # type: ignore[no-untyped-def]
        request._send(302, b"", Location=self.url("programme.xml"))

    def _cookie(self, request) -> None:  # type: ignore[no-untyped-def]
        request._send(
            302, b"", Location=self.url("programme.xml"), Set_Cookie="session=secret; Path=/"
        )

    def _huge(self, request) -> None:  # type: ignore[no-untyped-def]
        request.send_response(200)
        request.send_header("Content-Length", str(10**12))
        request.end_headers()
        request.close_connection = True

    def _loop(self, request) -> None:  # type: ignore[no-untyped-def]
        request._send(302, b"", Location=self.url("loop"))

    def _cut(self, request) -> None:  # type: ignore[no-untyped-def]
        request.send_response(200)
        request.send_header("Content-Length", str(len(self.body)))
        request.end_headers()
        request.wfile.write(self.body[: len(self.body) // 2])
        request.wfile.flush()
        request.close_connection = True

    def _endless(self, request) -> None:  # type: ignore[no-untyped-def]
        request.send_response(200)
        request.send_header("Connection", "close")
        request.end_headers()
        request.close_connection = True
        chunk = b"<!-- padding -->" * 4096
        try:
            for _ in range(10_000):  # bounded: 640 MB at most, the client stops long before
                request.wfile.write(chunk)
        except OSError:
            pass
