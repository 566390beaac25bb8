"""Datasets: JSON Lines and Parquet, record by record, in constant memory.

A data team's crawl is one big file of records, not a tree of articles.
Each record's text field goes through the same rules as a file; every other
field is kept.  Records stream through a bounded window of work, so memory
stays flat however large the file; records that cannot be processed (bad
JSON, a missing or non-text field) pass through unchanged and are reported
by line number, never dropped silently.  ``drop_if`` lets a team drop records
whose findings fall in chosen categories, counted in the summary.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from cleaner.config import Config
from cleaner.finding import Safety, Severity
from cleaner.io import locked_temp
from cleaner.runner import Options, context_for, effective_config, process_text

if TYPE_CHECKING:
    from concurrent.futures import Future

CHUNK = 1000  # records per unit of work


class DatasetJob(Struct, frozen=True):
    """Everything a worker needs to process records, picklable."""

    config: Config
    opts: Options
    text_field: str
    findings_field: str | None
    mode: str  # "check" or "fix"
    drop_if: frozenset[str] = frozenset()
    source: str = ""


class DatasetSummary(Struct):
    records: int = 0
    changed: int = 0
    dropped: int = 0
    with_findings: int = 0
    max_severity: int = -1
    categories: Counter[str] = field(default_factory=Counter)
    bad_records: list[tuple[int, str]] = field(default_factory=list)  # (line or row number, reason)
    record_findings: list[tuple[int, list[dict[str, Any]]]] = field(default_factory=list)

    def add(self, other: DatasetSummary) -> None:
        self.records += other.records
        self.changed += other.changed
        self.dropped += other.dropped
        self.with_findings += other.with_findings
        self.max_severity = max(self.max_severity, other.max_severity)
        self.categories.update(other.categories)
        self.bad_records.extend(other.bad_records)

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "changed": self.changed,
            "dropped": self.dropped,
            "with_findings": self.with_findings,
            "findings": dict(sorted(self.categories.items())),
            "bad_records": [{"record": n, "error": why} for n, why in self.bad_records],
        }


def _clean_record(text: str, job: DatasetJob, rules, ctx) -> tuple[str, list[dict[str, Any]], set[str], int]:  # type: ignore[no-untyped-def]
    apply = None if job.mode == "check" else (Safety.UNSAFE if (job.opts.unsafe_fixes or job.config.unsafe_fixes) else Safety.SAFE)
    _, outcome = process_text(text, rules=rules, ctx=ctx, language=job.opts.language, apply=apply)
    findings = [
        {
            "code": f.code,
            "category": f.category.value,
            "severity": f.severity.label,
            "start": f.start,
            "end": f.end,
            "message": f.message,
            "fixed": f.applied,
        }
        for f in outcome.findings
    ]
    cats = {f.category.value for f in outcome.findings}
    worst = max((int(f.severity) for f in outcome.findings if not f.applied), default=-1)
    return outcome.text, findings, cats, worst


def process_records(records: list[tuple[int, Any]], job: DatasetJob) -> tuple[list[Any], DatasetSummary]:
    """Process one chunk: ``records`` are (number, record-or-raw-line).

    A record that is a str is a JSON line not yet parsed; dicts come from
    Parquet.  Returns the output records (dicts, or raw lines for pass-through)
    in order, and the chunk's summary.
    """
    rules = job.config.rules_for(Path(job.source) if job.source else None)
    ctx = context_for(job.config, job.opts.unsafe_fixes)
    summary = DatasetSummary()
    out: list[Any] = []
    for number, record in records:
        summary.records += 1
        raw = record if isinstance(record, str) else None
        if raw is not None:
            try:
                record = json.loads(raw)
            except ValueError as exc:
                summary.bad_records.append((number, f"not JSON: {exc}"))
                out.append(raw)
                continue
        if not isinstance(record, dict) or not isinstance(record.get(job.text_field), str):
            summary.bad_records.append((number, f"no text field {job.text_field!r}"))
            out.append(raw if raw is not None else record)
            continue
        text = record[job.text_field]
        new_text, findings, cats, worst = _clean_record(text, job, rules, ctx)
        if findings:
            summary.record_findings.append((number, findings))
            summary.with_findings += 1
            summary.categories.update(f["category"] for f in findings)
            summary.max_severity = max(summary.max_severity, worst)
        if cats & job.drop_if:
            summary.dropped += 1
            continue
        if new_text != text:
            summary.changed += 1
        record = dict(record)
        record[job.text_field] = new_text
        if job.findings_field:
            record[job.findings_field] = findings
        out.append(record)
    return out, summary


Submit = Callable[..., "Future[tuple[list[Any], DatasetSummary]]"]


def _windowed(
    chunks: Iterable[list[tuple[int, Any]]], job: DatasetJob, jobs: int, submit: Submit | None = None
) -> Iterator[tuple[list[Any], DatasetSummary]]:
    """Results in input order with at most ``2 * jobs`` chunks in flight.

    ``submit`` lets another engine (a Dask client) do the work: anything
    whose ``submit(fn, *args)`` returns a future with ``result()`` fits.
    """
    if submit is None and jobs <= 1:
        for chunk in chunks:
            yield process_records(chunk, job)
        return
    pool = None
    if submit is None:
        from concurrent.futures import ProcessPoolExecutor  # a pool only for parallel work

        pool = ProcessPoolExecutor(max_workers=jobs)
        submit = pool.submit
    try:
        window: list[Future[tuple[list[Any], DatasetSummary]]] = []
        for chunk in chunks:
            window.append(submit(process_records, chunk, job))
            if len(window) >= 2 * max(jobs, 1):
                yield window.pop(0).result()
        for future in window:
            yield future.result()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _chunks(numbered: Iterable[tuple[int, Any]], size: int = CHUNK) -> Iterator[list[tuple[int, Any]]]:
    chunk: list[tuple[int, Any]] = []
    for item in numbered:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _open_binary(src: Path | str):  # type: ignore[no-untyped-def]
    """Local paths directly; URLs (s3://, gcs://, http://, ...) through fsspec."""
    if isinstance(src, Path) or "://" not in src:
        return open(src, "rb")  # noqa: SIM115 - the caller closes it
    import fsspec

    return fsspec.open(src, "rb").open()


def _jsonl_lines(src: Path | str) -> Iterator[tuple[int, str]]:
    import io as _io

    with _open_binary(src) as raw, _io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="") as handle:
        for number, line in enumerate(handle, 1):
            stripped = line.rstrip("\r\n")
            if stripped.strip():
                yield number, stripped


@contextmanager
def _atomic_output(dst: Path | None) -> Iterator[Path | None]:
    """A temporary path beside ``dst`` that replaces it only on success, so a
    crash leaves the old file (or none), never half a dataset."""
    if dst is None:
        yield None
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    with locked_temp(dst) as (_fd, name):
        yield Path(name)
        os.replace(name, dst)


def _dump(record: Any) -> str:
    return record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)


def run_jsonl(
    src: Path | str,
    dst: Path | None,
    job: DatasetJob,
    *,
    jobs: int = 1,
    on_chunk: Callable[[DatasetSummary], None] | None = None,
    submit: Submit | None = None,
) -> DatasetSummary:
    """Stream ``src`` to ``dst`` (atomically, when given)."""
    summary = DatasetSummary()
    with _atomic_output(dst) as tmp:
        handle = tmp.open("w", encoding="utf-8", errors="surrogateescape", newline="\n") if tmp else None
        try:
            for out, part in _windowed(_chunks(_jsonl_lines(src)), job, jobs, submit):
                if on_chunk:
                    on_chunk(part)
                summary.add(part)
                if handle is not None:
                    handle.writelines(_dump(r) + "\n" for r in out)
        finally:
            if handle is not None:
                handle.close()
    return summary


def run_parquet(
    src: Path | str,
    dst: Path | None,
    job: DatasetJob,
    *,
    jobs: int = 1,
    batch_rows: int = CHUNK,
    on_chunk: Callable[[DatasetSummary], None] | None = None,
    submit: Submit | None = None,
) -> DatasetSummary:
    """Parquet in row batches; the findings column is JSON text (schemas stay simple)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    reader = pq.ParquetFile(_open_binary(src))
    summary = DatasetSummary()

    def numbered() -> Iterator[tuple[int, Any]]:
        row = 0
        for batch in reader.iter_batches(batch_size=batch_rows):
            for record in batch.to_pylist():
                row += 1
                yield row, record

    with _atomic_output(dst) as tmp:
        writer = None
        try:
            for out, part in _windowed(_chunks(numbered(), batch_rows), job, jobs, submit):
                if on_chunk:
                    on_chunk(part)
                summary.add(part)
                if tmp is None or not out:
                    continue
                rows = []
                for record in out:
                    record = dict(record)
                    if job.findings_field and job.findings_field in record:
                        record[job.findings_field] = json.dumps(record[job.findings_field], ensure_ascii=False)
                    rows.append(record)
                table = pa.Table.from_pylist(rows)
                if writer is None:
                    writer = pq.ParquetWriter(tmp, table.schema)
                writer.write_table(table.cast(writer.schema))
        finally:
            if writer is not None:
                writer.close()
    return summary


def run_dataset(
    src: Path | str, dst: Path | None, job: DatasetJob, *, jobs: int = 1, findings_file: Path | None = None, submit: Submit | None = None
) -> DatasetSummary:
    """Process one dataset; per-record findings go to ``findings_file`` (JSON
    Lines of ``{"record": n, "findings": [...]}``) as they stream by."""
    side = findings_file.open("w", encoding="utf-8") if findings_file else None

    def on_chunk(part: DatasetSummary) -> None:
        if side is not None:
            for number, findings in part.record_findings:
                side.write(json.dumps({"record": number, "findings": findings}, ensure_ascii=False) + "\n")
        part.record_findings.clear()  # keep memory flat: the summary keeps counts only

    try:
        if str(src).lower().endswith(".parquet"):
            return run_parquet(src, dst, job, jobs=jobs, on_chunk=on_chunk, submit=submit)
        return run_jsonl(src, dst, job, jobs=jobs, on_chunk=on_chunk, submit=submit)
    finally:
        if side is not None:
            side.close()


def make_job(src: Path, opts: Options, mode: str, text_field: str, findings_field: str | None, drop_if: Iterable[str]) -> DatasetJob:
    return DatasetJob(effective_config(src, opts), opts, text_field, findings_field, mode, frozenset(drop_if), str(src))


def fails(summary: DatasetSummary, fail_on: Severity, *, fixing: bool) -> bool:
    if fixing and (summary.changed or summary.dropped):
        return True
    return summary.max_severity >= int(fail_on)
