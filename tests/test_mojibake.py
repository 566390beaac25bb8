"""Mojibake repair: real encode/decode round trips are undone, clean text is
left alone, and the seeds keep every line and every curly quote."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import seed_path
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner import check_text, fix_text
from cleaner.testing.strategies import articles


def garble(text: str, codec: str) -> str:
    """UTF-8 bytes read with the wrong code page, as a broken pipeline does:
    like Windows, a byte the code page leaves undefined becomes the C1
    control of the same number (Windows-1258 lacks 0x81, 0x8D … which are
    the last bytes of `ề`, `ọ`, `ờ`)."""
    return "".join(bytes([b]).decode(codec, errors="ignore") or chr(b) for b in text.encode("utf-8"))


def only_mojibake(text: str) -> str:
    return fix_text(text, select=("MOJ",))


@pytest.mark.parametrize(
    ("clean", "codec"),
    [
        ("The Mona Lisa doesn’t have eyebrows — really.", "cp1252"),
        ("Café “crème” à la française", "latin-1"),
        ("مرحبا بكم في المدينة، قال المسؤول.", "cp1256"),
        ("Tiếng Việt có dấu rất đẹp và phong phú.", "cp1258"),
        ("Ông ấy nói: ‘Chúng tôi sẽ trở lại.’", "cp1258"),
        ("Người dân đề nghị họ mở cửa sớm hơn, thật tốt.", "cp1258"),
        ("Cái bàn này rất đẹp", "cp1258"),
        ("وقال المتحدث ، بعد الاجتماع: “الاتفاق قريب” – كما يبدو.", "cp1256"),
        ("Tiếng Việt (decomposed, and kept so)", "cp1258"),
    ],
)
def test_round_trips_are_restored(clean: str, codec: str) -> None:
    assert only_mojibake(garble(clean, codec) + "\n") == clean + "\n"


def _line_garbles(article: str, codec: str) -> str | None:
    lines = article.split("\n")
    for i, line in enumerate(lines):
        try:
            lines[i] = garble(line, codec)
        except UnicodeDecodeError:
            return None
        break
    return "\n".join(lines)


# The code pages each language's text is really misread with.
MISREADINGS = {"en": ["cp1252", "latin-1"], "ar": ["cp1252", "cp1256"], "vi": ["cp1252", "cp1258"]}


@st.composite
def misread_articles(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(sorted(MISREADINGS)))
    return draw(articles(lang)), draw(st.sampled_from(MISREADINGS[lang]))


@settings(max_examples=40, deadline=None)
@given(misread_articles())
def test_garbled_title_of_any_article_is_restored(case: tuple[str, str]) -> None:
    article, codec = case
    damaged = _line_garbles(article, codec)
    assume(damaged is not None and damaged != article)
    assert fix_text(damaged) == article


@settings(max_examples=40, deadline=None)
@given(misread_articles(), st.data())
def test_whole_garbled_article_is_restored(case: tuple[str, str], data: st.DataObject) -> None:
    """Every line misread, or a random selection of them (pipelines that
    mixed clean and broken records): `fix` with all rules gives the article."""
    article, codec = case
    lines = article.split("\n")
    hit = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    damaged = "\n".join(garble(line, codec) if h else line for line, h in zip(lines, hit, strict=True))
    assert fix_text(damaged) == article


@settings(max_examples=60, deadline=None)
@given(articles())
def test_clean_articles_have_no_mojibake_findings(article: str) -> None:
    assert [f for f in check_text(article) if f.category.value == "mojibake"] == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_repair_is_idempotent(text: str) -> None:
    once = only_mojibake(text)
    assert only_mojibake(once) == once


def test_arabic_word_before_arabic_comma_is_not_mojibake() -> None:
    text = "استخدام الخرائط، التنقل، والدفع عبر الهاتف.\n"
    assert check_text(text, select=("MOJ",)) == []


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_clean_seeds_have_no_mojibake(prefix: str) -> None:
    text = seed_path(prefix).read_text(encoding="utf-8")
    assert check_text(text, select=("MOJ",)) == []
    assert only_mojibake(text) == text


def test_seed_002_remnants_reported_on_lines_20_and_23() -> None:
    text = seed_path("002").read_text(encoding="utf-8")
    findings = check_text(text, select=("MOJ",))
    lines = sorted({text.count("\n", 0, f.start) + 1 for f in findings})
    assert lines == [20, 23]
    assert all(f.code == "MOJ003" for f in findings)
    assert only_mojibake(text) == text  # guesses are not applied by `fix`
    unsafe = fix_text(text, select=("MOJ",), unsafe=True)
    assert "\u202fand alaand" in unsafe.splitlines()[22]


def test_remnant_lone_lead_suggests_the_closing_quote() -> None:
    (f,) = check_text("ويشار إليه باسم “عراب AIâ و غيره\n", select=("MOJ003",))
    assert f.fix is not None and f.fix.edits[0].new == "”" and f.fix.safety.label == "display"


# --- The prefilter: clean lines never reach ftfy, and no repair is lost ----

SAMPLES = [
    "Tiếng Việt có dấu “rất” đẹp — và phong phú… đã đến",
    "مرحبا بكم في المدينة، قال المسؤول: «نعم» ؟",
    "Café “crème” à la française — naïve façade",
    "Ελληνικά και Русский текст",
    "Zażółć gęślą jaźń, Türkçe ğüşıöç İ, Lietuvių ąčęėįšųūž",
    "Ça va? 😀 €5 ‘quoted’ x\u00a0y",
]
CODE_PAGES = [
    "latin-1",
    "cp1252",
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso-8859-2",
    "mac_roman",
    "cp437",
    "cp1256",
    "cp1258",
    "sloppy-windows-1252",
]


def _skipped_line_is_left_alone(line: str) -> None:
    from ftfy import fix_and_explain

    from cleaner.checks import mojibake

    if mojibake._suspect_offsets(line):
        return
    assert fix_and_explain(line, config=mojibake._ftfy_config()).text == line
    assert mojibake.legacy_repairs(line) == ()


@settings(max_examples=int(os.environ.get("CLEANER_PROPERTY_EXAMPLES", 300)), deadline=None)
@given(st.sampled_from(SAMPLES), st.data())
def test_prefilter_never_skips_a_line_that_would_be_repaired(sample: str, data: st.DataObject) -> None:
    """The prefilter is a superset of what ftfy (as configured) and the
    Windows-1256/1258 repair act on: garble any stretch of real text with any
    code page, optionally losing its no-break spaces or a byte (to '?' or
    U+FFFD), and a line the prefilter passes over is a line neither would
    change."""
    import ftfy.chardata  # noqa: F401  (registers the sloppy code pages)

    a = data.draw(st.integers(0, len(sample)))
    b = data.draw(st.integers(a, len(sample)))
    codec = data.draw(st.sampled_from(CODE_PAGES))
    try:
        garbled = sample[a:b].encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        return
    if data.draw(st.booleans()):
        garbled = garbled.replace("\u00a0", " ")
    if garbled and data.draw(st.booleans()):
        lost = data.draw(st.integers(0, len(garbled) - 1))
        garbled = garbled[:lost] + data.draw(st.sampled_from("?\ufffd")) + garbled[lost + 1 :]
    _skipped_line_is_left_alone(sample[:a] + garbled + sample[b:])


def test_prefilter_is_sound_on_peer_cases_and_seeds(peer_dir: Path, seeds_dir: Path) -> None:
    import json

    lines: list[str] = []
    for path in sorted((peer_dir / "ftfy").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            lines += case["original"].splitlines()
    for path in sorted(seeds_dir.glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        _skipped_line_is_left_alone(line)


def test_prefilter_code_pages_follow_ftfy() -> None:
    """ftfy's list of code pages it undoes is the prefilter's list."""
    import codecs

    from ftfy.chardata import CHARMAP_ENCODINGS

    from cleaner.checks.mojibake import _FTFY_CODEPAGES

    ours = {codecs.lookup(c).name for c in _FTFY_CODEPAGES}
    assert {codecs.lookup(c.removeprefix("sloppy-")).name for c in CHARMAP_ENCODINGS} == ours


def test_clean_seed_lines_do_not_reach_ftfy(seeds_dir: Path) -> None:
    """Only one line of the clean seeds passes the prefilter (`mã —`: `ã`, a
    space and a dash are what a no-break space lost inside a UTF-8 sequence
    looks like, and ftfy repairs such stretches even inside other text)."""
    from cleaner.checks.mojibake import _suspect_offsets

    suspect = sum(len(_suspect_offsets(seed_path(p).read_text(encoding="utf-8"))) for p in ("000", "001", "003", "004"))
    assert suspect <= 1


@pytest.mark.parametrize(
    "line",
    [
        "voilÃ le travail",  # a no-break space (0xA0) lost to a space
        "sÃ³ e Ã?",  # a byte lost to '?'
        "caf\u00c3\ufffd au lait",  # a byte lost to U+FFFD
        "ÃƒÂ©tÃƒÂ©",  # mojibake twice over
        "parlé\x85 Tu sais",  # a Windows-1252 byte read as a C1 control
        "مرحبا".encode().decode("cp1256"),
        "Việt Nam".encode().decode("cp1258"),
        "Ελλάδα".encode().decode("cp1253"),
    ],
)
def test_prefilter_lets_mojibake_through(line: str) -> None:
    from cleaner.checks.mojibake import _suspect_offsets

    assert _suspect_offsets(line)


def test_generated_tables_match_their_derivation() -> None:
    """The screen's tables are derived once (scripts/build_mojibake_tables.py)
    and shipped, not derived at every start: a change to the derivation, or
    to a code page, must come with the regenerated module."""
    from cleaner.checks import _mojibake_tables as tables
    from cleaner.checks import mojibake

    assert mojibake._leads() == mojibake.derive_leads()
    assert tables.SCAN == mojibake.derive_scan()
    assert mojibake._scan().pattern == mojibake.derive_scan()
    assert len(set(tables.FOLLOWER_SETS)) == len(tables.FOLLOWER_SETS)  # each set written once


def test_generated_tables_module_is_what_the_script_writes() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_tables", Path(__file__).resolve().parent.parent / "scripts" / "build_mojibake_tables.py"
    )
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.OUT.read_text(encoding="utf-8") == build.render()
