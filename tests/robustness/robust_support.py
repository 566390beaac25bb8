"""What the robustness tests share: the real command line, file fingerprints,
leftover temporary files, and the hypothesis budgets.

Every run goes through ``python -m cleaner`` in a subprocess, so exit codes,
messages and what reaches the disk are the ones a user gets.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from conftest import CORPUS, RELAXED, REPO, run_cli
from hypothesis import settings

ARTICLES = CORPUS / "articles"
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

SLOW_CI_EXAMPLES = 150  # the slow fuzz tests in a normal (CI) run; `make fuzz` uses the profile in conftest


def cleaner(
    *args: str,
    cwd: Path | None = None,
    timeout: float = 300,
    preexec_fn: Callable[[], None] | None = None,
    python: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """Run ``cleaner ARGS`` as a user would, without the result cache (a
    cache hit would skip reading the file this suite is about).

    ``python`` replaces ``-m cleaner`` with another entry (a script that
    injects a fault, then runs the same CLI).  Output that is not UTF-8 (a
    file name in another encoding) is shown with replacement characters."""
    no_cache = ["--no-cache"] if args and args[0] in ("check", "fix") else []
    return run_cli(
        *args,
        *no_cache,
        cwd=cwd,
        env={"PYTHONPATH": str(REPO)},
        timeout=timeout,
        preexec_fn=preexec_fn,
        entry=tuple(python) or ("-m", "cleaner"),
        errors="replace",
    )


def output(proc: subprocess.CompletedProcess[str]) -> str:
    """Everything the run printed.  Per-file errors are part of the report
    (stdout) for check and fix, and go to stderr with --diff."""
    return proc.stdout + proc.stderr


def reported_error(proc: subprocess.CompletedProcess[str], name: str) -> str:
    """The error line the run printed for the file ``name``, which must exist."""
    lines = [line for line in output(proc).splitlines() if name in line and ": error: " in line]
    assert lines, f"no error reported for {name!r}:\n{output(proc)}"
    return lines[0]


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones included) by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def leftovers(folder: Path) -> list[Path]:
    """Temporary files of cleaner's atomic writes: `.<name>.<random>.cleaner-tmp`."""
    return sorted(p for p in folder.rglob("*.cleaner-tmp"))


def fuzz_settings() -> settings:
    """Settings for the slow fuzz tests: the ``fuzz`` profile's budget when
    it is loaded (``make fuzz``), a small one otherwise (CI runs slow tests
    too)."""
    if settings.get_current_profile_name() == "fuzz":
        return settings(settings.get_profile("fuzz"))
    return settings(max_examples=SLOW_CI_EXAMPLES, deadline=None, suppress_health_check=RELAXED)


def quick_settings(examples: int) -> settings:
    """Settings for the unmarked fuzz variants that normal CI runs."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=RELAXED)
