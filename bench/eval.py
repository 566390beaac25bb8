"""Precision and recall of the translation-QA rules (``make eval``).

Scores the corpus (annotated MT articles, every other article as a
control) and, when ../shared/seeds is present, the five seed articles.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cleaner.testing.evaluation import corpus_pairs, evaluate, format_scores

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


def main() -> int:
    pairs = corpus_pairs(REPO / "corpus")
    print(format_scores(evaluate(pairs), "Translation QA on corpus/ (line and category)"))
    if SEEDS.is_dir():
        seed_pairs = [p for p in corpus_pairs(REPO / "corpus", SEEDS) if p[1].startswith("seeds/")]
        print(format_scores(evaluate(seed_pairs), "Translation QA on the seeds (002 annotated; 000, 001, 003, 004 controls)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
