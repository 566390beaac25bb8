"""The README stays true: its rules table matches the registry, and its
first commands are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

from readme_sections import README, section
from update_readme import rules_table


def test_rules_table_is_current() -> None:
    assert section("rules").strip() == rules_table().strip(), "run `make docs`"


def test_readme_starts_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands[0].startswith("make install && .venv/bin/cleaner fix corpus")
    assert commands[1] == "make test"
    ci = (Path(__file__).resolve().parent.parent / ".ci/run").read_text(encoding="utf-8")
    assert "make test" in ci
