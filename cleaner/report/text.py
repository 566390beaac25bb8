"""The report for people: one line per finding, then a summary."""

from __future__ import annotations

from collections import Counter

from typer import style as ansi_style  # typer's own styling: the CLI has it loaded already

from cleaner.report.common import locate, summary
from cleaner.runner import FileResult

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}


def render(results: list[FileResult], *, colour: bool, fixing: bool, show_fixed: bool = True) -> str:
    lines: list[str] = []
    style = ansi_style if colour else (lambda s, **_: s)
    for r in results:
        if r.error:
            lines.append(f"{style(r.path, bold=True)}: {style('error', fg='red', bold=True)}: {r.error}")
            continue
        if r.unsettled:
            lines.append(
                f"{style(r.path, bold=True)}: {style('error', fg='red')}: fixes did not settle ({', '.join(r.unsettled)}); please report this rule bug"
            )
        for loc in locate(r):
            f = loc.finding
            if f.applied and not show_fixed:
                continue
            tag = " [fixed]" if f.applied else (" [*]" if f.fix is not None and f.fix.safety.label == "safe" else "")
            code = style(f.code, fg=_SEVERITY_COLOUR[f.severity.label], bold=True)
            lines.append(f"{style(r.path, bold=True)}:{loc.line}:{loc.column}: {code} {f.message}{tag}")
    s = summary(results)
    counts: Counter[str] = Counter(s["findings"])
    total = sum(counts.values())
    fixed = sum(1 for r in results for f in r.findings if f.applied)
    parts = [f"{s['files']} file{'s' if s['files'] != 1 else ''}"]
    if fixing:
        parts.append(f"{s['changed']} changed")
        parts.append(f"{fixed} fix{'es' if fixed != 1 else ''} applied")
    parts.append(
        f"{total} finding{'s' if total != 1 else ''}"
        + (f" ({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()))})" if counts else "")
    )
    if s["errors"]:
        parts.append(style(f"{s['errors']} error{'s' if s['errors'] != 1 else ''}", fg="red"))
    fixable = sum(1 for r in results for f in r.findings if not f.applied and f.fix is not None and f.fix.safety.label == "safe")
    lines.append(("Fixed: " if fixing else "Checked: ") + ", ".join(parts) + ".")
    if not fixing and fixable:
        lines.append(f"[*] {fixable} fixable with `cleaner fix`.")
    return "\n".join(lines) + "\n"
