"""The frozen app as an attendee gets it: packaging/build makes the PyInstaller
bundle once per session in a temporary folder; each test runs it with a clean
environment (``env -i``) from another folder, or packs it into a .deb."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from geodl_app import APP_NAME
from geodl_app.model import Conference
from geodl_app.ui.app_icon import ICON_SIZES

pytestmark = [pytest.mark.slow, pytest.mark.packaging]

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/geodl-app/ as packaging/build makes it, with this Python."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is in the test extra")
    if shutil.which("objdump") is None:
        pytest.skip("PyInstaller needs objdump on Linux (Debian: apt-get install binutils)")
    work = tmp_path_factory.mktemp("bundle")
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "DIST_DIR": str(work / "dist"),
        "BUILD_DIR": str(work / "build"),
        # PyInstaller's cache, kept out of the real home folder.
        "PYINSTALLER_CONFIG_DIR": str(work / "pyinstaller-cache"),
    }
    result = subprocess.run(
        [str(PACKAGING / "build")], env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return work / "dist" / APP_NAME


def run_clean(
    bundle: Path, *args: str, home: Path, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the bundle's launcher with nothing in its environment but HOME
    (kept in tmp so the real user folder is never touched), from *home*."""
    home.mkdir(parents=True, exist_ok=True)
    env = {"HOME": str(home), **(extra_env or {})}
    return subprocess.run(
        [str(bundle / APP_NAME), *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_bundle_paints_its_window_with_a_clean_environment(bundle: Path, tmp_path: Path) -> None:
    result = run_clean(bundle, "--smoke-test", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "smoke test: main window painted" in result.stdout
    # The runtime hook gives Qt a UTF-8 locale, as python3 itself would.
    assert "locale" not in result.stderr


def test_bundle_reads_its_bundled_programme(bundle: Path, tmp_path: Path, gdl: Conference) -> None:
    result = run_clean(bundle, "list", "--json", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert [event["id"] for event in events] == [event.id for event in gdl.events]


def test_bundle_reports_bad_input_in_one_line(bundle: Path, tmp_path: Path) -> None:
    result = run_clean(bundle, "--program", "missing.toml", "list", home=tmp_path / "home")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"{APP_NAME}: error: missing.toml: no such file"]


def test_bundle_keeps_user_data_in_the_platform_data_folder(
    bundle: Path, tmp_path: Path, gdl: Conference
) -> None:
    home = tmp_path / "home"
    usage = run_clean(bundle, "--help", home=home).stdout
    if not re.search(r"^\s+star\s", usage, re.MULTILINE):
        pytest.skip("this build has no `star` command: nothing in it writes user data yet")
    talk = next(event for event in gdl.events if event.speakers)
    starred = run_clean(bundle, "star", talk.id, home=home)
    assert starred.returncode == 0, starred.stderr
    # platformdirs' folder for HOME with no XDG variables set.
    data = home / ".local" / "share" / APP_NAME
    written = [path for path in home.rglob("*") if path.is_file()]
    assert written and all(path.is_relative_to(data) for path in written), written
    # A second run reads the star back from there.
    listed = run_clean(bundle, "starred", home=home)
    assert listed.returncode == 0, listed.stderr
    assert talk.id in listed.stdout


def test_bundle_is_pruned_to_what_the_app_uses(bundle: Path) -> None:
    internal = bundle / "_internal"
    qt = internal / "PySide6" / "Qt"
    platforms = {path.name for path in (qt / "plugins" / "platforms").iterdir()}
    assert platforms == {"libqxcb.so", "libqoffscreen.so"}
    assert not (qt / "translations").exists()
    assert not (qt / "plugins" / "platformthemes").exists()
    assert sorted(p.name for p in (qt / "plugins" / "imageformats").iterdir()) == ["libqsvg.so"]
    unwanted = ("QtNetwork", "QtQml", "QtQuick", "libQt6Network", "libQt6Pdf")
    assert not [p.name for p in internal.rglob("*") if p.name.startswith(unwanted)]
    # QtDBus stays: reminders go to the desktop's notification service through it.
    assert [p.name for p in internal.rglob("QtDBus.abi3.so")] == ["QtDBus.abi3.so"]
    # Development tools of the build environment stay out.
    assert not [p.name for p in internal.iterdir() if p.name in ("mypy", "hypothesis", "pytest")]


def test_bundle_runs_no_start_up_hook_for_what_the_app_never_uses(bundle: Path) -> None:
    """PyInstaller runs a hook for multiprocessing (importing it, pickle, socket and
    subprocess) before the app at every start if it is in the bundle: ~9 ms."""
    viewer = Path(sys.executable).parent / "pyi-archive_viewer"
    result = subprocess.run(
        [str(viewer), "--recursive", "--brief", str(bundle / APP_NAME)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    listed = set(result.stdout.split())
    assert "pyi_rth_pyside6" in listed  # the listing is the real one
    assert "pyi_rth_multiprocessing" not in listed
    # Modules are compiled files beside the executable, not in an archive (see the spec).
    internal = bundle / "_internal"
    assert (internal / "geodl_app" / "cli.pyc").is_file()
    assert not (internal / "multiprocessing").exists()
    assert "multiprocessing" not in listed


def test_bundle_sends_a_reminder_on_a_session_bus(bundle: Path, tmp_path: Path) -> None:
    """The frozen app, with a clean environment, reminds through the notification service."""
    from tests import notification_bus

    starts = notification_bus.start(tmp_path / "bus")
    (tmp_path / "bus").mkdir()
    bus = next(starts)
    try:
        home = tmp_path / "home"
        data = home / "data"
        data.mkdir(parents=True)
        plan = {
            "format": "geodl-app-plan",
            "version": 3,
            "conference": "gdl2024-umea",
            "starred": ["talk-bokman"],
        }
        (data / "plan-gdl2024-umea.json").write_text(json.dumps(plan))
        app = subprocess.Popen(
            [str(bundle / APP_NAME)],
            env={
                "HOME": str(home),
                "DBUS_SESSION_BUS_ADDRESS": bus.address,
                "QT_QPA_PLATFORM": "offscreen",
                "GEODL_APP_DATA_DIR": str(data),
                "GEODL_APP_NOW": "2024-06-11T14:07",
            },
            cwd=home,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            log = bus.wait_for("member=Notify", timeout=60)
        finally:
            app.terminate()
            _out, err = app.communicate(timeout=10)
        call = log.split("member=Notify", 1)[1]
        assert 'string "In 3 min: On the usefulness of equivariant image representations"' in call
        assert "uint32 0" in call
        assert "Traceback" not in err.decode(errors="replace")
    finally:
        starts.close()


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private X server (Xvfb) on a free display number."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb not installed (Debian: apt-get install xvfb); the X11 run is not checked")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    try:
        assert number, "Xvfb did not report a display"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_bundle_paints_its_window_on_x11(bundle: Path, tmp_path: Path, x_display: str) -> None:
    # Naming the platform makes Qt fail instead of falling back if xcb cannot load.
    result = run_clean(
        bundle,
        "--smoke-test",
        home=tmp_path / "home",
        extra_env={"DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"},
    )
    assert result.returncode == 0, result.stderr
    assert "smoke test: main window painted" in result.stdout


def test_deb_installs_the_bundle_command_menu_entry_icons_and_metainfo(
    bundle: Path, tmp_path: Path
) -> None:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb not installed (not a Debian system)")
    command = [sys.executable, str(PACKAGING / "make-deb"), str(bundle), str(tmp_path)]
    made = subprocess.run(
        [*command, "--compress", "zstd", "--work", str(tmp_path / "work")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    deb = Path(made.stdout.strip())
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], check=True, capture_output=True, text=True
    ).stdout
    entries = {}
    for line in listing.splitlines():
        mode, owner, *_, name = line.split(maxsplit=5)
        path, _, target = name.partition(" -> ")
        entries[path.removeprefix(".")] = (mode, owner, target)
    assert entries["/usr/bin/geodl-app"][2] == "/opt/geodl-app/geodl-app"
    assert entries["/opt/geodl-app/geodl-app"][0] == "-rwxr-xr-x"
    assert {owner for _, owner, _ in entries.values()} == {"root/root"}
    hicolor = "/usr/share/icons/hicolor"
    for path in [
        "/usr/share/applications/geodl-app.desktop",
        "/usr/share/metainfo/io.github.geodl_app.metainfo.xml",
        f"{hicolor}/scalable/apps/geodl-app.svg",
        "/usr/share/doc/geodl-app/copyright",
        "/opt/geodl-app/_internal/geodl_app/resources/gdl2024-umea.toml",
        *(f"{hicolor}/{size}x{size}/apps/geodl-app.png" for size in ICON_SIZES),
    ]:
        assert path in entries, path

    depends = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Depends"], check=True, capture_output=True, text=True
    ).stdout
    assert "libc6 (>= 2." in depends
    if shutil.which("apt-get") is not None:
        simulated = subprocess.run(
            ["apt-get", "install", "--simulate", str(deb)], capture_output=True, text=True
        )
        assert simulated.returncode == 0, simulated.stdout[-2000:] + simulated.stderr[-2000:]
