"""Module-level patterns compiled where they are first used, not at import.

A hook run imports every rule module and used to compile every pattern they
define, most of them for texts it never sees (Vietnamese syllables in an
Arabic article, a URL pattern for a text without a slash): 12 ms of its
start.  ``lazy_regex`` and ``lazy_re`` stand for the compiled pattern and
compile it on the first attribute asked for; each attribute read is then
kept on the stand-in, so a later ``p.finditer`` costs what it costs on the
pattern itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import regex


class LazyPattern:
    """Stands for the pattern ``make()`` returns."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self.__dict__["_make"] = make

    def compiled(self) -> Any:
        """The pattern itself, compiled on the first call."""
        held = self.__dict__
        if "_pattern" not in held:
            held["_pattern"] = held["_make"]()
        return held["_pattern"]

    def __getattr__(self, name: str) -> Any:  # only for names not yet kept
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        self.__dict__[name] = value
        return value


def lazy_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, when first used."""
    return cast("regex.Pattern[str]", LazyPattern(lambda: regex.compile(pattern, flags)))


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, when first used."""
    return cast("re.Pattern[str]", LazyPattern(lambda: re.compile(pattern, flags)))
