"""A self-contained HTML report an editor can read after a run over many files.

Why it is built this way:
- One file, CSS and JS inline, no template engine and no external asset: it
  opens from a CI artifact with no network.  Every string from a file is
  escaped.
- Direction is decided here, per line, from the line's strong characters, and
  written as ``dir="rtl"``/``dir="ltr"``: ``dir="auto"`` would lay out an
  Arabic line that starts with a Latin brand name left to right.  Inside a
  line, the browser's bidi algorithm places Latin names correctly.
- The diff is a side-by-side table of the lines around each change, with the
  changed characters marked inside the line, and each changed line labelled
  with the rule code and title of every fix applied on it.  Invisible
  characters in a marked span are shown by name, since a removed no-break
  space would otherwise look like nothing.
- Findings that were not fixed are listed at their line, with the line as
  context.
- Files are collapsed ``<details>`` blocks (the first few open), and diffs
  show only the lines near a change, so a run over 2,000 files stays a few MB
  and scrolls.
- Filters by category and rule hide files and rows in the page itself.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from collections import Counter, defaultdict
from html import escape

from cleaner.registry import catalog
from cleaner.report import diff
from cleaner.report.align import line_matcher
from cleaner.report.common import Located, byte_sizes, findings_per_rule, locate, readability, summary
from cleaner.runner import FileResult

OPEN_FILES = 20
CONTEXT_LINES = 1
CONTEXT_CHARS = 40
MAX_DIFF_ROWS = 400

STYLE = """
body{font-family:system-ui,'Noto Sans','Noto Naskh Arabic',sans-serif;margin:1.5rem;color:#1f2328}
h1{margin-top:0}table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #d0d7de;padding:.2rem .45rem;text-align:start;vertical-align:top}
.summary td:nth-child(n+2){text-align:end}
table.summary{display:inline-table;vertical-align:top;margin-inline-end:1.5rem}
.filters{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #d0d7de;z-index:1}
details.file{border:1px solid #d0d7de;border-radius:6px;margin:.6rem 0;padding:.3rem .6rem}
details.file>summary{cursor:pointer;font-weight:600}
.counts{font-weight:400;color:#57606a}
table.diff{width:100%;font-family:ui-monospace,monospace;font-size:.85rem}
table.diff td:nth-child(-n+2){width:2.8rem;color:#57606a;text-align:end}
td.t{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:isolate}
tr.del td.t{background:#ffebe9}tr.add td.t{background:#e6ffec}
del{background:#ff818266;text-decoration:line-through}ins{background:#abf2bc;text-decoration:none}
del,ins{white-space:pre-wrap;padding:0 1px;border-radius:2px}
.label{display:block;font-family:system-ui,sans-serif;font-size:.75rem;color:#57606a}
.code,.label b{font-weight:600;color:#0969da}
.sev-error{color:#b00020}.sev-warning{color:#8a5a00}.sev-info{color:#57606a}
.gap td{background:#f6f8fa;color:#57606a;text-align:center}
.hidden{display:none}
"""

SCRIPT = """
(function(){
  const cat=document.getElementById('filter-category'), rule=document.getElementById('filter-rule'),
        changed=document.getElementById('filter-changed');
  const categoryOf=JSON.parse(document.getElementById('rule-categories').textContent);
  function keep(el){
    const rules=(el.dataset.r||'').split(' ').filter(Boolean), c=cat.value, r=rule.value;
    return (!c||rules.some(function(x){return categoryOf[x]===c;})) && (!r||rules.includes(r));
  }
  function apply(){
    let shown=0;
    document.querySelectorAll('details.file').forEach(function(f){
      const ok=keep(f) && (!changed.checked||f.dataset.changed==='1');
      f.classList.toggle('hidden',!ok); if(ok) shown++;
      f.querySelectorAll('tr[data-r]').forEach(function(row){ row.classList.toggle('hidden', !keep(row)); });
    });
    document.getElementById('shown').textContent=shown;
  }
  [cat,rule,changed].forEach(function(el){ el.addEventListener('change',apply); });
  apply();
})();
"""

INVISIBLE_NAMES = {"\u00a0": "NBSP", "\t": "TAB", "\r": "CR", "\n": "LF"}


def direction(text: str) -> str:
    """rtl when most strong characters of the line are right-to-left."""
    rtl = ltr = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    return "rtl" if rtl > ltr else "ltr"


def _visible(span: str) -> str:
    """A changed span with its invisible characters named."""
    out = []
    for ch in span:
        if ch in INVISIBLE_NAMES:
            out.append(INVISIBLE_NAMES[ch])
        elif ch != " " and unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp"):
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return escape("".join(out))


def _marked(old: str, new: str) -> tuple[str, str]:
    """Both lines as HTML, with the characters that differ marked."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    a, b = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            a.append(escape(old[i1:i2]))
            b.append(escape(new[j1:j2]))
            continue
        if i2 > i1:
            a.append(f"<del>{_visible(old[i1:i2])}</del>")
        if j2 > j1:
            b.append(f"<ins>{_visible(new[j1:j2])}</ins>")
    return "".join(a), "".join(b)


def _text(html_text: str, plain: str) -> str:
    """A text cell; ``dir`` written only when rtl (ltr is the page's)."""
    if direction(plain) == "rtl":
        return f'<td class="t" dir="rtl">{html_text}</td>'
    return f'<td class="t">{html_text}</td>'


def _labels(result: FileResult) -> dict[int, list[dict]]:
    by_line: dict[int, list[dict]] = defaultdict(list)
    for change in diff.changes(result):
        by_line[change["line"]].append(change)
    return by_line


def _diff_table(result: FileResult) -> str:
    """An inline diff: context lines once, each changed line as a removed row
    (labelled with its fixes) and an added row, changed characters marked."""
    matcher = line_matcher(result.original, result.text, diff.applied_changes(result), keepends=False)
    old, new = matcher.a, matcher.b
    labels = _labels(result)
    rows: list[str] = []
    for group_no, group in enumerate(matcher.get_grouped_opcodes(CONTEXT_LINES)):
        if group_no:
            rows.append('<tr class="gap"><td colspan="3">…</td></tr>')
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                for k in range(i2 - i1):
                    line = old[i1 + k]
                    rows.append(f"<tr><td>{i1 + k + 1}</td><td>{j1 + k + 1}</td>{_text(escape(line), line)}</tr>")
                continue
            removed, added = [], []
            for k in range(max(i2 - i1, j2 - j1)):
                a = old[i1 + k] if i1 + k < i2 else None
                b = new[j1 + k] if j1 + k < j2 else None
                a_html, b_html = _marked(a or "", b or "")
                if a is not None:
                    changes = labels.get(i1 + k + 1, [])
                    codes = " ".join(sorted({c["code"] for c in changes}))
                    label = "".join(f'<span class="label"><b>{escape(c["code"])}</b> {escape(c["title"])}</span>' for c in changes)
                    removed.append(f'<tr class="del" data-r="{codes}"><td>{i1 + k + 1}</td><td></td>{_text(a_html + label, a)}</tr>')
                if b is not None:
                    added.append(f'<tr class="add"><td></td><td>{j1 + k + 1}</td>{_text(b_html, b)}</tr>')
            rows += removed + added
    truncated = ""
    if len(rows) > MAX_DIFF_ROWS:
        truncated = f"<p>Diff cut at {MAX_DIFF_ROWS} rows of {len(rows)}; <code>cleaner fix --diff</code> prints all of it.</p>"
        rows = rows[:MAX_DIFF_ROWS]
    if result.text == result.original and result.fmt is not None:
        rows.append(f'<tr><td colspan="3">encoding: {escape(result.fmt.label)} → utf-8 (text unchanged)</td></tr>')
    return '<table class="diff">' + "".join(rows) + "</table>" + truncated


def _around(line: str, column: int) -> str:
    """The part of a long line around a finding's column."""
    start = max(0, column - 1 - CONTEXT_CHARS)
    end = column - 1 + CONTEXT_CHARS
    return ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")


def _findings_table(result: FileResult, located: list[Located], *, fixing: bool) -> str:
    lines = result.original.splitlines()
    rows = []
    for loc in located:
        f = loc.finding
        if fixing and f.applied:
            continue  # shown in the diff, labelled
        context = _around(lines[loc.line - 1], loc.column) if 0 < loc.line <= len(lines) else ""
        state = "fixed" if f.applied else (f"fix: {f.fix.safety.label}" if f.fix is not None else "report only")
        rows.append(
            f'<tr data-r="{escape(f.code)}" class="sev-{f.severity.name.lower()}">'
            f"<td>{loc.line}:{loc.column}</td><td class='code'>{escape(f.code)}</td><td>{f.category.value}</td>"
            f'<td dir="{direction(f.message)}">{escape(f.message)}</td><td>{state}</td>'
            f"{_text(escape(context), context)}</tr>"
        )
    if not rows:
        return ""
    return (
        "<table class='findings'><tr><th>line:col</th><th>rule</th><th>category</th><th>message</th><th>state</th><th>line</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _readability_line(result: FileResult, *, fixing: bool) -> str:
    scores = readability(result, fixing=fixing)
    if scores is None:
        return ""
    before, after = scores["before"], scores["after"]
    text = f"Readability ({escape(before['metric'])}): {before['score']:.2f}"
    if fixing and after is not None and result.changed:
        text += f" → {after['score']:.2f}"
    return f"<p class='readability'>{text} ({before['words']} words)</p>"


def _file_block(result: FileResult, position: int, *, fixing: bool) -> str:
    located = locate(result)
    rules = sorted({loc.finding.code for loc in located} | {a.code for a in result.applied})
    is_changed = fixing and result.changed
    counts = f"{len(located)} findings" + (f", {len(result.applied)} changes" if is_changed else "")
    parts = [
        f'<details class="file" data-r="{" ".join(rules)}" '
        f'data-changed="{1 if is_changed else 0}" data-path="{escape(result.path)}"{" open" if position < OPEN_FILES else ""}>',
        f'<summary dir="ltr">{escape(result.path)} <span class="counts">({result.language}; {counts})</span></summary>',
    ]
    if result.error:
        parts.append(f'<p class="sev-error">error: {escape(result.error)}</p>')
    parts.append(_readability_line(result, fixing=fixing))
    if is_changed:
        parts.append(_diff_table(result))
    parts.append(_findings_table(result, located, fixing=fixing))
    parts.append("</details>")
    return "\n".join(p for p in parts if p)


def _summary(results: list[FileResult], *, fixing: bool) -> str:
    s = summary(results)
    before, after = byte_sizes(results)
    applied: Counter[str] = Counter(a.code for r in results for a in r.applied) if fixing else Counter()
    out = [
        f"<p><b>{s['files']}</b> files, <b>{s['changed']}</b> changed, <b>{sum(s['findings'].values())}</b> findings, "
        f"<b>{s['errors']}</b> errors; {before:,} bytes before" + (f", {after:,} after ({after - before:+,})" if fixing else "") + ".</p>"
    ]
    if s["findings"]:
        out.append("<table class='summary'><tr><th>category</th><th>findings</th></tr>")
        out += [f"<tr><td>{escape(cat)}</td><td>{n}</td></tr>" for cat, n in s["findings"].items()]
        out.append("</table>")
    per_rule = findings_per_rule(results)
    if per_rule:
        out.append(
            "<table class='summary'><tr><th>rule</th><th>category</th><th>findings</th>"
            + ("<th>fixes applied</th>" if fixing else "")
            + "</tr>"
        )
        for code, cat, n in per_rule:
            out.append(
                f"<tr><td>{escape(code)}</td><td>{escape(cat)}</td><td>{n}</td>" + (f"<td>{applied[code]}</td>" if fixing else "") + "</tr>"
            )
        out.append("</table>")
    return "\n".join(out)


def _filters(results: list[FileResult]) -> str:
    per_rule = findings_per_rule(results)
    categories = sorted({cat for _, cat, _ in per_rule})
    options_c = "".join(f'<option value="{escape(c)}">{escape(c)}</option>' for c in categories)
    options_r = "".join(f'<option value="{escape(code)}">{escape(code)}</option>' for code, _, _ in per_rule)
    return (
        '<div class="filters"><label>Category <select id="filter-category"><option value="">all</option>'
        f"{options_c}</select></label> "
        f'<label>Rule <select id="filter-rule"><option value="">all</option>{options_r}</select></label> '
        '<label><input type="checkbox" id="filter-changed"> changed files only</label> '
        f'<span><span id="shown">{len(results)}</span> files shown</span></div>'
    )


def render(results: list[FileResult], *, fixing: bool) -> str:
    listed = [r for r in results if r.error or r.findings or (fixing and r.changed)]
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
        f"<title>cleaner report</title><style>{STYLE}</style></head><body>",
        "<h1>cleaner report</h1>",
        _summary(results, fixing=fixing),
        _filters(results),
    ]
    out += [_file_block(r, i, fixing=fixing) for i, r in enumerate(listed)]
    categories = {r.code: r.category.value for r in catalog()}
    data = json.dumps(categories, separators=(",", ":")).replace("<", "\\u003c")
    out.append(f'<script type="application/json" id="rule-categories">{data}</script>')
    out.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(out) + "\n"
