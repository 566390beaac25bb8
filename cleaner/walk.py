"""Expand the paths given on the command line into the files to process.

Files named explicitly are always processed (pre-commit passes exactly the
files it wants checked).  Folders are walked: hidden entries, paths that a
``.gitignore`` on the way down excludes, excluded globs, and files whose
extension is not a text extension we handle are skipped.  Symlinks are
followed only when they stay inside the folder being walked, and each real
folder is visited once, so a symlink loop ends.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    import pathspec


# Record files (cleaner.datasets), told apart here, by name only, so that a
# command over plain files never imports the dataset machinery.
DATASET_SUFFIXES = (".jsonl", ".ndjson", ".parquet")


def is_dataset(path: Path) -> bool:
    return path.suffix.lower() in DATASET_SUFFIXES


class Target(Struct, frozen=True):
    path: Path
    display: str
    explicit: bool
    problem: str | None = None  # set when the path cannot be processed at all


def _gitignore(folder: Path) -> pathspec.PathSpec | None:
    ignore_file = folder / ".gitignore"
    if not ignore_file.is_file():
        return None
    try:
        lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec  # only where a folder has a .gitignore: files named on a hook's command line need none

    return pathspec.PathSpec.from_lines("gitwildmatch", lines)


def expand(
    paths: list[str],
    extensions: Callable[[Path], tuple[str, ...]],
    excluded: Callable[[Path], bool],
) -> Iterator[Target]:
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = not is_dir and (path.exists() or path.is_symlink())
        except OSError as exc:  # a name longer than the system allows, a looping link
            yield Target(path, raw, True, f"cannot open: {exc.strerror or exc}")
            continue
        if is_dir:
            yield from _walk(path, extensions, excluded)
        elif exists:
            yield Target(path, raw, True)
        else:
            yield Target(path, raw, True, "no such file or folder")


def _walk(top: Path, extensions: Callable[[Path], tuple[str, ...]], excluded: Callable[[Path], bool]) -> Iterator[Target]:
    root_real = top.resolve()
    seen: set[tuple[int, int]] = set()
    # (folder, the ignore specs that apply, each with the folder it is relative to)
    stack: list[tuple[Path, tuple[tuple[Path, pathspec.PathSpec], ...]]] = [(top, ())]
    while stack:
        folder, specs = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            # vanished since it was listed, or its path is too long for the
            # system: its files are not checked, so say so
            yield Target(folder, str(folder), False, f"cannot open folder: {exc.strerror or exc}")
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            continue
        seen.add(key)
        own = _gitignore(folder)
        if own is not None:
            specs = specs + ((folder, own),)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Target(folder, str(folder), False, f"cannot list folder: {exc.strerror or exc}")
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if entry.is_symlink():
                try:
                    real = path.resolve()
                except (OSError, RuntimeError):
                    continue  # dangling or looping link
                if not real.is_relative_to(root_real):
                    continue  # points outside the tree
            try:
                if _ignored(path, is_dir, specs) or excluded(path):
                    continue
                wanted = not is_dir and entry.is_file() and path.suffix.lower() in extensions(path)
            except OSError as exc:  # e.g. a path longer than the system allows: finding its config fails
                yield Target(path, str(path), False, f"cannot read: {exc.strerror or exc}")
                continue
            if is_dir:
                subfolders.append(path)
            elif wanted:
                yield Target(path, str(path), False)
        stack.extend((p, specs) for p in reversed(subfolders))


def _ignored(path: Path, is_dir: bool, specs: tuple[tuple[Path, pathspec.PathSpec], ...]) -> bool:
    for base, spec in specs:
        rel = path.relative_to(base).as_posix()
        if spec.match_file(rel + ("/" if is_dir else "")):
            return True
    return False


def discover(paths: list[str]) -> Iterator[Target]:
    """The files under ``paths`` that each one's own configuration selects:
    what the CLI checks when given no explicit ``--config``."""
    from cleaner.config import config_for

    return expand(paths, lambda p: config_for(p).extensions, lambda p: config_for(p).excluded(p))
