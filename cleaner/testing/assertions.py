"""Assertions for content repos' tests.

Each takes a path or a text and fails with a message that names the rule
codes, lines and columns, so a failing CI run says what to fix.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from cleaner.api import check_text, fix_text_explained
from cleaner.document import LineIndex
from cleaner.finding import Finding, Severity
from cleaner.report.common import locate
from cleaner.runner import Options, process_file

Source = str | os.PathLike[str]


def located_findings(
    source: Source, *, language: str | None = None, select: Sequence[str] | None = None, ignore: Sequence[str] = ()
) -> list[tuple[int, int, Finding]]:
    """(line, column, finding) for a path (read and decoded as the CLI does,
    positions in the file on disk) or a text; ``select``/``ignore`` take
    codes or prefixes."""
    if _is_path(source):
        path = Path(source)
        result = process_file(path, str(path), Options(select=tuple(select) if select else None, ignore=tuple(ignore)), mode="check")
        if result.error is not None:
            raise AssertionError(f"{path}: {result.error}")
        return [(loc.line, loc.column, loc.finding) for loc in locate(result)]
    index = LineIndex(str(source))
    return [(*index.position(f.start), f) for f in check_text(str(source), language=language, select=select, ignore=ignore)]


def assert_clean(
    source: Source,
    *,
    language: str | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    min_severity: Severity = Severity.INFO,
) -> None:
    """No finding at or above ``min_severity`` (restricted to ``select``)."""
    found = [row for row in located_findings(source, language=language, select=select, ignore=ignore) if row[2].severity >= min_severity]
    if found:
        label = str(source) if _is_path(source) else "text"
        rows = "\n".join(f"  {line}:{column} {f.code} {f.message}" for line, column, f in found)
        raise AssertionError(f"{label} is not clean: {len(found)} finding(s)\n{rows}")


def assert_idempotent(text: str, *, language: str | None = None, unsafe: bool = False) -> str:
    """``fix`` applied to its own output changes nothing; returns the fixed text."""
    once = fix_text_explained(text, language=language, unsafe=unsafe).text
    twice = fix_text_explained(once, language=language, unsafe=unsafe)
    if twice.text != once:
        codes = sorted({a.code for a in twice.applied})
        raise AssertionError(f"fix is not idempotent: a second run applied {', '.join(codes)}")
    return once


def assert_only_expected_changes(before: str, *, expected: Iterable[str], language: str | None = None, unsafe: bool = False) -> str:
    """``fix`` applies only rules whose codes start with one of ``expected``
    (e.g. ``["WSP", "MOJ001"]``); returns the fixed text."""
    prefixes = tuple(expected)
    outcome = fix_text_explained(before, language=language, unsafe=unsafe)
    unexpected = [a for a in outcome.applied if not a.code.startswith(prefixes)]
    if unexpected:
        rows = "\n".join(f"  {a.code} {a.title}: {a.old!r} -> {a.new!r}" for a in unexpected)
        raise AssertionError(f"fix made changes outside {', '.join(prefixes)}:\n{rows}")
    return outcome.text


def _is_path(source: Source) -> bool:
    return isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and len(source) < 4096 and Path(source).is_file()
    )
