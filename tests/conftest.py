from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile("ci")


@pytest.fixture
def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip(f"the seed files are not here ({SEEDS} is absent, as in a user's clone)")
    return files


@pytest.fixture(scope="session")
def dedup_corpus() -> Any:
    """The dedup benchmark's corpus generator (benchmarks/_dedup_corpus.py), imported by path."""
    spec = importlib.util.spec_from_file_location(
        "_dedup_corpus", ROOT / "benchmarks" / "_dedup_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
