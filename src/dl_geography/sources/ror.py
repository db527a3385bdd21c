"""ROR data dump: fetch the release zip, and map GRID ids of old runs to ROR ids.

ROR publishes its whole registry on Zenodo (concept DOI 10.5281/zenodo.6347574) as
``vX.Y-YYYY-MM-DD-ror-data.zip``: JSON and CSV; releases 1.45-1.74 hold schema v1 and
schema v2 files side by side (v2 named ``..._schema_v2.json``), later ones v2 only. The
ingestion dataset ``ror_dump_raw`` reads the zip itself (the ``_schema_v2.json`` member, or
the only JSON member), so the zip is kept whole as ``ror/ror-data.zip`` with a note of which
release it is.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd

from .http import PoliteSession

ZENODO_COMMUNITY_API = "https://zenodo.org/api/communities/ror-data/records"
DUMP_NAME = "ror-data.zip"
_RELEASE = re.compile(r"v\d+(\.\d+)*-\d{4}-\d{2}-\d{2}-ror-data\.zip$")


def find_latest_dump(
    session: PoliteSession, api_url: str = ZENODO_COMMUNITY_API
) -> tuple[str, str]:
    """``(file name, download URL)`` of the newest release zip in Zenodo's ror-data community.

    Reads the InvenioRDM search answer (``hits.hits[0].files``: a list of
    ``{key, links: {self}}``, or an ``entries`` mapping with ``links.content``).
    """
    answer = session.get(
        api_url,
        {"q": "", "sort": "newest", "size": 1},
        use_cache=False,
        validate=lambda r: r.json(),
    ).json()
    hits = (answer.get("hits") or {}).get("hits") or []
    if not hits:
        raise ValueError(f"no release found at {api_url}")
    files = hits[0].get("files") or []
    if isinstance(files, dict):
        files = list((files.get("entries") or {}).values())
    for item in files:
        name = item.get("key") or item.get("filename") or ""
        links = item.get("links") or {}
        url = links.get("self") or links.get("content") or links.get("download")
        if _RELEASE.search(name) and url:
            return name, url
    raise ValueError(
        f"the newest ror-data record has no vX.Y-YYYY-MM-DD-ror-data.zip: "
        f"{[f.get('key') for f in files]}"
    )


def check_dump(path: Path) -> dict:
    """Open the zip and say which JSON member the ingestion will read, and its schema."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        jsons = [n for n in names if n.lower().endswith(".json")]
        v2 = [n for n in jsons if n.lower().endswith("_schema_v2.json")]
        member = v2[0] if len(v2) == 1 else (jsons[0] if len(jsons) == 1 else None)
        if member is None:
            raise ValueError(f"{path}: no single schema-v2 JSON member among {names}")
        with archive.open(member) as stream:
            head = stream.read(4096).decode("utf-8", errors="replace")
    schema = "v2" if '"names"' in head or "'names'" in head else "v1 (ingestion needs v2)"
    return {"member": member, "members": names, "schema": schema}


def fetch_dump(
    session: PoliteSession, dest_dir: Path, source: str | None = None, progress=None
) -> Path:
    """Put a ROR release zip at ``dest_dir/ror-data.zip``; return its path.

    ``source``: a local zip path, a URL, or None for the newest release on Zenodo. A note
    ``ror-data.release.json`` records the release name and where it came from.
    """
    dest_dir = Path(dest_dir)
    dest = dest_dir / DUMP_NAME
    if source is None:
        name, url = find_latest_dump(session)
    elif re.match(r"https?://", source):
        name, url = source.rstrip("/").split("/")[-1].removesuffix("/content"), source
        if name == "content":
            name = source.rstrip("/").split("/")[-2]
    else:
        name, url = Path(source).name, None
    # Fetched beside the kept dump and swapped in only once whole and checked, so a failed
    # download never costs the release already there.
    incoming = dest_dir / f".incoming-{name}"
    incoming.unlink(missing_ok=True)
    if url is None:
        dest_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, incoming)
    else:
        session.download(url, incoming, progress=progress)
    try:
        info = check_dump(incoming)
    except (zipfile.BadZipFile, ValueError):
        incoming.unlink(missing_ok=True)
        raise
    os.replace(incoming, dest)
    note = {"release": name, "source": source or url, **info}
    (dest_dir / "ror-data.release.json").write_text(json.dumps(note, indent=2))
    return dest


def _external_ids(record: dict) -> list[tuple[str, list[str], str | None]]:
    """``(type, all, preferred)`` from schema v2 (a list) or v1 (a mapping by type)."""
    external = record.get("external_ids") or []
    if isinstance(external, dict):  # schema v1: {"GRID": {"preferred": ..., "all": ...}}
        return [
            (kind.lower(), _as_list(value.get("all")), value.get("preferred"))
            for kind, value in external.items()
            if isinstance(value, dict)
        ]
    return [
        (str(e.get("type", "")).lower(), _as_list(e.get("all")), e.get("preferred"))
        for e in external
        if isinstance(e, dict)
    ]


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def grid_to_ror(ror_records: list[dict]) -> pd.DataFrame:
    """Every GRID id named in the records' ``external_ids``, with the ROR id naming it.

    Returns ``grid_id, ror_id, preferred`` (preferred: the GRID id is the record's preferred
    one, not only listed in ``all``), one row per GRID id; a GRID id claimed by two ROR
    records keeps the record that prefers it (then the first), so an old GRID-based run's
    ``institute_id`` maps to exactly one ROR id.
    """
    rows = []
    for record in ror_records:
        for kind, ids, preferred in _external_ids(record):
            if kind != "grid":
                continue
            for grid_id in dict.fromkeys([*ids, *([preferred] if preferred else [])]):
                rows.append(
                    {
                        "grid_id": grid_id,
                        "ror_id": record.get("id"),
                        "preferred": grid_id == preferred,
                    }
                )
    frame = pd.DataFrame(rows, columns=["grid_id", "ror_id", "preferred"])
    frame = frame.sort_values("preferred", ascending=False, kind="stable")
    frame = frame.drop_duplicates("grid_id").sort_values("grid_id").reset_index(drop=True)
    return frame.astype({"grid_id": "str", "ror_id": "str", "preferred": "bool"})


def load_records(path: Path) -> list[dict]:
    """The records of a dump (zip, .json or .json.gz): a list of ROR records."""
    import gzip

    path = Path(path)
    if path.suffix == ".zip":
        member = check_dump(path)["member"]
        with zipfile.ZipFile(path) as archive:
            data = json.loads(archive.read(member))
    else:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as stream:
            data = json.load(stream)
    if isinstance(data, dict) and "hits" in data:  # an API/Elasticsearch answer
        return [h.get("_source", h) for h in data["hits"].get("hits", [])]
    if isinstance(data, dict) and "items" in data:
        return data["items"]
    return data
