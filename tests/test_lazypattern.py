"""Module patterns compiled on first use: the same pattern, compiled once."""

from __future__ import annotations

import importlib
import pkgutil
import re

import regex

import cleaner
from cleaner.lazypattern import LazyPattern, lazy_re, lazy_regex


def test_stand_in_compiles_once_and_answers_as_the_pattern() -> None:
    made = []

    def make() -> regex.Pattern[str]:
        made.append(1)
        return regex.compile(r"\p{L}+")

    lazy = LazyPattern(make)
    assert made == []  # nothing compiled until asked
    assert [m.group() for m in lazy.finditer("ab 12 cd")] == ["ab", "cd"]
    assert lazy.sub("-", "ab cd") == "- -" and lazy.pattern == r"\p{L}+"
    assert made == [1]
    assert lazy.finditer.__self__ is lazy.compiled()  # later calls go straight to the pattern


def test_lazy_re_and_regex_are_their_compiled_patterns() -> None:
    assert lazy_re(r"\d+", re.ASCII).compiled() == re.compile(r"\d+", re.ASCII)
    assert lazy_regex(r"\w+", regex.IGNORECASE).compiled().flags == regex.compile(r"\w+", regex.IGNORECASE).flags


def test_every_lazy_pattern_of_the_package_compiles() -> None:
    """A typo in a lazy pattern would surface only where it is first used:
    each is compiled here."""
    found = 0
    for info in pkgutil.walk_packages(cleaner.__path__, "cleaner."):
        if info.name.startswith("cleaner.testing") or info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for value in vars(module).values():
            stand_ins = [value] if isinstance(value, LazyPattern) else []
            if isinstance(value, tuple):  # tables of patterns (mojibake._LEGACY)
                stand_ins += [x for row in value if isinstance(row, tuple) for x in row if isinstance(x, LazyPattern)]
            for stand_in in stand_ins:
                stand_in.compiled()
                found += 1
    assert found >= 18
