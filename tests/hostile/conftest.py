"""Hypothesis profiles: a modest default keeps the suite fast;
`pytest tests/hostile --hypothesis-profile=thorough` searches far longer."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "hostile", max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("hostile")
