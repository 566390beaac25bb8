"""The file's encoding: legacy code pages and UTF-16/32 are rewritten as UTF-8.

The decoding itself happens when the file is read (``cleaner.encoding``);
these rules report what was found and carry the fix that has the file
written back as UTF-8.  A file that could not be decoded with confidence
never gets here: it is an error for that file, and it is left untouched.
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.document import Document
from cleaner.finding import Category, Fix, Hit, Safety, Severity
from cleaner.registry import Context, Rule

_LABELS = {
    "cp1256": "Windows-1256 (Arabic)",
    "iso-8859-6": "ISO-8859-6 (Arabic)",
    "mac_arabic": "Mac Arabic",
    "cp1258": "Windows-1258 (Vietnamese)",
    "cp1252": "Windows-1252 (Western)",
    "utf-16-le": "UTF-16 little-endian",
    "utf-16-be": "UTF-16 big-endian",
    "utf-32-le": "UTF-32 little-endian",
    "utf-32-be": "UTF-32 big-endian",
}


def _recode(title: str) -> Fix:
    return Fix(title, (), Safety.SAFE, recode="utf-8")


def legacy_code_page(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Reports a file written in a legacy single-byte code page — Windows-1256,
    ISO-8859-6 or Mac Arabic for Arabic, Windows-1258 for Vietnamese,
    Windows-1252 for Western text — and rewrites it as UTF-8.

    ## Why it matters
    Every other tool in a content pipeline assumes UTF-8; a legacy file
    turns into mojibake the first time one of them reads it.

    ## Example
    A Windows-1256 article is reported as `File is Windows-1256 (Arabic),
    not UTF-8 (detection confidence 99%)` and written back as UTF-8, text
    unchanged.  Windows-1258 text, which stores some tones as combining
    marks, is then composed to NFC by UNI003.

    ## Fix safety
    Safe: the file was decoded only because one code page fitted clearly
    better than the others — its text is letters of the language that code
    page is for, with no Latin letters inside Arabic words, no stray
    harakat, no Latin-1 letters where English would have ASCII — or, when
    several Arabic tables read equally well, because the separators, the
    article "ال" or charset-normalizer (among those top readings only) told
    them apart.  Files that cannot be decoded with confidence are errors and
    left untouched.
    """
    name = doc.source_encoding
    if name.startswith(("utf-8", "utf-16", "utf-32")):
        return
    label = _LABELS.get(name, name)
    yield Hit(0, 0, f"File is {label}, not UTF-8 (detection confidence {doc.encoding_confidence:.0%})", _recode("Rewrite as UTF-8"))


def utf16_file(doc: Document, ctx: Context) -> Iterator[Hit]:
    """## What it does
    Reports a file in UTF-16 or UTF-32 (with or without a byte-order mark)
    and rewrites it as UTF-8.

    ## Why it matters
    Git, diff tools, search and most text tools treat UTF-16 files as
    binary; content repositories should hold UTF-8.

    ## Example
    A UTF-16LE file saved by a Windows editor is reported as `File is UTF-16
    little-endian, not UTF-8 (byte-order mark)` — or, without one, `(detection
    confidence 90%)` — and written back as UTF-8 without a byte-order mark.

    ## Fix safety
    Safe: UTF-16/32 decode exactly, so the text is unchanged.
    """
    name = doc.source_encoding
    if name.startswith(("utf-16", "utf-32")):
        how = f"detection confidence {doc.encoding_confidence:.0%}" if doc.encoding_confidence < 1 else "byte-order mark"
        yield Hit(0, 0, f"File is {_LABELS.get(name, name)}, not UTF-8 ({how})", _recode("Rewrite as UTF-8"))


RULES = (
    Rule("ENC001", "legacy-code-page", Category.ENCODING, legacy_code_page, Severity.WARNING, Safety.SAFE, scope="file"),
    Rule("ENC002", "utf16-file", Category.ENCODING, utf16_file, Severity.WARNING, Safety.SAFE, scope="file"),
)
