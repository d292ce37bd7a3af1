"""The app's own program format: TOML (or the same structure as JSON).

A ``conference`` table and a list of ``events``, validated by the model. The
text helpers here (:func:`decode_text`, :func:`parse_json`) are shared with the
other readers of text formats. Every problem is a :class:`ProgramError`.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from typing import Any

from geodl_app.errors import ProgramError, describe_validation_error
from geodl_app.model import Conference, trusted_conference


def decode_text(data: bytes, source: str) -> str:
    """The bytes of a program file as text (UTF-8, a byte-order mark allowed)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProgramError(source, f"is not UTF-8 text (byte {error.start})") from None


def parse_json(text: str, source: str) -> Any:
    """JSON text, or a :class:`ProgramError` naming the line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ProgramError(
            source, f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise ProgramError(source, "JSON is nested too deeply to be a program") from None
    except ValueError as error:
        # Python refuses to convert an integer of more than 4,300 digits.
        raise ProgramError(source, f"invalid JSON: {_first_sentence(error)}") from None


def _first_sentence(error: Exception) -> str:
    return str(error).split(";")[0].split("\n")[0] or type(error).__name__


def parse_document(data: bytes, source: str) -> Mapping[str, Any]:
    """The bytes of a TOML or JSON program file as a mapping, whatever format it then holds."""
    text = decode_text(data, source)
    if not text.strip():
        raise ProgramError(source, "is empty")
    # The own format's JSON form is an object; TOML never starts with "{".
    if text.lstrip().startswith("{"):
        raw = parse_json(text, source)
    else:
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ProgramError(source, f"invalid TOML: {error}") from None
        except RecursionError:
            raise ProgramError(source, "TOML is nested too deeply to be a program") from None
        except ValueError as error:  # an integer of more than 4,300 digits
            raise ProgramError(source, f"invalid TOML: {_first_sentence(error)}") from None
    if not isinstance(raw, Mapping):
        raise ProgramError(source, "top level must be a table with 'conference' and 'events'")
    return raw


def conference_from_mapping(raw: Mapping[str, Any], source: str) -> Conference:
    """Validate the own-format structure ``{conference: {...}, events: [...]}``."""
    header = raw.get("conference")
    if not isinstance(header, Mapping):
        raise ProgramError(source, "conference: missing table (the conference's name, days, zone)")
    events = raw.get("events", [])
    if not isinstance(events, list):
        raise ProgramError(source, "events: must be a list of events")
    unknown = sorted(set(raw) - {"conference", "events"})
    if unknown:
        raise ProgramError(source, f"{unknown[0]}: unknown top-level key")
    # Here, not at the top: the bundled programme is read through this module
    # without pydantic (trusted_mapping), and a start should not load it.
    from geodl_app.validation import ValidationError, validate

    try:
        return validate(Conference, {**header, "events": events})
    except ValidationError as error:
        raise ProgramError(source, describe_validation_error(error, events)) from None


def trusted_mapping(raw: Mapping[str, Any]) -> Conference:
    """The conference of an own-format document this app checked before (the bundled
    programme), without pydantic: see :func:`geodl_app.model.trusted_conference`."""
    return trusted_conference({**raw["conference"], "events": raw.get("events", [])})


def read_mapping(raw: Mapping[str, Any], source: str, timezone: str | None = None) -> Conference:
    """The conference of an own-format document (its zone is its own: *timezone* is unused)."""
    return conference_from_mapping(raw, source)
