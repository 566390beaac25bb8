"""The fast paths behind the rules give the answers of the slow ones."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import textnorm
from cleaner.checks import _util, boilerplate, mojibake, names, profanity, repetition
from cleaner.checks._util import CharTable, LineMemo, line_numbers
from cleaner.document import Document
from cleaner.registry import Context
from cleaner.testing.damage import damaged_articles, profanity_line


def made_of(pieces: Sequence[str], max_size: int | None = None) -> st.SearchStrategy[str]:
    """Text strung together from ``pieces``: the characters and fragments on
    which a fast path could part from its plain form."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


@pytest.mark.parametrize(
    ("table", "mapping"),
    [
        (CharTable, {ord("a"): "b", ord("b"): "c"}),  # a -> b -> c: replacing in turn would chain
    ],
)
def test_tables_refuse_mappings_they_cannot_apply(table: type[CharTable], mapping: dict[int, str]) -> None:
    with pytest.raises(ValueError):
        table.of(mapping)


@given(st.text(alphabet="ab\n"), st.data())
def test_line_numbers_count_breaks_before_each_offset(text: str, data: st.DataObject) -> None:
    offsets = sorted(data.draw(st.lists(st.integers(0, len(text)))))
    assert list(line_numbers(text, offsets)) == [text.count("\n", 0, o) + 1 for o in offsets]


@given(made_of(["abc", "Xy1", " ", "\n", "é", "ĐÔ", "x" * 70, "ا", ".", "\u2003", "\x1c", "\x85", "\t", "ß", "İ", "abc"]))
def test_name_candidates_do_not_depend_on_chunking(text: str) -> None:
    expected = {m.group() for m in names._NAME_START.finditer(text.casefold())}
    with mock.patch.object(names, "_CHUNK", 50):  # small chunks: cuts between, beside and inside long words
        assert names._name_starts(text) == expected


@given(st.text(st.characters(codec="utf-8") | st.sampled_from("ßΣσςİıﬁ")), st.integers(1, 7))
def test_case_folding_in_slices_equals_folding_at_once(text: str, chunk: int) -> None:
    with mock.patch.object(textnorm, "FOLD_CHUNK", chunk):  # slices of a few characters: every cut is exercised
        assert textnorm.casefold(text) == text.casefold()


def _fresh_scan(doc: Document, language: str, lexicon: profanity.Lexicon, *, block: int, reuse: int) -> profanity.Scan:
    """A scan with nothing remembered, in blocks of ``block`` characters,
    reusing lines in documents up to ``reuse`` characters."""
    profanity.scan.cache_clear()
    try:
        with mock.patch.object(profanity, "SCAN_BLOCK", block), mock.patch.object(profanity, "_memo", LineMemo(reuse)):
            return profanity.scan(doc, language, lexicon)
    finally:
        profanity.scan.cache_clear()


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_profanity_scans_in_blocks_as_in_one_piece(data: st.DataObject) -> None:
    language, text = data.draw(damaged_articles(profanity_line, most=3))
    doc = Document(text, language=language)
    lexicon = profanity.load_lexicon(Context(), language)
    whole = _fresh_scan(doc, language, lexicon, block=profanity.SCAN_BLOCK, reuse=0)
    cut = _fresh_scan(doc, language, lexicon, block=data.draw(st.integers(1, 200)), reuse=0)  # cut every few lines
    by_line = _fresh_scan(doc, language, lexicon, block=profanity.SCAN_BLOCK, reuse=LineMemo().limit)
    assert whole == cut == by_line
    assert whole.matches  # the injected lines are found


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_profanity_scan_after_another_document_finds_the_same(data: st.DataObject) -> None:
    """Lines remembered from the last document (a fix's earlier pass, or
    another file) give the matches a fresh scan finds."""
    language, before = data.draw(damaged_articles(profanity_line, most=3))
    _, after = data.draw(damaged_articles(profanity_line, most=2).filter(lambda drawn: drawn[0] == language))
    lines = before.split("\n")
    keep = data.draw(st.lists(st.sampled_from(range(len(lines))), unique=True))
    mixed = "\n".join([lines[i] for i in sorted(keep)] + after.split("\n"))  # some lines seen before, some not
    lexicon = profanity.load_lexicon(Context(), language)
    expected = _fresh_scan(Document(mixed, language=language), language, lexicon, block=profanity.SCAN_BLOCK, reuse=0)
    profanity.scan.cache_clear()
    profanity.scan(Document(before, language=language), language, lexicon)
    profanity.scan.cache_clear()
    assert profanity.scan(Document(mixed, language=language), language, lexicon) == expected
    assert set(profanity._memo.lines) >= set(mixed.split("\n")) - {""}


# Markdown prefixes and links, Arabic variants and marks, separators that are not line feeds
_MARKDOWN_AND_ARABIC = [
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "  ",
    "\t",
    "[a](b)",
    "Related",
    "ﻻ",
    "أ",
    "\u064e",
    ".,",
    "\u2028",
    "\x0b",
    "\n",
    "e\u0301",
    "ﬁ",
    "»",
]


@given(made_of(_MARKDOWN_AND_ARABIC))
def test_boilerplate_lines_normalise_like_one_line_at_a_time(text: str) -> None:
    assert boilerplate.normalise_lines(text) == [boilerplate.normalise(line) for line in text.split("\n")]


@given(st.text(st.characters(codec="utf-8") | st.sampled_from("أإآٱىةؤئـ\u064b\u0650\u0670ا")))
def test_char_tables_translate_like_str_translate(text: str) -> None:
    for table in (boilerplate._ARABIC_FOLD, profanity._FAST_FOLD["ar"]):
        mapping = {ord(old): new or None for old, new in table.pairs}
        assert table(text) == text.translate(mapping)


# Characters on which regex's word class and letter-mark-number disagree, and their neighbours
_WORD_EDGES = [
    "the",
    "The",
    "في",
    "và",
    " ",
    "  ",
    "\n",
    "_",
    "x_",
    "\u200c",
    "\u200d",
    "²",
    "½",
    "Ⓐ",
    "e\u0301",
    "\u064e",
    "1",
    "ǅ",
    ".",
    "ß",
    "SS",
]


@given(made_of(_WORD_EDGES))
def test_doubled_words_fast_scan_finds_what_the_exact_one_does(text: str) -> None:
    fast = [m.span() for m in repetition.doubled_words(text)]
    assert fast == [m.span() for m in repetition._DOUBLED.finditer(text)]


# Pieces on which REP001's sentence-word prefilter could part from reading
# every line: case, tatweel, apostrophes, sentence ends, line breaks, URLs.
_DOUBLING_PIECES = [
    *_WORD_EDGES,
    "ـ",
    "فيـ",
    "ـفي",
    "x'",
    "’s",
    "! ",
    "? ",
    "؟ ",
    ". ",
    "\r\n",
    "http://x/",
    "STRASSE",
    "straße",
    "İ",
    "i\u0307",
]


@given(made_of(_DOUBLING_PIECES), st.sampled_from(["en", "ar", "vi"]))
@example("The the end.", "en")
@example("كتـاب كتاب في في", "ar")
def test_doubled_word_prefilter_finds_what_reading_every_line_does(text: str, language: str) -> None:
    ctx = Context()
    found = [(h.start, h.end) for h in repetition.doubled_word(Document(text, language=language), ctx)]
    with mock.patch.object(repetition, "_doubling_lines", lambda doc: iter(doc.lines)):
        every_line = [(h.start, h.end) for h in repetition.doubled_word(Document(text, language=language), ctx)]
    assert found == every_line


def _mojibake_starts_one_alternative_at_a_time(text: str) -> list[tuple[int, int, bool, str | None]]:
    """The mojibake scan written plainly: the three cases tried in turn at
    every position."""
    import re

    arabic = mojibake._pair_class("cp1256", mojibake._ARABIC_LEADS)
    legacy = f"{arabic}(?:آ\\xa0)*{arabic}|" + mojibake._pair_class("cp1258", mojibake._VIETNAMESE_LEADS)
    leads = re.escape("".join(sorted(mojibake._leads())))
    plain = re.compile(f"({legacy})|([{leads}]){mojibake._followers_ahead(mojibake._leads())}|([{mojibake._C1_AND_SURROGATES}])")
    return [(m.start(), m.end(), m.group(1) is not None, m.group(2)) for m in plain.finditer(text)]


_MOJIBAKE_PIECES = sorted(
    set("".join(mojibake._leads()) + "طظعغĂÄÅÆÍáآ\xa0 ?\ufffd€‚ƒ„…\x85\x9f\ud800ab،\n" + "".join(map(chr, range(0x80, 0xC0))))
)


@given(made_of(_MOJIBAKE_PIECES, max_size=12))
def test_mojibake_scan_finds_what_trying_each_case_everywhere_does(text: str) -> None:
    fast = [
        (m.start(), m.end(), m.group(1) is not None or m.group(2) is not None, text[m.start()] if m.group(3) is not None else None)
        for m in mojibake._scan().finditer(text)
    ]
    assert fast == _mojibake_starts_one_alternative_at_a_time(text)


@given(made_of(_MOJIBAKE_PIECES, max_size=12))
def test_mojibake_followers_look_ahead_loses_no_suspect(text: str) -> None:
    """The scan's look-ahead for what may follow a lead (all code pages
    together) finds the suspects that "a lead before anything but ASCII",
    each then checked in Python, found."""
    import re

    narrow = mojibake._suspect_offsets.__wrapped__(text)
    broad = mojibake.suspects(text, re.compile(mojibake.derive_scan(follow="(?=[^\\x00-\\x1f!->@-\\x7f])")))
    assert narrow == broad


@given(st.lists(st.sampled_from(["Related", "# Tin", "- a", "ﻻ", "", "x" * 30, "[a](b) c"]), max_size=12), st.integers(1, 40))
def test_boilerplate_lines_normalise_alike_in_any_block_size(lines: list[str], size: int) -> None:
    with mock.patch.object(boilerplate, "NORMALISE_BLOCK", size):
        assert list(boilerplate._normalised_in_blocks(lines)) == [boilerplate.normalise(line) for line in lines]


@pytest.mark.parametrize("language", ["ar", "vi"])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_profanity_literals_are_in_every_text_the_pattern_matches(language: str, data: st.DataObject) -> None:
    lexicon = profanity.load_lexicon(Context(), language)
    assert lexicon.literals and all(any(lit in entry for lit in lexicon.literals) for entry in lexicon.severity)
    # entries, pieces of entries, the Arabic prefixes and suffixes, marks and tatweel the fold drops
    pieces = [
        *lexicon.severity,
        *(e[: len(e) // 2] for e in lexicon.severity),
        "وال",
        "ها",
        "ين",
        "\u0640",
        "\u064e",
        "أ",
        " ",
        "\n",
        "x",
        "ة",
    ]
    quick = profanity.quick_fold(data.draw(made_of(pieces, max_size=8)), language)
    assert lexicon.may_match(quick) or not lexicon.pattern.search(quick)
    # the one-scan automaton says what a search for each literal says
    assert lexicon.may_match(quick) == any(lit in quick for lit in lexicon.literals)


def _plain_near_names(word: str, glossary: names.Glossary) -> list[tuple[str, int]]:
    """The names ``near_miss`` weighed before one C call did: each name of a
    length within two of the word's, shortest first, compared one by one."""
    from rapidfuzz.distance import DamerauLevenshtein

    out = []
    for length in range(len(word) - 2, len(word) + 3):
        for name in glossary.by_length.get(length, ()):
            d = DamerauLevenshtein.distance(word.casefold(), name.casefold())
            if d <= 2:
                out.append((name, d))
    return out


_GLOSSARY = names.load_glossary(Context())


@settings(max_examples=300)
@given(
    st.sampled_from(_GLOSSARY.near_names),
    st.lists(st.tuples(st.integers(0, 30), st.sampled_from(["", "a", "e", "X", "ß", "İ", "q"])), max_size=3),
)
def test_near_names_are_the_names_within_two_edits_in_order(name: str, edits: list[tuple[int, str]]) -> None:
    word = name
    for at, new in edits:  # replace, insert or delete a character
        at = at % (len(word) + 1)
        word = word[:at] + new + word[at + (1 if new == "" or at % 2 else 0) :]
    assert list(names._within_two(word, _GLOSSARY)) == _plain_near_names(word, _GLOSSARY)


def _language_by_counts(text: str) -> str:
    """``detect_language`` as first written: every script counted."""
    from cleaner.document import _ARABIC, _LATIN, _VIETNAMESE, _count

    arabic, latin = _count(_ARABIC, text), _count(_LATIN, text)
    if arabic == 0 and latin == 0:
        return "und"
    if arabic >= latin:
        return "ar"
    return "vi" if _count(_VIETNAMESE, text) * 10 >= latin else "en"


@given(made_of(["the ", "news", "ă", "được ", "Đ", "مرحبا ", "ب", " ", "1", "—", "\n", "é"], max_size=30))
def test_language_is_what_counting_every_script_gives(text: str) -> None:
    from cleaner.document import detect_language

    assert detect_language(text) == _language_by_counts(text)


def test_word_class_difference_is_both_differences_over_every_code_point() -> None:
    import regex

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    both = regex.compile(r"[\w--[\p{L}\p{M}\p{N}]]|[[\p{L}\p{M}\p{N}]--\w]", regex.V1)
    assert repetition._WORD_CLASSES_DIFFER.findall(everything) == both.findall(everything)


_SPACE_BEFORE_PLAIN = r"(?<=[\p{L}\p{M}\p{N}\)\]”’»])([ \t\u00a0]+)([,.;!?،؛؟%٪])(?=[\s”’»\)\]]|$)"


@given(made_of(["a", "ب", "5", "\u064e", ")", "”", "»", " ", "\t", "\u00a0", ",", ".", "،", "؟", "%", "!", "\n", "\r\n", "\r", "-", "“"]))
def test_space_before_punctuation_is_found_as_each_line_was_scanned(text: str) -> None:
    """The plain pattern, line by line, against the mark-first one over the
    whole text: the same spaces before the same marks."""
    import regex

    from cleaner.checks import punctuation

    plain = regex.compile(_SPACE_BEFORE_PLAIN)
    expected = []
    for line in Document(text).lines:
        for m in plain.finditer(text[line.start : line.end]):
            expected.append((line.start + m.start(1), line.start + m.end(1), line.start + m.end(2)))
    found = [(m.start("space"), m.end("space"), m.end("mark")) for m in punctuation._SPACE_BEFORE.finditer(text)]
    assert found == expected


@given(st.text(alphabet="ab \n\t\u3000"), st.integers(1, 12))
def test_space_chunks_keep_every_word_whole(text: str, size: int) -> None:
    pieces = list(_util.space_chunks(text, size))
    assert "".join(pieces) == text
    assert [w for piece in pieces for w in piece.split()] == text.split()


@settings(max_examples=300)
@given(
    made_of(
        ["a", "aaaaa", "@", "4", "s", "$", "5", "u", "e", "l", "1", "i", "!", "f", "ck", "\n", " ", ".", "é", "ß", "piss", "-", "bitch"],
        max_size=40,
    )
)
def test_english_word_screen_picks_every_line_with_a_match(text: str) -> None:
    """The lines the word screen picks hold every match of the lexicon's
    pattern (it reads the words of a line apart, and remembers words)."""
    lexicon = profanity.load_lexicon(Context(), "en")
    assert lexicon.screen is not None and lexicon.pattern is not None
    quick = profanity.quick_fold(text, "en")
    picked = set(lexicon.screen.lines(quick))
    lines = quick.split("\n")
    assert {n for n, line in enumerate(lines, 1) if lexicon.pattern.search(line)} <= picked
    assert set(lexicon.screen.lines(quick)) == picked  # the same once its clean words are remembered
    with mock.patch.object(profanity, "WORD_PIECE", 7):  # a long line read in pieces
        assert set(lexicon.screen.lines(quick)) == picked


_PAGE_LINES = [
    "Related articles",
    "مقالات ذات صلة",
    "Tin liên quan",
    "Home > News > Tech",
    "Share",
    "A long line of prose. " * 4,
    "Short title",
    "© 2024 Site",
    "",
    "x" * 301,
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_PAGE_LINES), max_size=12),
    st.lists(st.sampled_from(_PAGE_LINES), max_size=12),
    st.sampled_from(["en", "ar", "vi"]),
)
def test_boilerplate_verdicts_after_another_document_are_a_fresh_judges(before: list[str], after: list[str], language: str) -> None:
    ctx = Context()
    pack = boilerplate.load_pack(ctx, language)
    doc = Document("\n".join(after) + "\n", language=language)
    with mock.patch.object(boilerplate, "_memo", LineMemo()):
        fresh = boilerplate.judge(doc, pack, 5, 8, True)
        boilerplate.judge(Document("\n".join(before) + "\n", language=language), pack, 5, 8, True)
        assert set(boilerplate._memo.lines) >= {line for line in before if line.strip() and len(line) <= boilerplate.MAX_LINE}
        assert boilerplate.judge(doc, pack, 5, 8, True) == fresh


@given(
    made_of(
        ["a", "aa", "aaaa", "é", "éé", "\U0001f600", "\n", "\r", "\x00", "\x01", "\u0100", "\u0001\u0000", "b", "\ud800", "\u0161"],
        max_size=20,
    ),
    st.integers(0, 6),
)
@example("ba\u0161", 2)  # a^š is 0x100: its zero low byte lines up with the zeros of b^a, across two words
def test_has_run_says_whether_a_character_repeats_that_often(text: str, length: int) -> None:
    import re

    from cleaner.checks._util import has_run

    assert has_run(text, length) == bool(re.search(rf"(.)\1{{{max(length, 1) - 1}}}", text, re.DOTALL) if length else True)


@given(st.lists(st.lists(st.sampled_from(["a", "bb", "ccc", "", "a"]), max_size=6), max_size=5), st.integers(0, 12))
def test_line_memo_gives_what_computing_every_line_gives(documents: list[list[str]], limit: int) -> None:
    """Whatever was remembered, each line's result is the function's; each
    distinct new line is computed once; nothing beyond the limit is kept."""
    memo: LineMemo[int] = LineMemo(limit)
    asked: list[str] = []

    def compute(fresh: list[str]) -> list[int]:
        asked.extend(fresh)
        return [len(t) * 10 for t in fresh]

    for i, lines in enumerate(documents):
        asked.clear()
        key = "same" if i % 3 else ("other", i)  # every third document changes the key
        assert memo(lines, key, compute, sum(map(len, lines))) == [len(t) * 10 for t in lines]
        assert len(asked) == len(set(asked))
        assert memo.chars == sum(map(len, memo.lines)) <= limit


def _bytes_one_by_one(line: str, codec: str) -> list[int | None]:
    """Each character's byte as ``legacy_repairs`` first found it: one
    encode call a character, undefined bytes read as C1 controls."""
    undefined = mojibake._undefined_bytes(codec)
    out: list[int | None] = []
    for ch in line:
        try:
            b = ch.encode(codec)
        except UnicodeEncodeError:
            out.append(ord(ch) if ord(ch) in undefined else None)
            continue
        out.append(b[0] if len(b) == 1 else None)
    return out


@pytest.mark.parametrize("codec", ["cp1256", "cp1258"])
def test_code_page_bytes_by_table_are_the_encoders(codec: str) -> None:
    every = "".join(chr(c) for c in range(0x3000)) + "\ud800\U0001f600"
    table = mojibake._byte_of(codec)
    assert [table.get(ch) for ch in every] == _bytes_one_by_one(every, codec)
    leads = mojibake._lead_chars(codec)
    assert [m.start() for m in leads.finditer(every)] == [
        i for i, b in enumerate(_bytes_one_by_one(every, codec)) if b is not None and 0xC2 <= b <= 0xF4
    ]


@given(
    made_of(["a", " ", "  ", "\t", "\u00a0", "\u200b", "\ufeff", "\x1c", "\n", "\r\n", "\r", "é", "\u3000"], max_size=16),
    st.booleans(),
    st.data(),
)
def test_trailing_whitespace_is_what_each_line_searched_from_its_end_finds(text: str, markdown: bool, data: st.DataObject) -> None:
    import regex

    from cleaner.checks import whitespace
    from cleaner.checks._util import prose_lines

    cut = data.draw(st.integers(0, len(text)))
    prose = data.draw(st.sampled_from([None, ((0, cut),), ((cut, len(text)),)]))
    doc = Document(text, markdown=markdown, prose=prose)
    from_end = regex.compile(r"(?r)[\t\p{Zs}\u200b\ufeff]+$")
    expected = []
    for line, line_text in prose_lines(doc):
        m = from_end.search(line_text) if line_text.strip() else None
        if m and not (markdown and m.group() == "  "):
            expected.append((line.start + m.start(), line.end))
    found = [(h.start, h.end) for h in whitespace.trailing_whitespace(doc, Context())]
    assert found == expected


def test_listed_spaces_are_regexs_space_class_over_every_code_point() -> None:
    import re

    import regex

    from cleaner.checks import whitespace

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    listed = re.compile(f"[{whitespace.SPACES}]")
    assert listed.findall(everything) == regex.findall(r"[\t\p{Zs}\u200b\ufeff]", everything)


@given(made_of([",", "،", ";", ":", ".", "..", "!", "؟", "و", "“", '"', " ", "\u2028", "\x85", "\n", "\r\n", "\r", "a"], max_size=16))
def test_dangling_punctuation_is_found_as_each_line_was_scanned(text: str) -> None:
    import regex

    from cleaner.checks import punctuation

    plain = regex.compile(r"[,،;؛:]\s*[.!?؟]|(?<![.])[.][.](?![.])|[،,]\s*[و]\s*[“\"]\s*[.]")
    doc = Document(text)
    expected = [(line.start + m.start(), line.start + m.end()) for line in doc.lines for m in plain.finditer(doc.line_text(line))]
    assert [(h.start, h.end) for h in punctuation.dangling_punctuation(doc, Context())] == expected


@given(
    made_of(["the", "online", "và", "được", " ", "\n", "\u00a0", "\x1c", "\u2003", "-", "é", "\u0301", "shop", "ping", "ABC"], max_size=20)
)
def test_english_words_are_found_in_distinct_pieces_as_in_the_whole_text(text: str) -> None:
    from cleaner.checks import untranslated

    english = Context().pack_set().word_list("frequent-words", "en")
    words = untranslated._ASCII_WORD.findall(text)
    expected = any(not untranslated._is_vietnamese_syllable(w) for w in english.intersection(words))
    assert untranslated._may_hold_english(text, english) == expected


def _pack_items() -> list[tuple[str, str]]:
    items = []
    for language in ("ar", "en", "vi"):
        for data in Context().pack_set().load("mistranslations", language):
            items += [(language, it["text"]) for it in data.get("item", [])]
    return items


@pytest.mark.parametrize(("language", "pattern"), _pack_items())
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_every_match_of_a_mistranslation_item_holds_its_literal(language: str, pattern: str, data: st.DataObject) -> None:
    from cleaner.checks.mistranslation import required_literals
    from cleaner.textnorm import casefold

    literals = [literal.casefold() for literal in required_literals(pattern)]
    match = data.draw(st.from_regex(pattern))  # holds a match (a look-ahead cannot be generated whole)
    case = data.draw(st.sampled_from([str.lower, str.upper, str.title, str]))
    assert any(literal in casefold(case(match)) for literal in literals)


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        ("ab{12}cd", "cd"),
        ("شركات? بدء التشغيل", " بدء التشغيل"),
        ("x|y", ""),
        ("(?:a|b) cde", " cde"),
        (r"a\(bc[)]d", "bc"),
        ("the doctor(?= [A-Z])", "the doctor"),
        ("ab{2,3}cd", "cd"),
        ("abc{,2}de", "ab"),
        ("xy{(?:a|b)z}uvw", "uvw"),  # literal braces around a group: its parentheses still count
        ("a{(}b)cc", "cc"),
    ],
)
def test_required_literal_examples(pattern: str, literal: str) -> None:
    from cleaner.checks.mistranslation import required_literal

    assert required_literal(pattern) == literal


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("x|y", ("x", "y")),
        ("artificial wisdom|man-made intelligence", ("artificial wisdom", "man-made intelligence")),
        ("(?:a|b) cde|fg", (" cde", "fg")),
        (r"a\|b|[|]c", ("a", "c")),
        ("abc|d?", ("",)),
    ],
)
def test_required_literals_take_one_per_alternative(pattern: str, literals: tuple[str, ...]) -> None:
    from cleaner.checks.mistranslation import required_literals

    assert required_literals(pattern) == literals


@given(made_of(["a", "\n", "\r\n", "\r", "é", ""], max_size=12))
def test_line_index_from_the_lines_is_the_index_from_the_text(text: str) -> None:
    from cleaner.document import LineIndex

    doc = Document(text)
    plain = LineIndex(text)
    for offset in range(len(text) + 1):
        assert doc.index.position(offset) == plain.position(offset)
    assert len(doc.index) == len(plain)


@given(made_of(["a", " ", "\n", "\r\n", "\u00a0", "\x1c", "é"], max_size=30), st.integers(1, 8))
def test_rstripped_length_is_the_length_of_the_stripped_text(text: str, window: int) -> None:
    from cleaner.checks.whitespace import _rstripped_length

    assert _rstripped_length(text, window) == len(text.rstrip())


@given(st.lists(st.text(alphabet="abc", max_size=4), max_size=30))
def test_seen_texts_by_hash_answer_as_a_dict_of_texts_even_when_hashes_collide(texts: list[str]) -> None:
    numbers: list[str] = []
    seen = repetition._SeenTexts(lambda n: numbers[n], hasher=len)  # every text of one length collides
    plain: dict[str, int] = {}
    for text in texts:
        assert seen.get(text) == plain.get(text)
        if text not in plain:
            numbers.append(text)
            seen.add(text, len(numbers) - 1)
            plain[text] = len(numbers) - 1


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "A long enough paragraph that repeats itself in this text, yes.",
                "Short.",
                "",
                "Another sentence that is long enough to count as one here. And more.",
            ]
        ),
        max_size=10,
    )
)
def test_repeated_paragraphs_are_found_alike_with_texts_kept_as_hashes(lines: list[str]) -> None:
    doc = Document("\n".join(lines) + "\n")
    plain = [(h.start, h.end, h.message) for h in repetition.repeated_sentence(doc, Context())]
    repetition._shared_sentences.cache_clear()
    with mock.patch.object(repetition, "HASHED_TEXTS_CHARS", 0):
        assert [(h.start, h.end, h.message) for h in repetition.repeated_sentence(doc, Context())] == plain


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Amnesty International said", "chips and models", "AI", "\n", "between us and China", "the US", "x" * 30]),
        max_size=12,
    )
)
def test_mistranslations_in_a_text_folded_in_blocks_are_those_of_the_whole(pieces: list[str]) -> None:
    from cleaner.checks import mistranslation

    doc = Document(" ".join(pieces), language="en")
    whole = [(h.start, h.end, h.message) for h in mistranslation.false_friend(doc, Context())]
    with mock.patch.object(mistranslation, "FOLD_WHOLE_CHARS", 7):  # blocks of a line or two
        assert [(h.start, h.end, h.message) for h in mistranslation.false_friend(doc, Context())] == whole


@given(made_of(["a", "\n", "é", "\U0001f600", "\r"], max_size=20), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans(), st.integers(1, 5))
def test_encoding_in_blocks_gives_the_bytes_of_encoding_at_once(text: str, newline: str, bom: bool, block: int) -> None:
    from cleaner import io

    fmt = io.FileFormat("utf-8", b"\xef\xbb\xbf" if bom else b"", newline, 0o644)
    whole = fmt.bom + io.to_external(text, newline).encode("utf-8")
    with mock.patch.object(io, "ENCODE_BLOCK", block):
        assert io.encode(text, fmt) == whole


@given(st.text(alphabet=st.sampled_from(" \t\n\u00a0\u2009\u200c\u3000abc\u0628\u0629")))
@example(" a  b ")
@example("a\u00a0b")
def test_spaced_text_is_the_split_and_joined_text(text: str) -> None:
    """REP003's shortcut for single-spaced text gives what splitting and
    joining gives, whatever whitespace (or invisible joiner) the text holds."""
    assert repetition._spaced(text) == " ".join(text.split())


def _words_line_by_line(text: str) -> frozenset[str]:
    return frozenset(w for w in (line.strip() for line in text.casefold().splitlines()) if w and not w.startswith("#"))


@pytest.mark.parametrize(
    "text",
    [
        "# header\n# more\nalpha\nBeta\ngamma\n",
        "alpha\nbeta",
        "# header\nalpha\n\nbeta\n",  # a blank line
        "# header\nalpha\n# a comment below the header\nbeta\n",
        "alpha \n\tbeta\r\ngamma\n",  # white space around words
        "alpha\u00a0\nbeta\u3000\ngamma\x1f\n",  # Unicode white space, which str.strip also takes off
        "alpha\x85beta\u2028gamma\n",  # line breaks other than the line feed
        "",
    ],
)
def test_word_lists_read_fast_as_they_read_line_by_line(tmp_path: Path, text: str) -> None:
    """The one-split reading of a word list gives what stripping and
    filtering every line gives, on the shapes a list may take."""
    from cleaner.packs import _read_words

    path = tmp_path / "words.txt"
    path.write_bytes(text.encode())
    assert _read_words(path, 0) == _words_line_by_line(text)


def test_bundled_word_lists_read_as_line_by_line() -> None:
    from cleaner.packs import _read_words, builtin_folder

    for path in sorted(builtin_folder().rglob("*.txt")):
        assert _read_words(path, -1) == _words_line_by_line(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize(
    "text",
    [
        "# header\nalpha\nbeta\ngamma\n",
        "alpha\nbeta",
        "# header\nalpha\n\nbeta\n",
        "alpha \n\tbeta\r\ngamma\n",
        "",
    ],
)
def test_word_lookups_answer_as_the_set_does(tmp_path: Path, text: str) -> None:
    """``has_word`` searches a list's text for its first questions, then asks
    the set: every answer, before and after the switch, is the set's."""
    from cleaner.packs import TEXT_LOOKUPS, PackSet

    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "words.txt").write_bytes(text.encode())
    packs = PackSet([tmp_path])
    words = packs.word_list("words", "xx")
    probes = ["alpha", "beta", "gamma", "", "alp", "lpha", "alpha\nbeta", "\nalpha", "header", "# header", " alpha", "delta"]
    for probe in probes * (TEXT_LOOKUPS // len(probes) + 2):
        assert packs.has_word("words", "xx", probe) == (probe in words), (text, probe)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abeilnorst'\n -", max_size=12))
def test_word_lookups_in_the_bundled_list_answer_as_the_set_does(word: str) -> None:
    from cleaner.packs import PackSet, builtin_folder

    packs = PackSet([builtin_folder()])  # a fresh set of packs: its first look-ups search the text
    assert packs.has_word("frequent-words", "en", word) == (word in packs.word_list("frequent-words", "en"))
