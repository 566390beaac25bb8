"""Rule families: one module each, listed in ``cleaner.registry.FAMILIES``.

A family module exposes ``RULES`` (a tuple of ``Rule``) and, when it takes
settings, ``OPTIONS`` (option name -> accepted type) so that the config can
validate ``[tool.cleaner.<family>]``.  Each rule's check function carries its
documentation: What it does / Why it matters / Example / Fix safety.
"""
