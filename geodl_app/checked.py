"""Field checks that pydantic runs, declared without importing pydantic (no Qt here).

The model, the plan and the settings are plain dataclasses, so that a start
with nothing from outside to check never imports pydantic (it and the schemas
built from it cost about a third of the time to the first painted window).
Their fields carry :class:`Check` markers in ``Annotated``; pydantic reads a
marker through ``__get_pydantic_core_schema__`` (its documented hook for
custom metadata) when :mod:`geodl_app.validation` first checks a value of that
type, and only then imports its core.

A failed check raises ``ValueError``; pydantic reports it at the field's
place (``events[3].start``), as for any of its own checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Check:
    """What pydantic does with one field besides checking its type.

    *before* sees the raw value (to clean text or refuse a number where a time
    belongs); *after* sees the value of the field's type (to check a pattern,
    a range, a time zone). *min_length* is the shortest text allowed after
    cleaning.
    """

    __slots__ = ("after", "before", "min_length")

    def __init__(
        self,
        *,
        before: Callable[[Any], Any] | None = None,
        after: Callable[[Any], Any] | None = None,
        min_length: int | None = None,
    ) -> None:
        self.before = before
        self.after = after
        self.min_length = min_length

    def _after(self, value: Any) -> Any:
        too_short = isinstance(value, str) and len(value) < (self.min_length or 0)
        if too_short:
            raise ValueError(
                "must not be empty"
                if self.min_length == 1
                else f"must be at least {self.min_length} characters"
            )
        return value if self.after is None else self.after(value)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        checked = core_schema.no_info_after_validator_function(self._after, handler(source))
        if self.before is None:
            return checked
        return core_schema.no_info_before_validator_function(self.before, checked)
