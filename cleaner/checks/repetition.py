"""Repetition: an MT decoder looping, from the target text alone.

Long phrases recur across a normal article ("الذكاء الاصطناعي", "the United
States"): that is topic, not an artifact.  The signal is proximity and length
relative to the sentence — the same words twice in a row, a phrase of three
or more words twice in one sentence, a name on both sides of a preposition
("X in X"), a sentence or paragraph repeated in the document.  Thresholds
were tuned so the well-edited control articles (seeds 000, 003) stay silent.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import accumulate, islice
from operator import eq
from typing import Any

import regex
from msgspec import Struct

from cleaner.bmpclass import BmpPattern
from cleaner.document import Document, Line
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.lazypattern import lazy_regex
from cleaner.packs import derived
from cleaner.registry import Context, Rule

from ._util import line_blocks

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?")
# The same tokens listed by ``re`` where it can (see ``bmpclass``): REP002
# lists the words of every sentence.
_TOKENS = BmpPattern(_TOKEN.pattern, "[{word}]+(?:['’][{letter}]+)?", {"word": r"[\p{L}\p{M}\p{N}]", "letter": r"\p{L}"})
# A run of marks is taken whole or not at all, from its first mark: with
# backtracking, every mark of a long run followed by a letter was a new
# start that rescanned the rest of the run.
_SENTENCE_END = lazy_regex(r"(?<![.!?؟。])[.!?؟。]++(?=\s|$)|\n")
MIN_PHRASE = 3  # words in a phrase repeated inside one sentence
# Vietnamese words are written as separate syllables: three tokens are often
# one or two words ("chúng tôi muốn"), so a phrase needs six.
MIN_PHRASE_BY_LANGUAGE = {"vi": 6}
MAX_GAP = 30  # words between the two copies of a long phrase
MAX_PHRASE = 12  # longer loops are reported as their first twelve words


def max_gap(n: int, shortest: int, content_only: bool = False) -> int:
    """How many words may separate two copies of an ``n``-word phrase: a
    short phrase recurs naturally in a long sentence ("the first Native
    American … the first Native American"), so only a near repeat counts;
    a long one twice in a sentence is a loop wherever it is."""
    if n >= shortest + 3:
        return MAX_GAP
    return 4 + 4 * (n - shortest) + (6 if content_only else 0)


class Token(Struct, frozen=True):
    text: str
    key: str
    start: int
    end: int


@lru_cache(maxsize=16)
def _lexicon(ctx_key: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    stop, connectors, idioms = ctx_key
    return frozenset(stop), frozenset(connectors), frozenset(idioms)


def load_words(ctx: Context, language: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Function words (doubled ones are always errors), connectors for "X in
    X", and idioms that repeat on purpose (`side by side`, `جنبا إلى جنب`)."""
    return derived(_words_from, (ctx.pack_set().load("repetition", language),))


def _words_from(files: list[dict[str, Any]]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    stop: list[str] = []
    connectors: list[str] = []
    idioms: list[str] = []
    for data in files:
        stop.extend(data.get("function-words", []))
        connectors.extend(data.get("connectors", []))
        idioms.extend(data.get("idioms", []))
    return _lexicon(
        (tuple(w.casefold() for w in stop), tuple(w.casefold() for w in connectors), tuple(" ".join(i.casefold().split()) for i in idioms))
    )


# Any word written twice in a row, any case: a prefilter for REP001.
_DOUBLED = lazy_regex(r"(?<![\p{L}\p{M}\p{N}])([\p{L}\p{M}\p{N}]+)\s+\1(?![\p{L}\p{M}\p{N}])", regex.IGNORECASE)
# The same scan in regex's own word class and boundaries, which it runs more
# than twice as fast.  In a text where that class and "letter, mark or
# number" hold the same characters (no underscore, joiner, superscript
# digit...), the two find exactly the same matches.
_DOUBLED_WORDS = lazy_regex(r"\b(\w+)\s+\1\b", regex.IGNORECASE)
# Written as one symmetric difference (the same 1,057 code points as the
# two differences joined by |), which regex scans for twice as fast.
_WORD_CLASSES_DIFFER = regex.compile(r"[\w~~[\p{L}\p{M}\p{N}]]", regex.V1)


def doubled_words(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``_DOUBLED`` in ``text``."""
    return (_DOUBLED if _WORD_CLASSES_DIFFER.search(text) else _DOUBLED_WORDS).finditer(text)


def _key(word: str) -> str:
    return word.casefold().replace("ـ", "")


# Addresses repeat their own words ("/news/…/news") and a link's path repeats
# its anchor text: neither is prose.  A scheme starts where no scheme
# character precedes it and an address where a token starts: otherwise every
# letter of a long run (or every character of "1@1@1@…") was a new start
# that rescanned the rest, quadratic (cubic for the address).
_URL = lazy_regex(r"(?:(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://|www\.)\S+|(?<!\S)[^\s@]+@\S+\.\w+", regex.IGNORECASE)


def tokens(text: str, offset: int = 0, doc: Document | None = None) -> list[Token]:
    """Word tokens of ``text``, leaving out URLs and, when ``doc`` is given,
    whatever is not prose (tag attributes, code)."""
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)] if ("/" in text or "@" in text) else []
    url_starts = [a for a, _ in urls]  # in order and disjoint: bisect, not a scan per token
    out = []
    for m in _TOKEN.finditer(text):
        if urls:
            i = bisect_right(url_starts, m.start()) - 1
            if i >= 0 and m.start() < urls[i][1]:
                continue
        start, end = offset + m.start(), offset + m.end()
        if doc is not None and doc.prose is not None and not doc.in_prose(start, end):
            continue
        out.append(Token(m.group(), _key(m.group()), start, end))
    return out


# Documents up to this many characters have their sentences listed once for
# REP002 and REP003; a larger one is split as it is read, not held whole.
SHARED_SENTENCES_CHARS = 1 << 20


def sentences(doc: Document) -> Iterable[tuple[int, str]]:
    """(offset, text) of each sentence, split at sentence punctuation and
    line breaks, and never across two text nodes of a marked-up file (a
    carousel of headlines is not one sentence)."""
    if len(doc.text) > SHARED_SENTENCES_CHARS:
        return _split_sentences(doc)
    return _shared_sentences(doc)


@lru_cache(maxsize=1)  # the document being checked
def _shared_sentences(doc: Document) -> tuple[tuple[int, str], ...]:
    return tuple(_split_sentences(doc))


def sentence_words(doc: Document) -> Iterable[tuple[int, str, list[str]]]:
    """``sentences`` with the words of each, case-folded: REP001 and REP002
    both read them, and listing them is most of what either costs."""
    if len(doc.text) > SHARED_SENTENCES_CHARS:
        return _with_words(doc, _split_sentences(doc))
    return _shared_sentence_words(doc)


@lru_cache(maxsize=1)  # the document being checked
def _shared_sentence_words(doc: Document) -> tuple[tuple[int, str, list[str]], ...]:
    return tuple(_with_words(doc, _shared_sentences(doc)))


def _with_words(doc: Document, pairs: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, list[str]]]:
    words_of = _TOKENS.for_text(doc.text).findall  # one choice for every sentence: each was a search of its own
    return ((offset, sentence, words_of(sentence.casefold())) for offset, sentence in pairs)


# A whole text's sentences in one call per block: a line feed alone, or
# the text up to and including the run of marks that ends a sentence (one
# followed by white space or the end), or the rest of a line.  Runs of marks
# are taken whole, which is what _SENTENCE_END's look-behind says.  Written
# for ``re`` (explicit characters only, which it runs faster); its \s also
# holds U+001C..U+001F and regex's does not, hence the class for white space.
_SENTENCE_PIECE = re.compile(r"\n|(?:[^.!?؟。\n]++|[.!?؟。]++(?![^\S\x1c-\x1f]|$))*+(?:[.!?؟。]++(?=[^\S\x1c-\x1f]|$))?")
# Characters split at a time: the pieces of a large text are not all held.
SENTENCE_BLOCK = 1 << 16


def _split_sentences(doc: Document) -> Iterator[tuple[int, str]]:
    """``sentences`` found a block of lines at a time with
    ``_SENTENCE_PIECE`` (a match object and a slice per sentence cost more
    than listing the sentences in C); a marked-up text, or one with carriage
    returns (line breaks the pattern does not know), segment by segment."""
    if doc.prose is not None or "\r" in doc.text:
        yield from _split_segments(doc)
        return
    offset = 0
    for _, block in line_blocks(doc.text, SENTENCE_BLOCK):
        pieces = _SENTENCE_PIECE.findall(block)
        for start, piece in zip(accumulate(map(len, pieces), initial=offset), pieces, strict=False):
            if piece and piece != "\n":
                yield start, piece
        offset += len(block)


def _split_segments(doc: Document) -> Iterator[tuple[int, str]]:
    segments = doc.prose if doc.prose is not None else [(ln.start, ln.end) for ln in doc.lines]
    for start, end in segments:
        text = doc.text[start:end]
        pos = 0
        for m in _SENTENCE_END.finditer(text):
            if m.end() > pos:
                yield start + pos, text[pos : m.end()]
            pos = m.end()
        if pos < len(text):
            yield start + pos, text[pos:]


def is_loop_candidate(gram: tuple[str, ...], stop: frozenset[str]) -> bool:
    """A repeated phrase says something only when it carries content: two
    words or more that are not function words ("I was trapped … I was
    trapped" is rhetoric), and no numbers (dates and figures recur)."""
    if any(c.isdigit() for w in gram for c in w):
        return False
    return sum(1 for w in gram if w not in stop) >= 2


def _repeats_content_word(words: list[str], stop: frozenset[str]) -> bool:
    """Both checks need a word that is not a function word twice in the
    sentence (``words``, case-folded), and a repeated phrase a repeated pair
    of words; counting is done in C."""
    distinct = set(words)
    if len(distinct) == len(words):
        return False  # no word twice, decided in C (a Counter costs more to build)
    if len(words) - sum(map(stop.__contains__, words)) == len(distinct - stop):
        return False  # as many content words as distinct ones: only function words repeat ("the")
    counts = Counter(words)
    repeated = [w for w, n in counts.items() if n > 1 and w not in stop]
    if not repeated:
        return False
    if any(len(w) >= 6 for w in repeated):
        return True  # may be "X in X" around a long word or name
    # otherwise a phrase of two words or more must recur: a repeated word pair
    return any(n > 1 for n in Counter(zip(words, words[1:], strict=False)).values())


def _loops(toks: list[Token], shortest: int, stop: frozenset[str]) -> Iterator[tuple[int, int, int]]:
    """(start, end, words) of each second copy of a phrase in one sentence.

    Each pair of equal tokens that starts a run of equal tokens is extended
    to its full length, so the work follows the number of such pairs rather
    than every n-gram of every length: linear for normal prose."""
    keys = [t.key for t in toks]
    seen: dict[str, list[int]] = defaultdict(list)
    reach = MAX_GAP + MAX_PHRASE
    for i, key in enumerate(keys):
        earlier = seen[key]
        for j in reversed(earlier):
            if i - j > reach:
                break
            if j > 0 and keys[j - 1] == keys[i - 1]:
                continue  # inside a longer run that started earlier
            length = 0
            while i + length < len(keys) and j + length < i and keys[j + length] == keys[i + length]:
                length += 1
            n = min(length, MAX_PHRASE)
            if n < shortest:
                continue
            gram = tuple(keys[i : i + n])
            if i - (j + n) <= max_gap(n, shortest, not stop.intersection(gram)) and is_loop_candidate(gram, stop):
                yield toks[i].start, toks[i + n - 1].end, n
        earlier.append(i)


def _doubling_lines(doc: Document) -> Iterator[Line]:
    """Lines where a word may follow itself, in order.

    Two tokens with only whitespace between them lie in one sentence, and
    their keys (case-folded, tatweel dropped) are equal only if the
    sentence's case-folded words, tatweel dropped, hold two equal neighbours
    (compared in C).  The words are those REP002 lists anyway.  In a
    marked-up file sentences follow the prose ranges, not the lines: there,
    one scan of the whole text for a word written twice finds the lines."""
    if doc.prose is not None:
        yield from _scanned_doubling_lines(doc)
        return
    index, lines = doc.index, doc.lines
    last = 0
    for offset, sentence, words in sentence_words(doc):
        if "ـ" in sentence:
            words = _TOKENS.for_text(sentence).findall(sentence.casefold().replace("ـ", ""))
        if any(map(eq, words, islice(words, 1, None))):
            number = index.position(offset)[0]
            if number > last:
                last = number
                yield lines[number - 1]


def _scanned_doubling_lines(doc: Document) -> Iterator[Line]:
    """Lines that a match of one scan of the whole text for a word written
    twice reaches.  A match within a line is found by that scan unless an
    earlier match (across a line break) overlaps it, and that one reaches
    the line too."""
    lines, index = doc.lines, doc.index
    last = 0
    for m in doubled_words(doc.text):
        first, final = index.position(m.start())[0], index.position(m.end())[0]
        for number in range(max(first, last + 1), final + 1):
            yield lines[number - 1]
        last = max(last, final)


def doubled_word(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds a word written twice in a row: `the the`, `في في`, `và và`.

    ## Why it matters
    A doubled word is a typing or MT slip that readers notice at once.
    Deliberate doublings are left alone: Vietnamese reduplication of content
    words (`từ từ`, `dần dần`), emphasis (`جدا جدا`, `very very`) and
    grammatical ones (`had had`, `that that`); only function words and long
    words are reported.

    ## Example
    `وفي في حين` reports the second `في`.

    ## Fix safety
    Unsafe: removing the second copy is almost always right, but a quoted
    stammer is content.
    """
    stop, _, idioms = load_words(ctx, doc.language)
    for line in _doubling_lines(doc):
        toks = tokens(doc.line_text(line), line.start, doc)
        for prev, cur in zip(toks, toks[1:], strict=False):
            if cur.key != prev.key or not doc.text[prev.end : cur.start].isspace():
                continue
            if f"{prev.key} {cur.key}" in idioms:
                continue
            if cur.key not in stop and (doc.language == "vi" or len(cur.key) < 6):
                continue
            yield Hit(
                prev.start,
                cur.end,
                f"Word repeated: {cur.text!r} twice in a row",
                Fix("Remove the repeated word", (Edit(prev.end, cur.end),), Safety.UNSAFE),
            )


def repeated_phrase(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds a phrase of three or more words that occurs twice in one sentence,
    close together, and a name on both sides of a short connector (`X in X`,
    `X من X`): the marks of a machine-translation decoder looping.

    ## Why it matters
    The second copy adds nothing and shows the text was not edited; usually
    the sentence also lost what should have been there instead.

    ## Example
    `لا سيما من حيث مجالات مثل المفاهيم التنظيمية، لا سيما من حيث مجالات مثل
    المفاهيم التنظيمية` reports the second copy; `ماساتشوستس في ماساتشوستس` is
    reported as "X in X".

    ## Fix safety
    None (report only): which copy to keep, and what was lost, is an
    editor's call.
    """
    stop, connectors, idioms = load_words(ctx, doc.language)
    for offset, sentence, words in sentence_words(doc):
        if not _repeats_content_word(words, stop):
            continue  # most sentences: decided without building tokens
        toks = tokens(sentence, offset, doc)
        # Which characters of the sentence a reported span covers, and the
        # furthest end so far: comparing each span with every reported one
        # was quadratic in a long sentence made of one loop.
        covered = bytearray(len(sentence))
        furthest = -1
        shortest = MIN_PHRASE_BY_LANGUAGE.get(doc.language, MIN_PHRASE)
        for a, b, n in _loops(toks, shortest, stop):
            if b > furthest:  # spans come in order of start: one inside an earlier span ends no later than it
                furthest = b
                covered[a - offset : b - offset] = b"\x01" * (b - a)
                yield Hit(a, b, f"Phrase repeated in one sentence ({n} words): {doc.text[a:b]!r}", severity=Severity.WARNING)
        # X <connector> X, for names and long words only
        keys = [t.key for t in toks]
        for size in (3, 2, 1):
            for i in range(len(toks)):
                for gap in (1, 2):
                    j = i + size + gap
                    if j + size > len(toks) or keys[i] != keys[j] or keys[j - 1] not in connectors:
                        continue
                    left, right, between = keys[i : i + size], keys[j : j + size], keys[i + size : j]
                    if left != right:
                        continue
                    if len(" ".join(left)) < 6 or " ".join(left + between + right) in idioms:
                        continue
                    if size == 1 and toks[i].text.isascii() and not toks[i].text[:1].isupper():
                        continue  # "getting close to getting": only names repeat around a connector by mistake
                    a, b = toks[i].start, toks[j + size - 1].end
                    if covered[a - offset] or covered[b - 1 - offset]:  # starts or ends inside a reported span
                        continue
                    covered[a - offset : b - offset] = b"\x01" * (b - a)
                    yield Hit(a, b, f"Same words on both sides of {toks[j - 1].text!r}: {doc.text[a:b]!r}", severity=Severity.WARNING)


def _spaced(text: str) -> str:
    """``text`` with its whitespace runs as single spaces, ends trimmed.
    Most sentences have nothing but single spaces inside: checked in C and
    returned trimmed, without splitting them into words and joining those
    (printable text holds no whitespace but the space)."""
    trimmed = text.strip()
    if "  " not in trimmed and trimmed.isprintable():
        return trimmed
    return " ".join(text.split())


class _SeenTexts:
    """Texts seen so far, each with a number (a line, an offset), kept as
    hashes: the keys of a large document would be a second copy of it.
    ``recover`` gives back the text of a number, to tell two texts of one
    hash apart; those rare texts are kept whole."""

    def __init__(self, recover: Callable[[int], str], hasher: Callable[[str], int] = hash) -> None:
        self._by_hash: dict[int, int] = {}
        self._whole: dict[str, int] = {}
        self._recover = recover
        self._hash = hasher

    def get(self, text: str) -> int | None:
        number = self._by_hash.get(self._hash(text))
        if number is not None and self._recover(number) == text:
            return number
        return self._whole.get(text)

    def add(self, text: str, number: int) -> None:
        """Remember ``text`` (not seen before) with ``number``."""
        key = self._hash(text)
        if key in self._by_hash:
            self._whole[text] = number
        else:
            self._by_hash[key] = number


class _Texts(dict[str, int]):
    """``_SeenTexts`` for a document small enough to keep its texts as keys
    (dictionary methods run in C)."""

    add = dict.__setitem__


# Larger documents keep the texts they have seen as hashes.
HASHED_TEXTS_CHARS = 1 << 20


def _seen_texts(doc: Document, recover: Callable[[int], str]) -> _Texts | _SeenTexts:
    return _SeenTexts(recover) if len(doc.text) > HASHED_TEXTS_CHARS else _Texts()


def spaced_lines(texts: list[str]) -> list[str]:
    """``_spaced`` of each of ``texts`` (which hold no line feed).  Text
    whose only white space is single spaces (printable text holds no other)
    needs its ends trimmed only, which two checks of all the texts together
    tell, in C; otherwise each is spaced on its own."""
    joined = "\n".join(texts)
    if "  " not in joined and joined.replace("\n", "").isprintable():
        return [t.strip() for t in texts]
    return [_spaced(t) for t in texts]


def _may_repeat(doc: Document) -> bool:
    """Whether a paragraph of 40 characters or more, or a sentence of 60 or
    more that is not a whole paragraph, occurs twice once spacing is
    normalised: what every finding of REP003 needs.  Most documents repeat
    nothing, and set sizes say so in C; the others are read line by line.
    Without prose ranges a sentence never holds a line feed."""
    paragraphs = [p for p in spaced_lines([doc.line_text(ln) for ln in doc.lines if ln.end - ln.start >= 40]) if len(p) >= 40]
    known = set(paragraphs)
    if len(known) < len(paragraphs):
        return True
    found = [s for s in spaced_lines([s for _, s in sentences(doc) if len(s) >= 60]) if len(s) >= 60 and s not in known]
    return len(set(found)) < len(found)


def repeated_sentence(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds a sentence or paragraph that occurs twice in the document.

    ## Why it matters
    Pipelines that merge or retry translations duplicate whole paragraphs;
    the second copy is noise.

    ## Example
    A paragraph pasted twice in a row: the second copy is removed.

    ## Fix safety
    Safe when the copy directly follows the original (a duplicated line);
    display only when the copies are apart (which one belongs is unclear).
    """
    if doc.prose is not None and not doc.markdown:
        return  # a web page repeats its teasers and headlines by design; BLP101 handles page furniture
    if doc.prose is None and len(doc.text) <= HASHED_TEXTS_CHARS and not _may_repeat(doc):
        return
    firsts = _seen_texts(doc, lambda number: _spaced(doc.line_text(doc.lines[number - 1])))
    previous: str | None = None
    for ln in doc.lines:
        if ln.end - ln.start < 40:  # spacing never lengthens a line: decided without it
            raw = doc.line_text(ln)
            if raw and not raw.isspace():
                previous = None
            continue
        text = _spaced(doc.line_text(ln))
        if not text:
            continue
        if len(text) < 40:
            previous = None
            continue
        first = firsts.get(text)
        if text == previous:
            yield Hit(
                ln.start,
                ln.end,
                "Paragraph repeated right after itself",
                Fix("Remove the repeated paragraph", (Edit(ln.start, ln.next),), Safety.SAFE),
            )
        elif first is not None:
            yield Hit(
                ln.start,
                ln.end,
                f"Paragraph repeated (first on line {first})",
                Fix("Remove the repeated paragraph", (Edit(ln.start, ln.next),), Safety.DISPLAY),
                severity=Severity.INFO,
            )
        else:
            firsts.add(text, ln.number)
        previous = text
    # repeated sentences inside different paragraphs, remembered as their
    # first offset and length in one number
    seen = _seen_texts(doc, lambda first: _spaced(doc.text[first >> 32 : (first >> 32) + (first & 0xFFFFFFFF)]))
    reported: set[int] = set()
    for offset, sentence in sentences(doc):
        if len(sentence) < 60:
            continue
        key = _spaced(sentence)
        if len(key) < 60 or firsts.get(key) is not None:
            continue
        first = seen.get(key)
        if first is None:
            seen.add(key, offset << 32 | len(sentence))
        elif first not in reported:  # its second time
            reported.add(first)
            a = offset + (len(sentence) - len(sentence.lstrip()))
            yield Hit(a, a + len(sentence.strip()), "Sentence repeated in the document", severity=Severity.INFO)


RULES = (
    Rule("REP001", "doubled-word", Category.REPETITION, doubled_word, Severity.WARNING, Safety.UNSAFE, per_line=True),
    Rule("REP002", "repeated-phrase", Category.REPETITION, repeated_phrase, Severity.WARNING, None, per_line=True),
    Rule("REP003", "repeated-paragraph", Category.REPETITION, repeated_sentence, Severity.WARNING, Safety.SAFE),
)
