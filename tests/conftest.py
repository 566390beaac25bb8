"""Shared fixtures: the repo's own corpus, the team's seeds and peer suites.

Seeds and peer data live outside the repo (``../shared``); tests that need
them skip cleanly when the folder is absent.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED = Path(os.environ.get("CLEANER_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
PEER = SHARED / "peer"

# `make fuzz` runs `pytest tests/robustness -m slow --hypothesis-profile fuzz`.
# The profile is registered here, in the one conftest of the test tree:
# a second conftest.py (say in tests/robustness) would be imported under the
# same module name and shadow this one for `from conftest import ...`.
# It is registered, not loaded: loading it would change every module's budget.
FUZZ_EXAMPLES = 10_000  # per slow fuzz test under `make fuzz`
# One example can be a whole damaged article: slowness is not a failure there.
RELAXED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much, HealthCheck.large_base_example]
settings.register_profile("fuzz", max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=RELAXED, print_blob=True)


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "001")."""
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not available")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not available")
    return matches[0]


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not available")
    return SEEDS


@pytest.fixture
def peer_dir() -> Path:
    if not PEER.is_dir():
        pytest.skip("shared/peer not available")
    return PEER


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
    preexec_fn: Callable[[], None] | None = None,
    entry: Sequence[str] = ("-m", "cleaner"),
    errors: str = "strict",
) -> subprocess.CompletedProcess[str]:
    """Run the real ``cleaner`` command in a subprocess, as a user would.

    ``entry`` replaces ``-m cleaner`` (a script that injects a fault, then
    runs the same CLI); ``preexec_fn`` runs in the child first (limits)."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, *entry, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors=errors,
        env=full_env,
        timeout=timeout,
        preexec_fn=preexec_fn,
    )
