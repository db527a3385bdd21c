"""CrunchBase: a user's own bulk export, checked and put where the `real` catalog reads it.

CrunchBase data is commercial: the licence is the user's. The "Bulk Export" of a
CrunchBase Enterprise/API licence (or the academic research access programme) is a zip of
CSV tables; the study needs two of them, ``organizations.csv`` and
``organization_descriptions.csv``. Nothing is downloaded here: :func:`install_export` checks
the user's files and copies them into ``data/01_raw/real/crunchbase/``.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

INSTRUCTIONS = """\
CrunchBase is licensed data: get the bulk export with your own licence.
  1. A CrunchBase Enterprise or API plan, or the academic research access programme
     (https://about.crunchbase.com/, "Data licensing"), gives the "Bulk Export" download.
  2. Unzip it and run:
       python -m dl_geography.sources crunchbase --export-dir <folder with organizations.csv>
  3. The files land in data/01_raw/real/crunchbase/ (never commit them).
"""
# Columns the ingestion reader uses from each table (docs/data_contracts.md, organizations).
REQUIRED = {
    "organizations.csv": {"uuid", "name", "category_list", "country_code"},
    "organization_descriptions.csv": {"uuid", "description"},
}
USEFUL = {
    "organizations.csv": {
        "category_groups_list",
        "founded_on",
        "region",
        "city",
        "short_description",
        "latitude",
        "longitude",
    },
    "organization_descriptions.csv": set(),
}


def check_export(folder: Path) -> dict[str, dict]:
    """Check each table's presence and header; raise with instructions when unusable."""
    folder = Path(folder)
    found = {}
    for name, required in REQUIRED.items():
        path = folder / name
        if not path.exists():
            raise FileNotFoundError(f"{path} not found.\n{INSTRUCTIONS}")
        with open(path, newline="", encoding="utf-8", errors="replace") as stream:
            header = {c.strip().lower() for c in next(csv.reader(stream), [])}
        missing = required - header
        if missing:
            raise ValueError(
                f"{path} lacks columns {sorted(missing)} (has {sorted(header)[:12]}"
                "...): is it a CrunchBase bulk export?"
            )
        found[name] = {
            "path": path,
            "bytes": path.stat().st_size,
            "absent_optional": sorted(USEFUL[name] - header),
        }
    return found


def install_export(folder: Path, dest_dir: Path, link: bool = False) -> dict[str, Path]:
    """Check the export in ``folder`` and copy (or symlink) its two tables to ``dest_dir``."""
    found = check_export(folder)
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, info in found.items():
        target = dest_dir / name
        if target.exists() or target.is_symlink():
            target.unlink()
        if link:
            target.symlink_to(Path(info["path"]).resolve())
        else:
            shutil.copyfile(info["path"], target)
        out[name] = target
    return out
