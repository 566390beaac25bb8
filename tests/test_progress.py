"""The progress bar: on a terminal for runs over many files, silent in pipes,
with --quiet and for a hook's few files; stdout never carries it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import progress


def _tree(root: Path, n: int) -> Path:
    for i in range(n):
        (root / f"a{i:03d}.txt").write_text(f"Paragraph {i} of the article.  \n", encoding="utf-8")
    return root


def _run_with_terminal_stderr(*args: str) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal, stdout on a pipe."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", *args], stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    stdout = proc.stdout.read().decode() if proc.stdout else ""
    code = proc.wait(timeout=120)
    os.close(leader)
    return code, stdout, b"".join(chunks).decode("utf-8", "replace")


def test_bar_on_a_terminal_for_many_files(tmp_path: Path) -> None:
    _tree(tmp_path, 40)
    code, stdout, stderr = _run_with_terminal_stderr("check", str(tmp_path), "--jobs", "1", "--no-cache")
    assert code == 1
    assert "files" in stderr and "/40" in stderr  # "files ━━━ 12/40" as it runs
    assert "━" not in stdout and "/40" not in stdout


def test_quiet_and_small_runs_have_no_bar(tmp_path: Path) -> None:
    _tree(tmp_path, 40)
    _, _, stderr = _run_with_terminal_stderr("check", str(tmp_path), "--jobs", "1", "--quiet", "--no-cache")
    assert "/40" not in stderr
    small = tmp_path / "small"
    small.mkdir()
    _tree(small, 3)
    _, _, stderr = _run_with_terminal_stderr("check", str(small), "--no-cache")
    assert "/3" not in stderr


def test_no_bar_in_a_pipe(tmp_path: Path) -> None:
    _tree(tmp_path, 40)
    r = subprocess.run(
        [sys.executable, "-m", "cleaner", "check", str(tmp_path), "--jobs", "1", "--no-cache"], capture_output=True, text=True
    )
    assert r.returncode == 1
    assert "━" not in r.stderr and "/40" not in r.stderr


@pytest.mark.parametrize(
    ("total", "quiet", "tty", "expected"),
    [(40, False, True, True), (40, True, True, False), (5, False, True, False), (40, False, False, False)],
)
def test_wanted(total: int, quiet: bool, tty: bool, expected: bool) -> None:
    class Stream:
        def isatty(self) -> bool:
            return tty

    assert progress.wanted(total, quiet=quiet, stream=Stream()) is expected  # type: ignore[arg-type]
