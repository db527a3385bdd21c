"""GRID release CSVs -> ``institutes`` and ``institute_names`` (``institute_id`` = GRID id).

GRID is the registry the study matched affiliations against (section 2.1.3). A release
is ``grid.csv`` (ID, Name, City, State, Country) and ``full_tables/`` (institutes,
aliases, acronyms, labels, types, external_ids, addresses, ...), read through a
``PartitionedDataset`` so that optional tables (the 2016-01 release has no
``addresses.csv``) are simply absent.
"""

from collections.abc import Callable

import pandas as pd

from dl_geography.country_codes import alpha2_to_name, name_key, name_to_alpha2
from dl_geography.pipelines.ingestion._common import (
    absent_source,
    check_coordinates,
    empty_frame,
    filter_checks,
    is_absent,
    require_rows,
)
from dl_geography.pipelines.ingestion.institute_columns import INSTITUTE_COLUMNS, NAME_COLUMNS
from dl_geography.quality import StageReport


def _tables(partitions: dict[str, Callable[[], pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Partition loaders keyed by file stem (``full_tables/aliases`` -> ``aliases``)."""
    return {key.rsplit("/", 1)[-1].lower(): load for key, load in partitions.items()}


def _base_table(tables: dict) -> pd.DataFrame:
    """grid_id, name, city, state, country from grid.csv (else institutes + addresses)."""
    if "grid" in tables:
        grid = tables["grid"]()
        grid.columns = [c.strip().lower() for c in grid.columns]
        return grid.rename(columns={"id": "grid_id"})
    if "institutes" in tables:
        return tables["institutes"]()
    raise ValueError("GRID release has neither grid.csv nor full_tables/institutes.csv")


def _coordinates_from_addresses(base: pd.DataFrame, addresses: pd.DataFrame) -> pd.DataFrame:
    """lat/lng and place of each institute's first (primary, when flagged) address."""
    addresses = addresses.copy()
    if "primary" in addresses:
        addresses = addresses.sort_values("primary", ascending=False, kind="stable")
    counts = addresses.groupby("grid_id").size().rename("n_locations")
    first = addresses.drop_duplicates("grid_id").set_index("grid_id")
    columns = [c for c in ("lat", "lng", "city", "state", "country", "country_code") if c in first]
    located = base.merge(
        first[columns], left_on="grid_id", right_index=True, how="left", suffixes=("", "_address")
    )
    for column in ("city", "state", "country"):
        if f"{column}_address" in located:
            located[column] = located[f"{column}_address"].fillna(located.get(column))
    located["latitude"] = pd.to_numeric(located.get("lat"), errors="coerce")
    located["longitude"] = pd.to_numeric(located.get("lng"), errors="coerce")
    located["n_locations"] = located["grid_id"].map(counts).fillna(1).astype("int64")
    return located


def city_key(names: pd.Series) -> pd.Series:
    """Comparable city names: accents, case and punctuation dropped, ``St``/``Ste`` spelt
    out (GRID writes ``St Louis``, GeoNames ``St. Louis`` or ``Saint-Louis``)."""
    key = name_key(names).str.replace(r"[^a-z0-9]+", " ", regex=True).str.strip()
    return key.str.replace(r"\bst\b", "saint", regex=True).str.replace(
        r"\bste\b", "sainte", regex=True
    )


# English exonyms that GRID writes for cities GeoNames lists under a local name (loose keys).
EXONYMS = {
    "antwerp": "antwerpen",
    "athens": "athina",
    "bombay": "mumbai",
    "brunswick": "braunschweig",
    "bucharest": "bucuresti",
    "calcutta": "kolkata",
    "cologne": "koln",
    "florence": "firenze",
    "geneva": "geneve",
    "genoa": "genova",
    "ghent": "gent",
    "gothenburg": "goteborg",
    "hanover": "hannover",
    "kyiv": "kiev",
    "lisbon": "lisboa",
    "madras": "chennai",
    "milan": "milano",
    "munich": "munchen",
    "naples": "napoli",
    "nuremberg": "nurnberg",
    "odesa": "odessa",
    "padua": "padova",
    "prague": "praha",
    "seville": "sevilla",
    "the hague": "den haag",
    "turin": "torino",
    "ulan bator": "ulaanbaatar",
    "venice": "venezia",
    "warsaw": "warszawa",
}


def loose_city_key(keys: pd.Series) -> pd.Series:
    """A second, looser key for names ``city_key`` leaves apart: ``City``/``City of``/``-shi``
    affixes dropped (``Quebec City``, ``Osaka-shi``), German and Danish digraphs folded
    (``Koeln`` and ``Köln`` both ``koln``, ``Aarhus`` and ``Århus`` both ``arhus``)."""
    key = keys.str.replace(r"^city of |(?<=.) (?:city|shi)$", "", regex=True)
    return (
        key.str.replace("oe", "o")
        .str.replace("ue", "u")
        .str.replace("ae", "a")
        .str.replace("aa", "a")
    )


def _best_places(left: pd.DataFrame, right: pd.DataFrame, key: str) -> pd.DataFrame:
    """Per institute, the best place sharing ``key`` and the country: the admin-1 equal to
    the institute's state first, then the most populous, then the first listed."""
    candidates = left.merge(right, on=[key, "country_code"], how="inner")
    candidates["same_admin1"] = (
        (candidates["state_key"] == candidates["admin1_key"]).fillna(False).astype(bool)
    )
    candidates["population"] = candidates["population"].fillna(-1)
    n_candidates = candidates.groupby("grid_id").size().rename("n_candidates")
    best = (
        candidates.sort_values(
            ["grid_id", "same_admin1", "population", "order"],
            ascending=[True, False, False, True],
            kind="stable",
        )
        .drop_duplicates("grid_id")
        .set_index("grid_id")
    )
    return best.join(n_candidates)


def coordinates_from_places(
    institutes: pd.DataFrame, places: pd.DataFrame, report: StageReport
) -> pd.DataFrame:
    """Latitude/longitude of each institute's city from the GeoNames gazetteer.

    Joins on ``city_key`` and country code; the institutes still unplaced are joined again
    on ``loose_city_key`` (and ``EXONYMS``). Among several places, ``_best_places`` picks;
    the ambiguous cases (several places, none in the institute's state) and the unmatched
    (NaN) are counted.
    """
    left = institutes[["grid_id", "city", "state", "country_code"]].copy()
    left["city_key"] = city_key(left["city"])
    left["state_key"] = name_key(left["state"])
    right = places[
        ["ascii_name", "admin1", "country_code", "latitude", "longitude", "population"]
    ].copy()
    right["city_key"] = city_key(right["ascii_name"])
    right["admin1_key"] = name_key(right["admin1"])
    right["order"] = range(len(right))
    right = right.drop(columns=["ascii_name", "admin1"])
    exact = _best_places(left, right, "city_key")
    rest = left.loc[~left["grid_id"].isin(exact.index)].copy()
    loose = loose_city_key(rest["city_key"])
    rest["loose_key"] = loose.map(EXONYMS).fillna(loose)
    right["loose_key"] = loose_city_key(right["city_key"])
    looser = _best_places(
        rest.drop(columns="city_key"), right.drop(columns="city_key"), "loose_key"
    )
    report.count("grid: coordinates", "matched", len(exact), "city name and country")
    report.count(
        "grid: coordinates",
        "matched",
        len(looser),
        "loose city name (affixes, digraphs, exonyms) and country",
        looser.index,
    )
    best = pd.concat([exact, looser])
    ambiguous = best.index[(best["n_candidates"] > 1) & ~best["same_admin1"]]
    report.count(
        "grid: coordinates",
        "counted",
        len(ambiguous),
        "city name ambiguous in its country and state: first place taken",
        ambiguous,
    )
    placed = institutes.copy()
    placed["latitude"] = placed["grid_id"].map(best["latitude"]).astype("float64")
    placed["longitude"] = placed["grid_id"].map(best["longitude"]).astype("float64")
    return placed


def parse_grid_release(
    grid_release: dict | None, places: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Clean a GRID release into ``institutes`` and ``institute_names`` (section 2.1.3).

    Coordinates come from ``addresses.csv`` when the release has it, else from ``places``
    by city and country (``coordinates_from_places``); institutes left without coordinates
    keep NaN and are counted, as are coordinates out of range (set to NaN). Country names
    are mapped to ISO alpha-2 (unknown: counted).
    Names: the display name, ``aliases`` (alias), ``acronyms`` (acronym) and ``labels``
    (label, with its language). ``None`` (``AbsentSourceDataset``): empty tables.
    """
    report = StageReport("ingestion")
    if is_absent(grid_release):
        absent_source(report, "grid: institutes", grid_release)
        return empty_frame(INSTITUTE_COLUMNS), empty_frame(NAME_COLUMNS), report.to_frame()
    tables = _tables(grid_release)
    base = _base_table(tables)
    require_rows(base, "GRID institutes (grid.csv)")
    step = "grid: institutes"
    base = filter_checks(
        report,
        step,
        base,
        [
            (lambda f: f["grid_id"].notna() & f["name"].notna(), "no id or name", "grid_id"),
            (lambda f: ~f["grid_id"].duplicated(), "duplicate id", "grid_id"),
        ],
    )
    for column in ("city", "state", "country", "status"):
        if column not in base:
            base[column] = pd.NA
    if "addresses" in tables:
        base = _coordinates_from_addresses(base, tables["addresses"]())
    else:
        base["n_locations"] = 1
    if "country_code" not in base:
        base["country_code"] = pd.NA
    base["country_code"] = (
        base["country_code"].astype("str").fillna(name_to_alpha2(base["country"]))
    )
    unknown = base["country_code"].isna()
    report.count(
        step,
        "counted",
        int(unknown.sum()),
        "country name not recognised",
        base.loc[unknown, "grid_id"] + ": " + base.loc[unknown, "country"].astype("str"),
    )
    if "latitude" not in base:
        base = coordinates_from_places(base, places, report)
    base = check_coordinates(report, "grid: coordinates", base, "grid_id")
    no_place = base["latitude"].isna() | base["longitude"].isna()
    report.count(
        "grid: coordinates",
        "counted",
        int(no_place.sum()),
        "no coordinates (city not in the gazetteer): kept, NaN",
        base.loc[no_place, "grid_id"],
    )

    types = tables["types"]() if "types" in tables else pd.DataFrame(columns=["grid_id", "type"])
    type_lists = (
        types.dropna()
        .assign(type=lambda t: t["type"].str.lower())
        .groupby("grid_id")["type"]
        .agg(list)
    )
    institutes = pd.DataFrame(
        {
            "institute_id": base["grid_id"],
            "name": base["name"].str.strip(),
            "types": base["grid_id"]
            .map(type_lists)
            .map(lambda t: t if isinstance(t, list) else []),
            "country_code": base["country_code"],
            "country_name": base["country"]
            .astype("str")
            .fillna(alpha2_to_name(base["country_code"])),
            "city": base["city"],
            "subdivision": base["state"],
            "latitude": base["latitude"],
            "longitude": base["longitude"],
            "n_locations": base["n_locations"],
            "grid_id": base["grid_id"],
            "status": base["status"].astype("str").str.lower().fillna("active"),
        }
    ).astype(INSTITUTE_COLUMNS)
    institutes = institutes.reset_index(drop=True)
    names = _names(institutes, tables)
    report.count("grid: names", "out", len(names))
    return institutes, names, report.to_frame()


def _names(institutes: pd.DataFrame, tables: dict) -> pd.DataFrame:
    parts = [institutes[["institute_id", "name"]].assign(kind="display", lang=pd.NA)]
    for table, column, kind in (
        ("aliases", "alias", "alias"),
        ("acronyms", "acronym", "acronym"),
        ("labels", "label", "label"),
    ):
        if table in tables:
            frame = tables[table]()
            lang = frame.get("iso639", pd.NA)
            parts.append(
                pd.DataFrame(
                    {
                        "institute_id": frame["grid_id"],
                        "name": frame[column],
                        "kind": kind,
                        "lang": lang,
                    }
                )
            )
    names = pd.concat(parts, ignore_index=True).dropna(subset=["institute_id", "name"])
    names["name"] = names["name"].astype("str").str.strip()
    keep = names["institute_id"].isin(institutes["institute_id"]) & (names["name"] != "")
    names = names.loc[keep]
    return names.drop_duplicates().astype(NAME_COLUMNS).reset_index(drop=True)
