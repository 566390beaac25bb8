"""Hypothesis budgets for the robustness suite.

``make fuzz`` runs ``pytest tests/robustness -m slow --hypothesis-profile
fuzz``: the ``fuzz`` profile gives the slow fuzz tests a large example
budget and no deadline (one example can be a whole damaged article, and a
machine under load must not turn slowness into a failure).  Without it, the
same slow tests run on a small budget, and the unmarked variants carry
their own, smaller one, so normal CI stays quick (``robust_support``).

The profile is registered here, not loaded: loading one would change the
budget of every other test module in the same run.
"""

from __future__ import annotations

from hypothesis import settings
from robust_support import FUZZ_EXAMPLES, RELAXED

settings.register_profile("fuzz", max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=RELAXED, print_blob=True)
