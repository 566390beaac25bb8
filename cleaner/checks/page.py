"""Page furniture in saved HTML pages: text outside the article.

For Markdown and plain text the boilerplate rules judge lines; an HTML page
has structure, and the maintained extractor trafilatura finds the article in
it.  Text nodes it leaves out (navigation, related links, comment forms,
footers) are reported against the source.  Report only: removing elements
is a change to the page, not a clean-up of its prose.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.document import Document
from cleaner.finding import Category, Hit, Severity
from cleaner.registry import Context, Rule

HTML_SUFFIXES = (".html", ".htm")
MIN_CHARS = 3


def html_furniture(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    In `.html` files, finds runs of text nodes that are not part of the
    article's main text, as extracted by trafilatura: menus, breadcrumbs,
    "related articles" boxes, comment forms, cookie notices, footers.

    ## Why it matters
    Archived pages mix the article with the page around it; search indexes,
    training data and translation memories built from the whole page repeat
    the furniture thousands of times.

    ## Example
    `<nav><a>الرئيسية</a> | <a>محليات</a></nav>` above the article and
    `<h3>اترك تعليقاً</h3>` below it are reported; the article's title and
    paragraphs are not.

    ## Fix safety
    None (report only): the page is left as it is; use the findings, or
    extract the main text, to decide what to keep.
    """
    if not doc.path or not doc.path.lower().endswith(HTML_SUFFIXES) or not doc.prose:
        return
    from cleaner.markup.extract import main_text, normalise

    article = main_text(doc.text)
    if not article:
        return
    run: list[tuple[int, int, str]] = []

    def flush() -> Iterator[Hit]:
        if run:
            words = " ".join(t for _, _, t in run)
            shown = words if len(words) <= 60 else words[:57] + "…"
            yield Hit(run[0][0], run[-1][1], f"Page furniture outside the main text: {shown!r}", severity=Severity.INFO)
            run.clear()

    for start, end in doc.prose:
        text = normalise(doc.text[start:end])
        if len(text) < MIN_CHARS:
            continue  # separators and stray letters neither start nor end a run
        if text in article:
            yield from flush()
            continue
        run.append((start, end, text))
    yield from flush()


RULES = (Rule("BLP101", "html-furniture", Category.BOILERPLATE, html_furniture, Severity.INFO, None, scope="file"),)
