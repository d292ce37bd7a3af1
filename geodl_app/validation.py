"""Checking what comes from outside against the app's dataclasses, with pydantic.

Program files, the plan, the settings and the library's files are read into
the plain dataclasses of :mod:`geodl_app.model`, :mod:`geodl_app.bookmarks`
and :mod:`geodl_app.settings` through here. pydantic checks each value's
type and runs the :class:`~geodl_app.checked.Check` of each field and the
class's ``__post_init__``; a problem is a :class:`ValidationError` that says
where (``events.3.start``) and what.

This is the only module that imports pydantic for those classes, and it is
imported only when something from outside is checked: a first start with
nothing to check shows its window without it. Each class's validator is
built on its first use and kept.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

__all__ = ["ValidationError", "prepare", "to_data", "to_json", "validate", "validate_json"]

T = TypeVar("T")


_adapters: dict[type, TypeAdapter[Any]] = {}


def _adapter(kind: type) -> TypeAdapter[Any]:
    adapter = _adapters.get(kind)
    if adapter is None:
        adapter = _adapters[kind] = TypeAdapter(kind)
    return adapter


def prepare(kind: type) -> None:
    """Build the validator of *kind* now, ahead of its first use."""
    _adapter(kind)


def validate(kind: type[T], data: Any) -> T:
    """*data* (dicts, lists, text, numbers) as a checked *kind* (raises ValidationError)."""
    result: T = _adapter(kind).validate_python(data)
    return result


def validate_json(kind: type[T], data: str | bytes) -> T:
    """The JSON text *data* as a checked *kind* (raises ValidationError)."""
    result: T = _adapter(kind).validate_json(data)
    return result


def to_data(value: Any) -> Any:
    """*value* as JSON-ready dicts, lists and text (times as ISO 8601)."""
    return _adapter(type(value)).dump_python(value, mode="json")


def to_json(value: Any, indent: int | None = None) -> bytes:
    """*value* as JSON text, UTF-8."""
    return _adapter(type(value)).dump_json(value, indent=indent)
