"""The diff report: what ``fix`` changed, and which rule changed each part.

A unified diff shows the change as a whole; the change list accounts for it
character by character: every applied fix with its code, position in the
original file, and the exact text removed and inserted.  Replaying the list
pass by pass on the original reproduces the output exactly (tested).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from typing import Any

from cleaner.document import LineIndex
from cleaner.report.align import line_matcher
from cleaner.report.common import byte_sizes, readability_rows
from cleaner.runner import FileResult

CONTEXT = 3  # lines around each change, as diff -u


def applied_changes(result: FileResult) -> list[tuple[int, int, int]]:
    """(start, end, growth) of each applied fix: its span in the original
    and how many characters longer it made the text, for ``line_matcher``."""
    return [(a.start, a.end, len(a.new) - len(a.old)) for a in result.applied]


def unified(result: FileResult) -> str:
    if not result.changed:
        return ""
    matcher = line_matcher(result.original, result.text, applied_changes(result))
    out = []
    for line in _unified_lines(matcher, f"a/{result.path}", f"b/{result.path}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    if result.text == result.original and result.fmt is not None:
        out.append(f"# encoding: {result.fmt.label} -> utf-8\n")
    return "".join(out)


def _unified_lines(matcher: difflib.SequenceMatcher[str], old_name: str, new_name: str) -> Iterator[str]:
    """The unified format (as ``diff -u`` and ``difflib.unified_diff``
    write it) of the matcher's grouped opcodes."""
    old, new = matcher.a, matcher.b
    for number, group in enumerate(matcher.get_grouped_opcodes(CONTEXT)):
        if number == 0:
            yield f"--- {old_name}\n"
            yield f"+++ {new_name}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in old[i1:i2])
                continue
            yield from ("-" + line for line in old[i1:i2])
            yield from ("+" + line for line in new[j1:j2])


def _range(start: int, stop: int) -> str:
    """A hunk's line range: its first line (1-based) and length; a single
    line is its number alone, an empty range names the line before it."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def changes(result: FileResult) -> list[dict[str, Any]]:
    index = LineIndex(result.original)
    out = []
    for a in result.applied:
        line, col = index.position(a.start)
        out.append(
            {
                "code": a.code,
                "title": a.title,
                "pass": a.iteration + 1,
                "line": line,
                "column": col,
                "removed": a.old,
                "inserted": a.new,
                "edits": [[e.start, e.end, e.new] for e in a.edits],
            }
        )
    return out


def report_json(results: list[FileResult], *, with_readability: bool = True) -> str:
    files = []
    for r in results:
        if not r.changed and not r.error:
            continue
        files.append(
            {
                "path": r.path,
                "error": r.error,
                "encoding": r.encoding,
                "changes": changes(r),
                "diff": unified(r),
            }
        )
    total = sum(len(f["changes"]) for f in files)
    before, after = byte_sizes(results)
    return (
        json.dumps(
            {
                "version": 1,
                "files": files,
                "summary": {
                    "files_changed": sum(1 for r in results if r.changed),
                    "changes": total,
                    "bytes_before": before,
                    "bytes_after": after,
                },
                **({"readability": readability_rows(results, fixing=True)} if with_readability else {}),
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )


def _show(s: str) -> str:
    visible = s.replace("\u00a0", "⍽").replace("\t", "→").replace("\r", "␍").replace("\n", "↵")
    return visible if visible else "∅"


def report_markdown(results: list[FileResult]) -> str:
    changed = [r for r in results if r.changed]
    lines = ["# cleaner: changes", "", f"{len(changed)} of {len(results)} files changed.", ""]
    for r in changed:
        lines.append(f"## {r.path}")
        lines.append("")
        lines.append("| rule | line:col | change | removed | inserted |")
        lines.append("|---|---|---|---|---|")
        for c in changes(r):
            removed = _show(c["removed"]).replace("|", "\\|")
            inserted = _show(c["inserted"]).replace("|", "\\|")
            lines.append(f"| {c['code']} | {c['line']}:{c['column']} | {c['title']} | `{removed}` | `{inserted}` |")
        lines.append("")
        lines.append("```diff")
        lines.append(unified(r).rstrip("\n"))
        lines.append("```")
        lines.append("")
    return "\n".join(lines) + "\n"
