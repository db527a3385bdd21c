"""Natural Earth admin-0 (countries) and admin-1 (states, provinces) boundaries, 1:10m.

The official Shapefile zips, from Natural Earth's CDN (naciscdn.org, the host behind the
"Download" buttons of naturalearthdata.com), with the naturalearthdata.com address as a
fallback. The zips are kept whole: the ingestion datasets (``geopandas.GenericDataset``)
read a zipped Shapefile directly, as they read GeoJSON, GeoPackage or TopoJSON.
"""

from __future__ import annotations

from pathlib import Path

import pyogrio

from .http import HTTPFailure, PoliteSession

LAYERS = {
    "admin0": "ne_10m_admin_0_countries",
    "admin1": "ne_10m_admin_1_states_provinces",
}
MIRRORS = (
    "https://naciscdn.org/naturalearth/10m/cultural/{name}.zip",
    "https://www.naturalearthdata.com/http//www.naturalearthdata.com/download/10m/cultural/"
    "{name}.zip",
)
# Attributes the ingestion readers use (case-insensitive), per layer.
REQUIRED_FIELDS = {
    "admin0": {"adm0_a3", "iso_a2", "name"},
    "admin1": {"adm1_code", "name", "adm0_a3", "iso_a2", "admin"},
}


def check_layer(path: Path, layer: str) -> dict:
    """Open a boundary file (zip, Shapefile, GeoJSON, GeoPackage...) and check its fields."""
    info = pyogrio.read_info(str(path))
    fields = {str(f).lower() for f in info["fields"]}
    missing = REQUIRED_FIELDS[layer] - fields
    if missing:
        raise ValueError(f"{path} lacks the Natural Earth attributes {sorted(missing)}")
    return {
        "features": int(info["features"]),
        "crs": info["crs"],
        "geometry_type": info["geometry_type"],
    }


def fetch_layers(
    session: PoliteSession,
    dest_dir: Path,
    layers: tuple[str, ...] = ("admin0", "admin1"),
    mirrors: tuple[str, ...] = MIRRORS,
    progress=None,
) -> dict[str, Path]:
    """Download each layer's zip into ``dest_dir`` (trying the mirrors in order); check it.

    ``progress``: a function of the layer name returning a download-progress callback.
    """
    out = {}
    for layer in layers:
        name = LAYERS[layer]
        dest = Path(dest_dir) / f"{name}.zip"
        error: Exception | None = None
        for template in mirrors:
            try:
                session.download(
                    template.format(name=name), dest, progress=progress(name) if progress else None
                )
                error = None
                break
            except HTTPFailure as failure:
                error = failure
        if error is not None:
            raise error
        check_layer(dest, layer)
        out[layer] = dest
    return out
