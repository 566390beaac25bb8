"""Scale benchmarks (issue 8): jobs speed-up, cache re-run, dataset throughput
and memory.  Run with `python bench/scale.py [--quick]`; `make bench` runs it
after the main benchmark.

Numbers are medians of repeated runs, and every target is a ratio against a
baseline measured in the same run, because the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "cleaner"]

SENTENCES = [
    "The council approved the budget after a long debate on Tuesday evening.",
    "أعلنت الحكومة عن خطة جديدة لدعم المشاريع الصغيرة في المناطق الريفية.",
    "Thành phố sẽ mở thêm ba tuyến xe buýt điện vào đầu năm sau.",
    "Officials said the new bridge would open to traffic in the spring.",
    "وقال المتحدث إن المفاوضات ستستمر خلال الأسبوع المقبل.",
    "Nhiều doanh nghiệp nhỏ vẫn gặp khó khăn trong việc tiếp cận vốn vay.",
]
DEFECTS = ["  ", "\u200b", "\n\n\n", "\u00a0"]


def article(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    total = 0
    while total < size:
        s = rng.choice(SENTENCES)
        if rng.random() < 0.05:
            s += rng.choice(DEFECTS)
        parts.append(s)
        total += len(s)
        if rng.random() < 0.2:
            parts.append("\n\n")
    return " ".join(parts).replace(" \n\n ", "\n\n") + "\n"


def make_tree(root: Path, files: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(files):
        size = int(rng.lognormvariate(8.3, 0.8))  # skewed: most ~4 KB, some 40 KB+
        p = root / f"d{i % 20:02d}" / f"a{i:05d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        text = article(rng, size)
        p.write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def timed(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, int]:
    times = []
    rc = 0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        rc = proc.returncode
    return statistics.median(times), rc


def bench_jobs(tmp: Path, files: int, repeat: int) -> dict[str, float]:
    tree = tmp / "tree"
    size = make_tree(tree, files)
    one, _ = timed([*CLI, "check", "--no-cache", "--jobs", "1", "-q", "tree"], tmp, repeat)
    two, _ = timed([*CLI, "check", "--no-cache", "--jobs", "2", "-q", "tree"], tmp, repeat)
    cache = tmp / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    first, _ = timed([*CLI, "check", "--jobs", "1", "--cache-dir", str(cache), "-q", "tree"], tmp, 1)
    again, _ = timed([*CLI, "check", "--jobs", "1", "--cache-dir", str(cache), "-q", "tree"], tmp, repeat)
    return {
        "files": files,
        "mb": size / 1e6,
        "jobs1_s": one,
        "jobs2_s": two,
        "speedup": one / two,
        "cache_first_s": first,
        "cache_rerun_s": again,
        "cache_ratio": again / first,
    }


def write_jsonl(path: Path, mb: float, seed: int = 11) -> int:
    rng = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8") as f:
        i = 0
        while written < mb * 1e6:
            line = json.dumps({"id": i, "text": article(rng, rng.randint(500, 4000)), "source": "bench"}, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode())
            i += 1
    return written


def peak_rss_mb(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """(peak resident MB, wall seconds) of ``cmd``, run from a fresh
    interpreter: the children's peak that getrusage reports is the largest
    of every child so far, so each measure needs a parent of its own."""
    code = (
        "import resource, subprocess, time\n"
        f"t = time.perf_counter(); subprocess.run({cmd!r}, capture_output=True); e = time.perf_counter() - t\n"
        "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, check=True).stdout.split()
    return float(out[1]) / 1024, float(out[0])


def bench_dataset(tmp: Path, sizes: list[float]) -> list[dict[str, float]]:
    rows = []
    for mb in sizes:
        src = tmp / f"data{mb:g}.jsonl"
        actual = write_jsonl(src, mb)
        peak, elapsed = peak_rss_mb([*CLI, "fix", str(src), "--out", str(tmp / "out.jsonl"), "--jobs", "2", "-q"], tmp)
        rows.append({"mb": actual / 1e6, "seconds": elapsed, "mb_per_s": actual / 1e6 / elapsed, "peak_rss_mb": peak})
        src.unlink()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", help="JSONL sizes in MB, comma-separated (default 100,400,1000; quick 20,80)")
    parser.add_argument("--files", type=int, help="files in the tree (default 2000; quick 400)")
    args = parser.parse_args()
    files = args.files or (400 if args.quick else 2000)
    repeat = 3 if args.quick else 5
    sizes = [float(x) for x in args.sizes.split(",")] if args.sizes else ([20, 80] if args.quick else [100, 400, 1000])
    with tempfile.TemporaryDirectory(prefix="cleaner-scale-") as tmp_name:
        tmp = Path(tmp_name)
        jobs = bench_jobs(tmp, files, repeat)
        data = bench_dataset(tmp, sizes)
    lines = [
        "### Scale (issue 8)",
        "",
        f"Machine: {os.cpu_count()} cores. Medians of {repeat} runs, whole CLI processes.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| `check --jobs 1` over {jobs['files']} files ({jobs['mb']:.1f} MB) | {jobs['jobs1_s']:.2f} s | |",
        f"| `check --jobs 2`, same files | {jobs['jobs2_s']:.2f} s | |",
        f"| speed-up jobs 2 / jobs 1 | **{jobs['speedup']:.2f}x** | ≥ 1.8x |",
        f"| cache: first run / re-run over the unchanged tree | {jobs['cache_first_s']:.2f} s / {jobs['cache_rerun_s']:.2f} s | |",
        f"| cache re-run as a share of the first run | **{jobs['cache_ratio'] * 100:.1f}%** | < 10% |",
    ]
    for row in data:
        lines.append(
            f"| `fix` JSONL {row['mb']:.0f} MB, `--jobs 2` | {row['mb_per_s']:.1f} MB/s, peak RSS {row['peak_rss_mb']:.0f} MB | flat RSS |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
