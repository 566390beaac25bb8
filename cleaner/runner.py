"""One file, end to end: read, decode, pick rules, check or fix, write.

This is the only module that joins I/O, configuration and the pure engine;
the CLI and the public API both call it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from cleaner import io
from cleaner.config import Config, config_for
from cleaner.document import Document, detect_language
from cleaner.finding import AppliedFix, Finding, Safety
from cleaner.packs import PackSet
from cleaner.pipeline import Outcome, RuleError, check, fix
from cleaner.registry import Context, Rule

if TYPE_CHECKING:  # imported where used: a hook without a baseline or a cache needs neither (nor hashlib, json)
    from cleaner.baseline import Baseline
    from cleaner.cache import ResultCache


class Options(Struct, frozen=True):
    """What the command line adds to, or overrides in, the file's config."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    language: str | None = None
    unsafe_fixes: bool = False
    config: Config | None = None  # an explicit --config, used for every file
    no_baseline: bool = False
    max_bytes: int = io.MAX_BYTES  # larger files are refused; 0: no limit


class FileResult(Struct):
    path: str
    language: str = "und"
    encoding: str = "utf-8"
    changed: bool = False
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    applied: list[AppliedFix] = field(default_factory=list)
    original: str = ""
    text: str = ""
    fmt: io.FileFormat | None = None
    new_bytes: bytes | bytearray | None = None  # a large file's are a bytearray (see io.encode)
    raw: bytes = b""
    unsettled: tuple[str, ...] = ()
    config: Config | None = None
    written: bool = False  # the fix is on disk (see cleaner.delivery)
    # findings with line and column, filled once by report.common.locate
    located: list[Any] | None = None


def effective_config(path: Path, opts: Options) -> Config:
    cfg = opts.config or config_for(path)
    if opts.select is not None or opts.ignore or opts.extend_select:
        cfg = cfg.with_overrides(
            select=opts.select if opts.select is not None else cfg.select,
            ignore=tuple(cfg.ignore) + tuple(opts.ignore),
            extend_select=tuple(cfg.extend_select) + tuple(opts.extend_select),
        )
    return cfg


def context_for(cfg: Config, unsafe: bool = False) -> Context:
    packs = PackSet.default().with_extra(cfg.packs) if cfg.packs else PackSet.default()
    return Context(options=cfg.options, packs=packs, unsafe=unsafe)


MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")


def make_document(
    text: str, path: Path | None, language: str, loaded: io.Loaded | None = None, front_matter_fields: frozenset[str] = frozenset()
) -> Document:
    """The document for ``text``; Markdown and HTML get prose ranges and
    inline suppressions (recomputed for every pass, since fixes move text)."""
    suffix = path.suffix.lower() if path else ""
    prose = None
    suppressed: tuple = ()
    if suffix in MARKDOWN_SUFFIXES or suffix in HTML_SUFFIXES:
        from cleaner.markup import html, markdown, suppress

        prose = markdown.prose(text, front_matter_fields) if suffix in MARKDOWN_SUFFIXES else html.prose(text)
        suppressed = suppress.regions(text)
    return Document(
        text=text,
        language=language,
        path=str(path) if path else None,
        source_encoding=loaded.fmt.encoding if loaded else "utf-8",
        encoding_confidence=loaded.confidence if loaded else 1.0,
        prose=prose,
        markdown=suffix in MARKDOWN_SUFFIXES,
        suppressed=suppressed,
    )


def process_text(
    text: str,
    *,
    rules: tuple[Rule, ...],
    ctx: Context,
    language: str | None = None,
    path: Path | None = None,
    loaded: io.Loaded | None = None,
    apply: Safety | None = None,
    baseline: Baseline | None = None,
    front_matter_fields: frozenset[str] = frozenset(),
) -> tuple[Document, Outcome]:
    lang = language or detect_language(text)
    doc = make_document(text, path, lang, loaded, front_matter_fields)
    keep = None
    if baseline is not None and path is not None:
        keep = lambda f, current: not baseline.accepts(path, f, current)  # noqa: E731
    if apply is None:
        outcome = check(doc, rules, ctx)
        if keep is not None:
            outcome.findings = [f for f in outcome.findings if keep(f, text)]
        return doc, outcome
    rebuild = None
    if doc.prose is not None or doc.suppressed:
        rebuild = lambda new_text: make_document(new_text, path, lang, loaded, front_matter_fields)  # noqa: E731
    return doc, fix(doc, rules, ctx, threshold=apply, keep=keep, make_document=rebuild)


def _cache_key(
    cache: ResultCache,
    loaded: io.Loaded,
    path: Path,
    display: str,
    cfg: Config,
    rules: tuple[Rule, ...],
    mode: str,
    unsafe: bool,
    language: str | None,
) -> str:
    from cleaner.cache import packs_fingerprint

    baseline = b""
    if cfg.baseline is not None and cfg.baseline.is_file():
        baseline = cfg.baseline.read_bytes()
    settings = repr(
        (sorted((k, sorted(v.items())) for k, v in cfg.options.items()), language, path.suffix.lower(), display, cfg.front_matter_fields)
    )
    return cache.key(
        mode,
        "unsafe" if unsafe else "safe",
        ",".join(r.code for r in rules),
        settings,
        packs_fingerprint(tuple(context_for(cfg).pack_set().folders)),
        baseline,
        loaded.raw,
    )


def process_file(path: Path, display: str, opts: Options, *, mode: str, cache: ResultCache | None = None) -> FileResult:
    """``mode`` is "check" (nothing written) or "fix" (result computed, not written)."""
    result = FileResult(path=display)
    try:
        cfg = effective_config(path, opts)
        result.config = cfg
        loaded = io.read(path, opts.max_bytes)
    except io.ReadError as exc:
        result.error = str(exc)
        return result
    except ValueError as exc:  # ConfigError
        result.error = str(exc)
        return result
    except RuntimeError as exc:  # pathlib before Python 3.13: a symlink loop met while finding the config
        if "Symlink loop" not in str(exc):
            raise
        result.error = "cannot open: Too many levels of symbolic links"
        return result
    except OSError as exc:  # the same in 3.13, or a path too long for the system
        result.error = f"cannot open: {exc.strerror or exc}"
        return result
    result.raw = loaded.raw
    result.fmt = loaded.fmt
    result.encoding = loaded.fmt.label
    language = opts.language or cfg.language_for(path)
    baseline = None
    if cfg.baseline is not None and not opts.no_baseline:
        try:
            from cleaner.baseline import Baseline

            baseline = Baseline.load(cfg.baseline)
        except ValueError as exc:
            result.error = str(exc)
            return result
    rules = cfg.rules_for(path)
    unsafe = opts.unsafe_fixes or cfg.unsafe_fixes
    ctx = context_for(cfg, unsafe)
    apply = None if mode == "check" else (Safety.UNSAFE if unsafe else Safety.SAFE)
    result.original = loaded.text
    key = None
    if cache is not None:
        key = _cache_key(
            cache, loaded, path, display, cfg, rules, mode, unsafe, language if baseline is None else f"{language}|{path.resolve()}"
        )
        hit = cache.get(key)
        if hit is not None:
            from cleaner.cache import decode_into

            decode_into(result, hit)
            return result
    try:
        doc, outcome = process_text(
            loaded.text,
            rules=rules,
            ctx=ctx,
            language=language,
            path=path,
            loaded=loaded,
            apply=apply,
            baseline=baseline,
            front_matter_fields=frozenset(cfg.front_matter_fields),
        )
    except RuleError as exc:
        result.error = f"internal error: {exc}"
        return result
    result.language = doc.language
    result.findings = outcome.findings
    result.applied = outcome.applied
    result.text = outcome.text
    result.unsettled = outcome.unsettled_codes
    if mode == "fix" and outcome.changed:
        new_bytes = io.encode(outcome.text, loaded.fmt, outcome.recode)
        result.changed = new_bytes != loaded.raw
        result.new_bytes = new_bytes
    if cache is not None and key is not None and not result.unsettled:
        from cleaner.cache import encode_result

        cache.put(key, encode_result(result))
    return result


def write_result(result: FileResult, target: Path, *, in_place: bool) -> None:
    """Write a fixed file atomically; in place, only if nobody changed it meanwhile."""
    assert result.new_bytes is not None and result.fmt is not None
    if in_place:
        io.atomic_write(target, result.new_bytes, result.fmt.mode, expect=result.raw)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        io.atomic_write(target, result.new_bytes, result.fmt.mode, durable=False)  # a copy; the source is untouched
