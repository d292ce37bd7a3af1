"""Where the real conference files are, for tests of the format readers.

conftest's SHARED_DATA assumes the checkout sits next to ``shared/``; a git
worktree sits one level deeper, so the folders above are searched as well.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED_DATA

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def _find_shared_data() -> Path:
    if SHARED_DATA.is_dir():
        return SHARED_DATA
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return SHARED_DATA


DATA = _find_shared_data()
PROGRAMS = DATA / "programs"
SCHEMAS = DATA / "schemas"


def shared_file(path: Path) -> Path:
    """*path*, or skip the test with the reason when the shared data is absent."""
    if not path.exists():
        pytest.skip(f"shared conference data not present: {path}")
    return path
