"""The synthetic demo world, written in the real sources' own file formats.

See docs/demo_world.md. Entry points:

- :func:`ensure_demo_world` (used by the project hook) generates the world when absent
  or out of date;
- :func:`synthetic_registry` and :func:`noisy_affiliations` make a large registry and
  noisy strings for the enrichment benchmark;
- ``python -m dl_geography.demo_world --n-papers N --seed S --out DIR``.
"""

from dl_geography.demo_world.generate import ensure_demo_world, generate
from dl_geography.demo_world.ror import noisy_affiliations, synthetic_registry

__all__ = ["ensure_demo_world", "generate", "noisy_affiliations", "synthetic_registry"]
