"""Fetching a programme from a URL with the standard library (no Qt).

One conditional GET: ``If-None-Match`` / ``If-Modified-Since`` from the last
fetch, a 304 answer meaning "no changes". Timeouts, the same size cap as for
files, at most :data:`MAX_REDIRECTS` redirects, TLS certificates verified
(the standard library's default context), no cookies (no cookie handler).
Every failure is a :class:`FetchError` whose ``str()`` is one line.

It blocks: the command line calls it directly, the window from a worker thread.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from geodl_app import APP_NAME, __version__
from geodl_app.program import MAX_PROGRAM_BYTES

MAX_REDIRECTS = 5
TIMEOUT_S = 30.0
CHUNK = 64 * 1024
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})

# Called with (bytes received, bytes expected or None) as the body arrives.
Progress = Callable[[int, int | None], None]


class FetchError(Exception):
    """The programme could not be fetched; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class Fetched:
    """What a fetch brought: *data* None means the server said "not modified"."""

    url: str
    data: bytes | None
    etag: str | None = None
    last_modified: str | None = None


def is_url(text: str) -> bool:
    return urlsplit(text).scheme.lower() in ("http", "https")


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


def _opener(url: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [
        _Redirects(),
        urllib.request.HTTPSHandler(context=ssl.create_default_context()),
    ]
    host = (urlsplit(url).hostname or "").lower()
    if host in _LOOPBACK:
        # A proxy from the environment must never see a local address.
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT_S,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> Fetched:
    """GET *url*; raise :class:`FetchError` (one line) on any failure.

    *max_bytes* defaults to the cap on program files.
    """
    if max_bytes is None:
        max_bytes = MAX_PROGRAM_BYTES
    if not is_url(url):
        raise FetchError(f"{url}: not an http:// or https:// address")
    request = urllib.request.Request(url, headers={"User-Agent": f"{APP_NAME}/{__version__}"})
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            length_header = response.headers.get("Content-Length")
            expected = int(length_header) if length_header and length_header.isdigit() else None
            if expected is not None and expected > max_bytes:
                raise FetchError(f"{url}: too large ({expected} bytes, at most {max_bytes})")
            data = _read_body(response, url, expected, max_bytes, progress)
            return Fetched(
                url=response.geturl(),
                data=data,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(
                url=url,
                data=None,
                etag=error.headers.get("ETag") or etag,
                last_modified=error.headers.get("Last-Modified") or last_modified,
            )
        if 300 <= error.code < 400:
            raise FetchError(
                f"{url}: too many redirects (more than {MAX_REDIRECTS}, or a loop)"
            ) from None
        raise FetchError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchError(f"{url}: {_reason(error.reason)}") from None
    except http.client.IncompleteRead as error:
        raise FetchError(
            f"{url}: the connection closed early ({len(error.partial)} bytes received)"
        ) from None
    except (http.client.HTTPException, ConnectionError) as error:
        raise FetchError(f"{url}: the connection failed ({_reason(error)})") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:.0f} s") from None
    except OSError as error:
        raise FetchError(f"{url}: {_reason(error)}") from None


def _read_body(
    response: http.client.HTTPResponse,
    url: str,
    expected: int | None,
    max_bytes: int,
    progress: Progress | None,
) -> bytes:
    parts: list[bytes] = []
    received = 0
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            break
        received += len(chunk)
        if received > max_bytes:
            raise FetchError(f"{url}: too large (more than {max_bytes} bytes)")
        parts.append(chunk)
        if progress is not None:
            progress(received, expected)
    if expected is not None and received < expected:
        raise FetchError(
            f"{url}: the connection closed early ({received} of {expected} bytes received)"
        )
    return b"".join(parts)


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "the server's name cannot be found (offline, or a wrong address)"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the server's certificate cannot be trusted ({reason.verify_message})"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection (it is not running there)"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "no answer in time"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
