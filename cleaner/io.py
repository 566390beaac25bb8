"""Files in and out: decoding, line-break style, BOM, mode, atomic writes.

Everything about a file that is not its text is captured in ``FileFormat`` on
the way in and restored on the way out, so a fix changes only what a rule
changed.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from msgspec import Struct

from cleaner.document import line_break_counts
from cleaner.encoding import UndecodableError, sniff

try:
    import fcntl
except ImportError:  # not POSIX: no lock marks a live temporary file, so none is ever swept
    fcntl = None  # type: ignore[assignment]

# Files are read whole and the rules hold the text several times over (a
# 10 MB file peaks at 20-25 times its size): by default a bigger "article" is
# taken for a dump and refused with a way out, rather than left to exhaust a
# pre-commit hook's memory.  `--max-size` raises or lifts the limit.
MAX_BYTES = 64 << 20
TEMP_SUFFIX = ".cleaner-tmp"
# ".<name>.<mkstemp's eight random characters>.cleaner-tmp"
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))


class ReadError(OSError):
    """A file that cannot be processed; the message says why, for people.

    An ``OSError``, so that callers that guard their writes against I/O
    failures (the CLI reports them per file) also catch a file that changed
    or vanished while it was being processed, instead of crashing.
    """


class FileFormat(Struct, frozen=True):
    encoding: str  # codec name, e.g. "utf-8", "cp1256", "utf-16-le"
    bom: bytes
    newline: str  # "\n", "\r\n", "\r", or "mixed"
    mode: int

    @property
    def label(self) -> str:
        return self.encoding + ("-bom" if self.bom and self.encoding == "utf-8" else "")


class Loaded(Struct, frozen=True):
    path: Path
    text: str  # with the file's uniform line breaks seen as "\n"
    fmt: FileFormat
    confidence: float
    raw: bytes


def newline_style(text: str) -> str:
    if "\r" not in text:  # most files: one scan, no counting
        return "\n"
    kinds = [k for k, n in line_break_counts(text).items() if n]  # a "\r" makes one at least
    return kinds[0] if len(kinds) == 1 else "mixed"


def to_internal(text: str, newline: str) -> str:
    """Uniform CRLF or CR files are handled as LF; mixed ones as they are."""
    if newline in ("\r\n", "\r"):
        return text.replace(newline, "\n")
    return text


def to_external(text: str, newline: str) -> str:
    if newline in ("\r\n", "\r"):
        return text.replace("\n", newline)
    return text


def decode(data: bytes, path: Path, mode: int = 0o644) -> Loaded:
    try:
        sniffed = sniff(data)
    except UndecodableError as exc:
        raise ReadError(str(exc)) from None
    newline = newline_style(sniffed.text)
    fmt = FileFormat(sniffed.encoding, sniffed.bom, newline, mode)
    return Loaded(path, to_internal(sniffed.text, newline), fmt, sniffed.confidence, data)


def read(path: Path, max_bytes: int = MAX_BYTES) -> Loaded:
    """Read and decode one file, or raise ``ReadError`` with a clear reason.
    ``max_bytes`` 0 means no limit."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(f"cannot stat: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("not a regular file")
    if max_bytes and st.st_size > max_bytes:
        raise ReadError(
            f"file too large ({st.st_size:,} bytes; the limit is {max_bytes:,}): raise it with --max-size, split the file, "
            "or store it as a JSON Lines dataset, which is streamed"
        )
    try:
        data = path.read_bytes()
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    return decode(data, path, stat.S_IMODE(st.st_mode))


def encode(text: str, fmt: FileFormat, recode: str | None = None) -> bytes | bytearray:
    """Bytes for ``text`` in the file's own format, or recoded to ``recode``.

    Recoding drops a UTF-16/32 BOM (UTF-8 needs none) but keeps a UTF-8 one.
    """
    if recode and recode != fmt.encoding:
        bom = fmt.bom if fmt.encoding == "utf-8" else b""
        return bom + to_external(text, fmt.newline).encode(recode)
    if fmt.encoding == "utf-8" and len(text) > ENCODE_BLOCK:
        # A block at a time: the UTF-8 encoder reserves up to four bytes a
        # character before it shrinks its result, and a large text in one
        # piece made that the peak of a whole run.  The blocks go into one
        # growing buffer, returned as it is: joining them held every block
        # and the joined copy at once, the peak of a large file's fix.
        out = bytearray(fmt.bom)
        for i in range(0, len(text), ENCODE_BLOCK):
            out += to_external(text[i : i + ENCODE_BLOCK], fmt.newline).encode("utf-8")
        return out
    return fmt.bom + to_external(text, fmt.newline).encode(fmt.encoding)


ENCODE_BLOCK = 1 << 20  # characters


_swept: set[Path] = set()


def remove_stale_temps(folder: Path) -> int:
    """Delete the temporary files that a killed run left in ``folder``.

    A process killed between creating its temporary file and renaming it
    (SIGKILL, power loss) cannot clean up, so the next write into the folder
    does.  A live writer holds a lock on its temporary file until the rename;
    one that nobody holds is stale.  Each folder is listed once per process,
    not once per file written.  Returns how many were removed.
    """
    if fcntl is None or folder in _swept:
        return 0
    _swept.add(folder)
    try:
        entries = [e for e in os.scandir(folder) if _TEMP_NAME.fullmatch(e.name) and e.is_file(follow_symlinks=False)]
    except OSError:
        return 0
    removed = 0
    for entry in entries:
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(entry.path)
            removed += 1
        except OSError:
            pass  # held by a live writer, or already gone
        finally:
            os.close(fd)
    return removed


def atomic_write(
    path: Path, data: bytes | bytearray, mode: int | None = None, expect: bytes | None = None, *, durable: bool = True
) -> None:
    """Replace ``path`` with ``data`` so that it is always old or new, never half.

    Written to a temporary file in the same folder, flushed to disk (unless
    ``durable`` is False), given the original mode, then renamed over the
    target.  With ``expect``, the file is re-read first and left alone if it
    changed since we read it.  The temporary file is locked until the
    rename, which tells ``remove_stale_temps`` that it is in use.

    A file fixed in place is the only copy of its text: it reaches the disk
    before the rename replaces the original.  A cleaned copy under
    ``--out`` is not (its source is untouched), and a flush per copy cost
    more than the rest of writing it.
    """
    if expect is not None:
        try:
            if path.read_bytes() != expect:
                raise ReadError("changed on disk while being processed; left as it is")
        except FileNotFoundError:
            raise ReadError("vanished while being processed") from None
    target = path.resolve() if path.is_symlink() else path
    with locked_temp(target) as (fd, tmp):
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if mode is not None:
            os.fchmod(fd, mode)
        os.replace(tmp, target)


@contextlib.contextmanager
def locked_temp(target: Path) -> Iterator[tuple[int, str]]:
    """A temporary file beside ``target`` (descriptor and path) for the caller
    to fill and rename over it.

    Stale temporary files of killed runs in the folder are swept first.  The
    file stays locked until the caller is done, which tells
    ``remove_stale_temps`` in other processes that it is in use; if the
    caller fails, the file is removed, unless another process already
    replaced it with its own.
    """
    remove_stale_temps(target.parent)
    import tempfile  # only writes need it, not a check

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.stat(tmp).st_ino != os.fstat(fd).st_ino:
                raise OSError("temporary file removed by another process; nothing written")
        yield fd, tmp
    except BaseException:
        with contextlib.suppress(OSError):
            if os.stat(tmp).st_ino == os.fstat(fd).st_ino:  # still ours: never remove another process's file
                os.unlink(tmp)
        raise
    finally:
        os.close(fd)
