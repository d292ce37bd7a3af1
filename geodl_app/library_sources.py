"""Where a library entry's programme comes from: a file or a URL (no Qt).

:func:`obtain` reads a source (a conditional HTTP request for a URL, through
:mod:`geodl_app.fetch`, imported only then), with the limits every programme
file has (:func:`geodl_app.program.read_limited`: a regular file, at most
64 MB, never waited for). Every problem is a :class:`LibraryError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from geodl_app.errors import ProgramError, UserError
from geodl_app.program import read_limited


class LibraryError(UserError):
    """The library cannot do what was asked; ``str()`` is one line for the user."""


# A fetcher takes (url, etag, last_modified) and returns geodl_app.fetch.Fetched.
Fetcher = Callable[[str, str | None, str | None], Any]


def normalise_source(source: str) -> str:
    """A URL as given; a file as its absolute path."""
    from geodl_app.fetch import is_url

    if is_url(source):
        return source.strip()
    return str(Path(source).expanduser().resolve())


def source_version(data: bytes) -> str | None:
    """The version string a schedule file gives itself, if any (best effort)."""
    head = data[:16384].decode("utf-8", "replace")
    found = re.search(r"<version>\s*([^<]{1,200}?)\s*</version>", head) or re.search(
        r'"version"\s*:\s*"([^"\\]{1,200})"', head
    )
    return found.group(1) if found else None


class Obtained(NamedTuple):
    """What a source gave: its bytes (None: not modified), and its HTTP validators."""

    data: bytes | None
    etag: str | None = None
    last_modified: str | None = None


def obtain(
    source: str, validators: tuple[str | None, str | None] | None, fetcher: Fetcher | None
) -> Obtained:
    """The bytes of *source*; for a URL, a request conditional on *validators*
    (ETag, Last-Modified) through *fetcher* (default: :func:`geodl_app.fetch.fetch`)."""
    from geodl_app.fetch import FetchError, fetch, is_url

    if is_url(source):
        etag, modified = validators or (None, None)
        try:
            if fetcher is not None:
                got = fetcher(source, etag, modified)
            else:
                got = fetch(source, etag=etag, last_modified=modified)
        except FetchError as error:
            raise LibraryError(str(error)) from None
        return Obtained(got.data, got.etag, got.last_modified)
    try:
        return Obtained(read_limited(Path(source), source))
    except ProgramError as error:
        raise LibraryError(str(error)) from None


def digest(data: bytes) -> str:
    """The SHA-256 of a source's bytes, to tell an unchanged one."""
    import hashlib  # here: it loads OpenSSL, which a start does not need

    return hashlib.sha256(data).hexdigest()
