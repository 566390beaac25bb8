"""Unicode hygiene: bidi controls, invisible characters, normalisation,
control characters, Arabic presentation forms, replacement characters.

These are characters a reader cannot see but a program does: they break
search, matching and comparison, and some (bidi overrides) make text display
differently from what it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex

from cleaner.document import Document
from cleaner.finding import Category, Edit, Fix, Hit, Safety, Severity
from cleaner.lazypattern import lazy_regex
from cleaner.registry import Context, Rule
from cleaner.textnorm import normalize

from ._util import delete, prose_lines

_BIDI_CONTROLS = regex.compile(r"[\u202a-\u202e\u2066-\u2069]")
_BIDI_NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}

# Always noise in prose: zero-width space, word joiner, invisible operators,
# a BOM that is not at the start, Mongolian vowel separator, soft hyphen.
# Classes of a few listed characters run three times faster in the standard
# ``re`` than in ``regex`` (which is faster for plain ranges and properties).
_INVISIBLE = re.compile(r"[\u200b\u2060-\u2064\ufeff\u180e\u00ad]")
# Joiners: meaningful between letters of joining scripts and in emoji.
_JOINER = re.compile(r"[\u200c\u200d]")
_JOINING_SCRIPT = lazy_regex(
    r"[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Mongolian}\p{Script=Nko}\p{M}]"
)
_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\p{Regional_Indicator}]")

_PRESENTATION_FORMS = regex.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]+")
_REPLACEMENT_RUN = regex.compile("\ufffd+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")

# Honorific ligatures stand for whole phrases; expanding them is the
# writer's choice, not a clean-up.
_HONORIFICS = frozenset("\ufdfa\ufdfb\ufdfd\ufdf2")


def bidi_control(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds explicit bidirectional embedding, override and isolate controls
    (U+202A–U+202E, U+2066–U+2069).

    ## Why it matters
    They reorder how text is displayed without changing what it is: the
    "Trojan Source" attack hides text this way, and in scraped Arabic they
    are leftovers of page markup that make search and diffs lie.  The
    implicit marks (LRM, RLM, ALM) are legitimate in mixed-direction text and
    are not reported.

    ## Example
    `abc\\u202edcba` displays reversed; the control is reported.

    ## Fix safety
    Unsafe: removing them is usually right, but an editor may have placed an
    isolate around a Latin name on purpose.
    """
    for m in _BIDI_CONTROLS.finditer(doc.text):
        name = _BIDI_NAMES[m.group()]
        yield Hit(
            m.start(),
            m.end(),
            f"Bidirectional control character U+{ord(m.group()):04X} {name}",
            delete(m.start(), m.end(), "Remove bidi control", Safety.UNSAFE),
        )


def invisible_character(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds zero-width and invisible characters: zero-width space, word joiner,
    invisible operators, a stray byte-order mark, soft hyphens, and zero-width
    joiners/non-joiners outside the contexts where they mean something.

    ## Why it matters
    Invisible characters split words for search and matching
    (`Hel\\u200bberg` is not `Helberg`).  ZWNJ and ZWJ are kept between
    letters of Arabic-script and other joining scripts, where they control
    letter shapes, and inside emoji sequences.

    ## Example
    `Hel\\u200bberg` becomes `Helberg`.

    ## Fix safety
    Safe: the characters have no visible effect where they are removed.
    """
    text = doc.text
    for m in _INVISIBLE.finditer(text):
        if m.group() == "\ufeff" and m.start() == 0:
            continue  # a BOM the decoder kept is the encoding rule's business
        name = unicodedata.name(m.group(), f"U+{ord(m.group()):04X}")
        yield Hit(m.start(), m.end(), f"Invisible character {name}", delete(m.start(), m.end(), "Remove invisible character"))
    for m in _JOINER.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if _JOINING_SCRIPT.match(before) or _JOINING_SCRIPT.match(after):
            continue
        if _EMOJI.match(before) or _EMOJI.match(after):
            continue
        name = unicodedata.name(m.group())
        yield Hit(m.start(), m.end(), f"{name.title()} outside joining-script or emoji text", delete(m.start(), m.end(), "Remove joiner"))


def not_nfc(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds text that is not in Unicode Normalization Form C.

    ## Why it matters
    Vietnamese often arrives decomposed (a vowel followed by combining tone
    marks), so `Việt` in one file and in another are different strings: search,
    profanity and name matching, and deduplication miss.  NFC is the form the
    web and most tools expect.

    ## Example
    `Vie\\u0323\\u0302t` (decomposed) becomes `Việt`.

    ## Fix safety
    Safe: NFC is canonically equivalent; the text renders the same.
    """
    for line, text in prose_lines(doc):
        if unicodedata.is_normalized("NFC", text):
            continue
        edits = []
        for m in regex.finditer(r"\X", text):
            cluster = m.group()
            composed = normalize("NFC", cluster)
            if composed != cluster:
                edits.append(Edit(line.start + m.start(), line.start + m.end(), composed))
        if edits:
            n = len(edits)
            message = f"Text not in NFC: {n} decomposed or non-canonical character{'s' if n != 1 else ''} in this line"
            yield Hit(edits[0].start, edits[-1].end, message, Fix("Normalise to NFC", tuple(edits), Safety.SAFE))


def control_character(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds C0 and C1 control characters other than tab and line breaks.

    ## Why it matters
    Controls have no place in prose: they are binary debris or the trace
    of a wrong decoding (C1 controls are typically Windows-1252 punctuation
    read as Latin-1).

    ## Example
    `word\\x00word` becomes `wordword`.

    ## Fix safety
    C0 controls (and DEL) are removed safely.  C1 controls (U+0080–U+009F)
    are left to the mojibake rules first, so their removal is unsafe.
    """
    for m in _CONTROL.finditer(doc.text):
        c = m.group()
        c1 = "\x80" <= c <= "\x9f"
        safety = Safety.UNSAFE if c1 else Safety.SAFE
        yield Hit(
            m.start(),
            m.end(),
            f"Control character U+{ord(c):04X}",
            delete(m.start(), m.end(), "Remove control character", safety),
            severity=Severity.ERROR if c == "\x00" else None,
        )


def presentation_form(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE): the
    positional glyph shapes that old PDF extractors and shapers emit instead
    of letters.

    ## Why it matters
    `ﻣﺮﺣﺒﺎ` looks like `مرحبا` but matches nothing: search, spelling and
    every Arabic rule fail on it.

    ## Example
    `ﻻ` (U+FEFB) becomes `لا`.

    ## Fix safety
    Safe for letter shapes and lam-alef ligatures (replaced by their
    compatibility decomposition).  Honorific ligatures such as ﷺ stand for
    whole phrases and are only reported.
    """
    for m in _PRESENTATION_FORMS.finditer(doc.text):
        run = m.group()
        if any(c in _HONORIFICS for c in run):
            for i, c in enumerate(run):
                if c in _HONORIFICS:
                    pos = m.start() + i
                    yield Hit(
                        pos, pos + 1, f"Arabic ligature {unicodedata.name(c, '?')} (kept: it stands for a phrase)", severity=Severity.INFO
                    )
            continue
        letters = normalize("NFKC", run)
        yield Hit(
            m.start(),
            m.end(),
            "Arabic presentation forms instead of letters",
            Fix("Replace with Arabic letters", (Edit(m.start(), m.end(), letters),), Safety.SAFE),
        )


def replacement_character(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Finds U+FFFD REPLACEMENT CHARACTER.

    ## Why it matters
    Each one marks text already destroyed by a decoder that met bytes it
    could not read.  Nothing can restore it from this copy: go back to the
    source.

    ## Example
    `caf\\ufffd` is reported.

    ## Fix safety
    None: the lost character cannot be known.
    """
    for m in _REPLACEMENT_RUN.finditer(doc.text):
        yield Hit(m.start(), m.end(), f"{len(m.group())} replacement character(s): text lost in an earlier decoding")


RULES = (
    Rule("UNI001", "bidi-control", Category.UNICODE, bidi_control, Severity.ERROR, Safety.UNSAFE, per_line=True),
    Rule("UNI002", "invisible-character", Category.UNICODE, invisible_character, Severity.WARNING, Safety.SAFE, per_line=True),
    Rule("UNI003", "not-nfc", Category.UNICODE, not_nfc, Severity.WARNING, Safety.SAFE, per_line=True),
    Rule("UNI004", "control-character", Category.UNICODE, control_character, Severity.WARNING, Safety.SAFE, per_line=True),
    Rule("UNI005", "arabic-presentation-form", Category.UNICODE, presentation_form, Severity.WARNING, Safety.SAFE, per_line=True),
    Rule("UNI006", "replacement-character", Category.UNICODE, replacement_character, Severity.ERROR, None, per_line=True),
)
