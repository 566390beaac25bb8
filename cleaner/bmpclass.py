"""Unicode property classes run by the standard library's ``re`` where it is
faster than ``regex``, with the same matches.

``regex`` looks a property up at every character it tries; ``re`` tests a
character of the Basic Multilingual Plane against a bitmap, two to five
times faster on a run-heavy class.  But ``re`` walks a class's ranges one by
one for characters beyond the BMP, and a property class lists hundreds of
them there (six times slower than ``regex``).  So a class is listed from
``regex``'s own definition over the BMP only (the same Unicode version,
whatever Python's is), and a text that holds a character beyond the BMP is
matched by the ``regex`` pattern instead: one quick search decides.
"""

from __future__ import annotations

import re
from functools import cache, cached_property

import regex

_BEYOND_BMP = regex.compile(r"[\U00010000-\U0010FFFF]")
WARM_CHARS = 1 << 18


def beyond_bmp(text: str) -> bool:
    """Whether ``text`` holds a character outside the Basic Multilingual Plane."""
    return _BEYOND_BMP.search(text) is not None


@cache
def bmp_ranges(char_class: str) -> str:
    """The BMP characters that the ``regex`` class ``char_class`` (written
    with its brackets, e.g. ``[\\p{P}\\p{S}]``) matches, as ranges to put
    between the brackets of an ``re`` class."""
    pattern = regex.compile(char_class + "+", regex.V1)
    parts = []
    for m in pattern.finditer(_plane()):
        first, last = _code_point(m.start()), _code_point(m.end() - 1)
        parts.append(re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
    return "".join(parts)


@cache
def _plane() -> str:
    """Every BMP character but the surrogates, which are no characters."""
    return "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))


def _code_point(index: int) -> int:
    return index if index < 0xD800 else index + 0x800


class BmpPattern:
    """A ``regex`` pattern and its ``re`` twin, picked per text.

    ``template`` is the ``re`` form, with ``{name}`` where the ranges of
    ``classes[name]`` go (inside brackets the template writes; a quantifier
    such as ``{0,3}`` is left alone).  Both are compiled on first use."""

    def __init__(self, pattern: str, template: str, classes: dict[str, str], flags: int = 0, re_flags: int = 0) -> None:
        self._source = (pattern, flags)
        self._template, self._classes, self._re_flags = template, classes, re_flags
        self._read = 0  # characters matched so far with the regex pattern

    @cached_property
    def full(self) -> regex.Pattern[str]:
        pattern, flags = self._source
        return regex.compile(pattern, flags)

    @cached_property
    def bmp(self) -> re.Pattern[str]:
        source = self._template
        for name, char_class in self._classes.items():
            source = source.replace("{" + name + "}", bmp_ranges(char_class))
        return re.compile(source, self._re_flags)

    def for_text(self, text: str) -> regex.Pattern[str] | re.Pattern[str]:
        """The ``re`` twin once the pattern has read ``WARM_CHARS``: listing
        and compiling its classes costs some milliseconds, which a hook run
        on one article would spend for nothing."""
        if self._read < WARM_CHARS:
            self._read += len(text)
            return self.full
        return self.full if beyond_bmp(text) else self.bmp

    def sub(self, replacement: str, text: str) -> str:
        return self.for_text(text).sub(replacement, text)

    def findall(self, text: str) -> list[str]:
        return self.for_text(text).findall(text)
