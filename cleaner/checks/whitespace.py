"""Whitespace hygiene: trailing blanks, blank-only lines, blank runs, file end.

Invisible differences that make diffs noisy and text compare unequal.  Every
fix here removes only whitespace, so all are safe, except the conversion of
mixed line breaks (which choice is right is the author's call).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from cleaner.document import LINE_BREAK, Document, Line, line_break_counts
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.lazypattern import lazy_regex
from cleaner.registry import Context, Rule

from ._util import delete, prose_lines

OPTIONS = {"max-blank-lines": int}

# Horizontal white space, NBSP and the other Unicode space separators included.
# Searched from the end of the line ((?r)): a forward search would try every
# space of a long inner run as a start and scan the rest of it each time.
_TRAILING = lazy_regex(r"(?r)[\t\p{Zs}\u200b\ufeff]+$")
_BLANK = regex.compile(r"[\t\p{Zs}\u200b\ufeff]+")
# The same characters listed (the space separators have not changed since
# Unicode 6.3; a test compares the list with regex's), for the standard
# ``re``: a line break with one of them before it, found at C speed.
SPACES = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u200b\ufeff"
_SPACE_BEFORE_BREAK = re.compile(f"[\\r\\n](?<=[{SPACES}][\\r\\n])")
_SPACE = re.compile(f"[{SPACES}]")


def _may_end_a_line_with_space(text: str) -> bool:
    """False when no line of ``text`` ends with white space: most texts,
    decided without a search in each line."""
    return bool(_SPACE_BEFORE_BREAK.search(text) or (text and _SPACE.match(text, len(text) - 1)))


def trailing_whitespace(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds spaces, tabs and no-break spaces at the end of a line of text.

    ## Why it matters
    Invisible, they make two copies of an article differ, break exact
    matching of furniture lines, and are usually left over from a scraper.
    In Markdown, exactly two trailing spaces are a hard line break and are
    kept.

    ## Example
    `The end.··` becomes `The end.`

    ## Fix safety
    Safe: only white space is removed.
    """
    if not _may_end_a_line_with_space(doc.text):
        return
    for line, text in prose_lines(doc):
        if not text.strip():
            continue  # blank-only lines are WSP002's
        m = _TRAILING.search(text)
        if not m:
            continue
        if doc.markdown and m.group() == "  ":
            continue
        start = line.start + m.start()
        yield Hit(start, line.end, "Trailing whitespace", delete(start, line.end, "Remove trailing whitespace"))


def blank_only_line(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds lines made only of spaces, tabs or no-break spaces.

    ## Why it matters
    Scraped pages leave `&nbsp;` paragraphs behind; they look empty but are
    not, so blank-line logic and paragraph splitting go wrong.

    ## Example
    A line holding one U+00A0 NO-BREAK SPACE becomes an empty line.

    ## Fix safety
    Safe: the line stays, emptied; runs of blank lines are WSP003's.
    """
    for line, text in prose_lines(doc):
        if text and _BLANK.fullmatch(text):
            names = "no-break spaces" if "\u00a0" in text else "whitespace"
            yield Hit(line.start, line.end, f"Line of only {names}", delete(line.start, line.end, "Empty the line"))


def blank_line_run(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds runs of more blank lines than `max-blank-lines` (default 1)
    between paragraphs.

    ## Why it matters
    Runs of blank lines are left where furniture was cut out of a page;
    they carry nothing and make paragraph counts unreliable.

    ## Example
    Three empty lines between two paragraphs become one.

    ## Fix safety
    Safe: only empty lines are removed.  Blank lines at the end of the file
    are WSP004's.
    """
    limit = int(ctx.family("whitespace").get("max-blank-lines", 1))
    # A block of a large file after the first starts with the line break
    # before it, an empty line whose run the block before holds; a block
    # before the last ends where a paragraph starts.
    lines = doc.lines if doc.starts_file else doc.lines[1:]
    run: list = []
    for line in lines:
        if line.start == line.end and line.has_break:
            run.append(line)
            continue
        if len(run) > limit and line.start != line.end:
            yield _blank_run(run, limit)
        run = []
    if len(run) > limit and not doc.ends_file:
        yield _blank_run(run, limit)


def _blank_run(run: list[Line], limit: int) -> Hit:
    first_extra = run[limit]
    return Hit(
        first_extra.start,
        run[-1].next,
        f"{len(run)} blank lines in a row",
        delete(first_extra.start, run[-1].next, f"Keep {limit} blank line{'s' if limit != 1 else ''}"),
    )


def _rstripped_length(text: str, window: int = 4096) -> int:
    """``len(text.rstrip())`` without copying a large text: its end is
    stripped first, and the whole only when the end is all white space."""
    start = max(len(text) - window, 0)
    tail = text[start:].rstrip()
    if tail or start == 0:
        return start + len(tail)
    return len(text.rstrip())


def final_newline(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds blank lines and white space after the last line of text.

    ## Why it matters
    Trailing blank lines are invisible padding that make identical articles
    differ byte for byte.

    ## Example
    `Last paragraph.\\n\\n\\n\\n` becomes `Last paragraph.\\n`

    ## Fix safety
    Safe: only line breaks and white space after the text are removed.  A
    missing final newline is WSP005's, so a repo can keep files without one.
    """
    text = doc.text
    kept = _rstripped_length(text)
    if not kept or kept == len(text):
        return
    tail = text[kept:]
    first_break = next((i for i, c in enumerate(tail) if c in "\r\n"), None)
    if first_break is None:
        return  # only trailing spaces on the last line: WSP001's
    keep_end = kept + first_break + (2 if tail[first_break : first_break + 2] == "\r\n" else 1)
    if keep_end < len(text):
        extra = text[keep_end:]
        yield Hit(
            keep_end,
            len(text),
            f"{extra.count(chr(10)) or extra.count(chr(13))} extra blank line(s) at end of file"
            if "\n" in extra or "\r" in extra
            else "White space at end of file",
            delete(keep_end, len(text), "Remove trailing blank lines"),
        )


def leading_blank_lines(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds blank lines before the first line of text.

    ## Why it matters
    They are left where a breadcrumb or a site header was cut from the top
    of a page, and make the title no longer the first line.

    ## Example
    `\n\nTitle\n` becomes `Title\n`.

    ## Fix safety
    Safe: only empty lines (and white space on them) are removed.
    """
    text = doc.text
    stripped = text.lstrip()
    if not stripped or len(stripped) == len(text):
        return
    lead = text[: len(text) - len(stripped)]
    last_break = max(lead.rfind("\n"), lead.rfind("\r"))
    if last_break < 0:
        return  # indentation of the first line, not blank lines
    end = last_break + 1
    yield Hit(0, end, "Blank lines at start of file", delete(0, end, "Remove leading blank lines"))


def missing_final_newline(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds a file whose last line does not end with a line break.

    ## Why it matters
    POSIX tools treat the last line as incomplete; `cat` of two articles
    glues the last line of one to the first of the next.

    ## Example
    `…Bloomberg` (no break at the end) becomes `…Bloomberg\\n`

    ## Fix safety
    Safe: adds one line break in the file's own style.
    """
    text = doc.text
    if text and text[-1] not in "\r\n":
        newline = "\r\n" if "\r\n" in text else "\n"
        n = len(text)
        yield Hit(n, n, "No line break at end of file", Fix("Add a final line break", (Edit(n, n, newline),), Safety.SAFE))


def mixed_line_endings(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds files that mix CRLF, LF and CR line breaks.

    ## Why it matters
    Mixed breaks come from pasting between systems; tools disagree about
    where lines end, and diffs show whole files as changed.

    ## Example
    A file with 40 CRLF breaks and 2 LF breaks: the 2 are reported.

    ## Fix safety
    Unsafe: converting to the majority style is usually right, but which
    style the repo wants is the author's decision (`--unsafe-fixes`).
    """
    counts = line_break_counts(doc.text)  # most files use one style and need no look at each break
    used = [k for k, v in counts.items() if v]
    if len(used) < 2:
        return
    majority = max(used, key=lambda k: counts[k])
    for m in LINE_BREAK.finditer(doc.text):
        if m.group() != majority:
            yield Hit(
                m.start(),
                m.end(),
                f"Line break {m.group()!r} differs from the file's usual {majority!r}",
                Fix(f"Use {majority!r}", (Edit(m.start(), m.end(), majority),), Safety.UNSAFE),
                severity=Severity.INFO,
            )


RULES = (
    Rule("WSP001", "trailing-whitespace", Category.WHITESPACE, trailing_whitespace, Severity.WARNING, Safety.SAFE, per_line=True),
    Rule("WSP002", "blank-only-line", Category.WHITESPACE, blank_only_line, Severity.WARNING, Safety.SAFE, per_line=True),
    Rule("WSP003", "blank-line-run", Category.WHITESPACE, blank_line_run, Severity.WARNING, Safety.SAFE),
    Rule("WSP004", "trailing-blank-lines", Category.WHITESPACE, final_newline, Severity.WARNING, Safety.SAFE, scope="file"),
    Rule("WSP005", "missing-final-newline", Category.WHITESPACE, missing_final_newline, Severity.INFO, Safety.SAFE, scope="file"),
    Rule("WSP006", "mixed-line-endings", Category.WHITESPACE, mixed_line_endings, Severity.INFO, Safety.UNSAFE, scope="file"),
    Rule("WSP007", "leading-blank-lines", Category.WHITESPACE, leading_blank_lines, Severity.WARNING, Safety.SAFE, scope="file"),
)
