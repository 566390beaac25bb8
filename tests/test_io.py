"""Files: what is not text is preserved, writes are atomic, bad files are errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cleaner import io
from cleaner.api import check_path, fix_path

ARTICLE = "Title\n\nFirst paragraph.  \nSecond paragraph.\n"


def test_crlf_file_keeps_crlf(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    fix_path(p)
    assert p.read_bytes() == b"Title\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n"


def test_bom_is_kept(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    result = fix_path(p)
    assert result.changed
    assert p.read_bytes().startswith(b"\xef\xbb\xbfTitle")


def test_mode_is_kept(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    os.chmod(p, 0o640)
    fix_path(p)
    assert stat.S_IMODE(p.stat().st_mode) == 0o640


def test_no_final_newline_state_is_a_rule_decision(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Line one.\nLast line", encoding="utf-8")
    fix_path(p, ignore=("WSP005",))
    assert p.read_text(encoding="utf-8") == "Line one.\nLast line"


def test_a_file_fixed_in_place_is_flushed_and_a_copy_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In place, the fixed text reaches the disk before it replaces the
    only copy; a cleaned copy under --out is renamed into place unflushed."""
    flushed: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (flushed.append(fd), real_fsync(fd)))
    src = tmp_path / "a.txt"
    src.write_text("Trailing space here. \n", encoding="utf-8")
    fix_path(src)
    assert src.read_text(encoding="utf-8") == "Trailing space here.\n" and len(flushed) == 1
    io.atomic_write(tmp_path / "copy.txt", b"text\n", durable=False)
    assert (tmp_path / "copy.txt").read_bytes() == b"text\n" and len(flushed) == 1


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    fix_path(p)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]


def test_changed_on_disk_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    result = check_path(p)
    from cleaner.runner import Options, process_file, write_result

    result = process_file(p, str(p), Options(), mode="fix")
    p.write_text("someone else's edit\n", encoding="utf-8")
    with pytest.raises(io.ReadError):
        write_result(result, p, in_place=True)
    assert p.read_text(encoding="utf-8") == "someone else's edit\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"\xff\xfe\x00", "utf-16"),
    ],
)
def test_undecodable_files_are_errors_and_untouched(tmp_path: Path, data: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    result = fix_path(p)
    assert result.error and reason in result.error.lower()
    assert p.read_bytes() == data


def test_directory_and_missing_file_are_errors(tmp_path: Path) -> None:
    assert check_path(tmp_path).error == "is a directory"
    assert check_path(tmp_path / "nope.txt").error == "no such file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    os.chmod(p, 0)
    assert check_path(p).error == "permission denied"


def test_newline_style_detection() -> None:
    assert io.newline_style("a\r\nb\r\n") == "\r\n"
    assert io.newline_style("a\nb") == "\n"
    assert io.newline_style("a\rb\r") == "\r"
    assert io.newline_style("a\r\nb\n") == "mixed"
    assert io.newline_style("") == "\n"


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated, because the tests may run as root, who can read anything."""
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert check_path(p).error == "permission denied"
