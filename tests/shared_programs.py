"""Where the real conference files are, for tests of the format readers.

conftest's SHARED_DATA assumes the checkout sits next to ``shared/``; a git
worktree sits one level deeper, so the folders above are searched as well.
A test that needs a file from there skips when it is absent, except under CI
(``CI=true``), where a missing file fails the test: CI must run them all.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SHARED_DATA

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def _find_shared(name: str, default: Path) -> Path:
    if default.is_dir():
        return default
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / name
        if candidate.is_dir():
            return candidate
    return default


DATA = _find_shared("data", SHARED_DATA)
SEED = _find_shared("seed", SHARED_DATA.parent / "seed")
PROGRAMS = DATA / "programs"
SCHEMAS = DATA / "schemas"


def shared_file(path: Path) -> Path:
    """*path*; when it is absent, skip the test, or fail it under CI (``CI=true``)."""
    if not path.exists():
        message = f"shared conference data not present: {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI runs every test: put ../shared beside the checkout)")
        pytest.skip(message)
    return path
