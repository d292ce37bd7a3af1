"""The pieces the format readers share: ids, text, kinds, format detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geodl_app import formats
from geodl_app.formats import common
from geodl_app.model import Kind, is_valid_id


@given(st.lists(st.one_of(st.none(), st.text(max_size=300)), max_size=30))
def test_unique_ids_are_valid_unique_and_deterministic(raws: list[str | None]) -> None:
    fallbacks = [f"event-{n}" for n in range(len(raws))]
    ids = common.unique_ids(raws, fallbacks)
    assert len(ids) == len(raws)
    assert len(set(ids)) == len(ids)
    assert all(is_valid_id(i) for i in ids)
    assert common.unique_ids(raws, fallbacks) == ids


def test_unique_ids_keep_clean_ids_and_number_repeats() -> None:
    assert common.unique_ids(["a", "b", "a", "a-2", "a"], ["x1", "x2", "x3", "x4", "x5"]) == [
        "a",
        "b",
        "a-3",
        "a-2",
        "a-4",
    ]
    assert common.unique_ids([None, "", "  "], ["slug-1", "slug-2", "!!"]) == [
        "slug-1",
        "slug-2",
        "item",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>One</p><p>Two &amp; three</p>", "One\n\nTwo & three"),
        ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
        ("Line one\nline two\n\n\n\nNext", "Line one\nline two\n\nNext"),
        ("[the paper](https://a.org/1) and **this**", "the paper (https://a.org/1) and this"),
        ("## Heading\nText", "Heading\nText"),
        ("a < b and c > d", "a < b and c > d"),
        ("", ""),
    ],
)  # fmt: skip
def test_to_paragraphs(text: str, expected: str) -> None:
    assert common.to_paragraphs(text) == expected


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200))
def test_html_written_for_pentabarf_reads_back_as_the_same_text(text: str) -> None:
    clean = common.to_paragraphs(text)
    if common._HTML_HINT.search(clean):
        return  # text that itself looks like HTML is read as HTML, by design
    assert common.to_paragraphs(common.to_html(clean)) == clean


@pytest.mark.parametrize(
    ("type_name", "title", "kind"),
    [
        ("Talk", "Anything", Kind.TALK),
        ("lightningtalk", "Lunch talks about Rust", Kind.TALK),
        ("maintrack", "Lunch", Kind.MEAL),
        ("talk", "Coffee break", Kind.TALK),  # our own kinds are taken as written
        ("devroom", "Coffee and tea break", Kind.BREAK),
        ("break", "Coffee", Kind.BREAK),
        ("Pause", "", Kind.BREAK),
        ("other", "Conference dinner", Kind.MEAL),
        ("bof", "Rust users", Kind.TALK),  # a birds-of-a-feather session is a session
        ("", "Welcome and opening", Kind.OPENING),
        ("", "On graphs", Kind.TALK),
        ("concert", "Band", Kind.SOCIAL),
        ("other", "Band", Kind.OTHER),
        ("infodesk", "Infodesk", Kind.OTHER),
        ("social", "", Kind.SOCIAL),
        ("personal", "Call home", Kind.PERSONAL),
    ],
)
def test_kind_for(type_name: str, title: str, kind: Kind) -> None:
    assert common.kind_for(type_name, title) is kind


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'<?xml version="1.0"?><schedule/>', formats.PENTABARF),
        (b"\xef\xbb\xbf\n  <schedule/>", formats.PENTABARF),
        ("<schedule/>".encode("utf-16"), formats.PENTABARF),
        (b"BEGIN:VCALENDAR\r\n", formats.ICAL),
        (b"\r\nbegin:vcalendar\r\n", formats.ICAL),
        (b'{"schedule": {}}', None),  # JSON: told apart after parsing
        (b'[conference]\nid = "x"', None),
    ],
)
def test_detect_by_content(data: bytes, kind: str | None) -> None:
    assert formats.detect(data) == kind


def test_display_zone_falls_back_to_a_shared_whole_hour_offset() -> None:
    from datetime import datetime, timedelta, timezone

    plus_two = timezone(timedelta(hours=2))
    moments = [datetime(2024, 6, 11, h, tzinfo=plus_two) for h in (9, 10)]
    assert common.display_zone(None, None, "Some Con", None, moments) == "Etc/GMT-2"
    assert common.display_zone(None, "Asia/Tokyo", "Some Con", None, moments) == "Asia/Tokyo"
    assert common.display_zone(None, None, "FOSDEM 2030", None, moments) == "Europe/Brussels"
