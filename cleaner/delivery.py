"""What becomes of a file's result once it is computed.

A result that the caller will only print as ``path:line:col`` lines is sent
back from a worker process without its texts: its findings are located
first, so nothing the report needs is lost, and the pickle between the
processes shrinks to a third.  Fixed files are written by the parent as
each result arrives, while the workers go on: a write waits on the disk
(``fsync``), and a worker waiting there would leave its core idle.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cleaner.runner import FileResult, write_result


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


@dataclass(frozen=True)
class Slim:
    """``slim`` as a picklable value that a pool carries to its workers."""

    keep_bytes: bool = False

    def __call__(self, result: FileResult, path: Path) -> None:
        slim(result, self.keep_bytes)
