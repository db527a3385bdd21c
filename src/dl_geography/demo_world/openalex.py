"""OpenAlex works as JSON lines, in the API's own work schema.

Published arXiv papers appear as journal or conference works; about a third of the
unpublished ones appear as a repository-only work (arXiv's own DataCite record). Some
works carry the arXiv DOI (``10.48550/arxiv.<id>``), some the journal DOI the arXiv record
also gives, most can be found only by title. Distractor works (not on arXiv) are mixed in.
OpenAlex names an institution (with its ROR id) for only some raw affiliation strings.
"""

from dataclasses import dataclass

import numpy as np

from dl_geography.demo_world import text
from dl_geography.demo_world import vocabularies as voc
from dl_geography.demo_world.serialise import dumps

FILE = "openalex/works.jsonl"
ARXIV_SOURCE = {
    "id": "https://openalex.org/S4306400194",
    "display_name": "arXiv (Cornell University)",
    "issn_l": None,
    "type": "repository",
    "host_organization_name": "Cornell University",
}


def venues() -> list[dict]:
    """Sixty journals and conferences, alternating."""
    out = []
    for i, field in enumerate(voc.FIELDS + voc.FIELDS + voc.FIELDS[:10]):
        if i % 2 == 0:
            name = f"IEEE Transactions on {field}" if i % 4 == 0 else f"Journal of {field} Research"
            kind = "journal"
        else:
            name = (
                f"Proceedings of the International Conference on {field}"
                if i % 4 == 1
                else f"Advances in {field} (Workshop Proceedings)"
            )
            kind = "conference"
        out.append(
            {
                "id": f"https://openalex.org/S{4210000000 + 37 * i}",
                "display_name": name,
                "issn_l": f"{1000 + i:04d}-{(7 * i) % 10000:04d}" if kind == "journal" else None,
                "type": kind,
                "host_organization_name": None,
            }
        )
    return out


def work_ids(n: int, rng: np.random.Generator) -> np.ndarray:
    nums = 1_000_000_000 + rng.choice(3_400_000_000, size=n, replace=False)
    return np.array([f"W{x}" for x in nums], dtype=object)


def write(world, out_dir, rng: np.random.Generator) -> list[dict]:
    """Write works.jsonl; return truth rows for malformed lines. Sets ``world.papers
    ['work_id']`` for papers with a work.

    Works of papers and distractor works are written in a random order, with one truncated
    line in the middle (the malformed line the ingestion reader must drop and count).
    """
    p = world.papers
    has_work = (p["published"] | p["repository_only"]).to_numpy()
    wp = np.flatnonzero(has_work)
    sh = world.settings["shares"]
    n_distract = round(sh["distractor_works"] * len(wp))
    ids = work_ids(len(wp) + n_distract, rng)
    p["work_id"] = ""
    p.loc[p.index[wp], "work_id"] = ids[: len(wp)]
    works = _works(world, wp, ids, rng)
    distractors = _distractors(ids[len(wp) :], works.venues, rng)
    order = rng.permutation(len(wp) + len(distractors))
    truth = [{"source": "openalex", "id": "W9999999999", "problem": "malformed JSON line"}]
    broken = '{"id": "https://openalex.org/W9999999999", "title": "Trun'
    path = out_dir / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        chunk = []
        for pos, k in enumerate(order):
            if pos == len(order) // 2:
                chunk.append(broken)
            chunk.append(_work_line(works, int(k)) if k < len(wp) else distractors[k - len(wp)])
            if len(chunk) >= 20_000:
                f.write("\n".join(chunk) + "\n")
                chunk = []
        if chunk:
            f.write("\n".join(chunk) + "\n")
    return truth


@dataclass
class _Works:
    """What a work line needs: the world's columns as arrays, the works' ids and venues,
    the OpenAlex institution of each institute, and three draws per paper."""

    wp: np.ndarray  # paper row of each work
    ids: np.ndarray  # work ids (papers' works first, then distractors)
    venues: list[dict]
    papers: dict
    authors: dict
    bounds: np.ndarray  # authors of paper i: rows bounds[i] to bounds[i + 1]
    affiliations: dict
    institutes: dict
    arxiv_loc: np.ndarray  # a published work also lists its arXiv location
    doi_none: np.ndarray  # a title-only work has no DOI
    mag: np.ndarray  # MAG id, kept for a third of published works


def _works(world, wp: np.ndarray, ids: np.ndarray, rng: np.random.Generator) -> _Works:
    """Gather the world's columns into a ``_Works`` and draw the per-paper choices."""
    p, a, aff, table = world.papers, world.authors, world.affiliations, world.institutes
    institutes = {
        c: table[c].to_numpy() for c in ["display", "institute_id", "country_code", "in_registry"]
    }
    institutes["openalex_id"] = np.array(
        [f"https://openalex.org/I{100000000 + 7919 * i}" for i in range(len(table))], dtype=object
    )
    institutes["ror_type"] = (
        table["kind"]
        .map(
            {
                "university": "education",
                "technical": "education",
                "institute": "facility",
                "government": "government",
                "company": "company",
                "multinational": "company",
            }
        )
        .to_numpy()
    )
    return _Works(
        wp=wp,
        ids=ids,
        venues=venues(),
        papers={
            c: p[c].to_numpy()
            for c in [
                "paper_id",
                "published",
                "link",
                "venue",
                "journal_doi",
                "work_title",
                "title",
                "pub_year",
                "pub_month",
                "pub_day",
                "year",
                "month",
                "day",
                "cited_by_count",
            ]
        },
        authors={c: a[c].to_numpy() for c in ["affiliation_row", "first", "last", "author_no"]},
        bounds=np.searchsorted(a["paper"].to_numpy(), np.arange(len(p) + 1)),
        affiliations={
            c: aff[c].to_numpy()
            for c in ["affiliation", "ror_given", "institute", "second_institute"]
        },
        institutes=institutes,
        arxiv_loc=rng.uniform(size=len(p)) < 0.5,
        doi_none=rng.uniform(size=len(p)) < 0.3,
        mag=rng.integers(10**9, 3 * 10**9, size=len(p)),
    )


def _institution(w: _Works, k: int) -> dict:
    """Institute ``k`` as an OpenAlex institution (no ROR id when it is not in the registry)."""
    t = w.institutes
    return {
        "id": t["openalex_id"][k],
        "display_name": t["display"][k],
        "ror": t["institute_id"][k] if t["in_registry"][k] else None,
        "country_code": t["country_code"][k],
        "type": t["ror_type"][k],
        "lineage": [t["openalex_id"][k]],
    }


def _record(w: _Works, i: int) -> dict:
    """Paper ``i``'s work: DOI, primary location, locations, title, date and citations.

    A published paper's work carries the arXiv DOI, the journal DOI or (title-only works)
    a DOI of its own or none; a repository-only work is arXiv's own record.
    """
    P = w.papers
    pid = P["paper_id"][i]
    arxiv_doi = f"https://doi.org/10.48550/arxiv.{pid.lower()}"
    arxiv_location = {
        "is_oa": True,
        "landing_page_url": f"https://arxiv.org/abs/{pid}",
        "pdf_url": f"https://arxiv.org/pdf/{pid}",
        "source": ARXIV_SOURCE,
        "license": None,
        "version": "submittedVersion",
    }
    if not P["published"][i]:
        return {
            "doi": arxiv_doi,
            "primary": arxiv_location,
            "locations": [arxiv_location],
            "title": P["title"][i].replace("\n  ", " "),
            "date": (P["year"][i], P["month"][i], P["day"][i]),
            "cited": int(P["cited_by_count"][i] // 3),
        }
    link = P["link"][i]
    venue = w.venues[int(P["venue"][i])]
    if link == "arxiv_doi":
        doi = arxiv_doi
    elif link == "journal_doi" or not w.doi_none[i]:
        # Title-only works have their own DOI, which the arXiv record lacks.
        doi = "https://doi.org/" + (
            P["journal_doi"][i] if link == "journal_doi" else f"10.{5000 + i % 900}/pub.{i}"
        )
    else:
        doi = None
    primary = {
        "is_oa": False,
        "landing_page_url": doi or f"https://example.org/{venue['type']}/{i}",
        "pdf_url": None,
        "source": venue,
        "license": None,
        "version": "publishedVersion",
    }
    return {
        "doi": doi,
        "primary": primary,
        "locations": [primary] + ([arxiv_location] if w.arxiv_loc[i] else []),
        "title": P["work_title"][i],
        "date": (P["pub_year"][i], P["pub_month"][i], P["pub_day"][i]),
        "cited": int(P["cited_by_count"][i]),
    }


def _authorships(w: _Works, i: int) -> list[dict]:
    """Paper ``i``'s authorships: each author's raw affiliation string and, when OpenAlex
    resolved it (``ror_given``), its institutions (a second one when the string names two)."""
    A, aff = w.authors, w.affiliations
    in_reg = w.institutes["in_registry"]
    authorships = []
    lo, hi = w.bounds[i], w.bounds[i + 1]
    for k in range(lo, hi):
        row = A["affiliation_row"][k]
        string = aff["affiliation"][row]
        insts = []
        if aff["ror_given"][row]:
            insts.append(_institution(w, aff["institute"][row]))
            second = aff["second_institute"][row]
            if second >= 0 and in_reg[second]:
                insts.append(_institution(w, second))
        position = "first" if k == lo else ("last" if k == hi - 1 else "middle")
        name = f"{A['first'][k]} {A['last'][k]}"
        authorships.append(
            {
                "author_position": position,
                "author": {
                    "id": f"https://openalex.org/A5{A['author_no'][k]:09d}",
                    "display_name": name,
                    "orcid": None,
                },
                "institutions": insts,
                "countries": sorted({x["country_code"] for x in insts}),
                "is_corresponding": k == lo,
                "raw_author_name": name,
                "raw_affiliation_strings": [string],
                "affiliations": [
                    {"raw_affiliation_string": string, "institution_ids": [x["id"] for x in insts]}
                ],
            }
        )
    return authorships


def _work_line(w: _Works, j: int) -> str:
    """The JSON line of work ``j`` (of paper ``w.wp[j]``)."""
    i = w.wp[j]
    record = _record(w, i)
    doi, title = record["doi"], record["title"]
    year, month, day = record["date"]
    published = w.papers["published"][i]
    wid = w.ids[j]
    id_block = {"openalex": f"https://openalex.org/{wid}"}
    if doi:
        id_block["doi"] = doi
    if published and w.mag[i] % 3 == 0:
        id_block["mag"] = str(w.mag[i])
    return dumps(
        {
            "id": f"https://openalex.org/{wid}",
            "doi": doi,
            "title": title,
            "display_name": title,
            "publication_year": int(year),
            "publication_date": f"{int(year)}-{int(month):02d}-{int(day):02d}",
            "ids": id_block,
            "language": "en",
            "primary_location": record["primary"],
            "type": "article" if published else "preprint",
            "authorships": _authorships(w, i),
            "cited_by_count": record["cited"],
            "locations_count": len(record["locations"]),
            "locations": record["locations"],
        },
        ensure_ascii=True,
    )


def _distractors(ids: np.ndarray, vs: list[dict], rng: np.random.Generator) -> list[str]:
    """Works not on arXiv (other fields), to keep title matching honest."""
    n = len(ids)
    if n == 0:
        return []
    lists = [voc.phrases(v) for v in voc.NON_CS.values()]
    primary = rng.integers(0, len(lists), n)
    titles, _ = text.titles(lists, primary, np.zeros(n, bool), rng)
    years = rng.integers(2007, 2020, n)
    out = []
    for k in range(n):
        venue = vs[int(rng.integers(0, len(vs)))]
        loc = {
            "is_oa": False,
            "landing_page_url": f"https://example.org/w/{ids[k]}",
            "pdf_url": None,
            "source": venue,
            "license": None,
            "version": "publishedVersion",
        }
        out.append(
            dumps(
                {
                    "id": f"https://openalex.org/{ids[k]}",
                    "doi": None,
                    "title": titles[k],
                    "display_name": titles[k],
                    "publication_year": int(years[k]),
                    "publication_date": f"{int(years[k])}-06-01",
                    "ids": {"openalex": f"https://openalex.org/{ids[k]}"},
                    "language": "en",
                    "primary_location": loc,
                    "type": "article",
                    "authorships": [],
                    "cited_by_count": int(rng.integers(0, 50)),
                    "locations_count": 1,
                    "locations": [loc],
                },
                ensure_ascii=True,
            )
        )
    return out
