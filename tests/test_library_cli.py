"""The library's commands, against an HTTP server on 127.0.0.1 that the tests start."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import programme_versions as pv
import pytest
from programme_server import ProgrammeServer

from geodl_app import fetch
from geodl_app.bookmarks import BookmarkStore
from geodl_app.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


@pytest.fixture
def server() -> Iterator[ProgrammeServer]:
    served = ProgrammeServer(pv.version_1())
    yield served
    served.stop()


def _snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_add_a_url_then_update_it_to_version_2(server: ProgrammeServer) -> None:
    url = server.url("programme.xml")
    status, output = run("add", url)
    assert (status, output) == (0, "fosdem-2021\n")
    assert run("--conference", "fosdem-2021", "star", pv.MOVED, pv.REKEYED, pv.CANCELLED)[0] == 0
    BookmarkStore("fosdem-2021").set_note(pv.REKEYED, "front row")

    server.body = pv.version_2()
    status, output = run("update", "fosdem-2021")
    assert status == 0
    assert output == "FOSDEM 2021 updated: 2 of your starred items changed\n"
    # The conditional request carried the first answer's validators.
    headers = server.requests[-1][1]
    assert headers["If-Modified-Since"] == server.last_modified
    assert headers["If-None-Match"] != server.etag  # the old body's tag

    status, output = run("--conference", "fosdem-2021", "changes", "--json")
    assert status == 0
    report = json.loads(output)
    assert report["conference"] == "fosdem-2021"
    items = report["items"]
    # Starred first (by time: the cancelled 10:00, then the one moved to 16:00).
    assert [(i["id"], i["starred"], i["change"]) for i in items[:2]] == [
        (pv.CANCELLED, True, ["cancelled"]),
        (pv.MOVED, True, ["time"]),
    ]
    assert {i["id"]: i["change"] for i in items[2:]} == {
        pv.REROOMED: ["room"],
        pv.RETITLED: ["title"],
        pv.NEW: ["new"],
    }
    assert not any(i["starred"] for i in items[2:])
    moved = items[1]
    assert list(moved) == ["id", "title", "starred", "change", "before", "after"]
    assert list(moved["before"]) == ["start", "end", "room", "title", "speakers"]
    assert moved["before"]["start"] == "2021-02-06T10:00:00+01:00"
    assert moved["after"]["start"] == "2021-02-06T16:00:00+01:00"
    assert items[0]["after"] is None and items[0]["title"] == "Products versus Protocols"
    new = next(i for i in items if i["id"] == pv.NEW)
    assert new["before"] is None and new["after"]["speakers"] == ["Ada Newcomer"]

    status, output = run("--conference", "fosdem-2021", "starred", "--json")
    assert sorted(json.loads(output)) == sorted([pv.MOVED, pv.REKEYED_TO, pv.CANCELLED])
    assert BookmarkStore("fosdem-2021").plan.notes == {pv.REKEYED_TO: "front row"}

    assert run("--conference", "fosdem-2021", "changes", "--ack")[0] == 0
    status, output = run("--conference", "fosdem-2021", "changes", "--json")
    assert json.loads(output) == {"conference": "fosdem-2021", "items": []}


def test_not_modified_is_no_changes_and_writes_no_change_record(
    server: ProgrammeServer, isolated_user_dirs: Path
) -> None:
    run("add", server.url("programme.xml"))
    status, output = run("update", "fosdem-2021")
    assert (status, output) == (0, "FOSDEM 2021: no changes\n")
    assert server.requests[-1][1]["If-None-Match"] == server.etag
    assert not list((isolated_user_dirs / "library").glob("*.changes.json"))


def test_a_redirect_is_followed(server: ProgrammeServer) -> None:
    assert run("add", server.url("moved")) == (0, "fosdem-2021\n")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("loop", "too many redirects"),
        ("cut", "the connection closed early"),
        ("endless", "too large"),
        ("huge", "too large (1000000000000 bytes"),
        ("missing", "the server answered 404"),
    ],
)
def test_a_failed_update_is_one_line_and_changes_nothing(
    server: ProgrammeServer,
    isolated_user_dirs: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    message: str,
) -> None:
    monkeypatch.setattr(fetch, "MAX_PROGRAM_BYTES", 4 * 1024 * 1024)
    run("add", server.url("programme.xml"))
    run("--conference", "fosdem-2021", "star", pv.REKEYED)
    before = _snapshot(isolated_user_dirs)
    capsys.readouterr()
    status, output = run("update", "fosdem-2021", "--from", server.url(path))
    err = capsys.readouterr().err
    assert status == 2 and output == ""
    assert len(err.splitlines()) == 1 and message in err, err
    assert _snapshot(isolated_user_dirs) == before


def test_a_server_that_went_away(
    server: ProgrammeServer, isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("add", server.url("programme.xml"))
    before = _snapshot(isolated_user_dirs)
    server.stop()
    capsys.readouterr()
    status, _ = run("update")
    err = capsys.readouterr().err
    # update with no id: the one open last, else the bundled, which has no source
    assert status == 2 and "bundled programme" in err
    status, _ = run("update", "fosdem-2021")
    err = capsys.readouterr().err
    assert status == 2 and "refused the connection" in err and len(err.splitlines()) == 1
    assert _snapshot(isolated_user_dirs) == before


def test_library_lists_the_bundled_programme_and_what_was_added(
    server: ProgrammeServer, tmp_path: Path
) -> None:
    democon = tmp_path / "democon.json"
    democon.write_bytes((pv.PROGRAMS / "democon.frab.json").read_bytes())
    run("add", str(democon))
    run("add", server.url("programme.xml"))
    status, output = run("library", "--json")
    assert status == 0
    listed = json.loads(output)
    assert [list(e) for e in listed] == [
        ["id", "name", "first_day", "last_day", "source", "updated", "items"]
    ] * 3
    assert [(e["id"], e["source"]) for e in listed] == [
        ("gdl2024-umea", None),
        (listed[1]["id"], str(democon)),
        ("fosdem-2021", server.url("programme.xml")),
    ]
    assert listed[0]["updated"] is None
    assert listed[2]["first_day"] == "2021-02-06" and listed[2]["items"] == 773
    status, text = run("library")
    assert status == 0 and "fosdem-2021  FOSDEM 2021" in text


def test_conference_selects_an_entry_for_any_command_and_remove_takes_it_away(
    server: ProgrammeServer, capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    run("add", server.url("programme.xml"))
    status, output = run("--conference", "fosdem-2021", "list", "--json")
    assert status == 0 and len(json.loads(output)) == 773
    run("--conference", "fosdem-2021", "star", pv.MOVED)
    capsys.readouterr()

    status, _ = run("--conference", "nope", "list")
    err = capsys.readouterr().err
    assert status == 2 and "no conference 'nope' in the library" in err

    status, _ = run("remove", "gdl2024-umea")
    assert status == 2 and "cannot be removed" in capsys.readouterr().err

    status, output = run("remove", "fosdem-2021", "--keep-plan")
    assert status == 0 and "Removed fosdem-2021" in output
    assert (isolated_user_dirs / "plan-fosdem-2021.json").exists()
    assert run("--conference", "fosdem-2021", "list")[0] == 2


def test_program_stays_a_one_off_file_outside_the_library(
    tmp_path: Path, isolated_user_dirs: Path
) -> None:
    path = tmp_path / "fosdem.xml"
    path.write_bytes(pv.version_1())
    status, output = run("--program", str(path), "list", "--json")
    assert status == 0 and len(json.loads(output)) == 773
    assert not (isolated_user_dirs / "library").exists()
    assert run("--program", str(path), "--conference", "fosdem-2021", "list")[0] == 2


def test_no_cookie_is_kept_or_sent(server: ProgrammeServer) -> None:
    assert run("add", server.url("cookie")) == (0, "fosdem-2021\n")
    assert [path for path, _ in server.requests] == ["/cookie", "/programme.xml"]
    assert all("Cookie" not in headers for _, headers in server.requests)


def test_a_server_that_does_not_answer_in_time(server: ProgrammeServer) -> None:
    server.gate.clear()
    with pytest.raises(fetch.FetchError, match="no answer"):
        fetch.fetch(server.url("programme.xml"), timeout=0.5)
    server.gate.set()


def test_a_certificate_that_cannot_be_trusted_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    import os
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("openssl is needed for the TLS test (Debian package openssl)")
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    served = ProgrammeServer(pv.version_1())
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    served.httpd.socket = context.wrap_socket(served.httpd.socket, server_side=True)
    try:
        url = served.url("programme.xml").replace("http://", "https://")
        status, output = run("add", url)
    finally:
        served.stop()
    # The test's server reports the refused handshake on stderr too: the app's lines only.
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("geodl-app")]
    assert (status, output) == (2, "")
    assert len(err) == 1 and "certificate cannot be trusted" in err[0]
    assert not (isolated_user_dirs / "library").exists()


def test_changes_json_tells_a_cancelled_starred_talk_from_a_new_one_with_its_id(
    tmp_path: Path,
) -> None:
    source = tmp_path / "fosdem.xml"
    source.write_bytes(pv.version_1())
    assert run("add", str(source)) == (0, "fosdem-2021\n")
    assert run("--conference", "fosdem-2021", "star", pv.CANCELLED)[0] == 0
    source.write_bytes(pv.version_reused())
    assert run("update", "fosdem-2021") == (
        0,
        "FOSDEM 2021 updated: 1 of your starred items changed\n",
    )

    status, output = run("--conference", "fosdem-2021", "changes", "--json")
    assert status == 0
    items = json.loads(output)["items"]
    assert [(i["id"], i["title"], i["starred"], i["change"]) for i in items] == [
        (pv.CANCELLED, "Products versus Protocols", True, ["cancelled"]),
        (pv.CANCELLED, pv.REUSED_TITLE, False, ["new"]),
    ]
    assert items[0]["after"] is None and items[1]["before"] is None
    status, output = run("--conference", "fosdem-2021", "starred")
    assert output.splitlines()[-2:] == [
        "No longer in the program (kept; `unstar ID` removes one):",
        f"  * {pv.CANCELLED}@gone  Products versus Protocols (was Sat 6 Feb 10:00–10:25, D.rtc)",
    ]
    status, output = run("--conference", "fosdem-2021", "changes")
    assert output.splitlines()[1:3] == [
        f"  * Products versus Protocols [{pv.CANCELLED}]: cancelled",
        "      cancelled or removed; was Sat 6 Feb 10:00–10:25, D.rtc",
    ]
