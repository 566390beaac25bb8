"""Bad inputs through the real command line: each gets a clear message and
the right exit code, and a file that cannot be decoded is left byte for byte
as it was.  The other files of the same run are still processed.
"""

from __future__ import annotations

import ctypes
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from robust_support import ARTICLES, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cleaner, digest, leftovers, output, reported_error

from cleaner import io

DIRTY = "A line with trailing spaces.   \nAnd a zero\u200bwidth space.\n"
CLEAN = "A line with trailing spaces.\nAnd a zerowidth space.\n"


def _article(path: str) -> bytes:
    return (ARTICLES / path).read_bytes()


def _random_bytes(seed: int, size: int, low: int = 0) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(size))


@dataclass(frozen=True)
class Bad:
    name: str
    data: bytes
    message: str  # a fragment the reported reason must contain


def _bad_inputs() -> list[Bad]:
    ar = _article("ar/hygiene-desalination.txt")
    vi = _article("vi/hygiene-electric-buses.txt")
    middle = len(ar) // 2
    cut = vi.rstrip(b"\n")
    return [
        Bad("invalid-utf8.txt", b"Caf\xc3 au lait \xff\xfe\xfd\n", "not UTF-8"),
        # one byte mangled in a UTF-8 article: reading it as Windows-1256
        # would turn every intact letter into mojibake
        Bad("damaged-utf8-arabic.txt", ar[:middle] + b"\xff" + ar[middle:], "otherwise valid UTF-8"),
        Bad("truncated-utf8-vietnamese.txt", cut[: len(cut) - 1], "ends in the middle of a character"),
        Bad("random-high-bytes.txt", _random_bytes(1, 4000, low=0x80), "not UTF-8"),
        Bad("random-binary.txt", _random_bytes(2, 4000), "binary file"),
        Bad("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        Bad("nul-bytes.txt", b"First line.\nSecond\x00line.\n", "contains NUL bytes"),
        Bad("lone-surrogate.txt", b"Encoded surrogate \xed\xa0\x80 here, \xed\xb0\x80 there.\n", "not UTF-8"),
        Bad("bad-bom.txt", b"\xef\xbb\xbfStarts well \xff\xfe then breaks.\n", "byte-order mark"),
        Bad("odd-utf16.txt", b"\xff\xfeA\x00B\x00C", "byte-order mark"),
    ]


BAD = _bad_inputs()


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
def test_undecodable_file_is_reported_and_left_alone(tmp_path: Path, bad: Bad) -> None:
    path = tmp_path / bad.name
    path.write_bytes(bad.data)
    before = digest(path)
    for command in ("check", "fix"):
        proc = cleaner(command, str(path))
        assert proc.returncode == EXIT_ERROR, output(proc)
        assert bad.message in reported_error(proc, bad.name)
        assert "Traceback" not in output(proc)
        assert digest(path) == before, f"{command} changed {bad.name}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [bad.name]


def test_bad_files_do_not_stop_the_others(tmp_path: Path) -> None:
    """One run over a folder of every bad input plus two dirty articles: all
    bad ones reported and untouched, both articles fixed, exit code 2."""
    for bad in BAD:
        (tmp_path / bad.name).write_bytes(bad.data)
    (tmp_path / "a-good.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "z-good.txt").write_text(DIRTY, encoding="utf-8")
    proc = cleaner("fix", str(tmp_path), "--jobs", "2")
    assert proc.returncode == EXIT_ERROR, output(proc)
    for bad in BAD:
        assert bad.message in reported_error(proc, bad.name)
        assert (tmp_path / bad.name).read_bytes() == bad.data
    assert (tmp_path / "a-good.txt").read_text(encoding="utf-8") == CLEAN
    assert (tmp_path / "z-good.txt").read_text(encoding="utf-8") == CLEAN
    assert f"{len(BAD)} errors" in proc.stdout
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf"], ids=["empty", "bom-only"])
def test_empty_file_is_clean(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    for command in ("check", "fix"):
        proc = cleaner(command, str(path))
        assert proc.returncode == EXIT_OK, output(proc)
        assert "1 file, " in proc.stdout and "0 findings" in proc.stdout
    assert path.read_bytes() == data


WHITESPACE_ONLY = {
    "spaces": b"     ",
    "blank-lines": b"\n\n\n\n",
    "mixed-blanks": b"  \n\t\n \t \n",
    "crlf-blanks": b"\r\n  \r\n\r\n",
    "no-break-spaces": "\u00a0\u00a0\n\u00a0\n".encode(),
    "ideographic-space": "\u3000\n".encode(),
}


@pytest.mark.parametrize("data", WHITESPACE_ONLY.values(), ids=WHITESPACE_ONLY.keys())
def test_whitespace_only_file_stays_whitespace_and_settles(tmp_path: Path, data: bytes) -> None:
    """``fix`` may tidy the blanks but must invent nothing, and a second run
    must find nothing left to do."""
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    proc = cleaner("fix", str(path))
    assert proc.returncode in (EXIT_OK, EXIT_FINDINGS), output(proc)
    fixed = path.read_bytes()
    assert fixed.decode("utf-8").strip() == ""
    again = cleaner("fix", str(path))
    assert again.returncode == EXIT_OK, output(again)
    assert path.read_bytes() == fixed
    assert cleaner("check", str(path)).returncode == EXIT_OK


def test_too_large_file_is_refused_with_a_way_out(tmp_path: Path) -> None:
    """Above ``io.MAX_BYTES`` a file is refused before it is read (a sparse
    file: the size is all that matters, and it costs no disk)."""
    big = tmp_path / "dump.txt"
    with big.open("wb") as handle:
        handle.truncate(io.MAX_BYTES + 1)
    (tmp_path / "small.txt").write_text(DIRTY, encoding="utf-8")
    proc = cleaner("fix", str(tmp_path))
    assert proc.returncode == EXIT_ERROR, output(proc)
    line = reported_error(proc, "dump.txt")
    assert "file too large" in line and "JSON Lines" in line
    assert big.stat().st_size == io.MAX_BYTES + 1
    assert (tmp_path / "small.txt").read_text(encoding="utf-8") == CLEAN


def test_max_size_raises_or_lifts_the_limit(tmp_path: Path) -> None:
    """`--max-size` moves the limit both ways; 0 lifts it."""
    page = tmp_path / "page.txt"
    page.write_text(DIRTY * 40, encoding="utf-8")  # about 2.4 KB
    proc = cleaner("check", str(page), "--max-size", "1K")
    assert proc.returncode == EXIT_ERROR, output(proc)
    assert "limit is 1,024" in reported_error(proc, "page.txt") and "--max-size" in output(proc)
    for size in ("4K", "0", "3000"):
        assert cleaner("check", str(page), "--max-size", size).returncode == EXIT_FINDINGS
    proc = cleaner("fix", str(page), "--max-size", "1k")
    assert proc.returncode == EXIT_ERROR and page.read_text(encoding="utf-8") == DIRTY * 40
    assert cleaner("fix", str(page), "--max-size", "1M").returncode == EXIT_FINDINGS
    assert page.read_text(encoding="utf-8") == CLEAN * 40
    bad = cleaner("check", str(page), "--max-size", "big")
    assert bad.returncode == EXIT_ERROR and "not a size" in bad.stderr


NAMES = ["dir with spaces/bài viết mới.txt", "مجلد/مقال جديد.md", "naïve café 🙂.txt", "-starts-with-dash.txt", "tab\tin name.txt"]


def test_names_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    root = tmp_path / "content"
    for name in NAMES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(DIRTY, encoding="utf-8")
    odd = os.fsencode(root) + b"/latin1-caf\xe9.txt"  # not UTF-8: Linux allows any bytes
    with open(odd, "wb") as handle:
        handle.write(DIRTY.encode())
    check = cleaner("check", str(root))
    assert check.returncode == EXIT_FINDINGS, output(check)
    for name in NAMES:
        assert f"{root / name}:1:" in check.stdout
    assert "latin1-caf" in check.stdout
    explicit = cleaner("check", str(root / NAMES[0]), str(root / NAMES[1]))
    assert explicit.returncode == EXIT_FINDINGS and "Checked: 2 files" in explicit.stdout
    out = tmp_path / "out folder"
    copies = cleaner("fix", "content", "--out", str(out), cwd=tmp_path)
    assert copies.returncode == EXIT_FINDINGS, output(copies)
    for name in NAMES:
        assert (out / "content" / name).read_text(encoding="utf-8") == CLEAN
        assert (root / name).read_text(encoding="utf-8") == DIRTY
    fixed = cleaner("fix", str(root))
    assert fixed.returncode == EXIT_FINDINGS, output(fixed)
    for name in NAMES:
        assert (root / name).read_text(encoding="utf-8") == CLEAN
    with open(odd, "rb") as handle:
        assert handle.read() == CLEAN.encode()


def test_deeply_nested_folders_are_walked(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["level"] * 120)
    deep.mkdir(parents=True)
    (deep / "bottom.txt").write_text(DIRTY, encoding="utf-8")
    proc = cleaner("fix", str(tmp_path))
    assert proc.returncode == EXIT_FINDINGS, output(proc)
    assert (deep / "bottom.txt").read_text(encoding="utf-8") == CLEAN


def _make_beyond_path_max(top: Path, depth: int = 24) -> tuple[int, str]:
    """Folders nested past PATH_MAX (4096 bytes), made one level at a time
    through folder descriptors; returns the bottom folder's descriptor and
    a file name in it."""
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    for _ in range(depth):
        os.mkdir("d" * 200, dir_fd=fd)
        child = os.open("d" * 200, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = child
    handle = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(handle, DIRTY.encode())
    os.close(handle)
    return fd, "deep.txt"


def test_folder_beyond_path_max_is_reported_not_skipped(tmp_path: Path) -> None:
    """No system call takes a path that long: the folder is named in an error
    (before the fix, the walk crashed with a traceback) and the file in it is
    untouched; files elsewhere are fixed."""
    fd, name = _make_beyond_path_max(tmp_path)
    try:
        (tmp_path / "shallow.txt").write_text(DIRTY, encoding="utf-8")
        for command in ("check", "fix"):
            proc = cleaner(command, str(tmp_path))
            assert proc.returncode == EXIT_ERROR, output(proc)
            assert "Traceback" not in output(proc)
            assert "File name too long" in reported_error(proc, "dddd")
        handle = os.open(name, os.O_RDONLY, dir_fd=fd)
        assert os.read(handle, 1 << 16) == DIRTY.encode()
        os.close(handle)
        assert (tmp_path / "shallow.txt").read_text(encoding="utf-8") == CLEAN
    finally:
        os.close(fd)


def test_symlink_loops_end_and_each_file_is_seen_once(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "article.txt").write_text(DIRTY, encoding="utf-8")
    (root / "loop").symlink_to(".")
    (root / "sub" / "up").symlink_to("..")
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    (root / "self.txt").symlink_to("self.txt")
    proc = cleaner("check", str(root), timeout=60)
    assert proc.returncode == EXIT_FINDINGS, output(proc)
    assert proc.stdout.count("article.txt:1:") == 1
    assert "Checked: 1 file" in proc.stdout
    fixed = cleaner("fix", str(root), timeout=60)
    assert fixed.returncode == EXIT_FINDINGS, output(fixed)
    assert (root / "sub" / "article.txt").read_text(encoding="utf-8") == CLEAN
    for loop in ("self.txt", "a.txt"):
        named = cleaner("fix", str(root / loop))
        assert named.returncode == EXIT_ERROR, output(named)
        assert "symbolic links" in reported_error(named, loop)
        assert (root / loop).is_symlink()


# --- Permissions ------------------------------------------------------------

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _without_root_file_access() -> None:
    """In the child, before exec: drop the two capabilities that let root
    read and write any file, so chmod means for it what it means for a user.
    Root's capabilities after exec are its bounding set."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.fixture
def as_user() -> Callable[[], None] | None:
    """How to run the CLI so that permissions apply: as is for a user; for
    root, without its file-access capabilities (skipped where the sandbox
    forbids dropping them)."""
    if os.geteuid() != 0:
        return None
    probe = Path(tempfile.mkdtemp())
    try:
        secret = probe / "secret"
        secret.write_bytes(b"x")
        secret.chmod(0)
        code = "open(__import__('sys').argv[1]).read()"
        try:
            run = subprocess.run([sys.executable, "-c", code, str(secret)], preexec_fn=_without_root_file_access, capture_output=True)
        except (OSError, subprocess.SubprocessError):
            pytest.skip("cannot drop root's file capabilities here")
        if b"PermissionError" not in run.stderr:
            pytest.skip("root still reads a mode-000 file after dropping capabilities")
    finally:
        shutil.rmtree(probe)
    return _without_root_file_access


def test_unreadable_file_is_reported_and_the_rest_processed(tmp_path: Path, as_user: Callable[[], None] | None) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(DIRTY, encoding="utf-8")
    (tmp_path / "open.txt").write_text(DIRTY, encoding="utf-8")
    locked.chmod(0)
    try:
        for command in ("check", "fix"):
            proc = cleaner(command, str(tmp_path), preexec_fn=as_user)
            assert proc.returncode == EXIT_ERROR, output(proc)
            assert "permission denied" in reported_error(proc, "locked.txt").lower()
        assert (tmp_path / "open.txt").read_text(encoding="utf-8") == CLEAN
    finally:
        locked.chmod(0o644)
    assert locked.read_text(encoding="utf-8") == DIRTY


def test_unwritable_folder_keeps_the_original(tmp_path: Path, as_user: Callable[[], None] | None) -> None:
    """The fixed text cannot be written (no temporary file can be created
    beside it): reported as not written, exit 2, original intact."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    article = folder / "article.txt"
    article.write_text(DIRTY, encoding="utf-8")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    try:
        proc = cleaner("fix", str(article), preexec_fn=as_user)
        assert proc.returncode == EXIT_ERROR, output(proc)
        assert "not written: Permission denied" in reported_error(proc, "article.txt")
    finally:
        folder.chmod(0o755)
    assert article.read_text(encoding="utf-8") == DIRTY
    assert leftovers(tmp_path) == []


# --- Files that change under our feet ----------------------------------------

# Runs the real CLI with a hook around each file's processing: the hook
# plays another program touching the file at that moment.
_INJECT = """
import sys
from pathlib import Path

import cleaner.batch
from cleaner.cli import run

when, action, victim = sys.argv[1:4]
original = cleaner.batch.process_file


def meddle(path):
    if action == "delete":
        path.unlink()
    elif action == "rewrite":
        path.write_text("Someone else's version.\\n", encoding="utf-8")
    elif action == "shrink":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])


def process_file(path, *args, **kwargs):
    if path.name == victim and when == "before-read":
        meddle(path)
    result = original(path, *args, **kwargs)
    if path.name == victim and when == "after-read":
        meddle(path)
    return result


cleaner.batch.process_file = process_file
sys.argv = ["cleaner", *sys.argv[4:]]
run()
"""


@pytest.fixture
def injector(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    script = tmp_path_factory.mktemp("inject") / "inject.py"
    script.write_text(_INJECT, encoding="utf-8")
    yield script


@pytest.mark.parametrize(
    ("when", "action", "message", "after"),
    [
        ("before-read", "delete", "no such file", None),
        ("after-read", "delete", "vanished while being processed", None),
        ("after-read", "rewrite", "changed on disk while being processed", "Someone else's version.\n"),
        ("after-read", "shrink", "changed on disk while being processed", DIRTY.encode()[: len(DIRTY.encode()) // 2]),
    ],
    ids=["vanishes-before-read", "vanishes-before-write", "rewritten-before-write", "shrinks-before-write"],
)
def test_file_changed_during_the_run_is_never_overwritten(
    tmp_path: Path, injector: Path, when: str, action: str, message: str, after: str | bytes | None
) -> None:
    """What another program did to the file wins; the run says so, exits 2
    (before the fix, a file changed or deleted between read and write
    crashed the whole run with a traceback, leaving later files unfixed)."""
    victim = tmp_path / "b-victim.txt"
    victim.write_text(DIRTY, encoding="utf-8")
    for name in ("a-first.txt", "c-last.txt"):
        (tmp_path / name).write_text(DIRTY, encoding="utf-8")
    proc = cleaner("fix", str(tmp_path), "--jobs", "1", python=[str(injector), when, action, victim.name])
    assert proc.returncode == EXIT_ERROR, output(proc)
    assert "Traceback" not in output(proc)
    assert message in reported_error(proc, victim.name)
    if after is None:
        assert not victim.exists()
    else:
        assert victim.read_bytes() == (after.encode() if isinstance(after, str) else after)
    for name in ("a-first.txt", "c-last.txt"):
        assert (tmp_path / name).read_text(encoding="utf-8") == CLEAN
    assert leftovers(tmp_path) == []


# --- Big inputs ---------------------------------------------------------------


def _unique_sentences(total: int) -> str:
    """Clean English prose of about ``total`` characters on one line; each
    sentence numbered so that none repeats (a repeat would be a finding)."""
    from cleaner.testing.strategies import samples

    pool = samples("en")["sentences"]
    parts: list[str] = []
    size = 0
    i = 0
    while size < total:
        sentence = pool[i % len(pool)]
        part = f"{sentence[:-1]} (note {i}){sentence[-1]}"
        parts.append(part)
        size += len(part) + 1
        i += 1
    return " ".join(parts)


@pytest.mark.slow
def test_twenty_megabyte_single_line(tmp_path: Path) -> None:
    """One line of 20 MB (a scraped page with its line breaks lost): both
    commands finish, report the planted defects and fix exactly them."""
    line = _unique_sentences(20_000_000)
    cuts = [len(line) // 4, len(line) // 2, 3 * len(line) // 4]
    dirty = line
    for at in reversed(cuts):
        at = dirty.index(" ", at)
        dirty = dirty[:at] + "\u200b" + dirty[at:]
    path = tmp_path / "one-line.txt"
    path.write_text(dirty + "   \n", encoding="utf-8")
    check = cleaner("check", str(path), "--jobs", "1", timeout=900)
    assert check.returncode == EXIT_FINDINGS, output(check)[-2000:]
    assert check.stdout.count("UNI002") == 3 and check.stdout.count("WSP001") == 1
    fix = cleaner("fix", str(path), "--jobs", "1", timeout=900)
    assert fix.returncode == EXIT_FINDINGS, output(fix)[-2000:]
    assert path.read_text(encoding="utf-8") == line + "\n"


@pytest.mark.slow
def test_two_hundred_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    """200 MB of real text: above the limit, refused before it is read (the
    whole run takes seconds, not the tens of minutes and gigabytes that
    reading it would), named in the message, left as it was."""
    block = (_unique_sentences(1_000_000) + "\n").encode()
    big = tmp_path / "dump.txt"
    with big.open("wb") as handle:
        for _ in range(200_000_000 // len(block) + 1):
            handle.write(block)
    assert big.stat().st_size > 200_000_000
    before = digest(big)
    (tmp_path / "small.txt").write_text(DIRTY, encoding="utf-8")
    for command in ("check", "fix"):
        proc = cleaner(command, str(tmp_path), timeout=120)
        assert proc.returncode == EXIT_ERROR, output(proc)
        assert "file too large" in reported_error(proc, "dump.txt")
    assert digest(big) == before
    assert (tmp_path / "small.txt").read_text(encoding="utf-8") == CLEAN
