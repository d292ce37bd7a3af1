"""Word search over a program (pure; no Qt).

A query matches an item when every word of the query occurs in its title,
speakers, abstract or room. Case and accents are ignored, so "bokman" finds
"Bökman" and "UMEA" finds "Umeå". Words match as prefixes of words in the text
("equivar" finds "equivariant"), which keeps short queries useful without
matching in the middle of unrelated words.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable

from geodl_app.model import Event

_WORD = re.compile(r"\w+")
# Letters with a stroke, and ligatures, have no Unicode decomposition: folded by
# hand, so that "grovlen" finds "Grøvlen" and "michal" finds "Michał".
_UNDECOMPOSABLE = {
    "ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ŧ": "t", "ı": "i",
    "æ": "ae", "œ": "oe", "ð": "d", "þ": "th",
}  # fmt: skip


def fold(text: str) -> str:
    """*text* without case or accents: "Bökman" -> "bokman", "Straße" -> "strasse"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():  # most text: nothing to strip
        return decomposed
    # Look only at the distinct characters, then strip in one C-level pass:
    # a character-by-character loop made building FOSDEM's index take ~0.3 s.
    chars = set(decomposed)
    table: dict[int, str | None] = {ord(c): None for c in chars if unicodedata.combining(c)}
    table.update({ord(c): _UNDECOMPOSABLE[c] for c in chars & _UNDECOMPOSABLE.keys()})
    return decomposed.translate(table) if table else decomposed


def query_words(query: str) -> list[str]:
    """The folded words of a query; an empty list matches nothing."""
    return _WORD.findall(fold(query))


def searchable_text(event: Event) -> str:
    """Everything a search looks at for *event*, folded."""
    parts = [event.title, *event.speakers, event.abstract, event.room or ""]
    return fold("\n".join(parts))


class SearchIndex:
    """Folded words of each event, built once so every keystroke searches fast."""

    def __init__(self, events: Iterable[Event]) -> None:
        self._events: list[Event] = list(events)
        # Built on the first search (or by prepare()), not when the window opens.
        self._words: list[tuple[str, ...]] | None = None

    def prepare(self) -> None:
        """Build the word lists now, so the first keystroke does not wait."""
        if self._words is None:
            self._words = [
                tuple(sorted(set(_WORD.findall(searchable_text(e))))) for e in self._events
            ]

    def search(self, query: str) -> list[Event]:
        """Events matching every word of *query*, in program order."""
        words = query_words(query)
        if not words:
            return []
        self.prepare()
        assert self._words is not None
        return [
            event
            for event, text_words in zip(self._events, self._words, strict=True)
            if all(_has_prefix(text_words, w) for w in words)
        ]

    def matching_ids(self, query: str) -> set[str]:
        return {e.id for e in self.search(query)}


def matches(event: Event, query: str) -> bool:
    """True if every word of *query* starts a word of *event*'s searchable text."""
    words = query_words(query)
    if not words:
        return False
    text_words = tuple(sorted(set(_WORD.findall(searchable_text(event)))))
    return all(_has_prefix(text_words, w) for w in words)


def _has_prefix(sorted_words: tuple[str, ...], prefix: str) -> bool:
    at = bisect.bisect_left(sorted_words, prefix)
    return at < len(sorted_words) and sorted_words[at].startswith(prefix)
