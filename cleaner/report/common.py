"""What every reporter needs: positions as lines/columns, and the summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from cleaner.document import LineIndex
from cleaner.finding import Finding, Severity
from cleaner.runner import FileResult


@dataclass(frozen=True, slots=True)
class Located:
    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int


def locate(result: FileResult) -> list[Located]:
    """Findings with 1-based line/column in the file as it is on disk.

    Columns count code points; the end is exclusive (one past the last
    character), as in ruff's JSON output.
    """
    index = LineIndex(result.original)
    out = []
    for f in result.findings:
        line, col = index.position(f.start)
        end_line, end_col = index.position(f.end)
        out.append(Located(f, line, col, end_line, end_col))
    return out


def summary(results: list[FileResult]) -> dict[str, Any]:
    categories: Counter[str] = Counter()
    for r in results:
        for f in r.findings:
            categories[f.category.value] += 1
    return {
        "files": len(results),
        "changed": sum(1 for r in results if r.changed),
        "errors": sum(1 for r in results if r.error),
        "findings": dict(sorted(categories.items())),
    }


def fails(results: list[FileResult], fail_on: Severity, *, fixing: bool) -> bool:
    """The exit-code rule shared by check and fix.

    check: findings at or above ``fail_on`` or fixes pending fail.
    fix: a changed file, or findings left unfixed at or above ``fail_on``.
    """
    for r in results:
        if fixing and r.changed:
            return True
        for f in r.findings:
            if fixing and f.applied:
                continue
            if f.severity >= fail_on:
                return True
            if not fixing and f.fix is not None and f.fix.safety.label != "display":
                return True
    return False


def findings_per_rule(results: list[FileResult]) -> list[tuple[str, str, int]]:
    """(code, category, count) for every rule that reported, by code."""
    counts: Counter[tuple[str, str]] = Counter((f.code, f.category.value) for r in results for f in r.findings)
    return [(code, category, n) for (code, category), n in sorted(counts.items())]
