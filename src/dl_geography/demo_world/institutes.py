"""Synthetic research institutes: names, places, ROR records and noisy affiliation strings.

Institutes are universities, research institutes, government labs and companies placed
in the gazetteer's real cities. Names follow real naming patterns (``University of
{city}``, ``Technische Universität {city}``, ``{Stem} Labs``...) with aliases, acronyms
and labels in the local language. Multinational companies get several locations in
several countries.
"""

import unicodedata

import numpy as np
import pandas as pd

from dl_geography.demo_world import gazetteer
from dl_geography.demo_world import vocabularies as voc

KINDS = ["university", "technical", "institute", "government", "company", "multinational"]
KIND_SHARES = np.array([0.42, 0.14, 0.17, 0.07, 0.17, 0.03])
ROR_TYPES = {
    "university": "education",
    "technical": "education",
    "institute": "facility",
    "government": "government",
    "company": "company",
    "multinational": "company",
}
SAINTS = [
    "St.",
    "Saint",
    "Holy",
    "Royal",
    "New",
    "Old",
    "Trinity",
    "King's",
    "Queen's",
    "Mount",
    "Bishop",
    "Grand",
]
SURNAMES2 = [
    "Bauer",
    "Moreau",
    "Rossi",
    "Novak",
    "Larsen",
    "Costa",
    "Weiss",
    "Keller",
    "Dubois",
    "Romano",
    "Lindqvist",
    "Horvath",
]
_CROCKFORD = np.array(list("0123456789abcdefghjkmnpqrstvwxyz"))


def strip_accents(text: str) -> str:
    """Fold accented letters to ASCII (``Zürich`` -> ``Zurich``)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def ror_ids(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` distinct ROR-shaped ids: ``0`` + 6 Crockford base-32 characters + 2 digits."""
    codes = rng.choice(32**6, size=n, replace=False)
    digits = np.stack([(codes // 32**k) % 32 for k in range(5, -1, -1)], axis=1)
    body = np.array(["".join(row) for row in _CROCKFORD[digits]], dtype=object)
    check = (98 - (codes * 100) % 97).astype(int)
    return np.array(
        [f"https://ror.org/0{b}{c:02d}" for b, c in zip(body, check, strict=False)], dtype=object
    )


def _acronym(names: pd.Series) -> pd.Series:
    small = {"of", "de", "di", "the", "and", "for", "in", "degli", "studi", "i", "la"}
    return names.map(
        lambda s: "".join(
            w[0] for w in s.replace("-", " ").split() if w.lower() not in small and w[0].isalpha()
        ).upper()
    )


def _candidates(m, rng, city_weights, cities, countries) -> pd.DataFrame:
    """``m`` candidate institutes (names may repeat)."""
    kind = rng.choice(len(KINDS), size=m, p=KIND_SHARES / KIND_SHARES.sum())
    city = rng.choice(len(cities), size=m, p=city_weights)
    field = rng.integers(len(voc.FIELDS), size=m)
    surname = rng.integers(len(voc.SURNAMES), size=m)
    stem = rng.integers(len(voc.COMPANY_STEMS), size=m)
    stem2 = rng.integers(len(voc.COMPANY_STEMS), size=m)
    suffix = rng.integers(len(voc.COMPANY_SUFFIXES), size=m)
    pattern = rng.integers(6, size=m)
    saint = rng.integers(len(SAINTS), size=m)
    table = pd.DataFrame({"kind": np.array(KINDS, dtype=object)[kind], "city_id": city})
    table = table.join(cities.set_index("city_id"), on="city_id")
    lang = countries.loc[table["country_code"], "lang"].to_numpy()
    city_en, city_local = table["city"].to_numpy(), table["city_local"].to_numpy()
    cc_ = table["country_code"].to_numpy()
    region, country_name = (
        table["region"].to_numpy(),
        countries.loc[table["country_code"], "country_name"].to_numpy(),
    )
    fields = np.array(voc.FIELDS, dtype=object)[field]
    surnames = np.array(voc.SURNAMES, dtype=object)[surname]
    stems = np.array(voc.COMPANY_STEMS, dtype=object)[stem]
    stems2 = np.array(voc.COMPANY_STEMS, dtype=object)[stem2]
    suffixes = np.array(voc.COMPANY_SUFFIXES, dtype=object)[suffix]

    display, alias, label, label_lang = [], [], [], []
    for i in range(m):  # string formatting per candidate; no cross-product work
        k, p, c = KINDS[kind[i]], pattern[i], city_en[i]
        lab, lab_lang = "", ""
        if k == "university":
            d, a, lab, lab_lang = _university_names(
                p,
                c,
                city_local=city_local[i],
                lang=lang[i],
                region=region[i],
                country_code=cc_[i],
                surname=surnames[i],
                field=fields[i],
                saint=SAINTS[saint[i]],
            )
        elif k == "technical":
            d, a, lab, lab_lang = _technical_names(p, c, city_local=city_local[i], lang=lang[i])
        elif k == "institute":
            d, a = _institute_names(
                p,
                c,
                surname=surnames[i],
                field=fields[i],
                second_surname=SURNAMES2[saint[i] % len(SURNAMES2)],
            )
        elif k == "government":
            d, a = _government_names(p, c, fields[i])
        else:
            d, a = _company_names(k, p, stems[i], stems2[i], suffixes[i])
        display.append(d)
        alias.append(a)
        label.append(lab)
        label_lang.append(lab_lang)
    table["country_name"] = country_name
    table["display"] = display
    table["alias"] = alias
    table["label"] = label
    table["label_lang"] = label_lang
    return table


def _university_names(
    p: int,
    c: str,
    *,
    city_local: str,
    lang: str,
    region: str,
    country_code: str,
    surname: str,
    field: str,
    saint: str,
) -> tuple:
    """A university's display name, alias, local label and the label's language, by
    naming pattern ``p`` (0-5) and city ``c``."""
    lab, lab_lang = "", ""
    if p == 0:
        d, a = f"University of {c}", f"{c} University"
    elif p == 1:
        d, a = f"{c} University", f"University of {c}"
    elif p == 2:
        d, a = f"{surname} University", f"{surname} Univ."
    elif p == 3 and lang == "en" and c != region and country_code == "US":
        d, a = f"{region} State University", f"{region} State Univ."
    elif p == 3:
        d, a = f"{c} Metropolitan University", f"Metropolitan University of {c}"
    elif p == 4:
        d, a = f"{c} University of {field}", f"{c} Univ. of {field}"
    else:
        d, a = f"{saint} {surname} College", f"{surname} College"
    if lang in voc.LOCAL_UNIVERSITY and p < 2:
        lab, lab_lang = voc.LOCAL_UNIVERSITY[lang].format(city=city_local), lang
        if p == 1:  # the registry often displays the local name
            d, lab, lab_lang = lab, d, "en"
    return d, a, lab, lab_lang


def _technical_names(p: int, c: str, *, city_local: str, lang: str) -> tuple:
    """A technical university's display name, alias, local label and its language."""
    lab, lab_lang = "", ""
    if p in (0, 1):
        d, a = f"{c} Institute of Technology", f"{c} Tech"
    elif p == 2:
        d, a = f"{c} University of Technology", f"University of Technology {c}"
    elif p == 3:
        d, a = f"{c} Polytechnic University", f"Polytechnic of {c}"
    else:
        d, a = f"{c} Institute of Science and Technology", f"{c} Tech"
    if lang in voc.LOCAL_TECHNICAL:
        lab, lab_lang = voc.LOCAL_TECHNICAL[lang].format(city=city_local), lang
        if p == 1:
            d, lab, lab_lang = lab, d, "en"
    return d, a, lab, lab_lang


def _institute_names(p: int, c: str, *, surname: str, field: str, second_surname: str) -> tuple:
    """A research institute's display name and its abbreviated alias."""
    if p == 0:
        d = f"{surname} Institute for {field}"
    elif p == 1:
        d = f"{c} Institute of {field}"
    elif p == 2:
        d = f"{surname} Center for {field} Research"
    elif p == 3:
        d = f"{c} Research Centre for {field}"
    elif p == 4:
        d = f"{surname}-{second_surname} Institute of {field}"
    else:
        d = f"{c} {field} Laboratory"
    return d, d.replace("Institute", "Inst.").replace("Center", "Ctr.")


def _government_names(p: int, c: str, field: str) -> tuple:
    """A government laboratory's display name and alias."""
    if p in (0, 1):
        return (f"{c} National Laboratory for {field}", f"National Laboratory for {field}, {c}")
    return f"National Institute of {field}, {c}", f"{c} National Institute of {field}"


def _company_names(kind: str, p: int, stem: str, stem2: str, suffix: str) -> tuple:
    """A company's display name and its alias with a legal suffix."""
    if p == 0:
        d = f"{stem} {suffix}"
    elif p in (1, 2):
        d = f"{stem} {stem2} {suffix}"
    else:
        d = f"{stem}{stem2.lower()} {suffix}"
    return d, f"{d} Inc." if kind == "multinational" else f"{d} Ltd"


def institute_table(
    n: int, rng: np.random.Generator, city_weights: np.ndarray | None = None
) -> pd.DataFrame:
    """``n`` institutes with unique display names, their city, kind and name variants.

    Columns: ``kind, city_id, country_code, region, city, lat, lon, display, alias,
    acronym, label, label_lang, established``. ``city_weights`` (one per gazetteer city)
    sets where institutes are; by default the countries' weights spread over cities.
    """
    cities = gazetteer.cities()
    countries = gazetteer.countries().set_index("country_code")
    if city_weights is None:
        per_city = cities.groupby("country_code")["city_id"].transform("size")
        city_weights = (
            countries.loc[cities["country_code"], "weight"].to_numpy() / per_city.to_numpy()
        ) ** 0.6
    city_weights = np.asarray(city_weights, dtype=float) / np.sum(city_weights)

    # Draw candidates in batches, drop repeated names, keep the first n.
    tables, seen = [], 0
    for _ in range(30):
        batch = _candidates(int((n - seen) * 1.5) + 50, rng, city_weights, cities, countries)
        tables.append(batch)
        table = pd.concat(tables, ignore_index=True)
        table = table[~table["display"].duplicated()]
        seen = len(table)
        if seen >= n:
            break
    table = table.head(n).reset_index(drop=True)
    if len(table) < n:
        raise ValueError(f"could only make {len(table)} distinct institute names, {n} asked")
    table["acronym"] = _acronym(table["display"])
    table.loc[table["acronym"].str.len() < 2, "acronym"] = ""
    table["established"] = rng.integers(1850, 2015, size=len(table))
    # Institutes sit near their city's centre: jitter well inside the city's own cell.
    spread = _site_spread()[table["city_id"].to_numpy()]
    angle = rng.uniform(0, 2 * np.pi, size=len(table))
    radius = spread * np.sqrt(rng.uniform(0, 1, size=len(table)))
    table["lat"] = np.round(table["lat"] + radius * np.sin(angle), 5)
    table["lon"] = np.round(table["lon"] + radius * np.cos(angle), 5)
    return table


def _site_spread() -> np.ndarray:
    """For each city, a jitter radius (degrees) keeping points inside its Voronoi cell."""
    cities = gazetteer.cities()
    xy = cities[["lon", "lat"]].to_numpy()
    d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(d, np.inf)
    return np.minimum(0.3 * d.min(axis=1), 0.08)


def extra_locations(table: pd.DataFrame, rng: np.random.Generator) -> dict[int, list[int]]:
    """Further cities (in other countries) of each multinational, by table row."""
    cities = gazetteer.cities()
    out = {}
    for i in np.flatnonzero(table["kind"].to_numpy() == "multinational"):
        others = cities.index[cities["country_code"] != table.at[i, "country_code"]]
        k = int(rng.integers(2, 6))
        out[int(i)] = sorted(rng.choice(others, size=k, replace=False).tolist())
    return out


def ror_records(
    table: pd.DataFrame, ids: np.ndarray, extra: dict[int, list[int]], grid_ids: np.ndarray
) -> list[dict]:
    """ROR schema-v2 records, one per table row."""
    cities = gazetteer.cities().to_dict("records")
    country_names = gazetteer.countries().set_index("country_code")["country_name"].to_dict()
    records = []
    for i, row in enumerate(table.itertuples(index=False)):
        names = [
            {
                "value": row.display,
                "types": ["ror_display", "label"],
                "lang": "en" if not row.label or row.label_lang != "en" else None,
            }
        ]
        if row.alias and row.alias != row.display:
            names.append({"value": row.alias, "types": ["alias"], "lang": None})
        if row.acronym:
            names.append({"value": row.acronym, "types": ["acronym"], "lang": None})
        if row.label:
            names.append({"value": row.label, "types": ["label"], "lang": row.label_lang})
        locs = [(row.city_id, row.lat, row.lon)]
        locs += [(c, cities[c]["lat"], cities[c]["lon"]) for c in extra.get(i, [])]
        locations = []
        for city_id, lat, lon in locs:
            c = cities[city_id]
            locations.append(
                {
                    "geonames_id": int(2_000_000 + 137 * city_id),
                    "geonames_details": {
                        "continent_code": None,
                        "continent_name": None,
                        "country_code": c["country_code"],
                        "country_name": country_names[c["country_code"]],
                        "country_subdivision_code": None,
                        "country_subdivision_name": c["region"],
                        "lat": float(lat),
                        "lng": float(lon),
                        "name": c["city"],
                    },
                }
            )
        records.append(
            {
                "admin": {
                    "created": {"date": "2019-03-01", "schema_version": "1.0"},
                    "last_modified": {"date": "2024-05-01", "schema_version": "2.0"},
                },
                "domains": [],
                "established": int(row.established),
                "external_ids": [{"all": [grid_ids[i]], "preferred": grid_ids[i], "type": "grid"}],
                "id": ids[i],
                "links": [
                    {
                        "type": "website",
                        "value": "https://www."
                        + strip_accents(row.display)
                        .lower()
                        .replace(" ", "")
                        .replace(",", "")
                        .replace(".", "")[:24]
                        + ".org",
                    }
                ],
                "locations": locations,
                "names": names,
                "relationships": [],
                "status": "active",
                "types": [ROR_TYPES[row.kind]],
            }
        )
    return records


def grid_ids(n: int, rng: np.random.Generator) -> np.ndarray:
    """GRID-shaped ids (``grid.12345.6``), distinct."""
    base = rng.choice(np.arange(1000, 500_000), size=n, replace=False)
    check = rng.integers(0, 10, size=n)
    return np.array([f"grid.{b}.{c}" for b, c in zip(base, check, strict=False)], dtype=object)


def table_from_records(records: list[dict]) -> pd.DataFrame:
    """The columns noisy strings need, read back from ROR records."""
    rows = []
    for r in records:
        names = {t: n["value"] for n in r["names"] for t in n["types"] if t != "label"}
        labels = [
            n["value"]
            for n in r["names"]
            if "label" in n["types"] and "ror_display" not in n["types"]
        ]
        loc = r["locations"][0]["geonames_details"] if r["locations"] else {}
        rows.append(
            {
                "institute_id": r["id"],
                "display": names.get("ror_display", ""),
                "alias": names.get("alias", ""),
                "acronym": names.get("acronym", ""),
                "label": labels[0] if labels else "",
                "city": loc.get("name", ""),
                "country_code": loc.get("country_code", ""),
                "country_name": loc.get("country_name", ""),
            }
        )
    return pd.DataFrame(rows)


_ABBREVIATIONS = [
    ("University", "Univ."),
    ("Institute", "Inst."),
    ("Technology", "Tech."),
    ("Department", "Dept."),
    ("Laboratory", "Lab."),
    ("Research", "Res."),
    ("National", "Natl."),
    ("Sciences", "Sci."),
]


def _postcode(country_code: str, digits: np.ndarray, letters: np.ndarray) -> str:
    """A postcode in the country's pattern (``#`` a digit, ``A`` a letter), from ten drawn
    digits and ten drawn letter indices."""
    pattern = gazetteer.POSTCODE_PATTERNS.get(country_code, "#####")
    code, di, li = [], 0, 0
    for ch in pattern:
        if ch == "#":
            code.append(str(digits[di % 10]))
            di += 1
        elif ch == "A":
            code.append(chr(65 + letters[li % 10]))
            li += 1
        else:
            code.append(ch)
    return "".join(code)


def _typo(text: str, p: int, kind: int) -> str:
    """``text`` with one typo at position ``p``: a dropped (kind 0), swapped (1) or
    doubled (2) character."""
    if kind == 0:
        return text[:p] + text[p + 1 :]
    if kind == 1:
        return text[:p] + text[p + 1] + text[p] + text[p + 2 :]
    return text[:p] + text[p] + text[p:]


def noisy_strings(
    table: pd.DataFrame,
    rows: np.ndarray,
    rng: np.random.Generator,
    others: np.ndarray | None = None,
) -> np.ndarray:
    """One noisy raw affiliation string naming institute ``table.iloc[rows[j]]`` each.

    Noise, as in real bibliographic data: a department first, the city, a postcode, the
    country, a street address; alias, acronym or local label instead of the display
    name; reversed word order; abbreviations; accents dropped; a typo; all capitals.
    ``others`` (same length, -1 for none) names a second institute in the same string.
    """
    n = len(rows)
    t = table.iloc[rows]
    display, alias = t["display"].to_numpy(), t["alias"].to_numpy()
    acronym, label = t["acronym"].to_numpy(), t["label"].to_numpy()
    city, country = t["city"].to_numpy(), t["country_name"].to_numpy()
    cc = t["country_code"].to_numpy()
    u = rng.uniform(size=(n, 12))
    dept = rng.integers(len(voc.DEPARTMENTS), size=n)
    postcode_digits = rng.integers(0, 10, size=(n, 10))
    postcode_letters = rng.integers(0, 26, size=(n, 10))
    street_no = rng.integers(1, 300, size=n)
    street_name = rng.integers(len(voc.SURNAMES), size=n)
    typo_pos = rng.uniform(size=n)
    out = np.empty(n, dtype=object)
    for j in range(n):  # string surgery per string; cheap and independent
        name = display[j]
        r = u[j, 0]
        if r < 0.15 and alias[j]:
            name = alias[j]
        elif r < 0.22 and acronym[j]:
            name = acronym[j]
        elif r < 0.32 and label[j]:
            name = label[j]
        elif r < 0.36 and name.startswith("University of ") and "," not in name:
            name = name[len("University of ") :] + " University"
        if u[j, 1] < 0.15:
            for long, short in _ABBREVIATIONS:
                name = name.replace(long, short)
        parts = []
        if u[j, 2] < 0.5:
            parts.append(voc.DEPARTMENTS[dept[j]])
        parts.append(name)
        if u[j, 3] < 0.1:
            parts.append(f"{street_no[j]} {voc.SURNAMES[street_name[j]]} Street")
        if u[j, 4] < 0.6 and city[j] and city[j] not in name:
            place = city[j]
            if u[j, 5] < 0.3:
                code = _postcode(cc[j], postcode_digits[j], postcode_letters[j])
                place = f"{place} {code}" if u[j, 6] < 0.5 else f"{code} {place}"
            parts.append(place)
        if u[j, 7] < 0.5:
            parts.append(country[j] if u[j, 8] < 0.8 else cc[j])
        text = ", ".join(parts)
        if u[j, 9] < 0.3:
            text = strip_accents(text)
        if u[j, 10] < 0.08 and len(text) > 8:
            text = _typo(text, 1 + int(typo_pos[j] * (len(text) - 3)), int(u[j, 11] * 3))
        elif u[j, 11] < 0.03:
            text = text.upper()
        out[j] = text
    if others is not None:
        has = np.flatnonzero(others >= 0)
        if len(has):
            second = table["display"].to_numpy()[others[has]]
            out[has] = out[has] + "; " + second
    return out
