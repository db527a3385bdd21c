"""ISO 3166-1 codes: alpha-2, alpha-3, numeric and names, from a small table kept here.

The table (``iso3166.psv``) is written from ISO 3166-1, with GeoNames' country names (the
names GRID releases use) as ``name`` and other common spellings (ISO, Natural Earth's
``NAME``/``ADMIN``, world-atlas) as ``aliases``. It lets the readers map CrunchBase's
alpha-3, world-atlas' numeric ids and GRID's country names to alpha-2.
"""

import unicodedata
from functools import cache
from pathlib import Path

import pandas as pd

_TABLE = Path(__file__).with_name("iso3166.psv")

# Natural Earth units with no ISO code of their own: Natural Earth's adm0_a3.
NATURAL_EARTH_ONLY_A3 = {
    "somaliland": "SOL",
    "n. cyprus": "CYN",
    "northern cyprus": "CYN",
    "indian ocean ter.": "IOA",
    "siachen glacier": "KAS",
}
# Natural Earth adm0_a3 codes that differ from ISO alpha-3, with their ISO alpha-2.
NATURAL_EARTH_A3_TO_A2 = {"KOS": "XK", "SDS": "SS", "PSX": "PS", "SAH": "EH"}


@cache
def _iso_table() -> pd.DataFrame:
    """The table, read once; only this module's read-only look-ups use it directly."""
    return pd.read_csv(_TABLE, sep="|", dtype=str, keep_default_na=False)


def iso_table() -> pd.DataFrame:
    """alpha2, alpha3, numeric (zero-padded str, '' when none), name, aliases.

    A fresh copy each call: a caller may change it without changing the next caller's.
    """
    return _iso_table().copy()


# Letters Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
    }
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return text.encode("ascii", "ignore").decode()


def ascii_fold(names: pd.Series) -> pd.Series:
    """Accents removed (``Zürich`` -> ``Zurich``, ``Tromsø`` -> ``Tromso``), as GeoNames'
    ascii names."""
    return names.astype("str").map(_fold, na_action="ignore").astype("str")


def name_key(names: pd.Series) -> pd.Series:
    """Accent-free, lower-case, single-spaced form of names, for lookups."""
    return ascii_fold(names).str.lower().str.replace(r"\s+", " ", regex=True).str.strip()


@cache
def _name_to_alpha2() -> dict[str, str]:
    table = _iso_table()
    pairs = [(n, a2) for n, a2 in zip(table["name"], table["alpha2"], strict=True)]
    pairs += [
        (alias, a2)
        for aliases, a2 in zip(table["aliases"], table["alpha2"], strict=True)
        for alias in aliases.split(";")
        if alias
    ]
    names = pd.Series([p[0] for p in pairs])
    return dict(zip(name_key(names), [p[1] for p in pairs], strict=True))


def alpha3_to_alpha2(codes: pd.Series) -> pd.Series:
    """ISO alpha-3 -> alpha-2 (NA when unknown)."""
    table = _iso_table()
    mapping = dict(zip(table["alpha3"], table["alpha2"], strict=True)) | NATURAL_EARTH_A3_TO_A2
    return codes.astype("str").str.upper().str.strip().map(mapping).astype("str")


def alpha2_to_alpha3(codes: pd.Series) -> pd.Series:
    table = _iso_table()
    mapping = dict(zip(table["alpha2"], table["alpha3"], strict=True))
    return codes.astype("str").str.upper().str.strip().map(mapping).astype("str")


def numeric_to_alpha2(codes: pd.Series) -> pd.Series:
    """ISO numeric (as int or str, any zero padding) -> alpha-2 (NA when unknown)."""
    table = _iso_table()
    table = table.loc[table["numeric"] != ""]
    mapping = dict(zip(table["numeric"].astype(int), table["alpha2"], strict=True))
    numbers = pd.to_numeric(codes, errors="coerce")
    return numbers.map(mapping).astype("str")


def name_to_alpha2(names: pd.Series) -> pd.Series:
    """Country name (GeoNames, ISO or Natural Earth spelling) -> alpha-2 (NA when unknown)."""
    return name_key(names).map(_name_to_alpha2()).astype("str")


def alpha2_to_name(codes: pd.Series) -> pd.Series:
    table = _iso_table()
    mapping = dict(zip(table["alpha2"], table["name"], strict=True))
    return codes.astype("str").map(mapping).astype("str")
