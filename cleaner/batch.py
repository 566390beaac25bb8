"""Many files at once: all cores, deterministic order, optional cache.

Results come back in the order of the targets whatever order workers finish
in, so output and exit code are identical to a single-process run.  Large
files are submitted first, so one big file does not leave a core idle at the
end (skewed sizes balance out).  Small runs, such as a pre-commit hook's
handful of files, stay in-process: a pool costs more than it saves there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.runner import FileResult, Options, process_file
from cleaner.walk import Target

if TYPE_CHECKING:
    from cleaner.cache import ResultCache

# Done to each result where it was computed (such as ``cleaner.delivery.Slim``).
Finish = Callable[[FileResult, Path], None]

MIN_FILES_FOR_POOL = 4
MAX_CHUNK = 32

_worker_cache: ResultCache | None = None


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _init_worker(cache_folder: str | None) -> None:
    global _worker_cache
    if cache_folder:
        from cleaner.cache import ResultCache

        _worker_cache = ResultCache(Path(cache_folder))
    else:
        _worker_cache = None


def _work_chunk(chunk: Sequence[Target], opts: Options, mode: str, finish: Finish | None) -> list[FileResult]:
    return [_process(t, opts, mode, _worker_cache, finish) for t in chunk]


def _process(target: Target, opts: Options, mode: str, cache: ResultCache | None, finish: Finish | None) -> FileResult:
    result = process_file(target.path, target.display, opts, mode=mode, cache=cache)
    if finish is not None:
        finish(result, target.path)
    return result


def run(
    targets: Sequence[Target],
    opts: Options,
    mode: str,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
    on_done: Callable[[FileResult], None] | None = None,
    finish: Finish | None = None,
) -> list[FileResult]:
    """Results of ``targets`` in their order.  ``finish`` runs in the
    process that computed each result (see ``cleaner.delivery``);
    ``on_done`` in this one, as each arrives."""
    results: list[FileResult | None] = [None] * len(targets)
    work: list[int] = []
    for i, target in enumerate(targets):
        if target.problem:
            results[i] = FileResult(path=target.display, error=target.problem)
        else:
            work.append(i)
    if jobs <= 1 or len(work) < MIN_FILES_FOR_POOL:
        for i in work:
            results[i] = _process(targets[i], opts, mode, cache, finish)
            if on_done:
                on_done(results[i])  # type: ignore[arg-type]
        return results  # type: ignore[return-value]
    import multiprocessing  # here, not at the top: a hook on a few files never starts a pool
    from concurrent.futures import ProcessPoolExecutor, as_completed

    sizes = {i: _size(targets[i].path) for i in work}
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    folder = str(cache.folder) if cache is not None else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(folder,)) as pool:
        futures = {pool.submit(_work_chunk, [targets[i] for i in chunk], opts, mode, finish): chunk for chunk in chunked(work, sizes, jobs)}
        for future in as_completed(futures):
            for i, result in zip(futures[future], future.result(), strict=True):
                results[i] = result
                if on_done:
                    on_done(result)
    return results  # type: ignore[return-value]


def chunked(work: Sequence[int], sizes: dict[int, int], jobs: int) -> list[list[int]]:
    """Files grouped into tasks, largest first.  A task per small file costs
    a round trip between processes each; a task holds files up to about
    1/(16*jobs) of all the bytes, and at most ``MAX_CHUNK`` of them, so the
    last tasks are small and the cores finish together even when sizes are
    skewed."""
    order = sorted(work, key=lambda i: sizes[i], reverse=True)
    budget = max(1, sum(sizes.values()) // (16 * jobs))
    chunks: list[list[int]] = []
    current: list[int] = []
    held = 0
    for i in order:
        if current and (held + sizes[i] > budget or len(current) >= MAX_CHUNK):
            chunks.append(current)
            current, held = [], 0
        current.append(i)
        held += sizes[i]
    if current:
        chunks.append(current)
    return chunks


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
