"""Configuration: ``[tool.cleaner]`` in pyproject.toml, or cleaner.toml.

Found by walking up from each file, as ruff does, so a monorepo can hold
content with different settings.  Every key is validated: an unknown key or
rule code is an error that names it, never silently ignored.
"""

from __future__ import annotations

import fnmatch
import importlib
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import tomli  # tomllib, compiled with mypyc: packs and configs parse 3x faster (9 -> 3 ms of a hook run)
from msgspec import Struct, field
from msgspec.structs import replace

from cleaner.document import LANGUAGES
from cleaner.finding import Category, Severity
from cleaner.registry import FAMILIES, Rule, catalog, select_rules, unknown_selectors

CONFIG_FILES = ("cleaner.toml", "pyproject.toml")

TOP_KEYS = {
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "language",
    "fail-on",
    "packs",
    "baseline",
    "exclude",
    "unsafe-fixes",
    "extensions",
    "front-matter-fields",
}

DEFAULT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")


class ConfigError(ValueError):
    """A configuration problem; the message names the file and the key."""


@lru_cache(maxsize=256)
def _selected(select: tuple[str, ...] | None, ignore: tuple[str, ...], extend: tuple[str, ...]) -> tuple[Rule, ...]:
    """The same selection is asked for once per file: compute it once."""
    return select_rules(select, ignore, extend)


@lru_cache(maxsize=16384)
def _resolved(path: Path) -> Path:
    """A path resolved once per run: per-file ignores, excludes and language
    globs each ask for the relative path, and resolve() walks the disk, one
    system call per component of the path.  A file that is no link is where
    its folder resolves to: one call for the file, and each folder resolved
    once for all its files."""
    if path.name in ("", ".", "..") or path.is_symlink():
        return path.resolve()
    return _resolved(path.parent) / path.name


class Config(Struct, frozen=True):
    """Settings for the files below ``root``; defaults when no file is found."""

    root: Path
    source: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    language: tuple[tuple[str, str], ...] = ()
    fail_on: Severity = Severity.WARNING
    packs: tuple[Path, ...] = ()
    baseline: Path | None = None
    exclude: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    front_matter_fields: tuple[str, ...] = ()
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def relative(self, path: Path) -> str:
        try:
            return PurePosixPath(_resolved(path).relative_to(_resolved(self.root))).as_posix()
        except ValueError:
            return path.as_posix()

    def rules_for(self, path: Path | None) -> tuple[Rule, ...]:
        ignore = list(self.ignore)
        if path is not None:
            rel = self.relative(path)
            for pattern, codes in self.per_file_ignores:
                if _glob_match(rel, pattern):
                    ignore.extend(codes)
        return _selected(self.select, tuple(ignore), tuple(self.extend_select))

    def language_for(self, path: Path | None) -> str | None:
        if path is None:
            return None
        rel = self.relative(path)
        for pattern, lang in self.language:
            if _glob_match(rel, pattern):
                return lang
        return None

    def excluded(self, path: Path) -> bool:
        rel = self.relative(path)
        return any(_glob_match(rel, p) for p in self.exclude)

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _glob_match(rel: str, pattern: str) -> bool:
    """Globs match the path relative to the config, or its file name alone."""
    negate = pattern.startswith("!")
    pattern = pattern.lstrip("!")
    hit = fnmatch.fnmatchcase(rel, pattern) or ("/" not in pattern and fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pattern))
    return hit != negate


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def _check_selectors(tokens: Sequence[str], where: str) -> None:
    bad = unknown_selectors(tokens)
    if bad:
        raise ConfigError(f"{where}: unknown rule code or category {', '.join(map(repr, bad))} (see `cleaner rules`)")


@cache
def family_options() -> dict[str, dict[str, type | tuple[type, ...]]]:
    """Option schemas that rule families declare (``OPTIONS`` in their module)."""
    catalog()
    schemas: dict[str, dict[str, type | tuple[type, ...]]] = {}
    for family in FAMILIES:
        try:
            module = importlib.import_module(f"cleaner.checks.{family}")
        except ModuleNotFoundError:
            continue
        schema = getattr(module, "OPTIONS", None)
        if schema:
            schemas.setdefault(family, {}).update(schema)
    return schemas


@cache
def family_choices() -> dict[str, dict[str, tuple[str, ...]]]:
    """Allowed values of string options (``OPTION_CHOICES`` in a family module)."""
    family_options()
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for family in FAMILIES:
        try:
            module = importlib.import_module(f"cleaner.checks.{family}")
        except ModuleNotFoundError:
            continue
        out[family] = dict(getattr(module, "OPTION_CHOICES", {}))
    return out


def parse_table(table: Mapping[str, Any], root: Path, source: Path | None) -> Config:
    """Validate a ``[tool.cleaner]`` table into a ``Config``."""
    where = str(source) if source else "config"
    options: dict[str, dict[str, Any]] = {}
    schemas = family_options()
    for key in table:
        if key in TOP_KEYS:
            continue
        if key in schemas and isinstance(table[key], dict):
            schema = schemas[key]
            for opt, value in table[key].items():
                if opt not in schema:
                    known = ", ".join(sorted(schema)) or "none"
                    raise ConfigError(f"{where}: unknown option {key}.{opt} (known: {known})")
                if not isinstance(value, schema[opt]):
                    raise ConfigError(f"{where}: {key}.{opt} has the wrong type ({type(value).__name__})")
                choices = family_choices().get(key, {}).get(opt)
                if choices and value not in choices:
                    raise ConfigError(f"{where}: {key}.{opt} must be one of {', '.join(choices)} (got {value!r})")
            options[key] = dict(table[key])
            continue
        known_families = ", ".join(sorted(schemas))
        raise ConfigError(
            f"{where}: unknown key {key!r} (top-level keys: {', '.join(sorted(TOP_KEYS))}; rule option tables: {known_families})"
        )
    cfg = Config(root=root, source=source, options=options)
    changes: dict[str, Any] = {}
    for key, attr in (("select", "select"), ("ignore", "ignore"), ("extend-select", "extend_select")):
        if key in table:
            tokens = _str_list(table[key], f"{where}: {key}")
            _check_selectors(tokens, f"{where}: {key}")
            changes[attr] = tokens
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
        items = []
        for glob, codes in pfi.items():
            codes_t = _str_list(codes, f"{where}: per-file-ignores.{glob}")
            _check_selectors(codes_t, f"{where}: per-file-ignores.{glob}")
            items.append((glob, codes_t))
        changes["per_file_ignores"] = tuple(items)
    if "language" in table:
        lang = table["language"]
        pairs = [("*", lang)] if isinstance(lang, str) else list(lang.items()) if isinstance(lang, dict) else None
        if pairs is None:
            raise ConfigError(f"{where}: language must be a code or a table of glob = code")
        for glob, code in pairs:
            if code not in LANGUAGES:
                raise ConfigError(f"{where}: language {code!r} for {glob!r} is not one of {', '.join(LANGUAGES)}")
        changes["language"] = tuple(pairs)
    if "fail-on" in table:
        try:
            changes["fail_on"] = Severity.parse(str(table["fail-on"]))
        except ValueError as exc:
            raise ConfigError(f"{where}: fail-on: {exc}") from None
    if "packs" in table:
        folders = []
        for p in _str_list(table["packs"], f"{where}: packs"):
            folder = (root / p).resolve()
            if not folder.is_dir():
                raise ConfigError(f"{where}: packs: {p!r} is not a folder")
            folders.append(folder)
        changes["packs"] = tuple(folders)
    if "baseline" in table:
        if not isinstance(table["baseline"], str):
            raise ConfigError(f"{where}: baseline must be a path")
        changes["baseline"] = root / table["baseline"]
    if "exclude" in table:
        changes["exclude"] = _str_list(table["exclude"], f"{where}: exclude")
    if "extensions" in table:
        exts = _str_list(table["extensions"], f"{where}: extensions")
        changes["extensions"] = tuple(e if e.startswith(".") else "." + e for e in exts)
    if "front-matter-fields" in table:
        changes["front_matter_fields"] = _str_list(table["front-matter-fields"], f"{where}: front-matter-fields")
    if "unsafe-fixes" in table:
        if not isinstance(table["unsafe-fixes"], bool):
            raise ConfigError(f"{where}: unsafe-fixes must be true or false")
        changes["unsafe_fixes"] = table["unsafe-fixes"]
    return replace(cfg, **changes)


def load_file(path: Path) -> Config | None:
    """The config in ``path``, or None for a pyproject.toml without our table."""
    try:
        with path.open("rb") as handle:
            data = tomli.load(handle)
    except tomli.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("cleaner")
        if table is None:
            return None
    else:
        table = data.get("tool", {}).get("cleaner", data) if "tool" in data else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cleaner] must be a table")
    return parse_table(table, path.parent.resolve(), path)


@cache
def _config_for_dir(folder: Path) -> Config:
    for parent in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = parent / name
            if candidate.is_file():
                cfg = load_file(candidate)
                if cfg is not None:
                    return cfg
    return Config(root=Path.cwd().resolve())


def config_for(path: Path) -> Config:
    """The configuration that governs ``path`` (found by walking up)."""
    folder = _resolved(path)
    if not folder.is_dir():
        folder = folder.parent
    return _config_for_dir(folder)


def clear_cache() -> None:
    _config_for_dir.cache_clear()
    _resolved.cache_clear()


def all_categories() -> list[str]:
    return [c.value for c in Category]
