"""The main benchmark (``make bench``): speed against bare ftfy, the cost of
each rule family, hook latency, memory on a large file, and scaling on one
very long line.

Every target is a ratio against a baseline measured in the same run (the
median of ratios of runs taken back to back, see ``paired``), and every
time is the median of several runs, because these machines are shared and
noisy.  ``--quick`` shrinks the sizes for a smoke run; ``--json``
writes the numbers for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import ftfy  # noqa: E402
from scale import peak_rss_mb  # noqa: E402  (bench/ is the script's folder)

from cleaner.document import Document, detect_language  # noqa: E402
from cleaner.registry import Context, catalog  # noqa: E402
from cleaner.runner import Options, process_file  # noqa: E402
from cleaner.testing.strategies import samples  # noqa: E402

SEEDS = REPO.parent / "shared" / "seeds"
DAMAGE = ["  ", "\u200b", "\u00a0", " ,", "â€™", "\n\n\n"]


def generated_corpus(root: Path, megabytes: float, seed: int = 3) -> list[Path]:
    """Articles in Arabic, Vietnamese and English built from the bundled
    samples, about 8 KB each, with a little damage in one sentence out of
    twenty: mostly clean text, as in a real content repo.  An article uses
    each sample sentence at most once, as a real one does: built from a
    dozen sentences, every article repeated each of them about five times,
    and REP003 reported ten repeated sentences in each (3,603 of the 3,928
    findings on 3 MB), a cost no real repo pays."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    total = 0
    index = 0
    while total < megabytes * 1_000_000:
        language = ("ar", "vi", "en")[index % 3]
        pack = samples(language)
        unused = rng.sample(pack["sentences"], len(pack["sentences"]))
        paragraphs = []
        size = 0
        while size < 8000 and unused:
            sentences = [unused.pop() for _ in range(rng.randint(2, 5)) if unused]
            if rng.random() < 0.05:
                sentences[0] += rng.choice(DAMAGE)
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            size += len(paragraph.encode())
        text = rng.choice(pack["titles"]) + "\n\n" + "\n\n".join(paragraphs) + "\n"
        path = root / language / f"article-{index:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        total += len(text.encode())
        index += 1
    return paths


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired(baseline: Callable[[], object], measured: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median baseline time, median measured time, and the median of the
    ratios baseline/measured of runs taken back to back.

    These machines drift by a fifth over minutes (the same fix of 20 MB ran
    in 12.2 s and in 16.2 s within the hour), so a ratio of two medians
    taken minutes apart can move by as much; a ratio of two runs taken one
    after the other shares the machine's state of the moment."""
    base, meas, ratios = [], [], []
    for _ in range(repeat):
        b = median_time(baseline, 1)
        m = median_time(measured, 1)
        base.append(b)
        meas.append(m)
        ratios.append(b / m)
    return statistics.median(base), statistics.median(meas), statistics.median(ratios)


def _ftfy_over(texts: list[str]) -> Callable[[], None]:
    def ftfy_all() -> None:
        for t in texts:
            ftfy.fix_text(t)

    return ftfy_all


def bench_throughput(paths: list[Path], repeat: int) -> dict[str, float]:
    """Bare ftfy.fix_text over the texts against cleaner's whole fix (all
    default rules, no cache, results not written), same files, each cleaner
    run right after an ftfy run."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6

    def cleaner_all() -> None:
        for p in paths:
            process_file(p, p.name, Options(), mode="fix")

    t_ftfy, t_cleaner, ratio = paired(_ftfy_over(texts), cleaner_all, repeat)
    return {
        "megabytes": round(megabytes, 1),
        "ftfy_s": round(t_ftfy, 2),
        "cleaner_s": round(t_cleaner, 2),
        "ftfy_mb_s": round(megabytes / t_ftfy, 2),
        "cleaner_mb_s": round(megabytes / t_cleaner, 2),
        "ratio": round(ratio, 2),
    }


def bench_command(root: Path, out: Path, paths: list[Path], megabytes: float, repeat: int) -> dict[str, float]:
    """The real ``cleaner fix`` over the corpus folder, whole process (start,
    walk, every rule, cleaned copies written with --out), with its default
    worker pool (one process per core) and with one process, each run right
    after bare ftfy over the same files."""

    def command(jobs: int) -> Callable[[], None]:
        def run() -> None:
            subprocess.run(
                [sys.executable, "-m", "cleaner", "fix", "--no-cache", "--quiet", "-j", str(jobs), "--out", str(out), str(root)],
                capture_output=True,
                check=False,
            )

        return run

    from cleaner.batch import default_jobs

    jobs = default_jobs()
    ftfy_all = _ftfy_over([p.read_text(encoding="utf-8") for p in paths])
    _, t_pool, pool_ratio = paired(ftfy_all, command(jobs), repeat)
    _, t_single, single_ratio = paired(ftfy_all, command(1), repeat)
    return {
        "jobs": jobs,
        "pool_s": round(t_pool, 2),
        "single_s": round(t_single, 2),
        "pool_mb_s": round(megabytes / t_pool, 2),
        "single_mb_s": round(megabytes / t_single, 2),
        "pool_ratio": round(pool_ratio, 2),
        "single_ratio": round(single_ratio, 2),
    }


def bench_families(paths: list[Path], repeat: int) -> dict[str, float]:
    """One check pass of each rule family over the same texts, seconds."""
    ctx = Context()
    docs = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        docs.append(Document(text, language=detect_language(text)))
    families: dict[str, list] = {}
    for rule in catalog():
        families.setdefault(str(rule.category), []).append(rule)

    def run(rules: list) -> None:
        for doc in docs:
            for rule in rules:
                if rule.langs and doc.language not in rule.langs:
                    continue
                for _ in rule.check(doc, ctx):
                    pass

    return {family: round(median_time(lambda r=rules: run(r), repeat), 3) for family, rules in sorted(families.items())}


def bench_hook(repeat: int) -> dict[str, object]:
    """Whole-process `cleaner check` on each seed file (or a corpus article),
    against a bare `python -c pass` measured in the same run, interleaved.

    As a hook runs on a developer's machine: with the byte-code caches that
    Python writes on first import.  Where the environment forbids writing
    them (PYTHONDONTWRITEBYTECODE, set on these machines), every run would
    compile the package's sources again (70 ms here); the warm-up run writes
    them.  Three ways: ``--no-cache`` (all the work, every run); as
    ``.pre-commit-hooks.yaml`` runs it (`check --quiet`, result cache on,
    empty: a changed file); and the instructions of the first way under
    valgrind's callgrind, when it is installed, which unlike seconds do not
    drift with the machine's load."""
    targets = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []
    targets = targets or [REPO / "corpus" / "articles" / "ar" / "mt-battery-factory.txt"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(*args: str, extra: dict[str, str] | None = None) -> None:
        subprocess.run([sys.executable, *args], capture_output=True, check=False, env={**env, **(extra or {})})

    def as_configured(target: Path) -> None:
        with tempfile.TemporaryDirectory() as cache:
            run("-m", "cleaner", "check", "--quiet", str(target), extra={"CLEANER_CACHE_DIR": cache})

    for target in targets:  # warm the file system cache and write the byte-code caches
        run("-m", "cleaner", "check", "--no-cache", str(target))
    times: dict[str, list[float]] = {}
    for _ in range(repeat):  # interleaved: a slow spell of the machine touches every row alike
        for target in targets:
            for key, fn in (
                (target.name[:3], lambda t=target: run("-m", "cleaner", "check", "--no-cache", str(t))),
                (target.name[:3] + " as configured", lambda t=target: as_configured(t)),
            ):
                start = time.perf_counter()
                fn()
                times.setdefault(key, []).append(time.perf_counter() - start)
        start = time.perf_counter()
        run("-c", "pass")
        times.setdefault("python", []).append(time.perf_counter() - start)
    medians = {k: round(statistics.median(v), 3) for k, v in times.items()}
    no_cache = [v for k, v in medians.items() if k[:3].isdigit() and " " not in k]
    result: dict[str, object] = {
        "files": [t.name for t in targets],
        "cleaner_check_s": medians,
        "slowest_s": max(no_cache),
        "python_startup_s": medians["python"],
    }
    slowest = targets[no_cache.index(max(no_cache))]
    instructions = callgrind_instructions([sys.executable, "-m", "cleaner", "check", "--no-cache", str(slowest)], env)
    if instructions is not None:
        result["instructions_m"] = {slowest.name[:3]: instructions, "python": callgrind_instructions([sys.executable, "-c", "pass"], env)}
    return result


def callgrind_instructions(command: list[str], env: dict[str, str]) -> float | None:
    """Millions of instructions ``command`` executes, counted by valgrind's
    callgrind (None where valgrind is not installed): the same count run
    after run, whatever else the machine does (hash seed fixed)."""
    try:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
            capture_output=True,
            text=True,
            check=False,
            env={**env, "PYTHONHASHSEED": "0"},
        )
    except FileNotFoundError:
        return None
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            return round(int(line.rsplit(":", 1)[1]) / 1e6, 1)
    return None


def big_article_file(path: Path, megabytes: float, language: str = "en", seed: int = 5) -> None:
    """One language, paragraphs of the bundled sample sentences, each
    sentence tagged with its own number: no two sentences are the same, as
    in an archive of distinct articles (a repeated block would make every
    paragraph a "repeated paragraph" finding and measure findings instead)."""
    rng = random.Random(seed)
    sentences = samples(language)["sentences"]
    written = 0
    number = 0
    with path.open("w", encoding="utf-8") as out:
        while written < megabytes * 1_000_000:
            parts = []
            for _ in range(rng.randint(2, 5)):
                number += 1
                sentence = rng.choice(sentences)
                parts.append(f"{sentence[:-1]} ({number}){sentence[-1]}")
            paragraph = " ".join(parts) + "\n\n"
            out.write(paragraph)
            written += len(paragraph.encode())


def bench_memory(tmp: Path, megabytes: float) -> dict[str, float]:
    """Peak resident memory of `cleaner fix` on one large English file, as a
    multiple of the file's size, and the same over the peak of the same
    command on a one-paragraph file measured in the same run (the
    interpreter and its libraries, about 45 MB, are not the file's cost)."""
    big, tiny = tmp / "big.txt", tmp / "tiny.txt"
    big_article_file(big, megabytes)
    big_article_file(tiny, 0.0005)

    def command(path: Path) -> list[str]:
        return [sys.executable, "-m", "cleaner", "fix", "--no-cache", "--max-size", "0", "--out", str(tmp / "out"), str(path)]

    idle, _ = peak_rss_mb(command(tiny))
    peak, seconds = peak_rss_mb(command(big))
    size_mb = big.stat().st_size / 1e6
    return {
        "file_mb": round(size_mb, 1),
        "peak_rss_mb": round(peak, 1),
        "idle_rss_mb": round(idle, 1),
        "multiple": round(peak / size_mb, 2),
        "marginal_multiple": round((peak - idle) / size_mb, 2),
        "seconds": round(seconds, 1),
        "mb_per_s": round(size_mb / seconds, 2),
    }


def bench_long_line(sizes_mb: list[float], repeat: int) -> list[dict[str, float]]:
    """Check time of a single line of growing length: linear means the time
    per megabyte stays flat."""
    sentence = " ".join(samples("en")["sentences"][:4]) + " "
    rows = []
    for mb in sizes_mb:
        text = sentence * int(mb * 1_000_000 / len(sentence)) + "\n"
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
            fh.write(text)
            path = Path(fh.name)
        t = median_time(lambda p=path: process_file(p, p.name, Options(), mode="check"), repeat)
        path.unlink()
        rows.append({"megabytes": mb, "seconds": round(t, 2), "s_per_mb": round(t / mb, 2)})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat: a smoke run")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--memory-mb", type=float, action="append", help="file size for the memory measure (repeatable)")
    args = parser.parse_args()
    repeat = 1 if args.quick else 3
    corpus_mb = 2 if args.quick else 20
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        paths = generated_corpus(tmp / "corpus", corpus_mb)
        print(f"corpus: {len(paths)} files, {corpus_mb} MB (median of {repeat})", flush=True)
        results["throughput"] = t = bench_throughput(paths, repeat)
        print(
            f"fix, all default rules: {t['cleaner_mb_s']} MB/s; bare ftfy.fix_text: {t['ftfy_mb_s']} MB/s; "
            f"ftfy time / cleaner time, median of runs back to back = {t['ratio']}",
            flush=True,
        )
        results["command"] = c = bench_command(tmp / "corpus", tmp / "out", paths, t["megabytes"], repeat)
        print(
            f"the command, cleaner fix --out over the folder, whole process: {c['pool_mb_s']} MB/s with {c['jobs']} workers "
            f"(ftfy time / its time, back to back = {c['pool_ratio']}), {c['single_mb_s']} MB/s in one process ({c['single_ratio']})",
            flush=True,
        )
        results["families"] = f = bench_families(paths[: max(3, len(paths) // 4)], repeat)
        print("one check pass per family (a quarter of the corpus), seconds: " + ", ".join(f"{k} {v}" for k, v in f.items()), flush=True)
        results["hook"] = h = bench_hook(5 if args.quick else 11)
        print(
            f"hook: cleaner check, median s: {h['cleaner_check_s']}; slowest file {h['slowest_s']} s; "
            f"instructions (M): {h.get('instructions_m', 'valgrind not installed')}",
            flush=True,
        )
        for size in args.memory_mb or ([10] if args.quick else [10, 200]):
            results[f"memory_{size}mb"] = m = bench_memory(tmp, size)
            print(
                f"memory: fix on a {m['file_mb']} MB English file peaks at {m['peak_rss_mb']} MB ({m['multiple']}x; "
                f"{m['marginal_multiple']}x over the {m['idle_rss_mb']} MB of a one-paragraph file) in {m['seconds']} s",
                flush=True,
            )
        results["long_line"] = rows = bench_long_line([0.5, 1, 2] if args.quick else [1, 5, 20], 1)
        print("one long line, check: " + ", ".join(f"{r['megabytes']} MB {r['seconds']} s" for r in rows), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
