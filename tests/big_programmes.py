"""The made-up CCC-style congress (90 rooms, ~1,400 items) as a test fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import ccc_programme
from geodl_app.model import Conference
from geodl_app.program import load_program


@pytest.fixture(scope="session")
def ccc_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ccc_programme.write(tmp_path_factory.mktemp("ccc") / "ccc.json")


@pytest.fixture(scope="session")
def ccc(ccc_path: Path) -> Conference:
    return load_program(ccc_path)
