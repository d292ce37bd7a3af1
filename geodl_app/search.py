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
# How many query words' matches an index keeps: far more than one session types.
_REMEMBERED_PREFIXES = 2048
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
    """Every folded word of the program, each with the items it occurs in.

    A query word is a prefix: the words it starts are one slice of the sorted
    vocabulary, found by bisection, and their items are the word's matches. An
    item matches the query when it matches every word. What each word matched
    is kept, so typing "python" letter by letter, or deleting it again, asks
    each prefix once (FOSDEM: a keystroke searched every item's words, 3 ms).
    """

    def __init__(self, events: Iterable[Event]) -> None:
        self._events: list[Event] = list(events)
        # Built on the first search (or by prepare()), not when the window opens.
        self._vocabulary: list[str] | None = None
        self._postings: list[frozenset[int]] = []
        self._matched: dict[str, frozenset[int]] = {}

    def prepare(self) -> None:
        """Build the word index now, so the first keystroke does not wait."""
        if self._vocabulary is not None:
            return
        items_of: dict[str, set[int]] = {}
        for position, event in enumerate(self._events):
            for word in set(_WORD.findall(searchable_text(event))):
                items_of.setdefault(word, set()).add(position)
        self._vocabulary = sorted(items_of)
        self._postings = [frozenset(items_of[word]) for word in self._vocabulary]

    def search(self, query: str) -> list[Event]:
        """Events matching every word of *query*, in program order."""
        words = query_words(query)
        if not words:
            return []
        # The rarest word first: intersecting with it leaves the least to do.
        matched = sorted((self._items_starting(word) for word in set(words)), key=len)
        found = set(matched[0]).intersection(*matched[1:])
        return [self._events[position] for position in sorted(found)]

    def matching_ids(self, query: str) -> set[str]:
        return {e.id for e in self.search(query)}

    def _items_starting(self, prefix: str) -> frozenset[int]:
        """The positions of the items with a word that starts with *prefix*."""
        cached = self._matched.get(prefix)
        if cached is not None:
            return cached
        self.prepare()
        assert self._vocabulary is not None
        first = bisect.bisect_left(self._vocabulary, prefix)
        # Every word with this prefix sorts before the prefix followed by the
        # highest code point, and after the prefix itself.
        last = bisect.bisect_left(self._vocabulary, prefix + "\U0010ffff", first)
        items = frozenset().union(*self._postings[first:last])
        if len(self._matched) >= _REMEMBERED_PREFIXES:
            self._matched.clear()
        self._matched[prefix] = items
        return items


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
