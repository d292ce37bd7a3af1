"""Word search over the program, without Qt."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geodl_app.model import Conference
from geodl_app.search import SearchIndex, fold, matches


def test_fold_drops_case_and_accents() -> None:
    assert fold("Bökman UMEÅ Straße") == "bokman umea strasse"


def test_speaker_found_without_accents_or_case(gdl: Conference) -> None:
    index = SearchIndex(gdl.events)
    assert [e.id for e in index.search("BOKMAN")] == ["talk-bokman"]


def test_every_word_must_match(gdl: Conference) -> None:
    index = SearchIndex(gdl.events)
    both = index.matching_ids("equivariant transformers")
    assert both  # Nyholm's survey of equivariant transformers
    assert both < index.matching_ids("equivariant")
    assert index.search("equivariant zebra") == []


def test_words_match_as_prefixes_not_inside_words(gdl: Conference) -> None:
    index = SearchIndex(gdl.events)
    assert "talk-bokman" in index.matching_ids("equivar")
    assert index.search("quivariant") == []


def test_room_and_abstract_are_searched(gdl: Conference) -> None:
    index = SearchIndex(gdl.events)
    assert index.matching_ids("batens") == set() and "conference-dinner" in index.matching_ids(
        "baten"
    )
    assert "talk-mereta" in index.matching_ids("2303.12124")


def test_empty_query_matches_nothing(gdl: Conference) -> None:
    assert SearchIndex(gdl.events).search("  ,; ") == []
    assert not matches(gdl.events[0], "")


def test_matches_agrees_with_the_index(gdl: Conference) -> None:
    index = SearchIndex(gdl.events)
    for query in ("geometry", "coffee", "umea galaxen", "nyholm"):
        assert {e.id for e in gdl.events if matches(e, query)} == index.matching_ids(query)


def test_letters_with_a_stroke_are_folded_too() -> None:
    # FOSDEM 2021 has speakers named Grøvlen, Michał and Łęcki: typed without
    # the stroke, as most keyboards make people do, they were not found.
    assert (
        fold("Øystein Grøvlen, Michał Łęcki, Lætitia") == "oystein grovlen, michal lecki, laetitia"
    )


def test_a_speaker_with_a_stroke_is_found_as_typed_on_any_keyboard() -> None:
    from datetime import UTC, datetime

    from geodl_app.model import Event, Kind

    talk = Event(
        id="t",
        kind=Kind.TALK,
        title="MySQL internals",
        speakers=("Øystein Grøvlen",),
        start=datetime(2021, 2, 6, 10, tzinfo=UTC),
    )
    assert matches(talk, "oystein grovlen")
    assert [e.id for e in SearchIndex([talk]).search("grøvlen")] == ["t"]


_TYPED = st.text(alphabet="aeinorstuy cpqgm2Ö.-", max_size=12)


@settings(max_examples=150, deadline=None)
@given(queries=st.lists(_TYPED, min_size=1, max_size=8))
def test_the_index_finds_what_a_word_by_word_check_finds(
    gdl: Conference, queries: list[str]
) -> None:
    """Typed, extended, deleted and typed again: every answer, cached or not,
    is exactly the items a plain check of each item's words accepts, in program order."""
    index = SearchIndex(gdl.events)
    for query in [*queries, *reversed(queries)]:
        expected = [e.id for e in gdl.events if matches(e, query)]
        assert [e.id for e in index.search(query)] == expected, query
