"""Rule packs: what rules know, as TOML files that people can read and extend.

A pack folder holds ``<lang>/<name>.toml`` for language-specific data
(``ar/boilerplate.toml``) and ``<name>.toml`` for data shared by all languages
(``glossary.toml``).  The built-in folder is ``rules/`` of this repository
(shipped in the wheel as ``cleaner/_rules``); a content repo adds its own
folders with the ``packs`` config key.  Every folder's file is returned, the
built-in one first, so a repo's pack extends the built-in one and a family
decides how later entries override earlier ones.
"""

from __future__ import annotations

import re
import stat
import time
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

import tomli  # tomllib compiled with mypyc: 3x faster on the packs a hook reads

T = TypeVar("T")


class PackError(ValueError):
    """A pack file that cannot be parsed; names the file."""


def builtin_folder() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise PackError("built-in rule packs not found (neither cleaner/_rules nor rules/)")


@cache
def _parse(path: Path, mtime_ns: int) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomli.load(handle)
    except tomli.TOMLDecodeError as exc:
        raise PackError(f"{path}: {exc}") from None


# A word list's header: comment lines at the top of the file.
_HEADER = re.compile(r"(?:#[^\n]*\n)*")
# White space other than the line feed: what ``str.strip`` would take off a
# word, or ``splitlines`` break at, as ``re``'s Unicode ``\s`` holds it.
_BLANK_NOT_LF = re.compile(r"[^\S\n]")


@lru_cache(maxsize=32)
def _plain_body(path: Path, mtime_ns: int) -> str | None:
    """The folded words of a list written one a line and nothing else, each
    between line feeds (``"\\nalpha\\nbeta\\n"``); None for a list with
    comments below its header, blank lines or white space around words,
    which takes the careful way."""
    text = path.read_text(encoding="utf-8").casefold()
    body = text[_HEADER.match(text).end() :]  # type: ignore[union-attr]
    if "#" in body or "\n\n" in body or _BLANK_NOT_LF.search(body):
        return None
    return "\n" + body if body.endswith("\n") else "\n" + body + "\n"


@lru_cache(maxsize=32)
def _read_words(path: Path, mtime_ns: int) -> frozenset[str]:
    # Folded and split in one call each, not line by line: the English list
    # has 28,000 words and a hook that needs it pays for its loading (17 ms
    # line by line, 6 ms so).
    body = _plain_body(path, mtime_ns)
    if body is not None:
        return frozenset(body.split("\n")) - {""}
    words = {w.strip() for w in path.read_text(encoding="utf-8").casefold().splitlines()}
    return frozenset(w for w in words if w and not w.startswith("#"))


@lru_cache(maxsize=32)
def _union_words(paths: tuple[Path, ...], stamps: tuple[int, ...]) -> frozenset[str]:
    words: set[str] = set()
    for path, stamp in zip(paths, stamps, strict=True):
        words |= _read_words(path, stamp)
    return frozenset(words)


def parse_pack(path: Path) -> dict[str, Any]:
    return _parse(path, path.stat().st_mtime_ns)


# How long a pack file's presence and modification time are trusted before
# they are looked at again.  Rules ask for their packs once per document and
# pass, thousands of times a second in a batch; a long-lived process (an
# editor, a test run) still sees an edited pack within this much time.
STAMP_SECONDS = 1.0

# Look-ups of a word list answered by searching its text before its set is
# built: the set of the English list costs 6 ms, a search some microseconds,
# and a run that asks at all mostly asks about a handful of words (NAM002's
# near misses).
TEXT_LOOKUPS = 32


class PackSet:
    """The ordered pack folders that apply to one configuration."""

    __slots__ = ("folders", "_stamps", "_searched")

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = tuple(folders)
        self._stamps: dict[str, tuple[float, tuple[tuple[Path, int], ...]]] = {}
        self._searched: dict[tuple[tuple[Path, int], ...], int] = {}

    def _stamped(self, rel: str) -> tuple[tuple[Path, int], ...]:
        """The existing files at ``rel`` in each folder with their mtimes,
        looked up at most once per ``STAMP_SECONDS``."""
        now = time.monotonic()
        seen = self._stamps.get(rel)
        if seen is not None and now - seen[0] < STAMP_SECONDS:
            return seen[1]
        found = []
        for folder in self.folders:
            path = folder / rel
            try:
                info = path.stat()
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                found.append((path, info.st_mtime_ns))
        stamped = tuple(found)
        self._stamps[rel] = (now, stamped)
        return stamped

    @classmethod
    @cache
    def default(cls) -> PackSet:
        return cls((builtin_folder(),))

    def with_extra(self, extra: Sequence[Path]) -> PackSet:
        return PackSet(self.folders + tuple(p for p in extra if p not in self.folders))

    def load(self, name: str, lang: str | None = None) -> list[dict[str, Any]]:
        """Parsed pack files named ``name`` for ``lang``, built-in first."""
        rel = f"{lang}/{name}.toml" if lang else f"{name}.toml"
        return [_parse(path, stamp) for path, stamp in self._stamped(rel)]

    def word_list(self, name: str, lang: str) -> frozenset[str]:
        """Words of the plain-text lists ``<lang>/<name>.txt`` of every folder:
        long generated lists (thousands of words) load faster as text."""
        stamped = self._stamped(f"{lang}/{name}.txt")
        return _union_words(tuple(p for p, _ in stamped), tuple(s for _, s in stamped))

    def has_word(self, name: str, lang: str, word: str) -> bool:
        """``word in self.word_list(name, lang)`` (``word`` folded as the
        lists are), answered from the lists' text for the first
        ``TEXT_LOOKUPS`` questions."""
        stamped = self._stamped(f"{lang}/{name}.txt")
        searched = self._searched.get(stamped, 0)
        if searched < TEXT_LOOKUPS:
            bodies = [_plain_body(path, stamp) for path, stamp in stamped]
            if None not in bodies:
                self._searched[stamped] = searched + 1
                if not word or "\n" in word:
                    return False
                needle = f"\n{word}\n"
                return any(needle in body for body in bodies)  # type: ignore[operator]
        return word in self.word_list(name, lang)

    def languages(self, name: str) -> list[str]:
        """Languages that have a pack called ``name`` in any folder."""
        found: set[str] = set()
        for folder in self.folders:
            for path in folder.glob(f"*/{name}.toml"):
                found.add(path.parent.name)
        return sorted(found)

    def __hash__(self) -> int:
        return hash(self.folders)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PackSet) and other.folders == self.folders


# Rule data built from packs, by the builder, the identities of the parsed
# files it read and its settings.  Each entry keeps its files alive, so an
# identity is never reused while it is a key.
_DERIVED: dict[tuple[Any, ...], tuple[tuple[list[dict[str, Any]], ...], Any]] = {}
DERIVED_ENTRIES = 64


def derived(build: Callable[..., T], packs: tuple[list[dict[str, Any]], ...], *settings: Any) -> T:
    """``build(*packs, *settings)``, built once while the pack files and the
    settings stay the same.

    Rules ask for their data once per document and pass; building the key
    from the content (thousands of phrases) cost more than most checks.  A
    parsed file is the same object until the file changes (the parse
    cache), so files are compared by identity; settings (a language, config
    options) by value."""
    key = (build, tuple(tuple(map(id, files)) for files in packs), _frozen(settings))
    hit = _DERIVED.get(key)
    if hit is None:
        if len(_DERIVED) >= DERIVED_ENTRIES:
            _DERIVED.clear()
        hit = _DERIVED[key] = (packs, build(*packs, *settings))
    return hit[1]  # type: ignore[no-any-return]


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value
