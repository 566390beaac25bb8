"""The ``cleaner`` command: a thin shell over ``cleaner.runner``.

Exit codes (pre-commit's convention, relied on by hooks and CI):
0 nothing to report; 1 findings at or above ``--fail-on``, fixes pending
(check) or files changed (fix); 2 usage, configuration or I/O error.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from cleaner import __version__

app = typer.Typer(
    name="cleaner",
    help="Clean and QA news content: mojibake, Unicode damage, boilerplate, profanity, MT artifacts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    text = "text"
    json = "json"


EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

PathsArg = Annotated[list[str], typer.Argument(help="Files or folders (folders are walked).", show_default=False)]
SelectOpt = Annotated[Optional[str], typer.Option("--select", help="Comma-separated codes, prefixes or categories to enable (replaces the config's).")]
IgnoreOpt = Annotated[Optional[str], typer.Option("--ignore", help="Comma-separated codes, prefixes or categories to disable.")]
ExtendOpt = Annotated[Optional[str], typer.Option("--extend-select", help="Codes to enable on top of the selection.")]
FailOnOpt = Annotated[Optional[str], typer.Option("--fail-on", help="Lowest severity that fails the run: info, warning or error.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]
LangOpt = Annotated[Optional[str], typer.Option("--language", help="Language of every file (ar, vi, en), instead of detecting it.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Use this cleaner.toml / pyproject.toml for every file.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only findings and errors, no summary.")]
ReportOpt = Annotated[Optional[Path], typer.Option("--report", help="Write a report file: .json or .md (the diff report for fix).")]
NoBaselineOpt = Annotated[bool, typer.Option("--no-baseline", help="Report findings that the baseline file accepts.")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: all cores; 1: no pool).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the result cache.")]
CacheDirOpt = Annotated[Optional[Path], typer.Option("--cache-dir", help="Cache folder (default .cleaner_cache, or $CLEANER_CACHE_DIR).")]


def _split(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(t.strip() for t in value.split(",") if t.strip())


def _fail(message: str) -> typer.Exit:
    typer.echo(f"cleaner: error: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _options(select, ignore, extend, language, config, unsafe=False, no_baseline=False):  # type: ignore[no-untyped-def]
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
    return Options(select=sel, ignore=ign, extend_select=ext, language=language, unsafe_fixes=unsafe, config=cfg, no_baseline=no_baseline)


def _collect(paths: list[str], opts, mode: str, jobs: int | None = None, no_cache: bool = True, cache_dir: Path | None = None):  # type: ignore[no-untyped-def]
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
    workers = batch.default_jobs() if not jobs else jobs
    results = batch.run(targets, opts, mode, jobs=workers, cache=cache)
    return targets, results


def _fail_on(value: str | None, results) -> "object":  # type: ignore[no-untyped-def]
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
        body = diff.report_json(results) if fixing else json_report.render(results)
    elif suffix == ".md":
        from cleaner.report import markdown

        body = markdown.render(results, fixing=fixing)
    elif suffix in (".html", ".htm"):
        from cleaner.report import html

        body = html.render(results, fixing=fixing)
    else:
        raise _fail(f"--report: unknown report type {suffix!r} (use .json, .md or .html)")
    path.write_text(body, encoding="utf-8")


def _emit(results, fmt: Format, *, fixing: bool, quiet: bool) -> None:  # type: ignore[no-untyped-def]
    if fmt is Format.json:
        from cleaner.report import json_report

        sys.stdout.write(json_report.render(results))
        return
    from cleaner.report import text

    out = text.render(results, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ, fixing=fixing)
    if quiet:
        out = "".join(line + "\n" for line in out.splitlines() if ": " in line and not line.startswith(("Checked:", "Fixed:", "[*]")))
    sys.stdout.write(out)


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
) -> None:
    """Report findings; change nothing."""
    opts = _options(select, ignore, extend_select, language, config, no_baseline=no_baseline)
    _, results = _collect(paths, opts, "check", jobs, no_cache, cache_dir)
    threshold = _fail_on(fail_on, results)
    _emit(results, format, fixing=False, quiet=quiet)
    if report is not None:
        _write_report(report, results, fixing=False)
    raise typer.Exit(_exit_code(results, threshold, fixing=False))


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
) -> None:
    """Apply safe fixes in place (or under --out); exit 1 when a file changed."""
    from cleaner.runner import write_result

    opts = _options(select, ignore, extend_select, language, config, unsafe=unsafe_fixes, no_baseline=no_baseline)
    targets, results = _collect(paths, opts, "fix", jobs, no_cache, cache_dir)
    threshold = _fail_on(fail_on, results)
    by_display = {t.display: t for t in targets}
    if diff:
        from cleaner.report.diff import unified

        for r in results:
            if r.error:
                typer.echo(f"cleaner: {r.path}: error: {r.error}", err=True)
            elif r.changed:
                sys.stdout.write(unified(r))
        if report is not None:
            _write_report(report, results, fixing=True)
        raise typer.Exit(_exit_code(results, threshold, fixing=True))
    for r in results:
        if r.error:
            continue
        target = by_display[r.path]
        try:
            if out is not None:
                dest = out / _relative_for_out(target.path)
                if r.new_bytes is None:
                    r.new_bytes = r.raw
                from cleaner.runner import write_result as _w

                _w(r, dest, in_place=False)
            elif r.changed:
                write_result(r, target.path, in_place=True)
        except (OSError, ValueError) as exc:
            r.error = f"not written: {getattr(exc, 'strerror', None) or exc}"
            r.changed = False
    _emit(results, format, fixing=True, quiet=quiet)
    if report is not None:
        _write_report(report, results, fixing=True)
    raise typer.Exit(_exit_code(results, threshold, fixing=True))


def _relative_for_out(path: Path) -> Path:
    """Where a cleaned copy goes under --out: the path relative to the
    current folder when it lies inside it, else its absolute path re-rooted."""
    resolved = path.absolute()
    try:
        return resolved.relative_to(Path.cwd())
    except ValueError:
        return Path(*resolved.parts[1:])


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
            typer.echo(f"| {r.code} | {r.name} | {r.category.value} | {'on' if r.default else 'off'} | {fixlabel} | {langs} | {r.summary} |")
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
    typer.echo(f"category: {rule.category.value}; severity: {rule.severity.label}; fix: {fixlabel}; languages: {langs}; default: {'on' if rule.default else 'off'}\n")
    typer.echo(rule.doc)


@app.command()
def baseline(
    paths: PathsArg,
    output: Annotated[Optional[Path], typer.Option("--output", help="Baseline file (default: the config's `baseline`, else .cleaner-baseline.json).")] = None,
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


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")] = False,
) -> None:
    """Clean and QA news content."""


def run() -> None:
    """Entry point: usage errors exit 2, as the contract says."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
