"""Token-level precision and recall of the text cleaner keeps from real news
pages (issue 9), on the peer pages in ../shared/peer/boilerplate/.

Kept text = the page's text nodes minus those the page-furniture rule
(BLP101) reports.  Expected text = the suites' own ground truth (newspaper4k
`.txt`, scrapinghub `articleBody`); trafilatura's `with`/`without` snippets
are scored as kept/removed, counting a `without` snippet only when it occurs
in the page's text nodes at all (else it would pass for free).  "All text
nodes" is the baseline: what a cleaner that keeps everything would score.

Run: `python bench/eval_pages.py` (part of `make eval`).
"""

from __future__ import annotations

import gzip
import html as htmllib
import json
import os
import sys
from collections import Counter
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parent.parent
PEER = Path(os.environ.get("CLEANER_SHARED", REPO.parent / "shared")) / "peer" / "boilerplate"
TOKEN = regex.compile(r"\w+")

sys.path.insert(0, str(REPO))

from cleaner.api import check_path  # noqa: E402
from cleaner.markup import html as html_prose  # noqa: E402
from cleaner.markup.extract import normalise  # noqa: E402


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in TOKEN.findall(text))


def kept_and_all(page: str, tmp: Path) -> tuple[str, str]:
    tmp.write_text(page, encoding="utf-8")
    result = check_path(tmp, select=("BLP101",))
    furniture = [(f.start, f.end) for f in result.findings if f.code == "BLP101"]
    nodes = html_prose.prose(result.original)
    kept, everything = [], []
    for a, b in nodes:
        piece = htmllib.unescape(result.original[a:b])
        everything.append(piece)
        if not any(x <= a and b <= y for x, y in furniture):
            kept.append(piece)
    return " ".join(kept), " ".join(everything)


def prf(kept: Counter[str], expected: Counter[str]) -> tuple[float, float]:
    overlap = sum((kept & expected).values())
    precision = overlap / max(1, sum(kept.values()))
    recall = overlap / max(1, sum(expected.values()))
    return precision, recall


def pages() -> list[tuple[str, str, str | None, dict[str, list[str]] | None]]:
    out: list[tuple[str, str, str | None, dict[str, list[str]] | None]] = []
    for name in ("arabic_article", "cnn_article"):
        page = (PEER / "newspaper4k" / f"{name}.html").read_text(encoding="utf-8", errors="replace")
        out.append((f"newspaper4k/{name}", page, (PEER / "newspaper4k" / f"{name}.txt").read_text(encoding="utf-8"), None))
    truth = json.loads((PEER / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    for f in sorted((PEER / "scrapinghub").glob("*.html.gz")):
        key = f.name[: -len(".html.gz")]
        page = gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
        out.append((f"scrapinghub/{key[:10]} {truth[key]['url'].split('/')[2]}", page, truth[key]["articleBody"], None))
    evaldata = json.loads((PEER / "trafilatura" / "evaldata.json").read_text(encoding="utf-8"))
    for entry in evaldata.values():
        path = PEER / "trafilatura" / entry["file"]
        if path.exists():
            page = path.read_text(encoding="utf-8", errors="replace")
            out.append((f"trafilatura/{entry['file']}", page, None, {"with": entry.get("with", []), "without": entry.get("without", [])}))
    return out


def main() -> None:
    if not PEER.is_dir():
        print("shared/peer/boilerplate not available: nothing to evaluate")
        return
    tmp = REPO / "bench" / "out" / "page.html"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    rows = ["| page | kept P | kept R | all-nodes P | all-nodes R |", "|---|---|---|---|---|"]
    snippets = ["| page | `with` kept | `without` removed (scorable) |", "|---|---|---|"]
    totals = Counter()
    for name, page, expected, snips in pages():
        kept, everything = kept_and_all(page, tmp)
        if expected is not None:
            exp = tokens(expected)
            p, r = prf(tokens(kept), exp)
            bp, br = prf(tokens(everything), exp)
            rows.append(f"| {name} | {p:.2f} | {r:.2f} | {bp:.2f} | {br:.2f} |")
            for k, v in (("p", p), ("r", r), ("bp", bp), ("br", br)):
                totals[k] += v
            totals["n"] += 1
        if snips is not None:
            kept_n, all_n = normalise(kept), normalise(everything)
            with_ok = sum(1 for s in snips["with"] if normalise(s) in kept_n)
            scorable = [s for s in snips["without"] if normalise(s) in all_n]
            without_ok = sum(1 for s in scorable if normalise(s) not in kept_n)
            snippets.append(f"| {name} | {with_ok}/{len(snips['with'])} | {without_ok}/{len(scorable)} |")
    n = totals["n"] or 1
    rows.append(f"| **mean** | **{totals['p'] / n:.2f}** | **{totals['r'] / n:.2f}** | {totals['bp'] / n:.2f} | {totals['br'] / n:.2f} |")
    text = (
        "### Page furniture (HTML, BLP101): token precision/recall of kept text\n\n" + "\n".join(rows) + "\n\n" + "\n".join(snippets) + "\n"
    )
    print(text)
    (REPO / "bench" / "out" / "eval_pages.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
