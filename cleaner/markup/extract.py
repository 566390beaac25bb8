"""Main-text extraction for saved HTML pages, by trafilatura.

Telling an article from the page around it is what trafilatura is built and
evaluated for (it beats hand-written heuristics on news pages), so cleaner
asks it rather than guessing.  It is imported only for HTML files.
"""

from __future__ import annotations

from functools import lru_cache

import regex

_SPACE = regex.compile(r"\s+")
_INVISIBLE = regex.compile(r"\p{Cf}+")


def normalise(text: str) -> str:
    """Collapsed white space, no format characters: extractors drop both."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


@lru_cache(maxsize=8)
def main_text(html: str) -> str | None:
    """The article's text, whitespace-normalised; None when extraction fails
    or trafilatura is not installed (then nothing is judged furniture)."""
    try:
        import trafilatura
    except ImportError:
        return None
    try:
        extracted = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=False)
    except Exception:  # a parser failure on a broken page is not our user's error
        return None
    return normalise(extracted) if extracted else None
