"""Learning a site's own furniture from its corpus (`cleaner learn`).

A site's footer, syndication notice or subscription box repeats, word for
word, across most of its articles; article sentences almost never do.  Exact
repeats of a (normalised) line across many files are the signal; the result
is a rule pack in the same format as the built-in ones, which a repo selects
with the config's ``packs`` key.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from msgspec import Struct

from cleaner import io
from cleaner.checks.boilerplate import MAX_LINE, normalise
from cleaner.document import detect_language


class Learned(Struct, frozen=True):
    line: str  # as first seen
    files: int
    language: str


def learn(paths: Iterable[Path], *, min_files: int = 5, min_share: float = 0.3, max_words: int = 40) -> tuple[list[Learned], int]:
    """Lines that occur in at least ``min_files`` files and ``min_share`` of
    all files read; returns them (most frequent first) and the file count."""
    seen: Counter[str] = Counter()
    first: dict[str, str] = {}
    languages: dict[str, str] = {}
    total = 0
    for path in paths:
        try:
            loaded = io.read(path)
        except io.ReadError:
            continue
        total += 1
        lang = detect_language(loaded.text)
        lines: set[str] = set()
        for raw in loaded.text.splitlines():
            if not raw.strip() or len(raw) > MAX_LINE:
                continue
            norm = normalise(raw)
            if not norm or len(norm.split()) > max_words:
                continue
            lines.add(norm)
            first.setdefault(norm, raw.strip())
            languages.setdefault(norm, lang)
        seen.update(lines)
    threshold = max(min_files, int(total * min_share + 0.999999))
    learned = [Learned(first[n], c, languages[n]) for n, c in seen.most_common() if c >= threshold]
    return learned, total


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def write_pack(learned: list[Learned], total: int, out: Path, *, min_files: int, min_share: float) -> list[Path]:
    """One ``<lang>/boilerplate.toml`` per language, in the pack format."""
    by_lang: dict[str, list[Learned]] = defaultdict(list)
    for item in learned:
        by_lang[item.language if item.language in ("ar", "vi", "en") else "en"].append(item)
    written = []
    for lang, items in sorted(by_lang.items()):
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        body = [
            "# Learned by `cleaner learn`: lines that repeat across this corpus's files.",
            f"# {total} files read; a line is kept when it occurs in at least {min_files} files",
            f"# and in at least {min_share:.0%} of them. Review before use; delete lines that are content.",
            "",
            "lines = [",
        ]
        body += [f"  {_toml_string(i.line)},  # in {i.files} files" for i in items]
        body += ["]", "", "[meta]", f'description = "Site furniture learned from {total} files"']
        path = folder / "boilerplate.toml"
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        written.append(path)
    return written
