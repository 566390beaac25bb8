"""The ``cleaner`` command: a thin shell over ``cleaner.runner``.

Exit codes (pre-commit's convention, relied on by hooks and CI):
0 nothing to report; 1 findings at or above ``--fail-on``, fixes pending
(check) or files changed (fix); 2 usage, configuration or I/O error.
"""

import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from cleaner import __version__

_APP_SETTINGS = dict(
    name="cleaner",
    help="Clean and QA news content: mojibake, Unicode damage, boilerplate, profanity, MT artifacts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app = typer.Typer(**_APP_SETTINGS)  # type: ignore[arg-type]


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"


EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

PathsArg = Annotated[list[str], typer.Argument(help="Files or folders (folders are walked).", show_default=False)]
SelectOpt = Annotated[
    Optional[str], typer.Option("--select", help="Comma-separated codes, prefixes or categories to enable (replaces the config's).")
]
IgnoreOpt = Annotated[Optional[str], typer.Option("--ignore", help="Comma-separated codes, prefixes or categories to disable.")]
ExtendOpt = Annotated[Optional[str], typer.Option("--extend-select", help="Codes to enable on top of the selection.")]
FailOnOpt = Annotated[Optional[str], typer.Option("--fail-on", help="Lowest severity that fails the run: info, warning or error.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]
LangOpt = Annotated[Optional[str], typer.Option("--language", help="Language of every file (ar, vi, en), instead of detecting it.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Use this cleaner.toml / pyproject.toml for every file.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only findings and errors, no summary.")]
ReportOpt = Annotated[
    Optional[Path],
    typer.Option("--report", help="Write a report file: .html, .md, .json or .sarif (with fix: the diff report, every change listed)."),
]
NoBaselineOpt = Annotated[bool, typer.Option("--no-baseline", help="Report findings that the baseline file accepts.")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: all cores; 1: no pool).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the result cache.")]
CacheDirOpt = Annotated[Optional[Path], typer.Option("--cache-dir", help="Cache folder (default .cleaner_cache, or $CLEANER_CACHE_DIR).")]
TextFieldOpt = Annotated[str, typer.Option("--text-field", help="Datasets (.jsonl, .parquet): the field holding the text.")]
FindingsFieldOpt = Annotated[Optional[str], typer.Option("--findings-field", help="Datasets: add each record's findings in this field.")]
FindingsFileOpt = Annotated[
    Optional[Path], typer.Option("--findings-file", help="Datasets: write per-record findings to this JSON Lines file.")
]
DropIfOpt = Annotated[
    Optional[str], typer.Option("--drop-if", help="Datasets: drop records with findings in these categories (comma-separated).")
]
MaxSizeOpt = Annotated[
    Optional[str],
    typer.Option("--max-size", help="Refuse files larger than this (bytes, or with K, M, G; 0: no limit). Default 64M."),
]
EngineOpt = Annotated[str, typer.Option("--engine", help="local, or dask (with --scheduler ADDRESS, or a local cluster).")]
SchedulerOpt = Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786.")]


def _split(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(t.strip() for t in value.split(",") if t.strip())


def _fail(message: str) -> typer.Exit:
    typer.echo(f"cleaner: error: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def parse_size(value: str) -> int:
    """``64M`` -> 67108864; binary multiples, as `du` and `ls -h` use them."""
    match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)i?B?\s*", value, re.IGNORECASE)
    if not match:
        raise ValueError(value)
    return int(match.group(1)) << {"": 0, "K": 10, "M": 20, "G": 30}[match.group(2).upper()]


def _options(select, ignore, extend, language, config, unsafe=False, no_baseline=False, max_size=None):  # type: ignore[no-untyped-def]
    from cleaner.config import ConfigError, load_file
    from cleaner.document import LANGUAGES
    from cleaner.registry import unknown_selectors
    from cleaner.runner import Options

    sel, ign, ext = _split(select), _split(ignore) or (), _split(extend) or ()
    bad = unknown_selectors([*(sel or ()), *ign, *ext])
    if bad:
        raise _fail(f"unknown rule code or category: {', '.join(bad)} (see `cleaner rules`)")
    if language is not None and language not in LANGUAGES:
        raise _fail(f"--language must be one of {', '.join(LANGUAGES)}")
    cfg = None
    if config is not None:
        try:
            cfg = load_file(config)
        except ConfigError as exc:
            raise _fail(str(exc)) from None
        if cfg is None:
            raise _fail(f"{config}: no [tool.cleaner] table")
    extra = {}
    if max_size is not None:
        try:
            extra["max_bytes"] = parse_size(max_size)
        except ValueError:
            raise _fail(f"--max-size: {max_size!r} is not a size (e.g. 200M, 1G, 0 for no limit)") from None
    return Options(
        select=sel, ignore=ign, extend_select=ext, language=language, unsafe_fixes=unsafe, config=cfg, no_baseline=no_baseline, **extra
    )


def _collect(
    paths: list[str],
    opts,
    mode: str,
    jobs: int | None = None,
    no_cache: bool = True,
    cache_dir: Path | None = None,
    client=None,
    quiet: bool = True,
    finish=None,
    deliver=None,
):  # type: ignore[no-untyped-def]
    """The targets named by ``paths`` and their results.  ``finish`` (such
    as ``cleaner.delivery.Slim``) is done to each result in the process that
    computed it, ``deliver(result, path)`` here as each arrives, while the
    workers go on; a distributed engine does neither."""
    from cleaner import batch
    from cleaner.config import ConfigError, config_for
    from cleaner.walk import expand

    def conf(p: Path):  # type: ignore[no-untyped-def]
        return opts.config or config_for(p)

    try:
        targets = list(expand(paths, lambda p: conf(p).extensions, lambda p: conf(p).excluded(p)))
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    cache = None
    if not no_cache:
        from cleaner.cache import ResultCache

        cache = ResultCache(cache_dir or Path(os.environ.get("CLEANER_CACHE_DIR", ".cleaner_cache")))
    if jobs is not None and jobs < 0:
        raise _fail("--jobs must be 0 (all cores) or more")
    if client is not None:
        from cleaner.distributed import run_files

        return targets, run_files(client, targets, opts, mode)
    from cleaner import progress
    from cleaner.report.common import locate

    workers = batch.default_jobs() if not jobs else jobs
    paths_of = {t.display: t.path for t in targets}
    with progress.bar(len(targets), quiet=quiet) as advance:

        def done(result):  # type: ignore[no-untyped-def]
            locate(result)  # while the workers are busy, not after them
            if deliver is not None:
                deliver(result, paths_of[result.path])
            if advance is not None:
                advance(result)

        results = batch.run(targets, opts, mode, jobs=workers, cache=cache, on_done=done, finish=finish)
    return targets, results


def _split_datasets(paths: list[str], fmt: Format) -> tuple[list[str], list[str]]:
    """Dataset files named on the command line go their own way; folders are
    walked for articles only."""
    from cleaner.walk import is_dataset

    datasets = [p for p in paths if ("://" in p or Path(p).is_file()) and is_dataset(Path(p.split("?")[0]))]
    if datasets and fmt is Format.sarif:
        raise _fail("--format sarif describes files, not dataset records (use --format json or --findings-file)")
    return [p for p in paths if p not in datasets], datasets


def _dataset_destination(src: str, out: Path | None, single: bool) -> Path | None:
    from cleaner.delivery import relative_for_out
    from cleaner.walk import is_dataset

    if out is None:
        return None if "://" in src else Path(src)
    if single and is_dataset(out):
        return out
    return out / (Path(src.split("://", 1)[-1]).name if "://" in src else relative_for_out(Path(src)))


def _run_datasets(
    datasets: list[str],
    opts,
    mode: str,
    *,
    out: Path | None,
    write: bool,
    text_field: str,
    findings_field: str | None,
    findings_file: Path | None,
    drop_if: str | None,
    jobs: int | None,
    client=None,
):  # type: ignore[no-untyped-def]
    from cleaner import batch
    from cleaner.datasets import make_job, run_dataset
    from cleaner.registry import Category

    drop = _split(drop_if) or ()
    bad = [c for c in drop if c not in {x.value for x in Category}]
    if bad:
        raise _fail(f"--drop-if takes categories; unknown: {', '.join(bad)}")
    summaries = []
    for src in datasets:
        local = Path(src) if "://" not in src else None
        job = make_job(local or Path("."), opts, mode, text_field, findings_field, drop)
        dst = _dataset_destination(src, out, len(datasets) == 1) if write else None
        side = (
            findings_file
            if len(datasets) == 1 or findings_file is None
            else findings_file.with_name(f"{Path(src).stem}.{findings_file.name}")
        )
        import time

        started = time.perf_counter()
        try:
            if client is not None:
                from cleaner.distributed import fix_dataset

                summary = fix_dataset(client, src, dst, job, findings_file=side)
            else:
                summary = run_dataset(local or src, dst, job, jobs=batch.default_jobs() if not jobs else jobs, findings_file=side)
        except (OSError, ValueError) as exc:
            summaries.append((src, None, f"{getattr(exc, 'strerror', None) or exc}"))
            continue
        summaries.append((src, summary, None))
        elapsed = time.perf_counter() - started
        size = local.stat().st_size if local is not None else 0
        typer.echo(
            f"{src}: {summary.records} records in {elapsed:.1f} s: {summary.records / max(elapsed, 1e-9):.0f} records/s"
            + (f", {size / 1e6 / max(elapsed, 1e-9):.1f} MB/s" if size else ""),
            err=True,
        )
    return summaries


def _emit_datasets(summaries, fmt: Format, *, fixing: bool) -> None:  # type: ignore[no-untyped-def]
    import json

    if fmt is Format.json:
        data = {"version": 1, "datasets": [{"path": src, "error": err, **(s.as_dict() if s else {})} for src, s, err in summaries]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    for src, s, err in summaries:
        if err:
            typer.echo(f"{src}: error: {err}")
            continue
        cats = ", ".join(f"{k}: {v}" for k, v in sorted(s.categories.items()))
        verb = "changed" if fixing else "would change"
        typer.echo(
            f"{src}: {s.records} records, {s.changed} {verb}, {s.dropped} dropped, {s.with_findings} with findings"
            + (f" ({cats})" if cats else "")
            + "."
        )
        for number, why in s.bad_records[:20]:
            typer.echo(f"{src}:{number}: record passed through unchanged: {why}")
        if len(s.bad_records) > 20:
            typer.echo(f"{src}: … and {len(s.bad_records) - 20} more unprocessable records")


def _dataset_phase(datasets: list[str], opts, mode: str, fmt: Format, fail_on: str | None, client, **kw):  # type: ignore[no-untyped-def]
    """Run and report the datasets named on the command line; their exit code."""
    summaries = _run_datasets(datasets, opts, mode, client=client, **kw)
    _emit_datasets(summaries, fmt, fixing=mode == "fix")
    return summaries, _datasets_exit(summaries, _fail_on(fail_on, []), fixing=mode == "fix")


def _datasets_exit(summaries, fail_on, *, fixing: bool) -> int:  # type: ignore[no-untyped-def]
    from cleaner.datasets import fails

    if any(err for _, _, err in summaries):
        return EXIT_ERROR
    return EXIT_FINDINGS if any(fails(s, fail_on, fixing=fixing) for _, s, _ in summaries) else EXIT_OK


def _engine_client(engine: str, scheduler: str | None, jobs: int | None):  # type: ignore[no-untyped-def]
    """A context manager yielding a Dask client, or None for the local engine."""
    import contextlib

    if engine == "local":
        if scheduler:
            raise _fail("--scheduler needs --engine dask")
        return contextlib.nullcontext(None)
    if engine != "dask":
        raise _fail("--engine must be local or dask")
    try:
        from cleaner.distributed import client_for
    except ImportError:
        raise _fail("--engine dask needs dask[distributed]: pip install 'cleaner[scale]'") from None
    from cleaner import batch

    return client_for(scheduler, jobs or batch.default_jobs())


def _fail_on(value: str | None, results) -> object:  # type: ignore[no-untyped-def]
    from cleaner.finding import Severity

    if value is not None:
        try:
            return Severity.parse(value)
        except ValueError as exc:
            raise _fail(str(exc)) from None
    configs = [r.config for r in results if r.config is not None]
    return min((c.fail_on for c in configs), default=Severity.WARNING)


def _write_report(path: Path, results, *, fixing: bool) -> None:  # type: ignore[no-untyped-def]
    from cleaner.report import diff, json_report

    suffix = path.suffix.lower()
    if suffix == ".json":
        body = diff.report_json(results) if fixing else json_report.render(results, with_readability=True)
    elif suffix == ".sarif":
        from cleaner.report import sarif

        body = sarif.render(results)
    elif suffix == ".md":
        from cleaner.report import markdown

        body = markdown.render(results, fixing=fixing)
    elif suffix in (".html", ".htm"):
        from cleaner.report import html

        body = html.render(results, fixing=fixing)
    else:
        raise _fail(f"--report: unknown report type {suffix!r} (use .html, .md, .json or .sarif)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"--report {path}: {exc.strerror or exc}") from None


def _emit(results, fmt: Format, *, fixing: bool, quiet: bool) -> None:  # type: ignore[no-untyped-def]
    if fmt is Format.json:
        from cleaner.report import json_report

        sys.stdout.write(json_report.render(results))
        return
    if fmt is Format.sarif:
        from cleaner.report import sarif

        sys.stdout.write(sarif.render(results))
        return
    from cleaner.report import text

    out = text.render(results, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ, fixing=fixing)
    if quiet:
        out = "".join(line + "\n" for line in out.splitlines() if ": " in line and not line.startswith(("Checked:", "Fixed:", "[*]")))
    sys.stdout.write(out)


def _rate_line(results, started: float, quiet: bool) -> None:  # type: ignore[no-untyped-def]
    """Files/s and MB/s for long runs, on stderr so stdout stays comparable."""
    import time

    elapsed = time.perf_counter() - started
    if quiet or (elapsed < 2 and len(results) < 100):
        return
    size = sum(len(r.raw) for r in results)
    typer.echo(
        f"{len(results)} files, {size / 1e6:.1f} MB in {elapsed:.1f} s: {len(results) / elapsed:.0f} files/s, {size / 1e6 / elapsed:.1f} MB/s",
        err=True,
    )


def _exit_code(results, fail_on, *, fixing: bool) -> int:  # type: ignore[no-untyped-def]
    from cleaner.report.common import fails

    if any(r.error for r in results):
        return EXIT_ERROR
    return EXIT_FINDINGS if fails(results, fail_on, fixing=fixing) else EXIT_OK


@app.command()
def check(
    paths: PathsArg,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    extend_select: ExtendOpt = None,
    fail_on: FailOnOpt = None,
    format: FormatOpt = Format.text,
    language: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    report: ReportOpt = None,
    no_baseline: NoBaselineOpt = False,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    text_field: TextFieldOpt = "text",
    findings_file: FindingsFileOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    max_size: MaxSizeOpt = None,
) -> None:
    """Report findings; change nothing."""
    import time

    started = time.perf_counter()
    opts = _options(select, ignore, extend_select, language, config, no_baseline=no_baseline, max_size=max_size)
    files, datasets = _split_datasets(paths, format)
    with _engine_client(engine, scheduler, jobs) as client:
        code = EXIT_OK
        if datasets:
            _, code = _dataset_phase(
                datasets,
                opts,
                "check",
                format,
                fail_on,
                client,
                out=None,
                write=False,
                text_field=text_field,
                findings_field=None,
                findings_file=findings_file,
                drop_if=None,
                jobs=jobs,
            )
            if not files:
                raise typer.Exit(code)
        from cleaner.delivery import Slim

        slimmed = Slim() if format is Format.text and report is None else None
        _, results = _collect(files, opts, "check", jobs, no_cache, cache_dir, client, quiet=quiet, finish=slimmed)
    threshold = _fail_on(fail_on, results)
    _emit(results, format, fixing=False, quiet=quiet)
    _rate_line(results, started, quiet)
    if report is not None:
        _write_report(report, results, fixing=False)
    raise typer.Exit(max(code, _exit_code(results, threshold, fixing=False)))


@app.command()
def fix(
    paths: PathsArg,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write cleaned copies under this folder; leave inputs alone.")] = None,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff; write nothing.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply fixes marked unsafe.")] = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    extend_select: ExtendOpt = None,
    fail_on: FailOnOpt = None,
    format: FormatOpt = Format.text,
    language: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    report: ReportOpt = None,
    no_baseline: NoBaselineOpt = False,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    text_field: TextFieldOpt = "text",
    findings_field: FindingsFieldOpt = None,
    findings_file: FindingsFileOpt = None,
    drop_if: DropIfOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    max_size: MaxSizeOpt = None,
) -> None:
    """Apply safe fixes in place (or under --out); exit 1 when a file changed.

    Datasets (.jsonl, .parquet) named on the command line are cleaned record
    by record: `cleaner fix data.jsonl --out clean.jsonl`."""
    import time

    started = time.perf_counter()
    opts = _options(select, ignore, extend_select, language, config, unsafe=unsafe_fixes, no_baseline=no_baseline, max_size=max_size)
    _fail_on(fail_on, [])  # a bad --fail-on is a usage error before any file is written
    files, datasets = _split_datasets(paths, format)
    with _engine_client(engine, scheduler, jobs) as client:
        code = EXIT_OK
        if datasets:
            _, code = _dataset_phase(
                datasets,
                opts,
                "fix",
                format,
                fail_on,
                client,
                out=out,
                write=not diff,
                text_field=text_field,
                findings_field=findings_field,
                findings_file=findings_file,
                drop_if=drop_if,
                jobs=jobs,
            )
            if not files:
                raise typer.Exit(code)
        from cleaner.delivery import Slim, Writer

        slimmed = format is Format.text and report is None and not diff
        with Writer(out, drop_bytes=slimmed) as writer:
            targets, results = _collect(
                files,
                opts,
                "fix",
                jobs,
                no_cache,
                cache_dir,
                client,
                quiet=quiet,
                finish=Slim(keep_bytes=True) if slimmed else None,
                deliver=None if diff else writer,
            )
    threshold = _fail_on(fail_on, results)
    if diff:
        from cleaner.report.diff import unified

        for r in results:
            if r.error:
                typer.echo(f"cleaner: {r.path}: error: {r.error}", err=True)
            elif r.changed:
                sys.stdout.write(unified(r))
        if report is not None:
            _write_report(report, results, fixing=True)
        raise typer.Exit(max(code, _exit_code(results, threshold, fixing=True)))
    from cleaner.delivery import write_fixed

    for target, r in zip(targets, results, strict=True):  # results come in the targets' order
        write_fixed(r, target.path, out)  # those a distributed engine computed; the others are on disk already
    _emit(results, format, fixing=True, quiet=quiet)
    _rate_line(results, started, quiet)
    if report is not None:
        _write_report(report, results, fixing=True)
    raise typer.Exit(max(code, _exit_code(results, threshold, fixing=True)))


@app.command()
def rules(
    format: Annotated[str, typer.Option("--format", help="text, json or markdown.")] = "text",
) -> None:
    """List every rule: code, name, category, default, fix safety."""
    import json

    from cleaner.registry import catalog

    rows = catalog()
    if format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "category": r.category.value,
                "severity": r.severity.label,
                "fix": r.fix_safety.label if r.fix_safety is not None else None,
                "languages": sorted(r.langs) if r.langs else "all",
                "default": r.default,
                "summary": r.summary,
            }
            for r in rows
        ]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif format == "markdown":
        typer.echo("| code | name | category | default | fix | languages | what it does |")
        typer.echo("|---|---|---|---|---|---|---|")
        for r in rows:
            langs = ", ".join(sorted(r.langs)) if r.langs else "all"
            fixlabel = r.fix_safety.label if r.fix_safety is not None else "report only"
            typer.echo(
                f"| {r.code} | {r.name} | {r.category.value} | {'on' if r.default else 'off'} | {fixlabel} | {langs} | {r.summary} |"
            )
    elif format == "text":
        for r in rows:
            fixlabel = r.fix_safety.label if r.fix_safety is not None else "-"
            typer.echo(f"{r.code}  {r.name:<32} {r.category.value:<15} {'on ' if r.default else 'off'}  fix:{fixlabel:<7} {r.summary}")
    else:
        raise _fail("--format must be text, json or markdown")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code, e.g. MOJ001.")]) -> None:
    """Print a rule's documentation."""
    from cleaner.registry import by_code

    rule = by_code().get(code.upper())
    if rule is None:
        raise _fail(f"no rule {code!r} (see `cleaner rules`)")
    langs = ", ".join(sorted(rule.langs)) if rule.langs else "all"
    fixlabel = rule.fix_safety.label if rule.fix_safety is not None else "none (report only)"
    typer.echo(f"# {rule.code} {rule.name}\n")
    typer.echo(
        f"category: {rule.category.value}; severity: {rule.severity.label}; fix: {fixlabel}; languages: {langs}; default: {'on' if rule.default else 'off'}\n"
    )
    typer.echo(rule.doc)


@app.command()
def stats(
    paths: PathsArg,
    format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    language: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Readability per file, now and after a safe fix (computed in memory;
    nothing is written).  The metric fits the language: Flesch reading ease
    (en), OSMAN (ar), words per sentence (vi)."""
    import json

    from cleaner.report.common import readability_rows

    if format not in ("text", "json"):
        raise _fail("--format must be text or json")
    opts = _options(None, None, None, language, config)
    _, results = _collect(paths, opts, "fix", quiet=quiet)
    rows = readability_rows(results, fixing=True)
    for r in results:
        if r.error:
            typer.echo(f"cleaner: {r.path}: error: {r.error}", err=True)
    if format == "json":
        typer.echo(json.dumps({"version": 1, "files": rows}, ensure_ascii=False, indent=1))
    else:
        width = max((len(row["path"]) for row in rows), default=4)
        typer.echo(f"{'file':<{width}}  lang  {'metric':<20} {'words':>7} {'now':>8} {'fixed':>8}")
        for row in rows:
            typer.echo(
                f"{row['path']:<{width}}  {row['language']:<4}  {row['metric']:<20} {row['words_before']:>7} {row['before']:>8.2f} {row['after']:>8.2f}"
            )
        skipped = len(results) - len(rows) - sum(1 for r in results if r.error)
        if skipped and not quiet:
            typer.echo(f"({skipped} files without a readability formula for their language, or without sentences)")
    raise typer.Exit(EXIT_ERROR if any(r.error for r in results) else EXIT_OK)


@app.command()
def baseline(
    paths: PathsArg,
    output: Annotated[
        Optional[Path], typer.Option("--output", help="Baseline file (default: the config's `baseline`, else .cleaner-baseline.json).")
    ] = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    language: LangOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Accept every current finding in PATHS, so hooks fail only on new ones."""
    from cleaner.baseline import Baseline

    opts = _options(select, ignore, None, language, config, no_baseline=True)
    _, results = _collect(paths, opts, "check")
    errors = [r for r in results if r.error]
    for r in errors:
        typer.echo(f"cleaner: {r.path}: error: {r.error}", err=True)
    cfgs = [r.config for r in results if r.config is not None and r.config.baseline is not None]
    target = output or (cfgs[0].baseline if cfgs else Path(".cleaner-baseline.json"))
    assert target is not None
    try:
        base = Baseline.load(target)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    total = 0
    for r in results:
        if not r.error:
            total += base.record(Path(r.path), r.findings, r.original)
    base.save()
    typer.echo(f"Accepted {total} finding(s) in {target}.")
    raise typer.Exit(EXIT_ERROR if errors else EXIT_OK)


@app.command()
def learn(
    paths: PathsArg,
    output: Annotated[Path, typer.Option("--output", help="Pack folder to write (<lang>/boilerplate.toml inside).")] = Path(
        "learned-packs"
    ),
    min_files: Annotated[int, typer.Option("--min-files", help="A line must occur in at least this many files.")] = 5,
    min_share: Annotated[float, typer.Option("--min-share", help="…and in at least this share of the files read (0–1).")] = 0.3,
) -> None:
    """Learn a site's own furniture: lines repeated across many files become a rule pack."""
    from cleaner.learn import learn as learn_lines
    from cleaner.learn import write_pack
    from cleaner.walk import discover

    if min_files < 2 or not 0 < min_share <= 1:
        raise _fail("--min-files must be at least 2 and --min-share within (0, 1]")
    targets = [t.path for t in discover(paths) if not t.problem]
    learned, total = learn_lines(targets, min_files=min_files, min_share=min_share)
    written = write_pack(learned, total, output, min_files=min_files, min_share=min_share)
    typer.echo(f"Read {total} files; learned {len(learned)} repeated line(s).")
    for item in learned[:20]:
        typer.echo(f"  {item.files:>5} files  {item.line}")
    for path in written:
        typer.echo(f"Wrote {path}")
    if written:
        typer.echo(f'Use it: add packs = ["{output}"] to [tool.cleaner] (paths are relative to the config file).')


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")] = False,
) -> None:
    """Clean and QA news content."""


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command the arguments name, when they name one.

    Typer turns every command's signature into click parameters before it
    parses anything (type hints evaluated, about sixty options): a hook
    runs one command and paid for all seven, 10 ms of its start.  Help,
    usage errors and the command's own behaviour are those of the full app;
    anything else (no command, ``--version``, a misspelt command) gets it."""
    chosen = [c for c in app.registered_commands if args and _command_name(c) == args[0]]
    if len(chosen) != 1:
        return app
    narrow = typer.Typer(**_APP_SETTINGS)  # type: ignore[arg-type]
    narrow.registered_callback = app.registered_callback
    narrow.registered_commands = chosen
    return narrow


def _command_name(info: typer.models.CommandInfo) -> str:
    from typer.main import get_command_name

    return info.name or get_command_name(info.callback.__name__)  # type: ignore[union-attr]


def run() -> None:
    """Entry point: usage errors exit 2, as the contract says."""
    try:
        _app_for(sys.argv[1:])()
    except KeyboardInterrupt:
        sys.exit(130)
