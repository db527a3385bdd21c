"""Small hand-built raw inputs, in each source's own format, with known defects, and the
report look-up the reader tests share."""

import json

import geopandas as gpd
import pandas as pd
from shapely.geometry import Polygon, box


def dropped(report: pd.DataFrame, reason: str) -> tuple[int, str]:
    """The count and examples of the one ``dropped`` report row with this reason."""
    row = report.loc[(report["outcome"] == "dropped") & (report["reason"] == reason)]
    assert len(row) == 1, reason
    return int(row["count"].iloc[0]), str(row["examples"].iloc[0])


def lines(*items) -> pd.DataFrame:
    """The JSONLinesDataset shape: dicts are dumped, strings kept as raw text."""
    text = [json.dumps(i) if isinstance(i, dict) else i for i in items]
    return pd.DataFrame({"line_number": range(1, len(text) + 1), "line": text})


def snapshot_record(paper_id="1703.01234", **overrides) -> dict:
    record = {
        "id": paper_id,
        "submitter": "A. Author",
        "authors": "A. Author, B. Author and C. Author",
        "title": "Deep  learning\n for maps",
        "comments": "10 pages",
        "journal-ref": "J. Maps 1 (2017)",
        "doi": "10.1000/ABC.1",
        "report-no": None,
        "categories": "cs.LG stat.ML",
        "license": None,
        "abstract": "  We learn\n deep maps.  ",
        "versions": [
            {"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"},
            {"version": "v2", "created": "Tue, 3 Apr 2007 10:00:00 GMT"},
        ],
        "update_date": "2007-04-03",
        "authors_parsed": [["Author", "A.", ""], ["Author", "B.", ""], ["Author", "C.", ""]],
    }
    record.update(overrides)
    return record


def daily_record(paper_id="2503.11731", **overrides) -> dict:
    record = {
        "id": paper_id,
        "listing_date": "2025-03-18",
        "title": "Splatting sensors",
        "abstract": "Sensor simulation.",
        "authors": ["Xianming Zeng", "Sicong Du"],
        "categories": ["cs.CV", "cs.RO"],
        "comment": None,
        "journal_ref": None,
        "doi": "https://doi.org/10.1109/X.2",
        "author_affiliations": None,
    }
    record.update(overrides)
    return record


def openalex_work(work_id="W1", **overrides) -> dict:
    work = {
        "id": f"https://openalex.org/{work_id}",
        "doi": "https://doi.org/10.1000/ABC.1",
        "title": "Deep learning for maps",
        "display_name": "Deep Learning for Maps",
        "publication_date": "2017-06-01",
        "publication_year": 2017,
        "cited_by_count": 12,
        "primary_location": {"source": {"type": "journal"}},
        "locations": [
            {"source": {"type": "journal"}, "landing_page_url": "https://x.org/1"},
            {
                "source": {"type": "repository"},
                "landing_page_url": "https://arxiv.org/abs/1703.01234v2",
            },
            {"source": None},
        ],
        "ids": {"openalex": f"https://openalex.org/{work_id}"},
        "authorships": [
            {
                "author_position": "first",
                "author": {"display_name": "Ann One"},
                "raw_affiliation_strings": ["Dept of CS, University of Oxford, UK"],
                "institutions": [
                    {
                        "id": "https://openalex.org/I40120149",
                        "ror": "https://ror.org/052gg0110",
                        "display_name": "University of Oxford",
                        "country_code": "GB",
                    }
                ],
            },
            {
                "author_position": "middle",
                "author": {"display_name": "Bo Two"},
                "raw_affiliation_strings": ["MIT, Cambridge MA", "Google, Mountain View"],
                "institutions": [
                    {"id": "https://openalex.org/I63966007", "ror": "https://ror.org/042nb2s44"},
                    {"id": "https://openalex.org/I1291425158", "ror": "https://ror.org/00njsd438"},
                ],
                "affiliations": [
                    {
                        "raw_affiliation_string": "Google, Mountain View",
                        "institution_ids": ["https://openalex.org/I1291425158"],
                    }
                ],
            },
            {
                "author_position": "middle",
                "author": {"display_name": "Cy Three"},
                "raw_affiliation_strings": ["Lab A", "Lab B"],
                "institutions": [{"id": "https://openalex.org/I9", "ror": None}],
            },
            {
                "author_position": "last",
                "author": {"display_name": "Di Four"},
                "raw_affiliation_strings": [],
                "institutions": [],
            },
        ],
    }
    work.update(overrides)
    return work


def ror_record(ror_id="https://ror.org/052gg0110", **overrides) -> dict:
    record = {
        "id": ror_id,
        "names": [
            {"value": "University of Oxford", "types": ["ror_display", "label"], "lang": "en"},
            {"value": "Oxford University", "types": ["alias"], "lang": None},
            {"value": "Universitas Oxoniensis", "types": ["label"], "lang": "la"},
        ],
        "locations": [
            {
                "geonames_id": 2640729,
                "geonames_details": {
                    "lat": 51.75222,
                    "lng": -1.25596,
                    "name": "Oxford",
                    "country_code": "GB",
                    "country_name": "United Kingdom",
                    "country_subdivision_name": "England",
                },
            }
        ],
        "types": ["education", "funder"],
        "status": "active",
        "external_ids": [
            {"type": "grid", "all": ["grid.4991.5"], "preferred": "grid.4991.5"},
            {"type": "isni", "all": ["0000 0004 1936 8948"], "preferred": None},
        ],
    }
    record.update(overrides)
    return record


def multinational_record() -> dict:
    return ror_record(
        "https://ror.org/00njsd438",
        names=[
            {"value": "Google", "types": ["ror_display"], "lang": None},
            {"value": "GOOG", "types": ["acronym"], "lang": None},
        ],
        locations=[
            {
                "geonames_id": 5375480,
                "geonames_details": {
                    "lat": 37.4,
                    "lng": -122.08,
                    "name": "Mountain View",
                    "country_code": "US",
                    "country_name": "United States",
                    "country_subdivision_name": "California",
                },
            },
            {
                "geonames_id": 2643743,
                "geonames_details": {
                    "lat": 51.5,
                    "lng": -0.12,
                    "name": "London",
                    "country_code": "GB",
                    "country_name": "United Kingdom",
                    "country_subdivision_name": "England",
                },
            },
        ],
        types=["company"],
        external_ids=[],
    )


GRID_CSV = """"ID",Name,City,State,Country
grid.4991.5,University of Oxford,Oxford,,United Kingdom
grid.116068.8,Massachusetts Institute of Technology,Cambridge,Massachusetts,United States
grid.5335.0,University of Cambridge,Cambridge,,United Kingdom
grid.4367.6,Washington University in St. Louis,St Louis,Missouri,United States
grid.999.1,Nowhere Institute,Atlantis,,United States
"""


def write_grid_release(root, with_addresses=False):
    """A GRID release folder (grid.csv + full_tables/) under ``root``; returns its path."""
    release = root / "grid_release"
    (release / "full_tables").mkdir(parents=True)
    (release / "grid.csv").write_text(GRID_CSV)
    tables = release / "full_tables"
    (tables / "aliases.csv").write_text("grid_id,alias\ngrid.4991.5,Oxford University\n")
    (tables / "acronyms.csv").write_text("grid_id,acronym\ngrid.116068.8,MIT\ngrid.999.1,NA\n")
    (tables / "types.csv").write_text(
        "grid_id,type\ngrid.4991.5,Education\ngrid.116068.8,Education\n"
    )
    if with_addresses:
        (tables / "addresses.csv").write_text(
            "grid_id,lat,lng,city,state,country,country_code,primary\n"
            "grid.4991.5,51.75,-1.25,Oxford,,United Kingdom,GB,true\n"
            "grid.116068.8,42.36,-71.09,Cambridge,Massachusetts,United States,US,true\n"
        )
    return release


PLACES = pd.DataFrame(
    {
        "lat": ["51.75222", "52.2", "42.3751", "43.0", "38.62727"],
        "lon": ["-1.25596", "0.11667", "-71.10561", "-84.0", "-90.19789"],
        "name": ["Oxford", "Cambridge", "Cambridge", "Cambridge", "St. Louis"],
        "admin1": ["England", "England", "Massachusetts", "Ohio", "Missouri"],
        "admin2": [None, None, None, None, None],
        "cc": ["GB", "GB", "US", "US", "US"],
    }
)

BOWTIE = Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])  # self-intersecting


def admin1_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "adm1_code": ["GBR-1", "GBR-2", None, "FRA-1", "XXX-9"],
            "name": ["England", "Scotland", "California", "Bretagne", "Broken"],
            "admin": ["United Kingdom", "United Kingdom", None, "France", "Nowhere"],
            "adm0_a3": ["GBR", "GBR", "USA", "FRA", "XXX"],
            "iso_a2": ["GB", "GB", None, "-99", "-99"],
        },
        geometry=[box(-5, 50, 1, 55), BOWTIE, box(-124, 32, -114, 42), box(-5, 47, -1, 49), None],
        crs="EPSG:4326",
    )


def admin0_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "ADM0_A3": ["GBR", "FRA", "KOS"],
            "ISO_A2": ["GB", "-99", "-99"],
            "NAME": ["United Kingdom", "France", "Kosovo"],
        },
        geometry=[box(-8, 50, 2, 59), box(-5, 42, 8, 51), box(20, 42, 21, 43)],
        crs="EPSG:4326",
    )


CRUNCHBASE_BULK = pd.DataFrame(
    {
        "uuid": ["u1", "u2", "u2", None],
        "name": ["DeepCo", "MapCo", "MapCo again", "Nameless"],
        "short_description": ["Deep learning.", "Maps.", "x", "y"],
        "category_list": ["Artificial Intelligence,Machine Learning", None, None, None],
        "category_groups_list": ["Data and Analytics", None, None, None],
        "founded_on": ["2014-05-01", "bad date", None, None],
        "country_code": ["GBR", "ZZZ", "USA", "USA"],
        "region": ["England", None, None, None],
        "city": ["London", None, None, None],
        "latitude": ["51.5", None, None, None],
        "longitude": ["-0.12", None, None, None],
    }
)
CRUNCHBASE_DESCRIPTIONS = pd.DataFrame(
    {"uuid": ["u1"], "description": ["DeepCo builds\n deep nets."]}
)
CRUNCHBASE_2013 = (
    "permalink,name,category_code,funding_total_usd,status,country_code,"
    "state_code,region,city,funding_rounds,founded_at,founded_month,"
    "founded_quarter,founded_year,first_funding_at,last_funding_at,"
    "last_milestone_at\r/company/waywire,#waywire,news,1750000,operating,USA,"
    "NY,New York,New York,1,2012-06-01,2012-06,2012-Q2,2012,2012-06-30,"
    "2012-06-30,2013-09-06\r/company/caf\xe9,Caf\xe9 Inc,software,,operating,"
    "USA,CA,SF Bay,San Francisco,1,,,,,,,\r"
)
