"""Dask: the same pipeline on a cluster, for when one machine is not enough.

Work is cut exactly as locally (chunks of records, or one task per file) and
results are collected in input order, so the output is byte-identical to a
local run.  Users who already have a ``dask.distributed.Client`` call
``fix_dataset`` / ``run_files`` with it; the CLI's ``--engine dask
--scheduler ADDRESS`` connects to a running scheduler, or starts a local
cluster when no address is given.  Dask is imported only here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cleaner.datasets import DatasetJob, DatasetSummary, run_dataset
from cleaner.runner import FileResult, Options, process_file
from cleaner.walk import Target


@contextmanager
def client_for(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client for ``scheduler``, or for a fresh LocalCluster of ``workers``."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _submitter(client: Any):  # type: ignore[no-untyped-def]
    return lambda fn, *args: client.submit(fn, *args, pure=False)


def fix_dataset(client: Any, src: str | Path, dst: Path | None, job: DatasetJob, *, findings_file: Path | None = None) -> DatasetSummary:
    """Process a JSONL or Parquet dataset (any path or URL fsspec reads) on ``client``."""
    workers = max(1, sum(client.nthreads().values()))
    return run_dataset(src, dst, job, jobs=workers, findings_file=findings_file, submit=_submitter(client))


def run_files(client: Any, targets: Sequence[Target], opts: Options, mode: str) -> list[FileResult]:
    """One task per file; results in the order of ``targets``."""
    results: list[FileResult | None] = [None] * len(targets)
    futures = {}
    for i, target in enumerate(targets):
        if target.problem:
            results[i] = FileResult(path=target.display, error=target.problem)
        else:
            futures[i] = client.submit(process_file, target.path, target.display, opts, mode=mode, pure=False)
    for i, future in futures.items():
        results[i] = future.result()
    return results  # type: ignore[return-value]
