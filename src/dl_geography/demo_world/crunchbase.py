"""CrunchBase organisations in the bulk-export layout (``organizations.csv`` and
``organization_descriptions.csv``)."""

import numpy as np
import pandas as pd

from dl_geography.demo_world import gazetteer, text
from dl_geography.demo_world import vocabularies as voc

ORGS_FILE = "crunchbase/organizations.csv"
DESCRIPTIONS_FILE = "crunchbase/organization_descriptions.csv"
COLUMNS = [
    "uuid",
    "name",
    "type",
    "permalink",
    "cb_url",
    "rank",
    "created_at",
    "updated_at",
    "legal_name",
    "roles",
    "domain",
    "homepage_url",
    "country_code",
    "state_code",
    "region",
    "city",
    "address",
    "postal_code",
    "status",
    "short_description",
    "category_list",
    "category_groups_list",
    "num_funding_rounds",
    "total_funding_usd",
    "founded_on",
    "closed_on",
    "employee_count",
    "latitude",
    "longitude",
    "primary_role",
]
US_STATES = {
    "California": "CA",
    "Massachusetts": "MA",
    "New York": "NY",
    "Pennsylvania": "PA",
    "Illinois": "IL",
    "Texas": "TX",
    "Washington": "WA",
    "Georgia": "GA",
    "Maryland": "MD",
    "Michigan": "MI",
    "New Jersey": "NJ",
    "North Carolina": "NC",
    "Virginia": "VA",
    "District of Columbia": "DC",
    "Ohio": "OH",
    "Indiana": "IN",
    "Wisconsin": "WI",
    "Minnesota": "MN",
    "Colorado": "CO",
    "Arizona": "AZ",
    "Utah": "UT",
    "Oregon": "OR",
    "Florida": "FL",
    "Connecticut": "CT",
    "Rhode Island": "RI",
    "Tennessee": "TN",
    "Missouri": "MO",
    "Iowa": "IA",
    "Louisiana": "LA",
    "South Carolina": "SC",
    "Kentucky": "KY",
    "New Mexico": "NM",
    "Nebraska": "NE",
    "Kansas": "KS",
    "Oklahoma": "OK",
    "Alabama": "AL",
    "Delaware": "DE",
    "New Hampshire": "NH",
    "Vermont": "VT",
    "Hawaii": "HI",
    "Nevada": "NV",
}


def table(world, rng: np.random.Generator) -> pd.DataFrame:
    o = world.organizations
    n = len(o)
    cities = gazetteer.cities()
    a3 = gazetteer.countries().set_index("country_code")["adm0_a3"]
    c = cities.iloc[o["city_id"].to_numpy()]
    names = list(voc.SECTORS)
    groups = np.array([voc.SECTORS[k][0] for k in names] + [""], dtype=object)
    sec = np.stack(o["sectors"].to_numpy())
    category = text.join_codes(sec, names, ",")
    group_list = [",".join(dict.fromkeys(groups[row[row >= 0]])) for row in sec]
    slug = pd.Series(o["name"]).str.lower().str.replace(" ", "-", regex=False)
    slug = slug + np.where(
        slug.duplicated(keep="first"), "-" + pd.Series(np.arange(n)).astype(str), ""
    )
    founded = (
        o["founded_year"].astype(str)
        + "-"
        + o["month"].map("{:02d}".format)
        + "-"
        + o["day"].map("{:02d}".format)
    )
    status = rng.choice(
        ["operating", "closed", "acquired", "ipo"], size=n, p=[0.8, 0.1, 0.08, 0.02]
    )
    closed = np.where(
        status == "closed",
        (o["founded_year"] + rng.integers(1, 6, n)).clip(upper=2019).astype(str) + "-01-01",
        "",
    )
    desc = o["description"].to_numpy()
    short = np.array([d.split(". ")[0].rstrip(".") + "." if d else "" for d in desc], dtype=object)
    domain = slug.str.replace("-", "", regex=False) + ".com"
    out = pd.DataFrame(
        {
            "uuid": o["uuid"],
            "name": o["name"],
            "type": "organization",
            "permalink": slug,
            "cb_url": "https://www.crunchbase.com/organization/" + slug,
            "rank": rng.permutation(n) + 1,
            "created_at": "2015-03-0" + pd.Series(rng.integers(1, 10, n)).astype(str) + " 12:00:00",
            "updated_at": "2019-11-1" + pd.Series(rng.integers(0, 10, n)).astype(str) + " 08:30:00",
            "legal_name": np.where(rng.uniform(size=n) < 0.5, o["name"] + " Inc.", ""),
            "roles": np.where(rng.uniform(size=n) < 0.1, "company,investor", "company"),
            "domain": domain,
            "homepage_url": "https://www." + domain,
            "country_code": a3.loc[c["country_code"]].to_numpy(),
            "state_code": c["region"].map(US_STATES).fillna("").to_numpy(),
            "region": c["region"].to_numpy(),
            "city": c["city"].to_numpy(),
            "address": rng.integers(1, 400, n).astype(str) + " Main Street",
            "postal_code": rng.integers(10000, 99999, n).astype(str),
            "status": status,
            "short_description": short,
            "category_list": category,
            "category_groups_list": group_list,
            "num_funding_rounds": o["rounds"],
            "total_funding_usd": o["funding"],
            "founded_on": founded,
            "closed_on": closed,
            "employee_count": o["employees"],
            "latitude": o["lat"],
            "longitude": o["lon"],
            "primary_role": "company",
        }
    )
    return out[COLUMNS]


def write(world, out_dir, rng: np.random.Generator) -> list[dict]:
    orgs = table(world, rng)
    descriptions = pd.DataFrame(
        {"uuid": orgs["uuid"], "description": world.organizations["description"]}
    )
    # One organisation with an impossible founding date, for the ingestion report.
    bad = orgs.index[len(orgs) // 2]
    orgs.loc[bad, "founded_on"] = "2011-13-45"
    world.organizations.loc[bad, "bad_founded_on"] = True
    truth = [
        {"source": "crunchbase", "id": orgs.at[bad, "uuid"], "problem": "unparseable founded_on"}
    ]
    (out_dir / "crunchbase").mkdir(parents=True, exist_ok=True)
    orgs.to_csv(out_dir / ORGS_FILE, index=False, lineterminator="\n")
    descriptions.to_csv(out_dir / DESCRIPTIONS_FILE, index=False, lineterminator="\n")
    return truth
