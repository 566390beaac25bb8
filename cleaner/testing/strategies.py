"""Hypothesis strategies for content repos' property tests.

``articles(language)`` builds plausible, defect-free articles from the clean
building blocks in ``cleaner/testing/samples/`` (titles, headings,
paragraphs, lists, curly quotes); damage strategies (in ``damage``) inject
one defect at a known place.  Hypothesis is imported here, never on the
hook path.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

SAMPLES = Path(__file__).resolve().parent / "samples"
LANGUAGES = ("ar", "vi", "en")


@cache
def samples(language: str) -> dict[str, Any]:
    with (SAMPLES / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


@st.composite
def paragraphs(draw: st.DrawFn, language: str) -> str:
    pool = samples(language)["sentences"]
    return " ".join(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True)))


@st.composite
def articles(draw: st.DrawFn, language: str | None = None, blank_between: bool | None = None) -> str:
    """A clean article: title, paragraphs, optional headings and lists.

    Blocks are separated by one blank line or by none (both styles occur in
    the seeds); the text ends with exactly one line break.
    """
    lang = language or draw(st.sampled_from(LANGUAGES))
    data = samples(lang)
    blank = draw(st.booleans()) if blank_between is None else blank_between
    # A clean article never repeats a sentence, heading or list item: each
    # is drawn once from a shuffled pool.
    sentences = iter(draw(st.permutations(data["sentences"])))
    headings = iter(draw(st.permutations(data["headings"])))
    items = draw(st.permutations(data["list_items"]))
    used_list = False
    blocks = [draw(st.sampled_from(data["titles"]))]

    def paragraph() -> str | None:
        chosen = [s for _, s in zip(range(draw(st.integers(1, 3))), sentences, strict=False)]
        return " ".join(chosen) if chosen else None

    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(("paragraph", "paragraph", "heading", "list")))
        if kind == "heading":
            heading = next(headings, None)
            body = paragraph()
            if heading and body:
                blocks += [heading, body]
        elif kind == "list" and not used_list:
            used_list = True
            count = draw(st.integers(1, len(items)))
            blocks.append("\n".join(f"- {item}" for item in items[:count]))
        else:
            body = paragraph()
            if body:
                blocks.append(body)
    if len(blocks) == 1:
        blocks.append(next(sentences))
    return ("\n\n" if blank else "\n").join(blocks) + "\n"
