"""What becomes of a file's result once it is computed.

A result that the caller will only print as ``path:line:col`` lines is sent
back from a worker process without its texts: its findings are located
first, so nothing the report needs is lost, and the pickle between the
processes shrinks to a third.  Files fixed in place are written as each
result arrives, by a thread of their own, while the work goes on: such a
write waits on the disk (``fsync``), and whoever waits there leaves a core
idle.  Cleaned copies under ``--out`` are not flushed (see
``io.atomic_write``) and are written at once: handing them to a thread cost
more than writing them, the two threads taking the interpreter from each
other (a fix of 20 MB with ``-j 1``: 10 to 13% faster without the thread
and the flushes).
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from msgspec import Struct

from cleaner.runner import FileResult, write_result

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor


def relative_for_out(path: Path) -> Path:
    """Where a cleaned copy goes under --out: the path relative to the
    current folder when it lies inside it, else its absolute path re-rooted."""
    resolved = path.absolute()
    try:
        return resolved.relative_to(Path.cwd())
    except ValueError:
        return Path(*resolved.parts[1:])


def write_fixed(result: FileResult, path: Path, out: Path | None) -> None:
    """Write a fixed result: a copy under ``out`` (every file, changed or
    not, so the folder is a whole cleaned tree), else the file in place
    when it changed.  A write that fails becomes the file's error."""
    if result.error or result.written:
        return
    try:
        if out is not None:
            if result.new_bytes is None:
                result.new_bytes = result.raw
            write_result(result, out / relative_for_out(path), in_place=False)
        elif result.changed:
            write_result(result, path, in_place=True)
    except (OSError, ValueError) as exc:
        result.error = f"not written: {getattr(exc, 'strerror', None) or exc}"
        result.changed = False
    result.written = True


def slim(result: FileResult, keep_bytes: bool = False) -> None:
    """Keep only what a text report of ``result`` reads: located findings,
    the flags, the raw bytes (their size), and the bytes to write when
    ``keep_bytes``.  The texts go."""
    from cleaner.report.common import locate

    if not result.error:
        locate(result)
    result.original = result.text = ""
    if not keep_bytes:
        result.new_bytes = None


class Slim(Struct, frozen=True):
    """``slim`` as a picklable value that a pool carries to its workers."""

    keep_bytes: bool = False

    def __call__(self, result: FileResult, path: Path) -> None:
        slim(result, self.keep_bytes)


class Writer:
    """Writes fixed results (``write_fixed``): files fixed in place on one
    thread of its own, in the order they arrive; leaving the ``with`` block
    waits for the last write, and an unexpected error in one is raised
    there.  The system calls of a write release the interpreter, so it
    overlaps the next file's work.  The first few are written at once,
    without a thread: a pre-commit hook on a handful of files neither starts
    one nor imports what it needs.  Copies under ``out`` are all written at
    once (they are not flushed to disk).  ``drop_bytes``: forget a result's
    bytes once they are written."""

    INLINE = 3  # writes done before the thread starts

    def __init__(self, out: Path | None, drop_bytes: bool = False) -> None:
        self.out, self.drop_bytes = out, drop_bytes
        self._inline = self.INLINE
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []

    def __call__(self, result: FileResult, path: Path) -> None:
        if self.out is not None:  # a copy is not flushed: written at once
            self._write(result, path)
            return
        if self._inline > 0:
            self._inline -= 1
            self._write(result, path)
            return
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cleaner-write")
        self._pending.append(self._pool.submit(self._write, result, path))

    def _write(self, result: FileResult, path: Path) -> None:
        write_fixed(result, path, self.out)
        if self.drop_bytes:
            result.new_bytes = None

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        for done in self._pending:
            done.result()
