"""Shared fixtures: the bundled sample report, as a path, as bytes, and imported once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyoka.importers import ImportResult, import_bytes

SAMPLE_NAME = "mofa-r2-I-2-hokubei.txt"
SAMPLE_PATH = Path(__file__).resolve().parents[1] / "samples" / SAMPLE_NAME


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE_PATH


@pytest.fixture(scope="session")
def sample_bytes(sample_path: Path) -> bytes:
    return sample_path.read_bytes()


@pytest.fixture(scope="session")
def sample_result(sample_bytes: bytes) -> ImportResult:
    return import_bytes(sample_bytes, name=SAMPLE_NAME)
