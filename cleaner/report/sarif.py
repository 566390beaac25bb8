"""SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps).

Why these choices:
- ``columnKind`` is ``unicodeCodePoints`` because our columns count code
  points; a viewer that assumed UTF-16 units would shift every column after
  an emoji or a supplementary-plane character.
- Every rule of the catalog is listed, with its documentation as help, so a
  pull-request annotation explains itself; results point at rules by index.
- Paths are relative to ``%SRCROOT%`` (the folder the run started in), which
  is how code-scanning uploads resolve them.
- A fix is given as a SARIF ``fix`` (deleted region + inserted text) only for
  findings still pending, and only when the edit is plain text: applied fixes
  are history, and a recode has no region.
- Files that could not be read are tool notifications, and mark the
  invocation unsuccessful, so an upload never hides an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cleaner import __version__
from cleaner.document import LineIndex
from cleaner.finding import Finding, Severity
from cleaner.registry import Rule, catalog
from cleaner.report.common import locate
from cleaner.runner import FileResult

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

LEVEL = {Severity.INFO: "note", Severity.WARNING: "warning", Severity.ERROR: "error"}


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    fix = rule.fix_safety.label if rule.fix_safety is not None else "report only"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": rule.doc or rule.summary or rule.name},
        "help": {"text": rule.doc or rule.summary, "markdown": rule.doc or rule.summary},
        "defaultConfiguration": {"level": LEVEL[rule.severity], "enabled": rule.default},
        "properties": {"category": rule.category.value, "fix": fix, "tags": [rule.category.value]},
    }


def _artifact(path: str) -> dict[str, str]:
    """Where a file is: relative to %SRCROOT% when the path was relative."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix()), "uriBaseId": "%SRCROOT%"}


def _region(index: LineIndex, start: int, end: int) -> dict[str, int]:
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _fix(result: FileResult, finding: Finding, index: LineIndex) -> list[dict[str, Any]]:
    fix = finding.fix
    if fix is None or finding.applied or fix.recode or not fix.edits:
        return []
    replacements = [
        {"deletedRegion": _region(index, e.start, e.end), "insertedContent": {"text": e.new}}
        for e in sorted(fix.edits, key=lambda e: e.start)
    ]
    return [
        {
            "description": {"text": f"{fix.title} ({fix.safety.label} fix)"},
            "artifactChanges": [{"artifactLocation": _artifact(result.path), "replacements": replacements}],
        }
    ]


def render(results: list[FileResult]) -> str:
    rules = catalog()
    index_of = {r.code: i for i, r in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in results:
        if r.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{r.path}: {r.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.path)}}],
                }
            )
            continue
        lines = LineIndex(r.original)
        for loc in locate(r):
            f = loc.finding
            entry: dict[str, Any] = {
                "ruleId": f.code,
                "level": LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": _artifact(r.path),
                            "region": {
                                "startLine": loc.line,
                                "startColumn": loc.column,
                                "endLine": loc.end_line,
                                "endColumn": loc.end_column,
                                "snippet": {"text": r.original[f.start : f.end]},
                            },
                        }
                    }
                ],
                "properties": {"category": f.category.value, "fixed": f.applied},
            }
            if f.code in index_of:
                entry["ruleIndex"] = index_of[f.code]
            fixes = _fix(r, f, lines)
            if fixes:
                entry["fixes"] = fixes
            sarif_results.append(entry)
    run = {
        "tool": {
            "driver": {
                "name": "cleaner",
                "semanticVersion": __version__,
                "version": __version__,
                "rules": [_rule_descriptor(rule) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "results": sarif_results,
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=1) + "\n"
