"""A Markdown summary, fit for a pull-request comment."""

from __future__ import annotations

from cleaner.report import diff
from cleaner.report.common import byte_sizes, findings_per_rule, locate, readability_rows, summary
from cleaner.runner import FileResult

FIRST_FINDINGS = 50


def render(results: list[FileResult], *, fixing: bool) -> str:
    s = summary(results)
    lines = ["# cleaner report", ""]
    lines.append(
        f"**{s['files']}** files, **{s['changed']}** changed, **{sum(s['findings'].values())}** findings, **{s['errors']}** errors."
    )
    if fixing:
        before, after = byte_sizes(results)
        lines.append(f"Size: {before:,} bytes before, {after:,} after ({after - before:+,}).")
    lines.append("")
    per_rule = findings_per_rule(results)
    if per_rule:
        lines += ["| rule | category | findings |", "|---|---|---|"]
        lines += [f"| {code} | {cat} | {n} |" for code, cat, n in per_rule]
        lines.append("")
    shown = 0
    listing = []
    for r in results:
        if r.error:
            listing.append(f"- `{r.path}`: **error**: {r.error}")
        for loc in locate(r):
            if shown >= FIRST_FINDINGS:
                break
            f = loc.finding
            state = " (fixed)" if f.applied else ""
            listing.append(f"- [`{r.path}:{loc.line}:{loc.column}`]({r.path}#L{loc.line}) **{f.code}** {f.message}{state}")
            shown += 1
    if listing:
        lines += ["## Findings", "", *listing, ""]
    rows = readability_rows(results, fixing=fixing)
    if rows:
        lines += ["## Readability", "", "| file | language | metric | before | after |", "|---|---|---|---|---|"]
        lines += [f"| `{r['path']}` | {r['language']} | {r['metric']} | {r['before']:.2f} | {r['after']:.2f} |" for r in rows]
        lines.append("")
    if fixing:
        lines.append(diff.report_markdown(results))
    return "\n".join(lines) + "\n"
