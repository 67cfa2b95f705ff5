from __future__ import annotations

from pathlib import Path

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
