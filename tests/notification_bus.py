"""A private D-Bus session with a real notification server (dunst on Xvfb), for tests.

Nothing is mocked: the test talks to dunst over its own bus, and dbus-monitor
records every call to ``org.freedesktop.Notifications`` so a test can read the
Notify call as it went over the wire. The tools are Debian packages (dbus,
dbus-x11, dunst, xvfb); without them the tests skip, except under ``CI=true``,
where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "dbus-daemon", "dbus-monitor", "dbus-send", "dunst", "dunstctl")
DEADLINE_S = 20.0


def require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"needs {', '.join(missing)} (Debian: apt-get install dbus dbus-x11 dunst xvfb)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class NotificationBus:
    address: str
    display: str
    monitor_log: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        """The environment of a process on this bus and display."""
        return {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address, "DISPLAY": self.display}

    def monitored(self) -> str:
        return self.monitor_log.read_text("utf-8", errors="replace")

    def wait_for(self, text: str, timeout: float = DEADLINE_S) -> str:
        """The monitor's log once *text* is in it (fails after *timeout* seconds)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            log = self.monitored()
            if text in log:
                return log
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never went over the bus; the monitor saw:\n{log}")

    def dunstctl(self, *args: str) -> None:
        subprocess.run(["dunstctl", *args], env=self.env, check=True, timeout=10)


def _has_owner(address: str, name: str) -> bool:
    result = subprocess.run(
        [
            "dbus-send",
            f"--bus={address}",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            f"string:{name}",
        ],
        capture_output=True,
        text=True,
        timeout=10,
    )
    return "boolean true" in result.stdout


def start(folder: Path) -> Iterator[NotificationBus]:
    """Start Xvfb, a bus, dunst and dbus-monitor; stop them all afterwards."""
    require_tools()
    processes: list[subprocess.Popen[bytes]] = []
    try:
        read_end, write_end = os.pipe()
        processes.append(
            subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1024x768x24",
                 "-nolisten", "tcp"],
                pass_fds=(write_end,),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
        os.close(write_end)
        with os.fdopen(read_end) as display_number:
            display = f":{display_number.readline().strip()}"
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        processes.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        # The context menu's "dmenu" picks "Snooze 5 min", so a test can press it.
        config = folder / "dunstrc"
        config.write_text(
            "[global]\n    dmenu = \"/bin/sh -c 'grep -m1 Snooze'\"\n    timeout = 0\n"
        )
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "DISPLAY": display}
        processes.append(
            subprocess.Popen(
                ["dunst", "-config", str(config)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        deadline = time.monotonic() + DEADLINE_S
        while not _has_owner(address, "org.freedesktop.Notifications"):
            if time.monotonic() > deadline:
                raise AssertionError("dunst never took org.freedesktop.Notifications")
            time.sleep(0.05)
        log = folder / "dbus-monitor.log"
        with open(log, "wb") as sink:
            processes.append(
                subprocess.Popen(
                    ["dbus-monitor", "--address", address,
                     "interface='org.freedesktop.Notifications'"],
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                )
            )  # fmt: skip
        found = NotificationBus(address, display, log, processes)
        found.wait_for("NameAcquired", timeout=10)
        yield found
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
