"""Legacy-encoding files from other projects (shared/peer/encodings): every
one is detected, converted to UTF-8 by the real CLI, and nothing is lost."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

from conftest import run_cli

CODECS = {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "iso8859_6": "iso8859_6"}


def _labels(peer: Path) -> dict[str, dict]:
    return json.loads((peer / "encodings" / "labels.json").read_text(encoding="utf-8"))


def test_all_fourteen_convert_intact(peer_dir: Path, tmp_path: Path) -> None:
    labels = _labels(peer_dir)
    assert len(labels) == 14
    for name in labels:
        shutil.copyfile(peer_dir / "encodings" / name, tmp_path / name.replace(".html", ".txt"))
    # only the encoding rules, so the comparison is about decoding alone
    r = run_cli("fix", "--select", "ENC,UNI003", "--no-cache", "--format", "json", str(tmp_path))
    assert r.returncode == 1, r.stdout + r.stderr
    report = {Path(f["path"]).name: f for f in json.loads(r.stdout)["files"]}
    converted = 0
    for name, label in labels.items():
        out = tmp_path / name.replace(".html", ".txt")
        original = (peer_dir / "encodings" / name).read_bytes()
        expected = original.decode(CODECS.get(label["encoding"], label["encoding"])).lstrip("\ufeff")
        written = out.read_bytes()
        text = written.decode("utf-8")
        if label["encoding"] == "utf-8-sig":
            assert written.startswith(b"\xef\xbb\xbf")  # a UTF-8 BOM is kept
            text = text.lstrip("\ufeff")
        assert text.replace("\r\n", "\n") == unicodedata.normalize("NFC", expected).replace("\r\n", "\n"), name
        entry = report[out.name]
        assert entry["error"] is None
        if not label["encoding"].startswith("utf-8"):
            converted += 1
            assert any(f["code"] in ("ENC001", "ENC002") for f in entry["findings"]), name
    assert converted == 11  # all but the three UTF-8 files


def test_line_endings_survive_conversion(peer_dir: Path, tmp_path: Path) -> None:
    name = "redsalamander-utf16le-bom.txt"
    src = peer_dir / "encodings" / name
    shutil.copyfile(src, tmp_path / name)
    run_cli("fix", "--select", "ENC", "--no-cache", str(tmp_path / name))
    original_breaks = src.read_bytes().decode("utf-16").count("\r\n")
    assert original_breaks > 0
    assert (tmp_path / name).read_bytes().count(b"\r\n") == original_breaks


def test_cp1256_and_utf8_samples_are_the_same_text(peer_dir: Path, tmp_path: Path) -> None:
    legacy = tmp_path / "a.txt"
    shutil.copyfile(peer_dir / "encodings" / "charset_normalizer-sample-arabic-1.txt", legacy)
    run_cli("fix", "--select", "ENC", "--no-cache", str(legacy))
    assert legacy.read_bytes() == (peer_dir / "encodings" / "charset_normalizer-sample-arabic.txt").read_bytes()
