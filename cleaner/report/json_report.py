"""The JSON contract of ``--format json`` (version 1).  Other tools parse it:
field names and meanings do not change within a version."""

from __future__ import annotations

import json
from typing import Any

from cleaner.report.common import locate, readability_rows, summary
from cleaner.runner import FileResult


def file_entry(result: FileResult) -> dict[str, Any]:
    findings = []
    for loc in locate(result):
        f = loc.finding
        fix = None
        if f.fix is not None:
            fix = {"applicability": f.fix.safety.label, "replacement": f.replacement(result.original) if not f.fix.recode else None}
            if f.fix.recode:
                fix["encoding"] = f.fix.recode
        findings.append(
            {
                "code": f.code,
                "category": f.category.value,
                "severity": f.severity.label,
                "line": loc.line,
                "column": loc.column,
                "end_line": loc.end_line,
                "end_column": loc.end_column,
                "message": f.message,
                "fix": fix,
            }
        )
    return {
        "path": result.path,
        "language": result.language,
        "encoding": result.encoding,
        "changed": result.changed,
        "error": result.error,
        "findings": findings,
    }


def render(results: list[FileResult], *, with_readability: bool = False) -> str:
    """``with_readability`` adds a ``readability`` list (report files only:
    textstat is too slow to import for the hook's ``--format json``)."""
    data: dict[str, Any] = {"version": 1, "files": [file_entry(r) for r in results], "summary": summary(results)}
    if with_readability:
        data["readability"] = readability_rows(results, fixing=False)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
