"""cleaner: content cleaning and translation QA for Arabic, Vietnamese and English.

The public API, which the CLI is a thin layer over:

    >>> from cleaner import fix_text
    >>> fix_text("Hello  \\n\\n\\n\\nworld\\n")
    'Hello\\n\\nworld\\n'

Everything is imported lazily: ``import cleaner`` must stay cheap for the
pre-commit hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["check_text", "fix_text", "fix_text_explained", "check_path", "fix_path", "Config", "__version__"]

if TYPE_CHECKING:
    from cleaner.api import check_path, check_text, fix_path, fix_text, fix_text_explained
    from cleaner.config import Config


def __getattr__(name: str) -> Any:
    if name in ("check_text", "fix_text", "fix_text_explained", "check_path", "fix_path"):
        from cleaner import api

        return getattr(api, name)
    if name == "Config":
        from cleaner.config import Config

        return Config
    raise AttributeError(name)
