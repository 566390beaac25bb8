"""A self-contained HTML report: summary, findings per file, and each
changed file's unified diff with every applied change listed.

No template engine and no external assets: the page opens from a CI
artifact without a network.  Every string from a file is escaped; Arabic
lines are laid out right to left by the browser (``dir="auto"``).
"""

from __future__ import annotations

from html import escape

from cleaner.report import diff
from cleaner.report.common import findings_per_rule, locate, summary
from cleaner.runner import FileResult

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
.sev-error{color:#b00020}.sev-warning{color:#8a5a00}.sev-info{color:#555}
pre{background:#f6f8fa;padding:.75rem;overflow-x:auto}.add{color:#116329}.del{color:#82071e}
"""


def _diff_lines(text: str) -> str:
    rows = []
    for line in text.splitlines():
        cls = (
            "add"
            if line.startswith("+") and not line.startswith("+++")
            else "del"
            if line.startswith("-") and not line.startswith("---")
            else ""
        )
        rows.append(f'<span class="{cls}" dir="auto">{escape(line)}</span>' if cls else f'<span dir="auto">{escape(line)}</span>')
    return "\n".join(rows)


def render(results: list[FileResult], *, fixing: bool) -> str:
    s = summary(results)
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8"><title>cleaner report</title>',
        f"<style>{STYLE}</style></head><body>",
    ]
    out.append("<h1>cleaner report</h1>")
    out.append(
        f"<p><b>{s['files']}</b> files, <b>{s['changed']}</b> changed, <b>{sum(s['findings'].values())}</b> findings, <b>{s['errors']}</b> errors.</p>"
    )
    per_rule = findings_per_rule(results)
    if per_rule:
        out.append("<table><tr><th>rule</th><th>category</th><th>findings</th></tr>")
        out += [f"<tr><td>{escape(code)}</td><td>{escape(cat)}</td><td>{n}</td></tr>" for code, cat, n in per_rule]
        out.append("</table>")
    for r in results:
        located = locate(r)
        if not located and not r.error and not (fixing and r.changed):
            continue
        out.append(f"<h2>{escape(r.path)}</h2>")
        if r.error:
            out.append(f'<p class="sev-error">error: {escape(r.error)}</p>')
        if located:
            out.append("<table><tr><th>line:col</th><th>rule</th><th>message</th><th>state</th></tr>")
            for loc in located:
                f = loc.finding
                state = "fixed" if f.applied else ("fixable" if f.fix is not None else "")
                out.append(
                    f'<tr class="sev-{f.severity.name.lower()}"><td>{loc.line}:{loc.column}</td><td>{escape(f.code)}</td><td dir="auto">{escape(f.message)}</td><td>{state}</td></tr>'
                )
            out.append("</table>")
        if fixing and r.changed:
            out.append("<h3>Changes</h3><ul>")
            for c in diff.changes(r):
                out.append(
                    f'<li dir="auto">{escape(c["code"])} {c["line"]}:{c["column"]} {escape(c["title"])}: {escape(repr(c["removed"]))} → {escape(repr(c["inserted"]))}</li>'
                )
            out.append(f"</ul><pre>{_diff_lines(diff.unified(r))}</pre>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
