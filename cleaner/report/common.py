"""What every reporter needs: positions as lines/columns, and the summary."""

from __future__ import annotations

from collections import Counter
from typing import Any

from msgspec import Struct

from cleaner.document import LineIndex
from cleaner.finding import Finding, Severity
from cleaner.runner import FileResult


class Located(Struct, frozen=True):
    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int


def locate(result: FileResult) -> list[Located]:
    """Findings with 1-based line/column in the file as it is on disk.

    Columns count code points; the end is exclusive (one past the last
    character), as in ruff's JSON output.

    Computed once per result and kept: the CLI locates each result as it
    arrives from a worker, while the other workers are still busy, so the
    report at the end has no line index left to build.
    """
    kept = result.located
    if kept is not None and len(kept) == len(result.findings) and all(k.finding is f for k, f in zip(kept, result.findings, strict=True)):
        return kept
    index = LineIndex(result.original)
    out = []
    for f in result.findings:
        line, col = index.position(f.start)
        end_line, end_col = index.position(f.end)
        out.append(Located(f, line, col, end_line, end_col))
    result.located = out
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


def byte_sizes(results: list[FileResult]) -> tuple[int, int]:
    """Bytes of all files as read, and as written (unchanged files count as read)."""
    before = sum(len(r.raw) for r in results)
    after = sum(len(r.new_bytes if r.new_bytes is not None else r.raw) for r in results)
    return before, after


def findings_per_rule(results: list[FileResult]) -> list[tuple[str, str, int]]:
    """(code, category, count) for every rule that reported, by code."""
    counts: Counter[tuple[str, str]] = Counter((f.code, f.category.value) for r in results for f in r.findings)
    return [(code, category, n) for (code, category), n in sorted(counts.items())]


def prose_of(text: str, path: str) -> str:
    """The prose of a Markdown or HTML file (tags and code would skew the
    word and sentence counts); other files as they are."""
    from pathlib import Path

    from cleaner.runner import make_document

    doc = make_document(text, Path(path), "und")
    if doc.prose is None:
        return text
    return "\n".join(text[a:b] for a, b in doc.prose)


def readability(result: FileResult, *, fixing: bool) -> dict[str, Any] | None:
    """Readability before and (when fixing) after, for the report files.

    Imported here, not at the top: textstat is slow to import and the hook
    path, which writes no report, must not pay for it.
    """
    if result.error:
        return None
    from cleaner.readability import measure

    before = measure(prose_of(result.original, result.path), result.language)
    if before is None:
        return None
    after = measure(prose_of(result.text, result.path), result.language) if fixing and result.changed else before
    return {"before": before.as_dict(), "after": after.as_dict() if after else None}


def readability_rows(results: list[FileResult], *, fixing: bool) -> list[dict[str, Any]]:
    """One row per readable file: language, metric, score before and after."""
    rows = []
    for r in results:
        scores = readability(r, fixing=fixing)
        if scores is None:
            continue
        after = scores["after"]
        rows.append(
            {
                "path": r.path,
                "language": r.language,
                "metric": scores["before"]["metric"],
                "before": scores["before"]["score"],
                "after": after["score"] if after else None,
                "words_before": scores["before"]["words"],
                "words_after": after["words"] if after else None,
            }
        )
    return rows
