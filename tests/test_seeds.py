"""The real articles in shared/seeds are the spec (skipped when absent)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli, seed_path

QUOTES = "“”‘’«»"


def _fixed(tmp_path: Path, prefix: str) -> tuple[str, str]:
    src = seed_path(prefix)
    dst = tmp_path / src.name
    shutil.copyfile(src, dst)
    r = run_cli("fix", str(dst))
    assert r.returncode in (0, 1), r.stdout + r.stderr
    return src.read_text(encoding="utf-8"), dst.read_text(encoding="utf-8")


def test_003_keeps_every_content_line(tmp_path: Path) -> None:
    before, after = _fixed(tmp_path, "003")
    assert [s for s in before.splitlines() if s.strip()] == [s for s in after.splitlines() if s.strip()]
    assert after == before.rstrip("\n") + "\n"


def test_000_loses_only_its_trailing_blank_lines(tmp_path: Path) -> None:
    before, after = _fixed(tmp_path, "000")
    assert after == before.rstrip("\n") + "\n"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_curly_quote_survives(tmp_path: Path, prefix: str) -> None:
    before, after = _fixed(tmp_path, prefix)
    for q in QUOTES:
        assert after.count(q) == before.count(q), q


def test_seed_check_runs_on_all(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not available")
    r = run_cli("check", "--format", "json", str(SEEDS))
    assert r.returncode in (0, 1), r.stderr
