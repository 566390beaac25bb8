"""File encodings: detection, conversion to UTF-8, and refusing to guess."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.api import check_path, fix_path
from cleaner.encoding import UndecodableError, sniff

ARABIC = (
    "قال المتحدث إن المفاوضات ستستمر خلال الأسبوع المقبل، وإن الاتفاق قريب.\n"
    "وأضاف أن الوفدين سيلتقيان مجدداً في العاصمة بعد عطلة نهاية الأسبوع.\n"
    "ولم يعلق الجانب الآخر على هذه التصريحات حتى مساء اليوم.\n"
)
VIETNAMESE = (
    "Thành phố sẽ mở thêm ba tuyến xe buýt điện vào đầu năm sau.\n"
    "Mỗi tuyến dài khoảng hai mươi cây số và đi qua trung tâm.\n"
    "Người dân có thể mua vé tháng với giá ưu đãi.\n"
)


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (ARABIC, "cp1256", "cp1256"),
        (ARABIC, "iso-8859-6", "iso-8859-6"),
        (ARABIC, "utf-16", "utf-16-le"),
        ("Café déjà vu, naïve façade.\n" * 3, "cp1252", "cp1252"),
    ],
)
def test_legacy_files_are_converted(tmp_path: Path, text: str, codec: str, expected: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(codec))
    result = fix_path(p)
    assert result.error is None and result.changed
    assert result.encoding == expected
    assert p.read_bytes() == text.encode("utf-8")
    codes = {f.code for f in result.findings}
    assert codes & {"ENC001", "ENC002"}


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 has the vowels with hats and horns, but the tones only as
    combining marks: encode what it has precomposed, decompose the rest."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b"))
            out += head.encode("cp1258") + "".join(m for m in marks if m not in "\u0302\u0306\u031b").encode("cp1258")
    return bytes(out)


def test_vietnamese_cp1258_is_converted_and_composed(tmp_path: Path) -> None:
    p = tmp_path / "vi.txt"
    raw = cp1258_bytes(VIETNAMESE)
    assert raw.decode("cp1258") != VIETNAMESE  # the file holds decomposed tones
    p.write_bytes(raw)
    result = fix_path(p)
    assert result.encoding == "cp1258"
    assert p.read_text(encoding="utf-8") == VIETNAMESE


def test_random_bytes_are_refused_and_untouched(tmp_path: Path) -> None:
    rng = __import__("random").Random(5)
    refused = 0
    for _ in range(50):
        data = bytes(rng.randrange(128, 256) for _ in range(300))
        try:
            sniff(data)
        except UndecodableError:
            refused += 1
    assert refused == 50
    p = tmp_path / "noise.txt"
    data = os.urandom(500).replace(b"\x00", b"\x01")
    p.write_bytes(data)
    result = fix_path(p)
    assert result.error is not None and "not UTF-8" in result.error
    assert p.read_bytes() == data


def test_check_reports_encoding_at_line_one(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(ARABIC.encode("cp1256"))
    (f,) = [f for f in check_path(p).findings if f.code == "ENC001"]
    assert f.start == 0 and "Windows-1256" in f.message
    assert p.read_bytes() == ARABIC.encode("cp1256")  # check changes nothing


def test_utf8_with_bom_is_not_reported(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + ARABIC.encode())
    assert [f.code for f in check_path(p).findings if f.category.value == "encoding"] == []


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        # English whose only non-ASCII characters are typography
        ("The mayor’s plan — “bold”, critics say… but it’s funded.\n", "cp1252", "cp1252"),
        # read as Windows-1252 this is all accented Latin (`ÔãÑÇë`): not Western text
        ("شكراً لكم جميعاً\n", "iso-8859-6", "iso-8859-6"),
        # the other Arabic tables read `كرحبا بافغافك`: the article ال decides
        ("مرحبا بالعالم\n", "cp1256", "cp1256"),
        # words separated by 0xA0 are Mac Arabic, not ISO-8859-6 no-break spaces
        ("قال المدير إن العمل مستمر\n", "mac_arabic", "mac_arabic"),
    ],
)
def test_sniffer_picks_the_right_table(text: str, codec: str, expected: str) -> None:
    sniffed = sniff(text.encode(codec))
    assert (sniffed.encoding, sniffed.text) == (expected, text)


def test_french_is_not_read_as_arabic() -> None:
    """`Café` through an Arabic table is `Cafى`: Arabic inside a Latin word."""
    assert sniff("Café déjà vu, naïve façade.\n".encode("cp1252")).encoding == "cp1252"


def test_two_equally_plausible_readings_are_refused(tmp_path: Path) -> None:
    """`كان هذا` in Windows-1256 reads as Arabic in Mac Arabic too, with no
    article to tell them apart: an error, and the file is left as it is."""
    data = "كان هذا\n".encode("cp1256")
    with pytest.raises(UndecodableError, match="equally well"):
        sniff(data)
    p = tmp_path / "short.txt"
    p.write_bytes(data)
    assert fix_path(p).error is not None
    assert p.read_bytes() == data


def test_cp1258_is_read_exactly_and_composed_by_uni003(tmp_path: Path) -> None:
    """Reading changes nothing: the decomposed tones are UNI003's finding,
    and its fix, alongside ENC001's rewrite as UTF-8."""
    raw = cp1258_bytes(VIETNAMESE)
    assert sniff(raw).text == raw.decode("cp1258") != VIETNAMESE
    p = tmp_path / "vi.txt"
    p.write_bytes(raw)
    codes = {f.code for f in check_path(p).findings}
    assert {"ENC001", "UNI003"} <= codes
    fix_path(p)
    assert p.read_text(encoding="utf-8") == VIETNAMESE


@given(st.lists(st.sampled_from([0, 6, 0x20, 0x41, 0xD8, 0xA7, 0x0A]), min_size=2, max_size=40).map(bytes))
def test_utf16_screen_skips_only_what_the_counts_would_refuse(data: bytes) -> None:
    """Without a NUL byte, and with few 0x06 bytes, no half of the bytes
    can have a high byte of 0 or 6 in more than 60% of them: the counts the
    UTF-16 guess makes would refuse the data, so it is not sliced at all."""
    if len(data) % 2 or b"\x00" in data or data.count(6) > 0.6 * (len(data) // 2):
        return
    for high in (data[0::2], data[1::2]):
        assert max(high.count(0), high.count(6)) / len(high) <= 0.6
