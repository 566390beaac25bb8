"""Profanity and vandalism in Arabic, Vietnamese and English.

Lexicons live in ``rules/<lang>/profanity.toml`` with a severity per entry.
Matching knows each language: Vietnamese is exact on tone marks and whole
syllables (the vulgar word in seed 001 differs from harmless words only by
its tone), Arabic is matched on normalised letters with the clitics Arabic
attaches to words, English on whole words with inflections and the usual
obfuscations — never inside a longer innocent word (Scunthorpe, assassin,
cocktail, Essex).  One compiled pattern per lexicon does the matching.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import ahocorasick
import regex
from msgspec import Struct, field

from cleaner.document import Document, Line
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.packs import derived
from cleaner.registry import Context, Rule
from cleaner.textnorm import casefold, normalize

from ._util import CharTable, LineMemo, has_run, line_blocks, line_numbers, space_chunks, whole_line

OPTIONS = {
    "action": str,  # auto | mask | drop-line | flag
    "mask-char": str,
    "keep-length": bool,
    "min-severity": str,  # mild | vulgar | slur
    "allow": list,
}
SEVERITIES = ("mild", "vulgar", "slur")
ACTIONS = ("auto", "mask", "drop-line", "flag")
OPTION_CHOICES = {"action": ACTIONS, "min-severity": SEVERITIES}
VANDAL_MAX_WORDS = 8

# Arabic: what the matcher ignores, keeping a map back to the original text.
_ARABIC_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
_ARABIC_SKIP = regex.compile(r"[\u0640\u064b-\u065f\u0670]")
_ARABIC_PREFIX = r"(?:[وف]?(?:[بلك]|ال|لل|بال|وال)?)"
_ARABIC_SUFFIX = r"(?:ه|ها|هم|هن|ك|كم|كن|ي|نا|ات|ين|ون|ان|تين)?"
_AR_LETTER = r"\p{Script=Arabic}"

# English obfuscations: what each letter may be written as.
_LEET = {"a": "a@4", "e": "e3", "i": "i1!|", "o": "o0", "s": "s$5", "t": "t7", "l": "l1", "g": "g9"}
# Linear time on any input.  Every letter of an English entry may repeat and
# may be written several ways, so a long run of one character, or of
# characters one letter may stand for ("a@a@a@…", "s$s$…"), was a start at
# each of its positions and a rescan of the rest from each (quadratic; cubic
# for doubled letters, as in "ss", on "sssss…").  So the matching forms cut
# runs of one character to _RUN_CAP (a pattern cannot tell 4 from 400), and
# each letter of a pattern takes at most _MAX_REPEAT characters.
_RUN_CAP = 4
_MAX_REPEAT = 8
_LONG_RUN = re.compile(rf"([^\r\n])\1{{{_RUN_CAP},}}")


def _cap_runs(text: str) -> str:
    if not has_run(text, _RUN_CAP + 1):
        return text  # most texts: no run to cut, decided without the pattern
    return _LONG_RUN.sub(lambda m: m.group(1) * _RUN_CAP, text)


_VOWELS = frozenset("aeiou")


_FAST_FOLD = {
    "ar": CharTable.of(str.maketrans({**_ARABIC_FOLD, **{chr(c): None for c in (0x0640, *range(0x064B, 0x0660), 0x0670)}})),
}


def quick_fold(text: str, language: str) -> str:
    """The same matching form as ``fold`` without the position maps, at C
    speed: a line whose quick form holds no lexicon match has no match."""
    if not unicodedata.is_normalized("NFC", text):
        text = normalize("NFC", text)
    table = _FAST_FOLD.get(language)
    quick = casefold(table(text) if table else text)
    return _cap_runs(quick) if language == "en" else quick


def fold(text: str, language: str) -> tuple[str, list[int], list[int]]:
    """The matching form of ``text`` (NFC, case-folded, Arabic letters folded)
    and, for each of its characters, where in ``text`` it starts and ends, so
    matches map back exactly even from decomposed text."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pieces = (
        ((m.start(), m.end(), normalize("NFC", m.group())) for m in regex.finditer(r"\X", text))
        if not unicodedata.is_normalized("NFC", text)
        else ((i, i + 1, ch) for i, ch in enumerate(text))
    )
    for a, b, chunk in pieces:
        for ch in chunk:
            if language == "ar":
                if _ARABIC_SKIP.match(ch):
                    continue
                ch = _ARABIC_FOLD.get(ch, ch)
            for c in ch.casefold():
                if language == "en" and len(out) >= _RUN_CAP and c not in "\r\n" and all(x == c for x in out[-_RUN_CAP:]):
                    ends[-1] = b  # a capped run: its last kept character stands for the rest
                    continue
                out.append(c)
                starts.append(a)
                ends.append(b)
    return "".join(out), starts, ends


# hashed by identity: one compiled lexicon per pack set
class Lexicon(Struct, frozen=True, eq=False):
    pattern: regex.Pattern[str] | None
    severity: dict[str, str]  # entry (folded) -> severity
    allow: frozenset[str]
    # English only: which lines can hold a match, told from their words
    # (see ``TokenScreen``).
    screen: TokenScreen | None = None
    # Other languages: strings one of which every match holds as it is
    # (entries match letter for letter in the quick form), and the same as
    # an Aho-Corasick automaton that looks for all of them in one scan.
    literals: tuple[str, ...] | None = None
    literal_scan: ahocorasick.Automaton | None = None

    def may_match(self, quick: str) -> bool:
        """False when ``quick`` (quick-folded text) holds no literal, so the
        pattern cannot match: one scan for all of them in C, stopped at the
        first found, where the pattern tries every position of the text (60
        to 120 ns a character in Arabic and Vietnamese) and a substring
        search per literal reads the text twenty or thirty times."""
        if self.literals is None:
            return True
        return self.literal_scan is not None and next(self.literal_scan.iter(quick), None) is not None


def _literals(words: list[str]) -> tuple[str, ...]:
    """The entries that hold no shorter entry: every entry holds one."""
    kept: list[str] = []
    for word in sorted(words, key=len):
        if not any(literal in word for literal in kept):
            kept.append(word)
    return tuple(kept)


# Words of English text known to hold no match, kept across documents (an
# article shares most of its words with the last one) up to this many, and
# the characters of text whose words are listed at a time.
CLEAN_WORDS = 1 << 15
WORD_PIECE = 1 << 16


class TokenScreen(Struct, frozen=True, eq=False):
    """Which lines of English text may hold a lexicon match, told from their
    white-space-separated words, each looked at once per process.

    A match of a one-word entry holds no white space (its letters, their
    stand-ins and the separators between them are none), so it lies inside
    one word, and the pattern's edges see the same there as in the line
    (white space is neither letter nor digit).  An entry of several words
    holds its longest word, whose letters match ``parts`` inside one word,
    after a separator that is no letter or digit.  So a line none of whose
    words match either pattern holds no match; in clean text that is every
    line, decided with set operations (a property test checks the claim)."""

    pattern: regex.Pattern[str]  # the lexicon's
    parts: regex.Pattern[str] | None  # the longest word of each entry of several words
    clean: set[str] = field(default_factory=set)

    def may_match(self, word: str) -> bool:
        return bool(self.pattern.search(word) or (self.parts is not None and self.parts.search(word)))

    def lines(self, quick: str) -> list[int]:
        """Numbers of the lines of ``quick`` (quick-folded text) that may
        hold a match."""
        numbers: set[int] = set()
        first = 1  # number of the line the piece starts in
        for piece in space_chunks(quick, WORD_PIECE):  # a large block or one very long line: a piece at a time
            fresh = set(piece.split()) - self.clean
            dirty = {word for word in fresh if self.may_match(word)}
            if len(fresh) <= CLEAN_WORDS:
                if len(self.clean) + len(fresh) > CLEAN_WORDS:
                    self.clean.clear()
                self.clean.update(fresh - dirty)
            if dirty:
                numbers.update(first + i for i, line in enumerate(piece.split("\n")) if not dirty.isdisjoint(line.split()))
            first += piece.count("\n")
        return sorted(numbers)


def _token_screen(pattern: regex.Pattern[str], words: list[str]) -> TokenScreen:
    longest = sorted({max(w.split(), key=len) for w in words if " " in w}, key=len, reverse=True)
    parts = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{'|'.join(_english_entry(w, ()) for w in longest)})") if longest else None
    return TokenScreen(pattern, parts)


def _english_entry(word: str, suffixes: tuple[str, ...]) -> str:
    letters = []
    for ch in word:
        if ch == " ":
            letters.append(rf"[\s\W_]{{1,{_MAX_REPEAT}}}")
            continue
        choices = regex.escape(_LEET.get(ch, ch))
        star = "*" if ch in _VOWELS else ""
        letters.append(f"[{choices}{regex.escape(star)}]{{1,{_MAX_REPEAT}}}")
    body = r"[.\-_*]?".join(letters)
    suffix = "(?:" + "|".join(sorted(suffixes, key=len, reverse=True)) + ")?" if suffixes else ""
    return body + suffix


@lru_cache(maxsize=32)
def _compile(language: str, items: tuple[tuple[str, str], ...], suffixes: tuple[str, ...], allow: tuple[str, ...]) -> Lexicon:
    severity: dict[str, str] = {}
    for level, word in items:
        folded = fold(normalize("NFC", word), language)[0]
        if folded and SEVERITIES.index(level) >= SEVERITIES.index(severity.get(folded, "mild")):
            severity[folded] = level
    allowed = frozenset(fold(normalize("NFC", w), language)[0] for w in allow)
    for word in allowed:
        severity.pop(word, None)
    if not severity:
        return Lexicon(None, severity, allowed)
    words = sorted(severity, key=len, reverse=True)
    if language == "en":
        alternatives = "|".join(_english_entry(w, suffixes) for w in words)
        pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}])")
        return Lexicon(pattern, severity, allowed, _token_screen(pattern, words))
    elif language == "ar":
        short = [w for w in words if len(w.replace(" ", "")) <= 2]
        long = [w for w in words if len(w.replace(" ", "")) > 2]
        parts = []
        if long:
            parts.append(rf"{_ARABIC_PREFIX}(?P<w>\L<long>){_ARABIC_SUFFIX}")
        if short:
            parts.append(r"(?P<s>\L<short>)")
        pattern = regex.compile(rf"(?<!{_AR_LETTER})(?:{'|'.join(parts)})(?!{_AR_LETTER})", long=long, short=short)
    else:  # Vietnamese and others: whole syllables, exact marks
        pattern = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\L<words>(?![\p{L}\p{M}\p{N}])", words=words)
    literals = _literals(words)
    return Lexicon(pattern, severity, allowed, literals=literals, literal_scan=_automaton(literals))


def _automaton(words: tuple[str, ...]) -> ahocorasick.Automaton | None:
    if not words:
        return None
    automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for word in words:
        automaton.add_word(word)
    automaton.make_automaton()
    return automaton


def load_lexicon(ctx: Context, language: str) -> Lexicon:
    return derived(_lexicon_from, (ctx.pack_set().load("profanity", language),), language, ctx.family("profanity").get("allow", []))


def _lexicon_from(files: list[dict[str, Any]], language: str, allow: list[str]) -> Lexicon:
    items: list[tuple[str, str]] = []
    suffixes: list[str] = []
    for data in files:
        for level in SEVERITIES:
            items.extend((level, w) for w in data.get(level, []))
        suffixes.extend(data.get("suffixes", []))
    return _compile(language, tuple(items), tuple(dict.fromkeys(suffixes)), tuple(allow))


class Match(Struct, frozen=True):
    start: int
    end: int
    word: str
    severity: str


def find(text: str, language: str, lexicon: Lexicon) -> list[Match]:
    """Lexicon words in ``text``, with their spans in ``text``."""
    if lexicon.pattern is None:
        return []
    quick = quick_fold(text, language)
    if not (lexicon.may_match(quick) and lexicon.pattern.search(quick)):
        return []
    folded, starts, ends = fold(text, language)
    out = []
    for m in lexicon.pattern.finditer(folded):
        if language == "ar":
            group = "w" if m.group("w") else "s"
            word = m.group(group)
            a, b = m.span()
        else:
            word = m.group()
            a, b = m.span()
        key = word if word in lexicon.severity else _english_key(word, lexicon)
        if key is None or key in lexicon.allow:
            continue
        out.append(Match(starts[a], ends[b - 1], text[starts[a] : ends[b - 1]], lexicon.severity[key]))
    return out


class Scan(Struct, frozen=True):
    """What the three profanity rules share about one document: the matches
    of each line that has any, and where the head of the article ends."""

    matches: dict[int, list[Match]]
    head_end: int  # number of the first paragraph-length line (or past the end)


# Characters of text folded at a time by the quick scans.  Each fold and
# form is a copy of what it folds, so a large file is scanned in blocks of
# whole lines (a match never crosses a line break): a 10 MB English file
# made six copies of itself at once.
SCAN_BLOCK = 1 << 20


# A fix pass changes a few lines and the next pass scans the document again.
# A line's matches depend on nothing but its text, so lines are remembered
# with their matches (most have none) and only new lines are folded and
# screened.  Documents longer than the memo's limit are scanned in blocks
# instead (the memo would hold a copy of them).
_memo: LineMemo[list[Match]] = LineMemo()


@lru_cache(maxsize=1)  # the document being checked: its three rules share one scan
def scan(doc: Document, language: str, lexicon: Lexicon) -> Scan:
    # a block of a large file that does not start the file has no head
    head_end = next((ln.number for ln in doc.lines if _words(doc.line_text(ln)) > 12), len(doc.lines) + 1) if doc.starts_file else 0
    matches: dict[int, list[Match]] = {}
    if lexicon.pattern is None:
        return Scan(matches, head_end)
    if len(doc.text) <= _memo.limit:
        matches = _scan_reusing(doc, language, lexicon)
    elif "\r" in doc.text:  # line numbers cannot be counted from line feeds: every line, if any matches
        quick = quick_fold(doc.text, language)
        if lexicon.may_match(quick) and lexicon.pattern.search(quick):
            matches = _matches(doc, range(1, len(doc.lines) + 1), language, lexicon)
    else:
        matches = _matches(doc, _candidate_lines(doc.text, language, lexicon), language, lexicon)
    return Scan(matches, head_end)


def _matches(doc: Document, numbers: Iterable[int], language: str, lexicon: Lexicon) -> dict[int, list[Match]]:
    out = {}
    for number in numbers:
        if number <= len(doc.lines):
            found = find(doc.line_text(doc.lines[number - 1]), language, lexicon)
            if found:
                out[number] = found
    return out


def _scan_reusing(doc: Document, language: str, lexicon: Lexicon) -> dict[int, list[Match]]:
    """The matches of each line, taken from the last document's lines where
    they are the same text; the other lines are screened together."""

    def scan_lines(fresh: list[str]) -> list[list[Match]]:
        found: dict[int, list[Match]] = {}
        for number in _candidate_lines("\n".join(fresh), language, lexicon):  # a line holds no line break
            if number <= len(fresh):
                found[number] = find(fresh[number - 1], language, lexicon)
        return [found.get(n, []) for n in range(1, len(fresh) + 1)]

    texts = [doc.line_text(ln) for ln in doc.lines]
    per_line = _memo(texts, (language, lexicon), scan_lines, len(doc.text))
    return {n: found for n, found in enumerate(per_line, 1) if found}


def _candidate_lines(text: str, language: str, lexicon: Lexicon) -> Iterator[int]:
    """Numbers of the lines of ``text`` (broken at line feeds only) that may
    hold a match, in order: those the English word screen picks, or where
    the quick form of the text has a pattern match."""
    assert lexicon.pattern is not None
    for first, block in line_blocks(text, SCAN_BLOCK):
        # folding keeps line breaks, so a match's line is its count of them
        quick = quick_fold(block, language)
        if lexicon.screen is not None:
            numbers = lexicon.screen.lines(quick)
        elif lexicon.may_match(quick) and lexicon.pattern.search(quick):
            numbers = sorted(set(line_numbers(quick, (m.start() for m in lexicon.pattern.finditer(quick)))))
        else:
            numbers = []
        for number in numbers:
            yield first + number - 1


def _english_key(matched: str, lexicon: Lexicon) -> str | None:
    """Which entry an obfuscated or inflected English match stands for."""
    squashed = regex.sub(r"[^a-z@4301!|$57 9]", "", matched)
    plain = squashed.translate(str.maketrans("@4301!|$579", "aaeoiiisstg"))
    plain = regex.sub(r"(.)\1+", r"\1", plain)
    for entry in sorted(lexicon.severity, key=len, reverse=True):
        stem = regex.sub(r"(.)\1+", r"\1", entry.replace(" ", ""))
        if plain.replace(" ", "").startswith(stem):
            return entry
    return None


# --- deciding what to do with a match ---------------------------------------


_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _is_head(line: Line, head_end: int) -> bool:
    """Before the first paragraph-length line: where a vandal's prefix sits."""
    return line.number <= head_end


def _is_vandal_line(doc: Document, line: Line, matches: list[Match], head_end: int) -> bool:
    text = doc.line_text(line).strip()
    strong = [m for m in matches if m.severity in ("vulgar", "slur")]
    if not strong or _words(text) > VANDAL_MAX_WORDS:
        return False
    neighbours = [doc.lines[i] for i in (line.number - 2, line.number) if 0 <= i < len(doc.lines)]
    isolated = _is_head(line, head_end) or all(not doc.line_text(o).strip() for o in neighbours)
    return isolated


def _mask(match: Match, options: dict[str, Any]) -> str:
    char = str(options.get("mask-char", "*")) or "*"
    if options.get("keep-length", True):
        return "".join(c if c.isspace() else char for c in match.word)
    return char * 3


def _level(severity: str) -> Severity:
    return {"mild": Severity.INFO, "vulgar": Severity.WARNING, "slur": Severity.ERROR}[severity]


def profanity(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds profanity, slurs and mild swearing from the lexicons in
    `rules/<lang>/profanity.toml` inside sentences, and masks it on request.

    ## Why it matters
    Scraped and user-edited content picks up insults; quoted speech in news
    may contain a slur that an editor must decide on, so the finding is
    always reported and the word is masked only when asked.

    ## Example
    `He called him a fucking idiot.` is reported; with `--unsafe-fixes`
    it becomes `He called him a ******* idiot.`.  `Scunthorpe`, `assassin`,
    `cocktail`, `Essex`, `lớn`, `các`, `عكس`, `مكسيك` never match.

    ## Fix safety
    Unsafe by default (masking changes a quote); safe with `action = "mask"`;
    none with `action = "flag"`.  Whole vandal lines are PRF002's.
    """
    yield from _hits(doc, ctx, vandal=False)


def vandal_line(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds short standalone lines whose purpose is an insult — a vandal's
    line at the top of an article, or an isolated line between paragraphs —
    and removes them.

    ## Why it matters
    Vandalism is not part of the article; masking a word would leave the
    vandal's line in place.

    ## Example
    A Vietnamese article that begins with `Cái lồn nhăn nheo` loses that
    line; its paragraphs stay byte for byte.

    ## Fix safety
    Safe: the line is short (at most eight words), holds a vulgar word or a
    slur, and stands apart from the article (before its first paragraph, or
    between blank lines).  With `action = "flag"` it is only reported.
    """
    yield from _hits(doc, ctx, vandal=True)


def vandal_neighbour(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Reports a short line right next to a vandal line at the head of an
    article, which is likely part of the same vandalism.

    ## Why it matters
    A vandal rarely adds just one line: seed 001 starts with a mocking name
    (`Don Jong Un`) above the insult.  Such a line holds no lexicon word, and
    a short first line is often a real title, so it is reported for an
    editor and removed only on request.

    ## Example
    `Don Jong Un` above a dropped vandal line is reported.

    ## Fix safety
    Unsafe: it could be the article's title.
    """
    language = _language(doc)
    lexicon = load_lexicon(ctx, language)
    if ctx.family("profanity").get("action", "auto") == "flag":
        return
    found = scan(doc, language, lexicon)
    vandal_numbers = {n for n, matches in found.matches.items() if _is_vandal_line(doc, doc.lines[n - 1], matches, found.head_end)}
    if not vandal_numbers:
        return
    for ln in doc.lines:
        text = doc.line_text(ln).strip()
        if ln.number in vandal_numbers or not text or not _is_head(ln, found.head_end):
            continue
        near = {ln.number - 1, ln.number + 1} & vandal_numbers
        if near and _words(text) <= 5 and not regex.search(r"[.!?؟:]$", text):
            start, end = whole_line(doc, ln)
            yield Hit(
                ln.start,
                ln.end,
                "Line next to a vandal line: likely part of the vandalism",
                Fix("Remove the line", (Edit(start, end),), Safety.UNSAFE),
            )


def _language(doc: Document) -> str:
    return doc.language if doc.language in ("ar", "vi", "en") else "en"


def _hits(doc: Document, ctx: Context, *, vandal: bool) -> Iterator[Hit]:
    language = _language(doc)
    lexicon = load_lexicon(ctx, language)
    if lexicon.pattern is None:
        return
    options = dict(ctx.family("profanity"))
    action = options.get("action", "auto")
    minimum = SEVERITIES.index(options.get("min-severity", "mild")) if options.get("min-severity", "mild") in SEVERITIES else 0
    found = scan(doc, language, lexicon)
    for number, line_matches in sorted(found.matches.items()):
        ln = doc.lines[number - 1]
        matches = [m for m in line_matches if SEVERITIES.index(m.severity) >= minimum]
        if not matches:
            continue
        is_vandal = action in ("auto", "flag") and _is_vandal_line(doc, ln, matches, found.head_end)
        drop = action == "drop-line" or is_vandal
        if vandal and drop:
            start, end = whole_line(doc, ln)
            fix = None if action == "flag" else Fix("Remove the vandal line", (Edit(start, end),), Safety.SAFE)
            worst = max(matches, key=lambda m: SEVERITIES.index(m.severity))
            yield Hit(
                ln.start,
                ln.end,
                f"Vandal line: short standalone insult ({worst.severity} word {worst.word!r})",
                fix,
                severity=Severity.ERROR,
            )
        elif not vandal and not drop:
            for m in matches:
                a, b = ln.start + m.start, ln.start + m.end
                fix = None
                if action in ("auto", "mask"):
                    safety = Safety.SAFE if action == "mask" else Safety.UNSAFE
                    fix = Fix("Mask the word", (Edit(a, b, _mask(m, options)),), safety)
                yield Hit(a, b, f"Profanity ({m.severity}): {m.word!r}", fix, severity=_level(m.severity))


RULES = (
    Rule("PRF001", "profanity", Category.PROFANITY, profanity, Severity.WARNING, Safety.SAFE),
    Rule("PRF002", "vandal-line", Category.PROFANITY, vandal_line, Severity.ERROR, Safety.SAFE),
    Rule("PRF003", "vandal-neighbour", Category.PROFANITY, vandal_neighbour, Severity.INFO, Safety.UNSAFE),
)
