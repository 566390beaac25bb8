"""Unicode hygiene and whitespace rules on written cases."""

from __future__ import annotations

import unicodedata

import pytest

from cleaner import check_text, fix_text


def codes(text: str, **kw: object) -> list[str]:
    return [f.code for f in check_text(text, **kw)]  # type: ignore[arg-type]


def test_bidi_override_is_an_error_fixed_only_when_unsafe() -> None:
    text = "price: 100\u202e00$\n"
    findings = check_text(text)
    assert [(f.code, f.severity.label) for f in findings] == [("UNI001", "error")]
    assert fix_text(text) == text
    assert fix_text(text, unsafe=True) == "price: 10000$\n"


def test_rlm_and_alm_marks_are_content() -> None:
    assert codes("قال \u200fCNN\u200f إن الخبر صحيح.\n") == []


def test_zero_width_space_removed_but_zwnj_kept_in_arabic_script() -> None:
    assert fix_text("Hel\u200bberg said.\n") == "Helberg said.\n"
    persian = "می\u200cخواهم\n"
    assert fix_text(persian) == persian
    assert codes("co\u200cop\n") == ["UNI002"]


def test_zwj_in_emoji_sequence_is_kept() -> None:
    family = "Family: \U0001f468\u200d\U0001f469\u200d\U0001f467\n"
    assert fix_text(family) == family


def test_decomposed_vietnamese_is_composed() -> None:
    nfc = "Việt Nam và các quốc gia khác.\n"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert fix_text(nfd) == nfc
    assert set(codes(nfd)) == {"UNI003"}


def test_control_characters() -> None:
    assert fix_text("a\x00b\x07c\n") == "abc\n"
    c1 = "price\x85 list\n"
    assert fix_text(c1) == "price… list\n"  # MOJ001: a Windows-1252 byte read as Latin-1
    assert fix_text(c1, select=("UNI",)) == c1  # on its own, UNI004 does not guess
    assert fix_text(c1, select=("UNI",), unsafe=True) == "price list\n"


def test_presentation_forms_become_letters_but_honorifics_stay() -> None:
    assert fix_text("\ufee3\ufeae\ufea3\ufe92\ufe8e\n") == "مرحبا\n"
    honorific = "النبي \ufdfa\n"
    assert fix_text(honorific) == honorific
    assert codes(honorific) == ["UNI005"]


def test_replacement_character_is_reported_not_fixed() -> None:
    text = "caf\ufffd au lait\n"
    assert codes(text) == ["UNI006"] and fix_text(text) == text


def test_nbsp_lines_and_blank_runs_collapse() -> None:
    text = "Para one.\n\n\u00a0\n\n\u00a0\n\nPara two.\n"
    assert fix_text(text) == "Para one.\n\nPara two.\n"


def test_markdown_hard_break_kept() -> None:
    from pathlib import Path

    from cleaner.config import Config
    from cleaner.registry import select_rules
    from cleaner.runner import context_for, process_text

    text = "line one  \nline two\n"
    _, out = process_text(text, rules=select_rules(), ctx=context_for(Config(root=Path("."))), path=Path("a.md"), apply=None)
    assert out.findings == []


@pytest.mark.parametrize("text", ["", "\n", "only line", "a\n\n"])
def test_edge_texts_fix_idempotently(text: str) -> None:
    once = fix_text(text)
    assert fix_text(once) == once
