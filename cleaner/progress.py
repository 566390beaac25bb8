"""A progress bar for long runs, on the terminal only.

Why it is this picky: stdout carries findings that other tools parse, so the
bar goes to stderr; CI logs and pipes gain nothing from redraws, so it shows
only when stderr is a terminal; a hook over three files should not flash a
bar, so small runs stay silent; and rich is imported only when a bar is
actually drawn, keeping it off the hook path.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

MIN_FILES = 20


def wanted(total: int, *, quiet: bool, stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    return not quiet and total >= MIN_FILES and stream.isatty()


@contextmanager
def bar(total: int, *, quiet: bool, label: str = "files", stream: TextIO | None = None) -> Iterator[Callable[[Any], None] | None]:
    """Yields a callback to call once per finished item, or None when no bar
    is wanted (callers pass it straight to ``on_done``)."""
    stream = stream or sys.stderr
    if not wanted(total, quiet=quiet, stream=stream):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=stream)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _item: progress.advance(task)
